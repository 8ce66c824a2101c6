"""Users, the app and its options: user.current, user.get, user.admin, profile, department.get,
app.info, app.option.get/set, user.option.get/set.

Checked against: user/user-current.md, user/user-get.md, common/users/user-admin.md,
common/users/profile.md, departments/department-get.md (any user; filters ID, NAME, PARENT,
UF_HEAD), common/system/app-info.md, common/settings/app-option-get.md,
app-option-set.md (admin only: "Кто может выполнять метод: администратор"), user-option-get.md,
user-option-set.md.
"""
from __future__ import annotations

from ..envelope import RestError, page
from ..filters import matches
from ..params import ci_get
from ..state import Portal, User
from .common import CURRENT_APP, date


def user_fields(portal: Portal, u: User) -> dict:
    """A user as user.get / user.current give it (user-get.md's example)."""
    return {
        "ID": str(u.id), "ACTIVE": u.active, "NAME": u.name, "LAST_NAME": u.last_name,
        "SECOND_NAME": "", "EMAIL": u.email, "LAST_LOGIN": date(portal, portal.now),
        "DATE_REGISTER": date(portal, portal.now.replace(month=1, day=1)),
        "TIME_ZONE": u.time_zone, "IS_ONLINE": "N", "TIMESTAMP_X": {}, "LAST_ACTIVITY_DATE": {},
        "PERSONAL_GENDER": "", "PERSONAL_WWW": "", "PERSONAL_BIRTHDAY": "", "PERSONAL_PHOTO": u.photo,
        "PERSONAL_MOBILE": "", "PERSONAL_CITY": "", "WORK_PHONE": "", "WORK_POSITION": u.work_position,
        "UF_EMPLOYMENT_DATE": "", "UF_DEPARTMENT": list(u.departments),
        "USER_TYPE": "bot" if u.bot else "employee",
        "XML_ID": f"devportal-{u.id}",           # user/user-fields.md: "Внешний код"
    }


def user_current(portal, user, params):
    out = user_fields(portal, user)          # user-current.md / batch.md show these two as strings
    out["TIMESTAMP_X"] = portal.now.strftime("%d.%m.%Y %H:%M:%S")
    out["LAST_ACTIVITY_DATE"] = portal.now.strftime("%Y-%m-%d %H:%M:%S")
    return out


def user_get(portal, user, params):
    flt = dict(ci_get(params, "FILTER") or {})
    for key in list(params):                       # user.get also takes filter keys at top level
        if key.upper() in ("ID", "ACTIVE", "UF_DEPARTMENT", "NAME", "LAST_NAME", "EMAIL", "USER_TYPE"):
            flt.setdefault(key.upper(), params[key])
    rows = [user_fields(portal, u) for u in portal.users.values()
            if (not u.bot or "ID" in flt) and matches(lambda f, u=u: _user_value(portal, u, f), flt,
                                                         skip=lambda n: n in ("NAME_SEARCH", "IS_ONLINE"))]
    sort = str(ci_get(params, "sort") or ci_get(params, "SORT") or "ID").upper()
    desc = str(ci_get(params, "order") or "ASC").upper() == "DESC"
    rows.sort(key=lambda r: _sort_key(r.get(sort)), reverse=desc)
    return page(rows, params)


def _user_value(portal, u, field):
    if field == "ID":
        return u.id
    if field == "UF_DEPARTMENT":
        return list(u.departments)
    return user_fields(portal, u).get(field)


def _sort_key(v):
    try:
        return (0, float(v), "")
    except (TypeError, ValueError):
        return (1, 0.0, str(v))


def user_admin(portal, user, params):
    return user.is_admin


def profile(portal, user, params):
    return {"ID": str(user.id), "ADMIN": user.is_admin, "NAME": user.name, "LAST_NAME": user.last_name,
            "PERSONAL_GENDER": "", "PERSONAL_PHOTO": user.photo, "TIME_ZONE": user.time_zone}


def department_get(portal, user, params):
    rows = [{"ID": str(d.id), "NAME": d.name, "SORT": 500,
             **({"PARENT": str(d.parent)} if d.parent else {}), **({"UF_HEAD": str(d.head)} if d.head else {})}
            for d in sorted(portal.departments.values(), key=lambda d: d.id)]
    flt = {k.upper(): v for k, v in params.items() if k.upper() in ("ID", "NAME", "PARENT", "UF_HEAD")}
    rows = [r for r in rows if matches(lambda f, r=r: r.get(f), flt)]
    return page(rows, params)


def app_info(portal, user, params):
    # common/system/app-info.md: outside an application (a webhook) 400 ACCESS_DENIED "Access denied!
    # Application context required"
    if not CURRENT_APP.get():
        raise RestError(400, "ACCESS_DENIED", "Access denied! Application context required")
    return {"ID": 1, "CODE": "local.servicedesk", "VERSION": 1, "STATUS": "L", "INSTALLED": True,
            "PAYMENT_EXPIRED": "N", "DAYS": None, "LANGUAGE_ID": user.lang,
            "LICENSE": "ru_pro", "LICENSE_TYPE": "pro", "LICENSE_FAMILY": "pro"}


def _app_context():
    """common/settings/app-option-*.md, user-option-*.md: 400 AccessException outside an application."""
    if not CURRENT_APP.get():
        raise RestError(400, "AccessException", "Application context required")


def _options(store: dict, params):
    name = ci_get(params, "option")
    if name in (None, ""):
        return dict(store) if store else []
    return store.get(str(name))


def _set_options(store: dict, params):
    opts = ci_get(params, "options")
    if not opts or not isinstance(opts, dict):
        raise RestError(400, "ArgumentNullException", "options is empty")
    for k, v in opts.items():
        store[str(k)] = v          # kept as sent (Bitrix24 serializes the PHP value)
    return True


def app_option_get(portal, user, params):
    _app_context()
    return _options(portal.app_options, params)


def app_option_set(portal, user, params):
    _app_context()
    if not user.is_admin:      # app-option-set.md: "Administrator authorization required", 400 AccessException
        raise RestError(400, "AccessException", "Administrator authorization required")
    return _set_options(portal.app_options, params)


def user_option_get(portal, user, params):
    _app_context()
    return _options(portal.user_options.get(user.id, {}), params)


def user_option_set(portal, user, params):
    _app_context()
    return _set_options(portal.user_options.setdefault(user.id, {}), params)


METHODS = {
    "user.current": user_current, "user.get": user_get, "user.admin": user_admin, "profile": profile,
    "department.get": department_get,
    "app.info": app_info, "app.option.get": app_option_get, "app.option.set": app_option_set,
    "user.option.get": user_option_get, "user.option.set": user_option_set,
}
