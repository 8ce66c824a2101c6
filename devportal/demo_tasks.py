"""Demo tasks: the support group's second line and a few tasks outside it, each with a status history.

Support tasks come from chat messages (message and chat id fields set, the asker as auditor), from Open
Line sessions (chat id field = the session's chat) or are made by hand (no field values). A few tasks
live in another group or are private to other staff (for rights tests). Lifecycles: most completed,
some in progress, pending, awaiting control or deferred, a few reopened (only the last close date kept).
Ids are given later, in creation order (``demo.build_demo``).
"""
from __future__ import annotations

from dataclasses import dataclass

from . import demo_text as T
from .demo_chat import Case
from .demo_context import DAY, HOUR, MIN, Ctx
from .demo_lines import LineCase
from .demo_people import People
from .state import Task

MEDIAN = {"chat": 0.8 * DAY, "line": 0.6 * DAY, "hand": 4 * DAY, "other": 5 * DAY, "private": 3 * DAY}
UF_MESSAGE, UF_CHAT = "UF_SD_MESSAGE_ID", "UF_SD_CHAT_ID"


@dataclass
class TaskDraft:
    ts: int
    task: Task
    kind: str
    case: Case | LineCase | None = None
    fate: str = ""


class Tasks:
    """Plans ``n`` tasks from the chat and Open Line cases; ``drafts`` are sorted by creation."""

    def __init__(self, ctx: Ctx, people: People, support_group: int, other_group: int, sales: list[int],
                 chat_id: int, configured: bool):
        self.ctx, self.pp, self.configured = ctx, people, configured
        self.support_group, self.other_group, self.sales, self.chat_id = support_group, other_group, sales, chat_id
        self.drafts: list[TaskDraft] = []

    def build(self, n: int, chat_cases: list[Case], line_cases: list[LineCase]) -> list[TaskDraft]:
        rng = self.ctx.rng
        n_other = min(n, max(2, n // 50))
        n_private = min(n - n_other, max(2, n // 50))
        rest = n - n_other - n_private
        if not self.configured:
            n_private, rest = n_private + rest, 0
        n_chat = min(round(rest * 0.55), len(chat_cases))
        n_line = min(round(rest * 0.2), len(line_cases))
        for case in self._pick_chat(chat_cases, n_chat):
            self._from_chat(case)
        for case in sorted(rng.sample(line_cases, n_line), key=lambda c: c.session.id):
            self._from_line(case)
        for _ in range(rest - n_chat - n_line):
            self._by_hand()
        for _ in range(n_other):
            self._other()
        for _ in range(n_private):
            self._private()
        self.drafts.sort(key=lambda d: (d.ts, d.task.title))
        self._force_fates()
        for d in self.drafts:
            self._lifecycle(d)
        return self.drafts

    # ---- sources ------------------------------------------------------------------------------
    def _pick_chat(self, cases: list[Case], n: int) -> list[Case]:
        """Every case the bot announced first (a notice always names a real task), then the rest."""
        rng = self.ctx.rng
        tiers = [[c for c in cases if c.bot], [c for c in cases if c.intent and not c.bot],
                 [c for c in cases if not c.intent]]
        chosen = []
        for tier in tiers:
            take = min(n - len(chosen), len(tier))
            chosen += rng.sample(tier, take)
        picked = {id(c) for c in chosen}
        for c in cases:
            if c.bot and id(c) not in picked:
                c.bot.text = T.BOT_ACCEPTED_TEXT
        return sorted(chosen, key=lambda c: c.question.seq)

    def _add(self, ts, title, creator, responsible, kind, group=0, auditors=(), case=None, description=""):
        uf = {UF_MESSAGE: None, UF_CHAT: None} if self.configured else {}
        task = Task(0, title, creator, responsible, self.ctx.dt(ts), description, group,
                    auditors=[a for a in auditors if a != responsible], uf=uf)
        d = TaskDraft(ts, task, kind, case)
        self.drafts.append(d)
        return d

    def _from_chat(self, case: Case) -> None:
        q = case.question
        title = (q.text.splitlines() or [""])[0][:255]
        d = self._add(case.task_ts, title, self.pp.manager, case.responder, "chat", self.support_group,
                      [q.author], case)
        d.task.uf[UF_CHAT] = str(self.chat_id)
        if case.bot:
            case.bot.task = d.task

    def _from_line(self, case: LineCase) -> None:
        ctx, s = self.ctx, case.session
        lo = int(s.date_operator_answer.timestamp())
        hi = int(s.date_close.timestamp()) + 10 * MIN if s.date_close else ctx.now - MIN
        lines = [f"[{ctx.dt(m.ts):%d.%m.%Y %H:%M}] {self.pp.portal.users[m.author].name if m.author else 'Система'}: {m.text}"
                 for m in case.transcript]
        d = self._add(ctx.rng.randint(lo, max(lo, min(hi, ctx.now - MIN))), case.title, self.pp.manager,
                      s.operator_id, "line", self.support_group, description="\n".join(lines))
        d.task.uf[UF_CHAT] = str(s.chat_id)

    def _by_hand(self) -> None:
        ctx, pp = self.ctx, self.pp
        ts = ctx.sample()
        creator = pp.manager if ctx.rng.random() < 0.6 else pp.responder(ts)
        self._add(ts, ctx.fill(ctx.choice(T.MANUAL_TASKS)), creator, pp.responder(ts), "hand",
                  self.support_group, [pp.manager])

    def _other(self) -> None:
        ctx = self.ctx
        self._add(ctx.sample(), ctx.choice(T.OTHER_GROUP_TASKS), self.sales[0], ctx.choice(self.sales), "other",
                  self.other_group)

    def _private(self) -> None:
        ctx, pp = self.ctx, self.pp
        staff = [u for u in pp.staff if u not in pp.support and pp.portal.users[u].active]
        creator = ctx.choice(staff)
        responsible = creator if ctx.rng.random() < 0.5 else ctx.choice(staff)
        self._add(ctx.sample(), ctx.choice(T.PRIVATE_TASKS), creator, responsible, "private")

    # ---- lifecycles ---------------------------------------------------------------------------
    def _force_fates(self) -> None:
        """Make sure the desk shows a task reopened and closed again, one reopened and open, one deferred."""
        ours = [d for d in self.drafts if d.task.group_id == self.support_group]
        older = [d for d in ours if d.ts < self.ctx.now - 30 * DAY]
        for d, fate in zip(self.ctx.rng.sample(older, min(3, len(older))), ("reopened", "reopened_open", "deferred")):
            d.fate = fate
        recent = [d for d in ours if self.ctx.now - 14 * DAY < d.ts < self.ctx.now - DAY and not d.fate
                  and d.task.created_by != d.task.responsible_id]
        if recent:
            self.ctx.choice(recent).fate = "awaiting"

    def _lifecycle(self, d: TaskDraft) -> None:
        ctx, r, t = self.ctx, self.ctx.rng, d.task
        hist = [{"date": t.created_date, "field": "NEW", "from": None, "to": None, "user_id": t.created_by}]
        state = {"status": 2, "at": d.ts}

        def step(at: int, to: int, who: int) -> bool:
            if at >= ctx.now or at < state["at"]:
                return False
            hist.append({"date": ctx.dt(at), "field": "STATUS", "from": str(state["status"]), "to": str(to),
                         "user_id": who})
            state.update(status=to, at=at)
            return True

        def later(at: int, median: float) -> int:
            delay = int(min(r.lognormvariate(0, 1.1) * median, 120 * DAY))
            end = at + max(MIN, delay)
            return ctx.next_morning(end) if not ctx.is_work(end) and r.random() < 0.8 else end

        fate = d.fate or self._fate()
        median = MEDIAN[d.kind] / (3 if d.fate else 1)
        if r.random() < (0.6 if fate == "stuck" else 0.75) or d.fate:
            step(d.ts + r.randint(MIN, 3 * HOUR), 3, t.responsible_id)
        if fate == "deferred":
            step(state["at"] + r.randint(HOUR, 5 * DAY), 6, t.responsible_id)
        elif fate == "awaiting":
            step(min(state["at"] + r.randint(HOUR, DAY), ctx.now - HOUR), 4, t.responsible_id)
        elif fate != "stuck" and self._close(step, later(state["at"], median), t, r):
            if fate.startswith("reopened"):
                who = t.auditors[0] if t.auditors else t.created_by
                if step(state["at"] + r.randint(2 * HOUR, 3 * DAY), 3, who) and fate == "reopened":
                    self._close(step, later(state["at"], median / 2), t, r)
        t.status = state["status"]
        t.history = hist
        t.changed_date = hist[-1]["date"]
        t.closed_date = hist[-1]["date"] if t.status == 5 else None
        if r.random() < 0.35:
            day = t.created_date.date()
            t.deadline = ctx.dt(ctx.at(day, 19) + r.randint(1, 10) * DAY)

    def _fate(self) -> str:
        x = self.ctx.rng.random()
        return "deferred" if x < 0.03 else "stuck" if x < 0.09 else "reopened" if x < 0.13 else ""

    @staticmethod
    def _close(step, at: int, t: Task, r) -> bool:
        """Complete the task at ``at``; with the creator's control it waits in status 4 first."""
        if t.created_by != t.responsible_id and r.random() < 0.25:
            accept = at + HOUR + int(min(r.lognormvariate(0, 1.2) * 2 * DAY, 30 * DAY))
            return step(at, 4, t.responsible_id) and step(accept, 5, t.created_by)
        return step(at, 5, t.responsible_id)
