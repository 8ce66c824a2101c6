"""The portal page that frames the app like Bitrix24 does (user and placement switchers)."""
from __future__ import annotations

from pathlib import Path

from starlette.responses import FileResponse, JSONResponse
from starlette.routing import Route

HERE = Path(__file__).resolve().parent


def frame_routes(app_url: str, member_id: str = "", default_user: int | None = None) -> list[Route]:
    """Routes for ``/`` (the portal page), its script and ``/_dev/config`` (where the app lives)."""

    async def page(request):
        return FileResponse(HERE / "portal.html", media_type="text/html; charset=utf-8")

    async def script(request):
        return FileResponse(HERE / "portal.js", media_type="text/javascript; charset=utf-8")

    async def config(request):
        return JSONResponse({"app_url": app_url, "member_id": member_id, "default_user": default_user})

    return [Route("/", page), Route("/_dev/frame/portal.js", script), Route("/_dev/config", config)]
