"""One wizard run: the client, the admin's choices, the progress, and what was done so far."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Awaitable, Callable

from ..rest import RestClient
from . import progress as prog
from .errors import SetupBusy
from .progress import Progress
from .spec import SetupInput

CREATE_ATTEMPTS = 3


@dataclass
class Run:
    client: RestClient
    inp: SetupInput
    admin_id: int
    admin_name: str
    run_id: str
    progress: Progress = field(default_factory=Progress)
    result: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)     # the app options as the run found them
    made_group: bool = False        # this run created the support group it goes on with

    async def ensure_turn(self, step: str) -> None:
        """Stop when another run took the setup over (it wrote its run id after ours).

        Except that a run which made the group goes on when another admin's claim came after
        it: that run meets this group and stops at its group step (``groups.ensure_group``),
        unless its admin chose to take over."""
        current = await prog.load(self.client)
        if current is not None and current.run and current.run != self.run_id:
            if self.made_group and current.admin_id != self.admin_id and not current.forced:
                return
            raise SetupBusy(step, current.admin_name)

    async def save(self) -> None:
        await prog.save(self.client, self.progress)

    async def create_once(self, method: str, params: dict,
                          find: Callable[[], Awaitable[object]]) -> object:
        """``method`` called so that it takes effect once (see ``RestClient.create_once``)."""
        return await self.client.create_once(method, params, find, CREATE_ATTEMPTS)
