"""A desk's alerts, paused clock and weekly digest in the admin's Settings (docs/decisions 110, 160–164):
the form prefilled from what the checker reads, checked, then written into the desk's record alone.

The write is ``setup.desks.update_desk``: one ``app.option.set`` of the ``desks`` list with only the eight
keys of ``model.alert_settings.ALERT_KEYS`` changed in that desk's record (a single-desk install is moved
to ``desks`` in the same write, its keys kept). The desk's group and chats are not checked again: an
admin who is not in a desk's chats may still set its alerts."""
from __future__ import annotations

from ..model.alert_settings import form_of, validate_alerts
from ..model.desks import all_desks, desk_options
from ..model.settings import Settings
from ..rest import PortalError, RestClient
from .desks import update_desk
from .errors import explain


def alerts_form(options: dict | None, desk_id: int) -> dict:
    """Desk ``desk_id``'s form from already-read app options: its settings as the checker, the paused
    clock and the digest read them (``desk_options`` + ``Settings.from_dict``: unreadable values are the
    defaults); the defaults when there is no such desk."""
    record = next((r for r in all_desks(options) if r["id"] == desk_id), None)
    settings = Settings.from_dict(desk_options(options, record)) if record else Settings()
    return form_of(settings)


async def read_alerts_form(client: RestClient, desk_id: int) -> dict:
    """Desk ``desk_id``'s form from the options as the portal has them now (``alerts_form``). Raises
    SetupError when the portal refuses."""
    try:
        options = await client.call("app.option.get", {})
    except PortalError as exc:
        raise explain(exc, "desks") from exc
    return alerts_form(options if isinstance(options, dict) else {}, desk_id)


async def save_alerts(client: RestClient, form: dict, desk_id: int) -> tuple[dict, dict]:
    """Check ``form`` (``validate_alerts``); when valid write its keys into desk ``desk_id``'s record,
    the rest of it and the other desks as stored. Returns (errors {field: i18n key}, keys written).
    Raises SetupError (not an admin, no such desk, the portal refused)."""
    errors, changes = validate_alerts(form)
    if errors:
        return errors, {}
    try:
        await update_desk(client, desk_id, changes)
    except PortalError as exc:
        raise explain(exc, "desks") from exc
    return {}, changes

