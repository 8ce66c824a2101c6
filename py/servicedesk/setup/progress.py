"""The wizard's progress, kept in the app option ``setup_progress`` (a JSON string) as it goes.

It lets a re-run resume (the ids already created), tells a second admin that someone is setting
up the desk right now, and gives employees the admin's name while the desk is not set up. Only an
admin may write app options; everyone may read them.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime

from ..model.settings import setup_admin_name  # noqa: F401 - moved to model, kept importable here
from ..model.values import json_text
from ..rest import RestClient
from .spec import PROGRESS_KEY

FRESH_SECONDS = 120     # a running wizard that wrote nothing for this long is taken to have stopped


@dataclass
class Progress:
    run: str = ""                   # the wizard run that owns the setup now
    admin_id: int = 0
    admin_name: str = ""
    state: str = ""                 # opened | running | failed | done
    updated: str = ""               # portal time (ISO 8601) of the last write
    group_id: int | None = None
    bot_id: int | None = None
    chat_id: int | None = None
    step: str = ""                  # the step that failed, if one did
    error: str = ""
    inputs: dict = field(default_factory=dict)
    forced: bool = False            # the run took over another admin's fresh run ("take over")

    @classmethod
    def parse(cls, raw) -> "Progress | None":
        """From the option's value (a JSON string, or a dict on portals that keep arrays)."""
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except ValueError:
                return None
        if not isinstance(raw, dict):
            return None
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})

    def dump(self) -> str:
        return json_text(asdict(self))

    def fresh(self, now: datetime | None) -> bool:
        """Written less than FRESH_SECONDS before ``now`` (portal time)."""
        try:
            then = datetime.fromisoformat(self.updated)
        except (TypeError, ValueError):
            return False
        return now is not None and abs((now - then).total_seconds()) < FRESH_SECONDS


def from_options(options: dict | None) -> Progress | None:
    """The progress inside already-read app options (``AppContext.settings``)."""
    return Progress.parse((options or {}).get(PROGRESS_KEY))


async def load(client: RestClient) -> Progress | None:
    return Progress.parse(await client.call("app.option.get", {"option": PROGRESS_KEY}))


async def save(client: RestClient, progress: Progress, extra: dict | None = None) -> None:
    """Write ``progress`` (stamped with the portal's time), with ``extra`` options in the same call."""
    now = client.portal_time()
    progress.updated = now.isoformat() if now else progress.updated
    await client.call("app.option.set", {"options": {PROGRESS_KEY: progress.dump(), **(extra or {})}})


