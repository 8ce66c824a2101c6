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
from .common import CURRENT_APP, int_or


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
    user_id = int_or(ci_get(params, "USER_ID"))
    if user_id and place != "PAGE_BACKGROUND_WORKER":     # placement-bind.md: USER_ID only there
        raise RestError(400, "ERROR_PLACEMENT_USER_MODE", "User mode is not available")
    langs = ci_get(params, "LANG_ALL")
    langs = {str(k): {str(f).upper(): str(v) for f, v in (d or {}).items()} for k, d in langs.items()
             if isinstance(d, dict)} if isinstance(langs, dict) else {}
    portal.placements.append(Placement(place, handler, str(ci_get(params, "TITLE") or ""),
                                       str(ci_get(params, "DESCRIPTION") or ""),
                                       opts if isinstance(opts, dict) else {}, user_id, langs,
                                       str(ci_get(params, "GROUP_NAME") or "")))
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
    # placement-get.md: userId and langAll as bound (langAll from TITLE when LANG_ALL was not given)
    return [{"placement": p.placement, "userId": p.user_id, "handler": p.handler, "options": p.options or [],
             "title": p.title, "description": p.description,
             "langAll": {lang: {"TITLE": d.get("TITLE", p.title), "DESCRIPTION": d.get("DESCRIPTION", p.description),
                                "GROUP_NAME": d.get("GROUP_NAME", p.group_name)} for lang, d in p.lang_all.items()}
             or {"ru": {"TITLE": p.title, "DESCRIPTION": p.description, "GROUP_NAME": p.group_name}}}
            for p in portal.placements]


METHODS = {"placement.bind": placement_bind, "placement.unbind": placement_unbind,
           "placement.get": placement_get}
