"""The HTTP face of devportal: ``create_app`` (a Starlette app) and ``serve`` (uvicorn in a thread).

Routes: ``/rest/<method>[.json]``, the webhook form ``/rest/<user_id>/<code>/<method>[.json]``,
``/rest/batch[.json]`` (GET or POST; JSON, form-encoded or query-string parameters with PHP-style
nesting), ``/oauth/token/`` (the refresh grant, see devportal.oauth), ``/_dev/*`` (see
devportal.dev_api) and any extra routes (the portal page). Answers to a request with an ``Origin`` carry
CORS headers and preflights are answered (Starlette's CORSMiddleware), as the app runs on another origin
(browser-facts.md, "The official JS SDK in a portal frame").

    from devportal.server import serve
    running = serve(portal)                  # port 0: a free port
    running.url                              # "http://127.0.0.1:PORT"
    running.faults.add("QUERY_LIMIT_EXCEEDED", "tasks.task.list", count=2)
    running.stop()
"""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .clock import Clock
from .dev_api import dev_routes
from .faults import Faults
from .oauth import oauth_routes
from .params import parse_body, parse_query
from .service import Service
from .state import Portal

def _answer(status: int, body) -> Response:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Response(raw, status_code=status, media_type="application/json; charset=utf-8")


def rest_routes(service: Service) -> list[Route]:
    """``/rest/...`` routes answering through ``service``."""

    async def params_of(request: Request) -> dict:
        params = parse_query(request.url.query)
        if request.method == "POST":
            body = parse_body(await request.body(), request.headers.get("content-type", ""))
            params.update(body)
        return params

    async def call(request: Request, method: str, webhook=None) -> Response:
        try:
            params = await params_of(request)
        except ValueError:
            return _answer(400, {"error": "INVALID_REQUEST", "error_description": "Invalid request body"})
        status, body = await service.handle(method, params, webhook)
        return _answer(status, body)

    async def oauth(request: Request):
        return await call(request, request.path_params["method"])

    async def webhook(request: Request):
        p = request.path_params
        return await call(request, p["method"], (p["user_id"], p["code"]))

    methods = ["GET", "POST"]
    return [Route("/rest/{method}", oauth, methods=methods),
            Route("/rest/{user_id}/{code}/{method}", webhook, methods=methods)]


def create_app(portal: Portal, *, faults: Faults | None = None, clock: Clock | None = None,
               routes: list[BaseRoute] | None = None) -> Starlette:
    """A Starlette app serving ``portal``; ``app.state.service`` holds tokens, faults and clock."""
    service = Service(portal, faults, clock)
    app = Starlette(routes=rest_routes(service) + oauth_routes(service) + dev_routes(service) + list(routes or []))
    # as a portal answers the app on another origin: the request's origin echoed back (a regex: "*" would be
    # answered literally), GET/POST with the SDK's headers, preflights answered 200 and kept 10 min, no cookies
    app.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_methods=["GET", "POST", "OPTIONS"],
                       allow_headers=["Content-Type", "Authorization", "X-Requested-With"], max_age=600)
    app.state.service = service
    return app


@dataclass
class Running:
    """A devportal serving in a background thread."""
    url: str
    app: Starlette
    server: object
    thread: threading.Thread

    @property
    def service(self) -> Service:
        return self.app.state.service

    @property
    def portal(self) -> Portal:
        return self.service.portal

    @property
    def faults(self) -> Faults:
        return self.service.faults

    @property
    def clock(self) -> Clock:
        return self.service.clock

    @property
    def tokens(self):
        return self.service.tokens

    def token(self, user_id: int) -> str:
        """A fresh access token of ``user_id``."""
        return self.tokens.issue(user_id, self.clock.now())["access_token"]

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def serve(portal: Portal, host: str = "127.0.0.1", port: int = 0, *, faults: Faults | None = None,
          clock: Clock | None = None, routes: list[BaseRoute] | None = None) -> Running:
    """Start uvicorn on ``host:port`` (0 = a free port) in a daemon thread; returns when it listens."""
    import uvicorn

    app = create_app(portal, faults=faults, clock=clock, routes=routes)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="devportal", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("devportal did not start")
        time.sleep(0.02)
    bound = server.servers[0].sockets[0].getsockname()[1]
    return Running(f"http://{host}:{bound}", app, server, thread)
