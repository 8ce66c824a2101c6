"""Open Line history: external clients, their chats (type "lines") and sessions with transcripts.

Each session: the client writes, the welcome bot greets at once (``date_first_answer``), hands over to
the queue after the hold (60 s), an operator (a specialist) answers (``date_operator_answer``), they talk,
the session closes. The last few sessions are still waiting (status "new") or in progress ("work");
a few are spam. Some clients come back, in the same chat.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import demo_text as T
from .demo_context import DAY, HOUR, MIN, Ctx, Draft
from .demo_people import People, feminine
from .state import Chat, OLSession, Portal, User


@dataclass
class LineCase:
    """An answered session: a candidate for a task made from the Open Line chat."""
    session: OLSession
    title: str
    transcript: list[Draft]


class Lines:
    """Generates ``n`` sessions of Open Line ``config_id`` into the portal (chat ids from ``chat_start``)."""

    def __init__(self, ctx: Ctx, portal: Portal, people: People, config_id: int, hold: int, bot: int | None):
        self.ctx, self.portal, self.pp = ctx, portal, people
        self.config_id, self.hold, self.bot = config_id, hold, bot
        self.cases: list[LineCase] = []

    def build(self, n: int, client_start: int, chat_start: int, session_start: int) -> list[LineCase]:
        ctx, rng = self.ctx, self.ctx.rng
        recent = min(n, rng.randint(4, 5))       # the first one or two in progress, the rest waiting
        starts = sorted(ctx.sample(clients=True, hi=ctx.now - 3 * HOUR) for _ in range(n - recent))
        starts += sorted(rng.randint(ctx.now - 2 * HOUR, ctx.now - 5 * MIN) for _ in range(recent))
        working = n - recent + min(recent - 1, rng.randint(1, 2))
        free_at: dict[int, int] = {}          # chat id -> when its last session closed
        returning: list[int] = []
        self._uid, self._chat, self._activity = client_start, chat_start, 50000
        for i, t0 in enumerate(starts):
            chat = None
            if returning and rng.random() < 0.12:
                cand = ctx.choice(returning)
                if free_at[cand] < t0:
                    chat = self.portal.chats[cand]
            chat = chat or self._new_client(t0)
            self._activity += rng.randint(1, 7)
            s = OLSession(session_start + i, self.config_id, chat.id, chat.members[0], source=chat.entity_id.split("|")[0],
                          crm_activity_id=self._activity, date_create=ctx.dt(t0))
            mode = "" if i < n - recent else "work" if i < working else "new"
            end = self._transcript(s, chat, t0, mode)
            self.portal.sessions[s.id] = s
            if s.status in ("closed", "spam"):
                if chat.id not in free_at:
                    returning.append(chat.id)
                free_at[chat.id] = end
            else:
                free_at[chat.id] = ctx.now + DAY
        return self.cases

    def _new_client(self, t0: int) -> Chat:
        ctx, rng = self.ctx, self.ctx.rng
        uid, self._uid = self._uid, self._uid + 1
        if rng.random() < 0.3:
            user = User(uid, T.GUEST.format(n=rng.randint(1000, 9999)), external_auth_id="imconnector")
        else:
            female = rng.random() < 0.5
            first = ctx.choice(T.FEMALE_FIRST if female else T.MALE_FIRST)
            last = ctx.choice(T.LAST)
            user = User(uid, first, feminine(last) if female else last, external_auth_id="imconnector")
        self.portal.users[uid] = user
        cid, self._chat = self._chat, self._chat + 1
        source = ctx.choice(T.OL_SOURCES)
        title = f"{user.name} {user.last_name}".strip() + f" - {T.OPENLINE_NAME}"
        members = [uid] + ([self.bot] if self.bot else [])
        chat = Chat(cid, title, "lines", 0, members, "LINES", f"{source}|{self.config_id}|{cid}|{uid}", ctx.dt(t0))
        self.portal.chats[cid] = chat
        return chat

    def _transcript(self, s: OLSession, chat: Chat, t0: int, mode: str) -> int:
        """Write the session's messages and fill its dates and status; returns its last moment.
        ``mode`` "new" stops before any operator answers, "work" before the session closes."""
        ctx, rng, pp = self.ctx, self.ctx.rng, self.pp
        client, said = s.user_id, []

        def msg(ts: int, who: int, text: str, system: bool = False) -> None:
            said.append(ctx.msg(ts, chat.id, who, text, system))

        spam = not mode and rng.random() < 0.04
        topic = T.OL_TOPICS[rng.randrange(len(T.OL_TOPICS))]
        msg(t0, client, ctx.fill(ctx.choice(T.SPAM if spam else topic["q"])))
        if not spam and rng.random() < 0.35:
            msg(t0 + rng.randint(10, 50), client, ctx.fill(ctx.choice(T.OL_MORE)))
        if self.bot:
            first = t0 + rng.randint(1, 3)
            msg(first, self.bot, T.OPENLINE_WELCOME)
            s.date_first_answer = ctx.dt(first)
        msg(t0 + self.hold, 0, T.OL_QUEUED, True)
        if spam or mode == "new":
            s.status = "new"
            if spam:
                s.status, s.close_reason = "spam", "spam"
                s.operator_id = pp.responder(t0) if rng.random() < 0.5 else 0
                closed = min(ctx.reply_time(t0 + self.hold, fast=0.8), ctx.now - MIN)
                s.date_close = ctx.dt(closed)
                return closed
            return t0 + self.hold
        t_op = self._operator_time(t0 + self.hold)
        if mode == "work":
            t_op = min(t_op, t0 + self.hold + rng.randint(15, 2 * MIN))
        op = pp.responder(t_op)
        talk = [(t_op - 5, 0, T.OL_TAKEN.format(name=pp.name(op)), True),
                (t_op, op, ctx.choice(T.OL_HELLO).format(op=pp.portal.users[op].name, client=pp.portal.users[client].name))]
        t = t_op
        if rng.random() < 0.4:
            t += rng.randint(20, 3 * MIN)
            talk.append((t, op, ctx.choice(T.OL_FOLLOW)))
            t += rng.randint(MIN, 8 * MIN)
            talk.append((t, client, ctx.fill(ctx.choice(T.OL_MORE))))
        t += rng.randint(MIN, 20 * MIN)
        talk.append((t, op, ctx.choice(topic["a"])))
        if rng.random() < 0.6:
            t += rng.randint(30, 5 * MIN)
            talk.append((t, client, ctx.choice(T.OL_THANKS)))
        reason = ctx.choice(["operator"] * 7 + ["client"] + ["auto"] * 2)
        t_close = t + (rng.randint(MIN, 10 * MIN) if reason != "auto" else DAY)
        if mode == "work":
            t_close = ctx.now + DAY
        talk.append((t_close, 0, T.OL_CLOSED, True))
        for ts, who, text, *system in talk:
            if ts >= ctx.now:
                break
            msg(ts, who, text, bool(system and system[0]))
        if t_op >= ctx.now:
            s.status = "new"
            return t_op
        if op not in chat.members:
            chat.members.append(op)
        s.operator_id, s.date_operator_answer = op, ctx.dt(t_op)
        s.date_first_answer = s.date_first_answer or s.date_operator_answer
        if t_close >= ctx.now:
            s.status = "work"
        else:
            s.status, s.close_reason, s.date_close = "closed", reason, ctx.dt(t_close)
            s.vote = ctx.choice([0, 0, 0, 5, 5, 1])
        self.cases.append(LineCase(s, topic["title"], said))
        return t_close

    def _operator_time(self, t: int) -> int:
        """An operator picks the client up: seconds to minutes in office hours, the morning after otherwise."""
        ctx, rng = self.ctx, self.ctx.rng
        if not ctx.is_work(t) and rng.random() < 0.35:
            return ctx.next_morning(t)
        x = rng.random()
        if x < 0.8:
            return t + rng.randint(15, 6 * MIN)
        return t + (rng.randint(6 * MIN, 40 * MIN) if x < 0.97 else rng.randint(HOUR, 3 * HOUR))
