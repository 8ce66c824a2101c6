"""The demo's chats: the support chat's history of questions and answers, and two company chats.

The support chat gets exactly ``budget`` messages: short scripts (a question, follow-ups, answers,
thanks, a task, a bot notice) placed at working-hours-skewed moments, plus a few placed on purpose:
a question on a month's last evening answered after midnight, and unanswered questions just before now.
Scripts may interleave, as in a real chat; reserved windows keep the placed cases intact.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import demo_text as T
from .demo_context import DAY, HOUR, MIN, Ctx, Draft
from .demo_people import People


@dataclass
class Case:
    """A question answered in the support chat: a candidate for a task made from that message."""
    question: Draft
    responder: int
    task_ts: int
    intent: bool                 # the specialist said they made a task
    bot: Draft | None = None     # the bot's "task created" notice, if posted


class SupportChat:
    """Writes the support chat's drafts; ``cases`` lists the answered questions."""

    def __init__(self, ctx: Ctx, people: People, chat_id: int, bot: int | None, p_task: float):
        self.ctx, self.pp, self.chat, self.bot, self.p_task = ctx, people, chat_id, bot, p_task
        self.cases: list[Case] = []
        self.windows: list[tuple[int, int]] = []
        self.tail_start = ctx.now
        self.file_id = 20000

    def build(self, budget: int) -> list[Case]:
        ctx = self.ctx
        tail = self._tail(budget)
        budget -= len(tail)
        for entries, meta in self._month_crossers(budget):
            budget -= self._commit(entries, meta, budget)
        for uid in sorted(self.pp.joined):
            if budget > 0:
                text = T.JOIN_TEXT[self.pp.gender[uid]].format(name=self.pp.name(uid))
                ctx.msg(self.pp.joined[uid], self.chat, 0, text, True)
                budget -= 1
        failures = 0
        while budget > 0:
            entries, meta = self._script(ctx.sample(hi=self.tail_start))
            if not entries or not self._fits(entries):
                failures += 1
                if failures <= 200:
                    continue
                # a tiny window: single announcements wherever they fit
                entries, meta = [(ctx.sample(hi=self.tail_start), self.pp.manager, ctx.choice(T.ANNOUNCE), {}, "")], None
                if not self._fits(entries):
                    continue
            failures = 0
            budget -= self._commit(entries, meta, budget)
        self._commit(tail, None, len(tail))
        return self.cases

    # ---- placement ----------------------------------------------------------------------------
    def _fits(self, entries) -> bool:
        """Inside the window, clear of reserved windows, and in the last days before the unanswered
        tail ending with a support reply (so the tail is what waits now)."""
        lo, hi = min(e[0] for e in entries), max(e[0] for e in entries)
        if lo < self.ctx.start or hi >= self.tail_start:
            return False
        last = max((e for e in entries if e[1] != self.bot), key=lambda e: e[0])
        if hi > self.tail_start - 2 * DAY and last[1] not in self.pp.support:
            return False
        return all(hi < a or lo > b for a, b in self.windows)

    def _commit(self, entries, meta: dict | None, limit: int) -> int:
        """Turn a script's first ``limit`` entries into drafts; an answered question becomes a Case."""
        drafts = {}
        kept = sorted(entries, key=lambda e: e[0])[:limit]
        for ts, author, text, params, tag in kept:
            drafts[tag] = self.ctx.msg(ts, self.chat, author, text, author == 0, params)
        if meta and "q" in drafts and "a" in drafts:
            self.cases.append(Case(drafts["q"], meta["responder"], meta["task_ts"], meta["intent"], drafts.get("bot")))
        return len(kept)

    # ---- placed cases -------------------------------------------------------------------------
    def _tail(self, budget: int) -> list:
        """2-4 questions from different people in the last hours, nobody from support answering yet."""
        ctx, rng = self.ctx, self.ctx.rng
        start = max(ctx.start, *ctx.month_starts()[-1:], ctx.now - rng.randint(90, 18 * 60) * MIN)
        self.tail_start = start = min(start, ctx.now - 30 * MIN)   # in the current month when it can be
        n = min(budget, rng.randint(2, 4))
        times = sorted([start] + [rng.randint(start, ctx.now - 5 * MIN) for _ in range(n - 1)])[:n]
        out, seen = [], []
        for ts in times:
            uid = next((u for u in (self.pp.asker(ts) for _ in range(30)) if u and u not in seen), None)
            if uid is None:
                continue
            seen.append(uid)
            out.append((ts, uid, ctx.fill(ctx.choice(self.pp.topic(uid)["q"])), {}, ""))
        return out

    def _month_crossers(self, budget: int) -> list:
        """Questions on a month's last evening answered after midnight (they count in the earlier month)."""
        ctx, rng = self.ctx, self.ctx.rng
        bounds = [b for b in ctx.month_starts() if b + DAY < self.tail_start]
        out = []
        for b in sorted(rng.sample(bounds, min(len(bounds), max(1, len(bounds) // 3), budget // 2))):
            q = b - rng.randint(10, 100) * MIN
            asker = self.pp.asker(q)
            if asker is None:
                continue
            a = b + rng.randint(3, 50) * MIN if rng.random() < 0.6 else ctx.next_morning(b)
            spec = self.pp.responder(a)
            topic = self.pp.topic(asker)
            out.append(([(q, asker, ctx.fill(ctx.choice(topic["q"])), {}, "q"),
                         (a, spec, ctx.fill(ctx.choice(topic["fix"])), {}, "a")],
                        {"responder": spec, "task_ts": a + MIN, "intent": False}))
            self.windows.append((q - 2 * HOUR, a + HOUR))
        return out

    # ---- ordinary scripts ---------------------------------------------------------------------
    def _script(self, t0: int):
        x = self.ctx.rng.random()
        if x < 0.05:
            return self._banter(t0), None
        if x < 0.07:
            return [(t0, self.pp.responder(t0), self.ctx.choice(T.ANNOUNCE), {}, "")], None
        return self._question(t0)

    def _banter(self, t0: int):
        ctx, out, t = self.ctx, [], t0
        speakers = [u for u in self.pp.support if self.pp.present(u, t0)]
        if len(speakers) < 2:
            return []
        for i, line in enumerate(ctx.choice(T.BANTER)):
            out.append((t, speakers[(i + ctx.rng.randrange(len(speakers))) % len(speakers)], ctx.fill(line), {}, ""))
            t += ctx.rng.randint(MIN, 10 * MIN)
        return out

    def _question(self, t0: int):
        ctx, pp, r = self.ctx, self.pp, self.ctx.rng
        asker = pp.asker(t0)
        if asker is None:
            return [], None
        topic, out, t = pp.topic(asker), [], t0

        def say(ts: int, who: int, bank: list[str], tag: str = "") -> None:
            out.append((ts, who, ctx.fill(ctx.choice(bank)), {}, tag))

        if r.random() < 0.03:   # written, deleted, rewritten
            out.append((t, asker, T.DELETED_TEXT, {"IS_DELETED": "Y"}, ""))
            t += r.randint(20, 120)
        q = ctx.fill(ctx.choice(topic["q"]))
        if r.random() < 0.04:
            q = ctx.choice(T.MARKUP).replace("{q}", q)
        out.append((t, asker, q, {}, "q"))
        if r.random() < 0.08:
            t += r.randint(10, 90)
            self.file_id += 1
            out.append((t, asker, ctx.choice(T.FILE_TEXTS), {"FILE_ID": [self.file_id]}, ""))
        t_ans = ctx.reply_time(t)
        if t_ans - t > 5 * MIN:
            if r.random() < 0.3:
                say(r.randint(t + 30, min(t_ans - 30, t + 10 * MIN)), asker, topic["more"])
            other = pp.asker(t, exclude=asker) if r.random() < 0.12 else None
            if other:
                say(r.randint(t + MIN, t_ans - 30), other, T.SAME)
        spec = pp.responder(t_ans)
        intent = r.random() < self.p_task
        x, t_fix = r.random(), t_ans
        if x < 0.2:
            say(t_ans, spec, topic["clarify"], "a")
            t1 = t_ans + r.randint(2 * MIN, 25 * MIN)
            say(t1, asker, topic["reply"])
            t_fix = t1 + r.randint(3 * MIN, 60 * MIN)
        elif x < 0.35:
            say(t_ans, spec, T.ACK, "a")
            t_fix = t_ans + r.randint(2 * MIN, 40 * MIN)
        text = ctx.fill(ctx.choice(T.TAKE_TASK if intent else topic["fix"]))
        if r.random() < 0.15:
            text = f"[USER={asker}]{pp.name(asker)}[/USER], {text[0].lower()}{text[1:]}"
        out.append((t_fix, spec, text, {}, "a" if t_fix == t_ans else ""))
        task_ts = t_fix + r.randint(5, 90)
        if intent and self.bot and r.random() < 0.5:
            out.append((task_ts + r.randint(2, 15), self.bot, "", {}, "bot"))
        self._after(out, t_fix + MIN, asker, spec, topic)
        return out, {"responder": spec, "task_ts": task_ts, "intent": intent}

    def _after(self, out: list, t: int, asker: int, spec: int, topic: dict) -> None:
        """What follows an answer: often thanks (which opens a new dialogue), sometimes "it didn't help"."""
        ctx, r = self.ctx, self.ctx.rng
        x = r.random()
        if x < 0.08:
            t = t + r.randint(10 * MIN, 3 * HOUR)
            out.append((t, asker, ctx.choice(T.NOT_HELPED), {}, ""))
            out.append((ctx.reply_time(t, fast=0.7), spec, ctx.fill(ctx.choice(topic["fix"])), {}, ""))
        elif x < 0.45:
            t = t + r.randint(0, 90 * MIN)
            out.append((t, asker, ctx.choice(T.THANKS), {}, ""))
            if r.random() < 0.35:
                out.append((t + r.randint(MIN, 20 * MIN), spec, ctx.choice(T.WELCOME), {}, ""))


def company_chats(ctx: Ctx, people: People, general: int, sales: int, sales_staff: list[int]) -> None:
    """A few messages a month in the general chat (with the HR bot's birthdays) and the sales chat."""
    months = max(1, (ctx.now - ctx.start) // (30 * DAY))
    active = [u for u in people.staff if people.portal.users[u].active]
    for _ in range(3 * months):
        ts = ctx.sample()
        ctx.msg(ts, general, ctx.choice([people.director, *people.office]), ctx.choice(T.GENERAL_LINES))
    for _ in range(2 * months):
        uid = ctx.choice(active)
        text = T.BIRTHDAY.format(id=uid, name=people.name(uid))
        ctx.msg(ctx.sample(), general, people.hr_bot, text)
    for _ in range(4 * months):
        ctx.msg(ctx.sample(), sales, ctx.choice(sales_staff), ctx.choice(T.SALES_LINES))
