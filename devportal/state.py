"""The in-memory portal: every entity devportal serves, as plain dataclasses.

This is the one schema shared by the REST emulator (``devportal.methods``), the demo-data
generator (``devportal.demo``) and the tests. Times are timezone-aware ``datetime`` values;
ids are ints (the REST layer turns them into the strings Bitrix24 sends where it does so).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone


# calendar.settings.get's working-time keys as a new portal has them (calendar-settings-get.md's example)
DEFAULT_CALENDAR = {"work_time_start": "9", "work_time_end": "19", "year_holidays": "", "year_workdays": "",
                    "week_holidays": ["SA", "SU"], "week_start": "MO"}


@dataclass
class User:
    id: int
    name: str
    last_name: str = ""
    email: str = ""
    work_position: str = ""
    departments: list[int] = field(default_factory=list)
    is_admin: bool = False
    active: bool = True
    bot: bool = False              # chat bots are users too (their messages are ignored by the metrics)
    photo: str = ""                # avatar URL ("" = none)
    lang: str = "ru"
    time_zone: str = "Europe/Moscow"
    external_auth_id: str = ""     # Bitrix24's EXTERNAL_AUTH_ID: "bot", "imconnector" (Open Line client), "" staff


@dataclass
class Department:
    id: int
    name: str
    parent: int | None = None
    head: int | None = None


@dataclass
class Group:
    """A workgroup (sonet_group). ``members`` maps user id -> role: A owner, E moderator, K member."""
    id: int
    name: str
    owner_id: int
    description: str = ""
    visible: bool = True
    opened: bool = True
    project: bool = False
    members: dict[int, str] = field(default_factory=dict)
    date_create: datetime | None = None
    keywords: str = ""             # KEYWORDS: comma-separated


@dataclass
class Chat:
    """A chat. type: 'chat' (closed group chat), 'open', 'private' (1:1), 'lines' (an Open Line chat)."""
    id: int
    title: str
    type: str = "chat"
    owner_id: int = 0
    members: list[int] = field(default_factory=list)
    entity_type: str = ""          # "LINES" for Open Line chats
    entity_id: str = ""
    date_create: datetime | None = None


@dataclass
class Message:
    id: int
    chat_id: int
    author_id: int                 # 0 = system
    date: datetime
    text: str
    is_system: bool = False
    params: dict = field(default_factory=dict)   # e.g. {"IS_DELETED": "Y"}, {"FILE_ID": [..]}
    uuid: str = ""                 # the message's uuid (entities.md); a bot's send sets it from templateId
    answer_to: int = 0             # devportal's own note (no method shows it): the command a Command.answer answered


@dataclass
class ChatFile:
    """A file a bot uploaded to a chat (imbot.v2.File.upload; entities.md#file); ``content`` is its
    Base64 text as sent (the portal's disk is not modelled)."""
    id: int
    chat_id: int
    name: str
    content: str
    size: int
    author_id: int
    date: datetime | None = None

    @property
    def extension(self) -> str:
        return self.name.rpartition(".")[2].lower() if "." in self.name else ""


@dataclass
class OpenLine:
    """An Open Line configuration (imopenlines.config.*)."""
    id: int
    line_name: str
    active: bool = True
    queue: list[int] = field(default_factory=list)
    welcome_bot_enable: bool = False
    welcome_bot_id: int = 0
    welcome_bot_time: int = 60
    welcome_bot_left: str = "queue"         # WELCOME_BOT_LEFT: "queue" (leave on hand-over) | "close"
    welcome_message: bool = True
    welcome_message_text: str = ""
    kpi_first_answer_time: int = 0          # seconds; 0 = not set (imopenlines.config.get KPI_FIRST_ANSWER_TIME)
    report_users: list[int] = field(default_factory=list)   # granted the line's statistics (and CRM read)


@dataclass
class OLSession:
    """One Open Line session (one client dialogue). status: 'new', 'work', 'closed', 'spam'."""
    id: int
    config_id: int
    chat_id: int
    user_id: int                   # the client (an external user)
    operator_id: int = 0
    source: str = "livechat"
    status: str = "new"
    close_reason: str | None = None
    date_create: datetime | None = None
    date_first_answer: datetime | None = None      # first answer by anyone (the welcome bot included)
    date_operator_answer: datetime | None = None   # first answer by a human operator
    date_close: datetime | None = None
    vote: int = 0
    crm_activity_id: int = 0
    vote_head: int = 0             # the supervisor's rating 1-5 (0 = none): session.history.get sessionVoteHead
    comment_head: str | None = None


@dataclass
class Task:
    """A task. status: 2 pending, 3 in progress, 4 supposedly completed, 5 completed, 6 deferred."""
    id: int
    title: str
    created_by: int
    responsible_id: int
    created_date: datetime
    description: str = ""
    group_id: int = 0
    status: int = 2
    accomplices: list[int] = field(default_factory=list)
    auditors: list[int] = field(default_factory=list)
    changed_date: datetime | None = None
    closed_date: datetime | None = None
    deadline: datetime | None = None
    priority: int = 1              # 2 high, 1 medium (default), 0 low
    uf: dict[str, str | None] = field(default_factory=dict)   # "UF_SD_MESSAGE_ID" -> value
    # status changes as tasks.task.history.list shows them: {"date", "field": "NEW"|"STATUS", "from", "to", "user_id"}
    history: list[dict] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)   # TAGS (tasks.task.update); changes go to ``history``


@dataclass
class TaskUserField:
    id: int
    field_name: str
    user_type_id: str = "string"
    labels: dict[str, str] = field(default_factory=dict)
    xml_id: str = ""


@dataclass
class Bot:
    """An imbot.v2 bot; it is also a User with ``bot=True`` and the same id."""
    id: int
    code: str
    type: str = "bot"
    event_mode: str = "fetch"
    app_id: str = ""
    properties: dict = field(default_factory=dict)
    commands: list[dict] = field(default_factory=list)


@dataclass
class BotEvent:
    event_id: int
    bot_id: int
    type: str                      # ONIMBOTV2MESSAGEADD, ONIMBOTV2COMMANDADD, ...
    date: datetime
    data: dict = field(default_factory=dict)


@dataclass
class Placement:
    placement: str
    handler: str
    title: str = ""
    description: str = ""
    options: dict = field(default_factory=dict)
    user_id: int = 0                                      # placement-bind.md USER_ID (background worker only)
    lang_all: dict = field(default_factory=dict)          # LANG_ALL: {lang: {TITLE, DESCRIPTION, GROUP_NAME}}
    group_name: str = ""


@dataclass
class CrmType:
    """A smart process (crm.type.*): ``id`` is the type's own id (``CRM_{id}`` for its user fields),
    ``entity_type_id`` the one items, categories and stages use. ``flags`` holds the isXxxEnabled "Y"/"N"."""
    id: int
    entity_type_id: int
    title: str
    created_by: int
    created: datetime
    code: str = ""
    flags: dict[str, str] = field(default_factory=dict)
    readers: list[int] = field(default_factory=list)   # granted read/change of every item (a CRM role)
    relations: dict[str, list] = field(default_factory=lambda: {"parent": [], "child": []})
    linked: dict[str, str] = field(default_factory=dict)   # linkedUserFields "Y"/"N"


@dataclass
class CrmCategory:
    """A pipeline of a smart process (crm.category.*)."""
    id: int
    entity_type_id: int
    name: str
    sort: int = 500
    is_default: bool = False


@dataclass
class CrmStatus:
    """One stage (crm.status.*): ``entity_id`` DYNAMIC_{entityTypeId}_STAGE_{categoryId}, ``status_id``
    DT{entityTypeId}_{categoryId}:CODE, ``semantics`` "" in progress, "S" success, "F" failure."""
    id: int
    entity_id: str
    status_id: str
    name: str
    sort: int = 10
    semantics: str = ""
    color: str = "#39A8EF"
    system: bool = False
    category_id: int | None = None


@dataclass
class CrmUserField:
    """A user field of a smart process (userfieldconfig.*, entityId CRM_{type id})."""
    id: int
    entity_id: str
    field_name: str
    user_type_id: str = "string"
    labels: dict[str, str] = field(default_factory=dict)
    xml_id: str | None = None
    sort: int = 100
    multiple: str = "N"
    mandatory: str = "N"
    settings: dict = field(default_factory=dict)
    enum: list[dict] = field(default_factory=list)      # enumeration's variants (userfieldconfig-add.md)


@dataclass
class CrmItem:
    """An item of a smart process (crm.item.*). ``uf`` maps original names (UF_CRM_7_...) to values."""
    id: int
    entity_type_id: int
    title: str
    category_id: int
    stage_id: str
    created_by: int
    assigned_by_id: int
    created_time: datetime
    updated_time: datetime | None = None
    moved_time: datetime | None = None
    moved_by: int = 0
    previous_stage_id: str = ""
    opened: str = "N"
    observers: list[int] = field(default_factory=list)
    closedate: datetime | None = None     # the planned close date (never the real one)
    source_description: str | None = None
    uf: dict[str, object] = field(default_factory=dict)


@dataclass
class CrmStageEvent:
    """One row of crm.stagehistory.list: TYPE_ID 1 created, 2 to an intermediate stage, 3 to a final one,
    5 pipeline changed; ``semantic`` P / S / F."""
    id: int
    entity_type_id: int
    type_id: int
    owner_id: int
    created: datetime
    category_id: int
    stage_id: str
    semantic: str


@dataclass
class Portal:
    """The whole portal. Collections are keyed by id; ``next_id`` hands out fresh ids per kind."""
    domain: str = "devportal.local"
    member_id: str = "devportal0000000000000000000000"
    time_zone: str = "Europe/Moscow"
    now: datetime = field(default_factory=lambda: datetime(2026, 11, 25, 9, 0, tzinfo=timezone.utc))
    users: dict[int, User] = field(default_factory=dict)
    departments: dict[int, Department] = field(default_factory=dict)
    groups: dict[int, Group] = field(default_factory=dict)
    chats: dict[int, Chat] = field(default_factory=dict)
    messages: dict[int, Message] = field(default_factory=dict)
    files: dict[int, ChatFile] = field(default_factory=dict)     # imbot.v2.File.upload
    entities: dict = field(default_factory=dict)         # "app|ENTITY" -> the app's data storage (entity.*)
    command_tokens: dict = field(default_factory=dict)   # "bot:message:command" -> [chat, dialogId]
    openlines: dict[int, OpenLine] = field(default_factory=dict)
    sessions: dict[int, OLSession] = field(default_factory=dict)
    tasks: dict[int, Task] = field(default_factory=dict)
    task_fields: dict[int, TaskUserField] = field(default_factory=dict)
    bots: dict[int, Bot] = field(default_factory=dict)
    events: list[BotEvent] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    app_options: dict[str, object] = field(default_factory=dict)
    calendar: dict[str, object] = field(default_factory=lambda: dict(DEFAULT_CALENDAR))   # calendar.settings.get
    user_options: dict[int, dict[str, object]] = field(default_factory=dict)   # user id -> user.option.*
    history_limit_days: int | None = None   # plan hides chat history older than this (None = no limit)
    # tasks.task.list honours filter keys its page does not document (MEMBER, UF_*): the old lenient
    # behaviour, only for a test that needs it (never the demo); by default they are ignored
    lenient_filters: bool = False
    crm_admins: list[int] = field(default_factory=list)   # CRM admins besides the portal's admins
    crm_type_limit: int | None = None        # the plan's smart-process cap (None = none)
    crm_types: dict[int, CrmType] = field(default_factory=dict)
    crm_categories: dict[int, CrmCategory] = field(default_factory=dict)
    crm_statuses: dict[int, CrmStatus] = field(default_factory=dict)
    crm_fields: dict[int, CrmUserField] = field(default_factory=dict)
    crm_items: dict[int, CrmItem] = field(default_factory=dict)
    crm_history: list[CrmStageEvent] = field(default_factory=list)
    # the plan has Open Line reports (imopenlines.v2.Session.list); False: 403 TARIFF_RESTRICTION
    openline_reports: bool = True
    next_id: dict[str, int] = field(default_factory=dict)

    def new_id(self, kind: str, start: int = 1) -> int:
        """A fresh id for ``kind`` ("task", "message", ...), above every id already used."""
        n = self.next_id.get(kind, start)
        self.next_id[kind] = n + 1
        return n

    def to_json(self) -> str:
        """A canonical JSON dump (sorted keys, ISO dates): equal portals give equal bytes."""
        return json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, default=_iso)


def _iso(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")
