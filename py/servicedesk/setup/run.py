"""One wizard run: the client, the admin's choices, the progress, and what was done so far."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Awaitable, Callable

from ..rest import PortalError, RestClient, RetryPolicy
from . import progress as prog
from .errors import SetupBusy, is_lost_answer
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

    def once(self) -> RestClient:
        """A client that never repeats a request whose answer was lost (for non-idempotent creates);
        rate limits and token refreshes are still retried: those requests were not carried out."""
        base = self.client.retry
        return RestClient(self.client.transport, sleep=self.client.sleep,
                          retry=RetryPolicy(base.rate_attempts, 1, 1, base.first_delay, base.max_delay))

    async def ensure_turn(self, step: str) -> None:
        """Stop when another run took the setup over (it wrote its run id after ours)."""
        current = await prog.load(self.client)
        if current is not None and current.run and current.run != self.run_id:
            raise SetupBusy(step, current.admin_name)

    async def save(self) -> None:
        await prog.save(self.client, self.progress)

    async def create_once(self, method: str, params: dict,
                          find: Callable[[], Awaitable[object]]) -> object:
        """Call a non-idempotent ``method`` so that it takes effect once: when the answer is lost,
        ``find()`` looks for what it may have made before trying again. Returns the result of the
        call, or what ``find()`` found."""
        once = self.once()
        for attempt in range(CREATE_ATTEMPTS):
            try:
                return await once.call(method, params)
            except PortalError as exc:
                if not is_lost_answer(exc) or attempt == CREATE_ATTEMPTS - 1:
                    raise
            found = await find()
            if found:
                return found
            await self.client.sleep(self.client.retry.delay(attempt))
        raise AssertionError("unreachable")
