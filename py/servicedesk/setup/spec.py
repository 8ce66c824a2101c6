"""What the setup wizard creates: names, codes, labels, and the admin's choices (``SetupInput``)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model.settings import DEFAULT_UF_CHAT, DEFAULT_UF_MESSAGE, PROGRESS_KEY  # noqa: F401 - the wizard reads it here
from ..texts import both

VERSION = "1.0.0"
BOT_CODE = "servicedesk"
BOT_TYPE = "openline"               # bots/index.md: isSupportOpenline is for a bot of type openline
GROUP_KEYWORD = "servicedesk"       # KEYWORDS of the support group: how a re-run or a second admin finds it
HOLD_SECONDS = 60                   # the Open Line's welcome bot hands over to an operator after this
NAME_MAX = 255                      # group and chat titles
GREETING_MAX = 1000

# the texts are the setup_spec_* of servicedesk.texts
BOT_PROPERTIES = {lang: {"name": "ServiceDesk", "workPosition": text}
                  for lang, text in both("setup_spec_bot_position").items()}
COMMANDS = tuple((command, both(f"setup_spec_command_{command}")) for command in ("status", "openline_task_create"))
TASK_FIELDS = tuple((name, both(f"setup_spec_field_{name}")) for name in (DEFAULT_UF_MESSAGE, DEFAULT_UF_CHAT))
# widgets/im/context-menu.md, textarea.md: context CHAT = group chats (the support chat), LINES = Open
# Line chats; role USER = every employee (rights are checked by the app itself); IM_TEXTAREA requires
# iconName (Font Awesome 4). IMMOBILE_CONTEXT_MENU is not bound: widgets/mobile-app.md opens it as a
# page of its own, its data (auth, dialogId) only in a POST body, which a static page cannot read; on
# a phone the bot's commands do it (docs/decisions.md, decisions 80–93).
_CHAT_OPTIONS = {"context": "CHAT;LINES", "role": "USER", "extranet": "N"}
PLACEMENTS = (
    ("IM_CONTEXT_MENU", both("setup_spec_placement_IM_CONTEXT_MENU"), _CHAT_OPTIONS),
    ("IM_TEXTAREA", both("setup_spec_placement_IM_TEXTAREA"),
     {**_CHAT_OPTIONS, "iconName": "fa-ticket", "color": "AZURE", "width": 100, "height": 100}),
)
GREETING = both("setup_spec_greeting")
STEPS = ("check", "group", "members", "bot", "fields", "chat", "openline", "placements", "settings")


@dataclass
class SetupInput:
    """The admin's choices in the wizard. ``chat_id`` None = create a new chat titled ``chat_title``."""
    group_name: str
    manager_id: int | None
    specialist_ids: list[int] = field(default_factory=list)
    chat_id: int | None = None
    chat_title: str = ""
    openline_id: int | None = None
    greeting: str = ""
    time_zone: str = "UTC"
    handler: str = ""               # the app's own URL (the placements' handler)
    lang: str = "ru"
    sla: dict = field(default_factory=dict)   # the SLA form (model.sla.validate_sla); empty = 24/7, no targets

    def cleaned(self) -> "SetupInput":
        """Names stripped, the manager left out of the specialists, duplicates dropped."""
        specs = list(dict.fromkeys(int(u) for u in self.specialist_ids if int(u) != (self.manager_id or 0)))
        return SetupInput(self.group_name.strip(), self.manager_id, specs, self.chat_id,
                          (self.chat_title or self.group_name).strip(), self.openline_id,
                          (self.greeting or GREETING.get(self.lang, GREETING["ru"])).strip(),
                          self.time_zone.strip(), self.handler.strip(), self.lang, dict(self.sla or {}))
