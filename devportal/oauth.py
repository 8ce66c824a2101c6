"""The authorization server's token endpoint (``/oauth/token/``), served by devportal too.

On Bitrix24 it is a separate host (``oauth.bitrix24.tech``, the ``SERVER_ENDPOINT`` an app frame
receives); a server-side client such as the bot worker takes its address as a setting, so here it
is devportal's own. Only the refresh grant (settings/oauth/auto-renewal.md): GET or POST with
grant_type=refresh_token, client_id, client_secret, refresh_token -> the answer of that page.
Errors are settings/oauth/error-codes.md's ``{"error", "error_description"}``; the docs give no HTTP
status for them, devportal answers 400.
"""
from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .auth import OAuthError
from .params import parse_body, parse_query
from .service import Service



def oauth_routes(service: Service) -> list[Route]:
    """``/oauth/token/`` of ``service``'s portal."""

    async def token(request: Request) -> Response:
        params = parse_query(request.url.query)
        if request.method == "POST":
            try:
                params.update(parse_body(await request.body(), request.headers.get("content-type", "")))
            except ValueError:
                pass
        base = str(request.base_url).rstrip("/")
        try:
            pair = service.tokens.refresh_grant(service.portal, params, service.clock.now())
        except OAuthError as e:
            return _json(400, {"error": e.code, "error_description": e.description})
        return _json(200, {"access_token": pair["access_token"], "client_endpoint": f"{base}/rest/",
                           "domain": request.url.hostname, "expires": pair["expires"],
                           "expires_in": pair["expires_in"], "member_id": service.portal.member_id,
                           "refresh_token": pair["refresh_token"], "scope": ",".join(sorted(service.tokens.scopes)),
                           "server_endpoint": f"{base}/rest/", "status": "L", "user_id": pair["user_id"]})

    return [Route("/oauth/token/", token, methods=["GET", "POST"]),
            Route("/oauth/token", token, methods=["GET", "POST"])]


def _json(status: int, body: dict) -> Response:
    return Response(json.dumps(body), status_code=status, media_type="application/json")
