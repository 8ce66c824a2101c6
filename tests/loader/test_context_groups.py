"""The desks' groups of the last start ride in the start-up batch: a portal of three desks starts
in one request instead of two, and a stale or partial hint changes nothing but the request count."""
from __future__ import annotations

import asyncio

from servicedesk.context import desk_groups, load_context
from servicedesk.rest import RestClient
from servicedesk.rest.http import HttpTransport


def _start(running, uid: int, groups=None):
    client = RestClient(HttpTransport(running.url, running.token(uid)))
    ctx = asyncio.run(load_context(client, is_admin=False, groups=groups))
    return ctx, client.requests


def _seen(ctx):
    return [(d.id, d.owner_id, sorted(d.member_ids), d.error) for d in ctx.desks], ctx.desk_id


def test_the_last_starts_groups_save_the_second_round_trip(three):
    portal = three.portal
    manager = portal.groups[int(portal.app_options["group_id"])].owner_id
    outsider = next(u.id for u in portal.users.values() if not (u.bot or u.is_admin) and u.active
                    and all(u.id != g.owner_id and u.id not in g.members for g in portal.groups.values()))
    for uid in (manager, outsider):
        first, requests = _start(three, uid)
        assert len(first.desks) == 3 and requests == 2              # options, then the other desks' groups
        hint = desk_groups(first)
        assert len(hint) == 2 and all(isinstance(g, int) for g in hint)
        again, requests = _start(three, uid, hint)
        assert requests == 1 and _seen(again) == _seen(first)
        partial, requests = _start(three, uid, [hint[0], 987654])  # a desk added since, a stale group
        assert requests == 2 and _seen(partial) == _seen(first)
        for junk in (["x", None, 0, True, [1], {"a": 1}], {"a": 1}, 5, "12"):   # the browser's storage: ignored
            ctx, requests = _start(three, uid, junk)
            assert requests == 2 and _seen(ctx) == _seen(first)
