"""Shared batches: every part of the load (messages, tasks, sessions) asks for commands, and one
scheduler packs them 50 to a request, so the parts share requests instead of each paying its own."""
from __future__ import annotations

from typing import Callable

from ..rest import RestClient
from ..rest.client import BATCH_MAX, BatchResult
from ..rest.errors import wait_helps

MAX_RETRIES = 3


class Plan:
    """One part of a load. Subclasses fill ``commands(n)`` and ``consume(res)``."""
    prefix = "x"

    def __init__(self):
        self.done = False
        self.problem: str | None = None     # a problem code (see loader.problems), the part gave up
        self.retries = 0                    # transient command errors met (rate limit, 5xx) so far
        self.retry_now = False              # the last round hit one: ask again after a pause

    def transient(self, err) -> bool:
        """A rate limit or server error on one of this plan's commands: true while retries remain
        (the plan keeps its place and asks again next round), false when it should give up."""
        if isinstance(err, dict) and wait_helps(err):
            if self.retries < MAX_RETRIES:
                self.retries += 1
                self.retry_now = True
                return True
        return False

    def want(self) -> int:
        """How many commands would be useful in the next request (0 when done)."""
        return 0 if self.done else 1

    def commands(self, n: int) -> dict:
        """Up to ``n`` commands {key: (method, params)}; keys start with ``self.prefix``."""
        raise NotImplementedError

    def consume(self, res: BatchResult) -> None:
        """Read this plan's keys of a batch answer; set ``done`` when nothing more is needed."""
        raise NotImplementedError

    def progress(self) -> float:
        """Share of the work done, 0..1 (a guess where the total is unknown)."""
        return 1.0 if self.done else 0.0


def share(wants: list[int], budget: int = BATCH_MAX) -> list[int]:
    """Split ``budget`` commands over plans wanting ``wants``: equal shares, leftovers to the hungry."""
    alloc = [0] * len(wants)
    left = budget
    while left > 0:
        hungry = [i for i, w in enumerate(wants) if alloc[i] < w]
        if not hungry:
            break
        each = max(1, left // len(hungry))
        for i in hungry:
            give = min(each, wants[i] - alloc[i], left)
            alloc[i] += give
            left -= give
            if left == 0:
                break
    return alloc


async def run_plans(client: RestClient, plans: list[Plan],
                    progress: Callable[[float], None] | None = None) -> None:
    """Run ``plans`` to completion, one shared batch per round."""
    while True:
        active = [p for p in plans if not p.done]
        if not active:
            return
        alloc = share([p.want() for p in active])
        cmds: dict = {}
        for plan, n in zip(active, alloc):
            if n:
                cmds.update(plan.commands(n))
        if not cmds:
            return
        res = await client.batch(cmds)
        for plan, n in zip(active, alloc):
            if n:
                plan.consume(res)
        waiting = [p for p in active if p.retry_now]
        if waiting:                          # a command of the batch was refused for now: back off
            await client.sleep(client.retry.delay(max(p.retries for p in waiting) - 1))
            for plan in waiting:
                plan.retry_now = False
        if progress:
            progress(sum(p.progress() for p in plans) / len(plans))
