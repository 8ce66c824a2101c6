"""imopenlines.session.history.get with SESSION_ID, as its page recommends, taken from the sixth field
of the Open Line chat's entity_data_1 (im.dialog.get); CHAT_ID alone when it cannot be read."""
from __future__ import annotations

from servicedesk.bot.openline import history_params
from tests.bot.helpers import ADMIN, client_of, run


def test_the_transcript_asks_for_the_chats_latest_session(desk):
    p = desk.portal
    chat = max((c for c in p.chats.values() if c.type == "lines"),
               key=lambda c: sum(1 for s in p.sessions.values() if s.chat_id == c.id))
    latest = max(s.id for s in p.sessions.values() if s.chat_id == chat.id)
    member = chat.members[0]
    assert run(history_params(client_of(desk, member), chat.id)) == {"CHAT_ID": chat.id, "SESSION_ID": latest}
    outsider = next(u for u in p.users if u not in chat.members and not p.users[u].bot and u != ADMIN)
    assert run(history_params(client_of(desk, outsider), chat.id)) == {"CHAT_ID": chat.id}
