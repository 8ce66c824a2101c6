"""calendar.settings.get (calendar/calendar-settings-get.md): the portal's calendar settings, any user,
no parameters. The working-time keys come from ``Portal.calendar``; the rest are the docs' example values."""
from __future__ import annotations

_REST = {"user_name_template": "#NAME# #LAST_NAME#", "sync_by_push": False, "user_show_login": True,
         "path_to_user": "/company/personal/user/#user_id#/",
         "path_to_user_calendar": "/company/personal/user/#user_id#/calendar/",
         "path_to_group": "/workgroups/group/#group_id#/",
         "path_to_group_calendar": "/workgroups/group/#group_id#/calendar/", "path_to_vr": "", "path_to_rm": "",
         "rm_iblock_type": "", "rm_iblock_id": "", "dep_manager_sub": True, "denied_superpose_types": [],
         "pathes_for_sites": "", "forum_id": "8", "rm_for_sites": True, "path_to_type_company_calendar": "",
         "path_to_type_location": "", "path_to_type_open_event": ""}
_KEYS = ("work_time_start", "work_time_end", "year_holidays", "year_workdays", "week_holidays", "week_start")


def settings_get(portal, user, params):
    cal = portal.calendar
    out = {k: (list(cal[k]) if isinstance(cal.get(k), list) else str(cal.get(k, ""))) for k in _KEYS}
    return {**out, **_REST}


METHODS = {"calendar.settings.get": settings_get}
