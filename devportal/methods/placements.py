"""Widgets: placement.bind/unbind/get (admin only; 403 ACCESS_DENIED otherwise).

Checked against widgets/placement-bind.md (PLACEMENT, HANDLER, TITLE, DESCRIPTION, OPTIONS,
LANG_ALL; ERROR_ARGUMENT for a missing one; widgets/im/textarea.md: IM_TEXTAREA needs
OPTIONS[iconName]), placement-unbind.md (result {"count": n}; 403
ACCESS_DENIED "Access denied!" for non-admins) and placement-get.md (admin; list of bindings).
"""
from __future__ import annotations

from ..envelope import RestError, access_denied
from ..params import ci_get
from ..state import Placement
from .common import CURRENT_APP


def _admin_app(user):
    if not CURRENT_APP.get():
        raise RestError(403, "WRONG_AUTH_TYPE",
                        "Current authorization type is denied for this method Application context required")
    if not user.is_admin:
        raise access_denied()


def _arg(params, name):
    value = ci_get(params, name)
    if not value:
        raise RestError(400, "ERROR_ARGUMENT", f"Argument '{name}' is null or empty", argument=name)
    return str(value)


def placement_bind(portal, user, params):
    _admin_app(user)
    place, handler = _arg(params, "PLACEMENT").upper(), _arg(params, "HANDLER")
    if any(p.placement == place and p.handler == handler for p in portal.placements):
        raise RestError(400, "ERROR_PLACEMENT_HANDLER_ALREADY_BINDED", "Handler already binded")
    opts = ci_get(params, "OPTIONS")
    if place == "IM_TEXTAREA" and not (isinstance(opts, dict) and opts.get("iconName")):
        raise RestError(400, "ERROR_ARGUMENT", "Argument 'iconName' is null or empty", argument="iconName")
    portal.placements.append(Placement(place, handler, str(ci_get(params, "TITLE") or ""),
                                       str(ci_get(params, "DESCRIPTION") or ""),
                                       opts if isinstance(opts, dict) else {}))
    return True


def placement_unbind(portal, user, params):
    _admin_app(user)
    place = _arg(params, "PLACEMENT").upper()
    handler = ci_get(params, "HANDLER")
    keep = [p for p in portal.placements if not (p.placement == place and (not handler or p.handler == handler))]
    count = len(portal.placements) - len(keep)
    portal.placements = keep
    return {"count": count}


def placement_get(portal, user, params):
    _admin_app(user)
    return [{"placement": p.placement, "userId": 0, "handler": p.handler, "options": p.options or [],
             "title": p.title, "description": p.description,
             "langAll": {"ru": {"TITLE": p.title, "DESCRIPTION": p.description, "GROUP_NAME": ""}}}
            for p in portal.placements]


METHODS = {"placement.bind": placement_bind, "placement.unbind": placement_unbind,
           "placement.get": placement_get}
