"""The demo company: departments, employees with Russian names, the two bots, and who asks or answers when.

Fixed ids: 1 the portal admin, 2 the director (also an admin, not in support), 3 the support manager,
4-7 the specialists, 8 the 1C programmer; then the departments' staff. The ServiceDesk bot is user
``users + 1`` and the HR bot ``users + 2``.
"""
from __future__ import annotations

import bisect
from itertools import accumulate

from . import demo_text as T
from .demo_context import DAY, Ctx
from .state import Department, Portal, User


def feminine(last: str) -> str:
    """The female form of a Russian surname from the bank (Иванов -> Иванова, Полянский -> Полянская)."""
    return last[:-2] + "ая" if last.endswith("ий") else last + "а"


def translit(text: str) -> str:
    return "".join(T.TRANSLIT.get(c, c) for c in text.lower())


class People:
    """Who is who in the demo, plus the chances of asking and answering over time."""

    def __init__(self, ctx: Ctx, portal: Portal, users: int):
        if users < 12:
            raise ValueError("the demo needs at least 12 users")
        self.ctx, self.portal = ctx, portal
        self.gender: dict[int, str] = {}
        self._names: set[str] = set()
        self._emails: set[str] = set()
        self._make_departments()
        self._make_staff(users)
        self.sd_bot = self._bot(users + 1, T.SD_BOT_NAME, "Бот техподдержки")
        self.hr_bot = self._bot(users + 2, T.HR_BOT_NAME, "Бот отдела кадров")
        self._plan_presence()

    # ---- company ------------------------------------------------------------------------------
    def _make_departments(self) -> None:
        deps = self.portal.departments
        deps[1] = Department(1, T.COMPANY)
        deps[2] = Department(2, T.IT_DEPARTMENT, parent=1)
        deps[3] = Department(3, T.SUPPORT_DEPARTMENT, parent=2)
        for i, (name, *_rest) in enumerate(T.DEPARTMENTS, start=4):
            deps[i] = Department(i, name, parent=1)

    def _person(self, uid: int, dep: int, position: str, head: bool = False, admin: bool = False) -> User:
        ctx = self.ctx
        while True:
            gender = "m" if ctx.rng.random() < 0.5 else "f"
            first = ctx.choice(T.MALE_FIRST if gender == "m" else T.FEMALE_FIRST)
            last = ctx.choice(T.LAST)
            last = last if gender == "m" else feminine(last)
            if f"{first} {last}" not in self._names:
                break
        self._names.add(f"{first} {last}")
        email = f"{translit(first)[0]}.{translit(last)}"
        while email in self._emails:
            email += str(ctx.rng.randint(1, 9))
        self._emails.add(email)
        user = User(uid, first, last, f"{email}@{T.EMAIL_DOMAIN}", position, [dep], is_admin=admin)
        self.portal.users[uid] = user
        self.gender[uid] = gender
        if head:
            self.portal.departments[dep].head = uid
        return user

    def _make_staff(self, users: int) -> None:
        p = self._person
        self.admin = p(1, 2, T.ADMIN_POSITION, head=True, admin=True).id
        self.director = p(2, 1, T.ROOT_POSITIONS[0], head=True, admin=True).id
        self.manager = p(3, 3, T.MANAGER_POSITION, head=True).id
        self.specialists = [p(4 + i, 3, pos).id for i, pos in enumerate(T.SPECIALIST_POSITIONS)]
        self.onec = p(8, 2, T.ONEC_POSITION).id
        self.office = [p(9 + i, 1, pos).id for i, pos in enumerate(T.ROOT_POSITIONS[1:])]
        uid = 9 + len(self.office)
        sizes = [6, 9, 5, 3, 3, 4]
        counts = [0] * len(sizes)
        self.dept_of: dict[int, int] = {}
        while uid <= users:   # fill departments in proportion to their sizes
            i = min(range(len(sizes)), key=lambda k: (counts[k] / sizes[k], k))
            name, head_pos, positions, _topics = T.DEPARTMENTS[i]
            pos = head_pos if counts[i] == 0 else self.ctx.choice(positions)
            p(uid, 4 + i, pos, head=counts[i] == 0)
            self.dept_of[uid] = i
            counts[i] += 1
            uid += 1
        self.support = [self.manager, *self.specialists]
        self.staff = list(range(1, users + 1))

    def _bot(self, uid: int, name: str, position: str) -> int:
        self.portal.users[uid] = User(uid, name, work_position=position, bot=True, external_auth_id="bot")
        return uid

    def department(self, name: str) -> list[int]:
        """The staff of a department, by its name."""
        dep = next(d.id for d in self.portal.departments.values() if d.name == name)
        return [u for u in self.staff if self.portal.users[u].departments == [dep]]

    def name(self, uid: int) -> str:
        u = self.portal.users[uid]
        return f"{u.name} {u.last_name}".strip()

    # ---- presence over time -------------------------------------------------------------------
    def _plan_presence(self) -> None:
        ctx, rng = self.ctx, self.ctx.rng
        span = ctx.now - ctx.start
        others = [u for u in self.staff if u not in self.support]
        plain = [u for u in others if u > 10 and self.portal.departments[self.portal.users[u].departments[0]].head != u]
        self.joined: dict[int, int] = {}
        self.left: dict[int, int] = {}
        for uid in rng.sample(plain, min(len(plain) // 2, max(2, len(plain) // 8))):
            self.portal.users[uid].active = False
            self.left[uid] = ctx.start + int(span * rng.uniform(0.3, 0.7))
        rest = [u for u in plain if u not in self.left]
        self.outside = set(rng.sample(rest, len(rest) // 8))   # not in the support chat
        members = [u for u in others if u not in self.outside]
        late = [u for u in rest if u not in self.outside]
        for uid in rng.sample(late, min(len(late), max(1, len(rest) // 12))):
            self.joined[uid] = ctx.sample(lo=ctx.start + span // 10, hi=ctx.now - 3 * DAY)
        self.joined[self.specialists[-1]] = ctx.sample(lo=ctx.start + span // 5, hi=ctx.start + span // 3)
        self.vacation: dict[int, tuple[int, int]] = {}
        if span > 90 * DAY:
            for uid in self.specialists:
                a = rng.randint(ctx.start, ctx.now - 45 * DAY)
                self.vacation[uid] = (a, a + 14 * DAY)
        self.chat_members = sorted([*self.support, *members])
        weights = [0.3 if u in (self.admin, self.director) else rng.choice([0.3, 0.6, 1, 1, 1.5, 2.5])
                   for u in members]
        self._askers, self._ask_cum = members, list(accumulate(weights))
        self._answerers = [*self.specialists, self.manager]
        self._answer_cum = list(accumulate([0.33, 0.28, 0.2, 0.14, 0.05]))

    def present(self, uid: int, ts: int) -> bool:
        if ts < self.joined.get(uid, 0) or ts >= self.left.get(uid, ts + 1):
            return False
        a, b = self.vacation.get(uid, (0, 0))
        return not a <= ts < b

    def asker(self, ts: int, exclude: int = 0) -> int | None:
        """A chat member likely to ask at ts (None if nobody is around)."""
        rng = self.ctx.rng
        for _ in range(30):
            uid = self._askers[bisect.bisect_left(self._ask_cum, rng.random() * self._ask_cum[-1])]
            if uid != exclude and self.present(uid, ts):
                return uid
        return None

    def responder(self, ts: int) -> int:
        """A support member on duty at ts (the manager when every specialist is away)."""
        rng = self.ctx.rng
        for _ in range(20):
            uid = self._answerers[bisect.bisect_left(self._answer_cum, rng.random() * self._answer_cum[-1])]
            if self.present(uid, ts):
                return uid
        return self.manager

    def topic(self, uid: int) -> dict:
        """A chat topic, usually one typical of the asker's department."""
        ctx = self.ctx
        dep = self.dept_of.get(uid)
        if dep is not None and ctx.rng.random() < 0.7:
            return T.TOPICS[ctx.choice(T.DEPARTMENTS[dep][3])]
        return T.TOPICS[ctx.choice(T.TOPIC_KEYS)]
