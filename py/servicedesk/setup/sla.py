"""Working hours and targets (DESIGN §4b) in setup and the admin's settings: prefill from the portal
(calendar.settings.get, the Open Line's KPI_FIRST_ANSWER_TIME), check the whole form, then write.

Nothing is written unless every field is valid; a write is one app.option.set (idempotent)."""
from __future__ import annotations

from ..model import Settings
from ..model.sla import WorkHours, form_of, kpi_first_answer_min, validate_sla
from ..rest import PortalError, RestClient
from .desks import update_desk
from .errors import SetupError, explain

SLA_KEYS = ("sla_mode", "work_hours", "sla_targets")


async def portal_calendar(client: RestClient) -> dict | None:
    """The portal calendar's working time as form fields ({"work_start", ...}); None when refused."""
    try:
        result = await client.call("calendar.settings.get")
    except PortalError:
        return None
    h = WorkHours.form_from_portal(result)
    return {"work_start": h["start"], "work_end": h["end"], "weekends": ",".join(h["weekends"]),
            "holidays": ",".join(h["holidays"]), "workdays": ",".join(h["workdays"])}


async def line_target(client: RestClient, openline_id: int | None) -> float | None:
    """The Open Line's first-answer norm in minutes (KPI_FIRST_ANSWER_TIME is seconds); None if unset."""
    if not openline_id:
        return None
    try:
        return kpi_first_answer_min(await client.call("imopenlines.config.get", {"CONFIG_ID": int(openline_id)}))
    except PortalError:
        return None


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


async def prefill(client: RestClient, options: dict | None, openline_id: int | None = None) -> dict:
    """The SLA form: the stored settings when there are any, else 24/7 with the portal's calendar and
    the line's norm as the Open Line target."""
    options = options or {}
    form = form_of(Settings.from_dict(options))
    if not any(options.get(k) for k in SLA_KEYS):
        form.update(await portal_calendar(client) or {})
        if not form.get("target_openline"):
            form["target_openline"] = _num(await line_target(client, openline_id or options.get("openline_id")))
    return form


async def save_sla(client: RestClient, form: dict, desk_id: int | None = None) -> tuple[dict, dict]:
    """Check ``form`` (see model.sla.validate_sla); write it only when valid, into desk ``desk_id``'s
    record (None: the single-desk keys). Returns (errors, options written). Raises SetupError when the
    portal refuses (e.g. the caller is not an admin)."""
    errors, options = validate_sla(form)
    if errors:
        return errors, {}
    try:
        if desk_id is not None:
            await update_desk(client, desk_id, options)
            return {}, options
        if not await client.call("user.admin"):
            raise SetupError("setup_err_not_admin", "settings")
        await client.call("app.option.set", {"options": options})
    except PortalError as exc:
        raise explain(exc, "settings") from exc
    return {}, options
