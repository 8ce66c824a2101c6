"""Dev-only JSON endpoints under ``/_dev/`` for the portal page, the demo and the tests.

GET  /_dev/users   -> [{id, name, last_name, work_position, photo, lang, is_admin, bot, role,
                        token, webhook}]  (a fresh access token and the webhook base per user)
POST /_dev/token   {user_id, lifetime?} -> {access_token, refresh_token, expires_in, expires, user_id}
GET  /_dev/app     -> {client_id, client_secret} (the app's OAuth keys, as its form in a portal shows them)
GET  /_dev/faults  -> the faults switched on;  POST /_dev/faults {clear?: true | method,
                        add?: {kind, method?, count?, ms?} | [...], rate_limit?: {on, rate?, burst?}}
GET  /_dev/state   -> portal.to_json()
POST /_dev/clock   {now?: ISO 8601, advance?: seconds} -> {now}
"""
from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .methods.common import parse_date
from .rights import member_role
from .service import Service


def role_hint(service: Service, uid: int) -> str:
    """A short description of who the user is on this portal (for the user switcher)."""
    p = service.portal
    u = p.users[uid]
    hints = ["admin"] if u.is_admin else []
    for g in p.groups.values():
        role = member_role(g, uid)
        if role:
            hints.append({"A": "owner", "E": "moderator"}.get(role, "member") + f" of {g.name}")
    if any(uid in ol.queue for ol in p.openlines.values()):
        hints.append("Open Line operator")
    return ", ".join(hints)


def dev_routes(service: Service) -> list[Route]:
    """The /_dev/* routes of ``service``."""

    async def users(request: Request):
        now = service.clock.now()
        rows = []
        for u in sorted(service.portal.users.values(), key=lambda u: u.id):
            rows.append({"id": u.id, "name": f"{u.name} {u.last_name}".strip(), "last_name": u.last_name,
                         "work_position": u.work_position, "photo": u.photo, "lang": u.lang,
                         "is_admin": u.is_admin, "bot": u.bot, "active": u.active,
                         "role": role_hint(service, u.id),
                         "token": None if u.bot else service.tokens.issue(u.id, now)["access_token"],
                         "webhook": f"/rest/{u.id}/{service.tokens.webhook_code(u.id)}/"})
        return JSONResponse(rows)

    async def token(request: Request):
        body = await _json(request)
        uid = int(body.get("user_id") or 0)
        if uid not in service.portal.users:
            return JSONResponse({"error": "USER_NOT_FOUND"}, status_code=404)
        return JSONResponse(service.tokens.issue(uid, service.clock.now(), int(body.get("lifetime") or 3600)))

    async def app(request: Request):
        return JSONResponse({"client_id": service.tokens.client_id, "client_secret": service.tokens.client_secret})

    async def faults(request: Request):
        if request.method == "POST":
            body = await _json(request)
            try:
                apply_faults(service, body)
            except (ValueError, TypeError) as e:
                return JSONResponse({"error": str(e)}, status_code=400)
        return JSONResponse(service.faults.to_json())

    async def placements(request: Request):
        """The placements bound on the portal (the portal page offers only those, as a portal does)."""
        return JSONResponse([{"placement": pl.placement, "handler": pl.handler, "title": pl.title}
                             for pl in service.portal.placements])

    async def state(request: Request):
        return Response(service.portal.to_json(), media_type="application/json")

    async def clock(request: Request):
        body = await _json(request)
        if body.get("now"):
            service.clock.set(parse_date(body["now"]))
        if body.get("advance"):
            target = service.clock.now()
            from datetime import timedelta
            service.clock.set(target + timedelta(seconds=float(body["advance"])))
        service.portal.now = service.clock.now()
        return JSONResponse({"now": service.portal.now.isoformat()})

    return [Route("/_dev/users", users), Route("/_dev/token", token, methods=["POST"]),
            Route("/_dev/app", app), Route("/_dev/faults", faults, methods=["GET", "POST"]),
            Route("/_dev/state", state), Route("/_dev/placements", placements),
            Route("/_dev/clock", clock, methods=["POST"])]


def apply_faults(service: Service, body: dict) -> None:
    """Apply a /_dev/faults request body to ``service.faults``."""
    clear = body.get("clear")
    if clear:
        service.faults.clear(None if clear is True else str(clear))
    adds = body.get("add") or []
    for f in adds if isinstance(adds, list) else [adds]:
        service.faults.add(f["kind"], f.get("method", "*"), f.get("count"), int(f.get("ms") or 0))
    if "rate_limit" in body:
        rl = body["rate_limit"]
        rl = rl if isinstance(rl, dict) else {"on": bool(rl)}
        service.faults.rate_limit(bool(rl.get("on", True)), float(rl.get("rate", 2)), int(rl.get("burst", 50)))


async def _json(request: Request) -> dict:
    raw = await request.body()
    try:
        data = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
