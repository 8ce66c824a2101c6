"""Several desks on the screens (DOM imported where drawn, so the rows run on CPython): the desk switcher (remembered per portal and user in this browser),
and the selected month's split by chat of a desk with several first-line chats."""
from __future__ import annotations

from .. import runtime
from ..charts.labels import format_duration
from .i18n import t


def _key(visit) -> str:
    portal = getattr(visit.client.transport, "portal", "") or "portal"
    return f"servicedesk:desk:{portal}:{visit.ctx.user_id}"


def remembered(visit) -> int | None:
    """The desk this user last chose in this browser (None when none)."""
    value = runtime.stored_json(_key(visit))
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def remember(visit, desk_id: int) -> None:
    runtime.store_json(_key(visit), int(desk_id))


def pick_desk(visit) -> None:
    """Open on the remembered desk when the user still supports it (else the context's choice)."""
    if len(visit.ctx.my_desks) < 2:          # nothing to choose (the browser's storage is not read)
        return
    wanted = remembered(visit)
    if wanted and any(d.id == wanted for d in visit.ctx.my_desks):
        visit.ctx.use_desk(wanted)


def desk_label(desk, lang: str) -> str:
    return desk.name or t("desk_unnamed", lang).format(id=desk.id)


def switcher(visit, on_change):
    """A <select> of the desks the user supports (None with fewer than two); choosing one switches
    ``visit.ctx``, remembers it, then awaits ``on_change(desk_id)``."""
    desks = visit.ctx.my_desks
    if len(desks) < 2:
        return None
    from .dom import el, listen
    lang = visit.lang
    select = el("select", {"class": "sd-desk-switch__select", "data-action": "desk", "id": "sd-desk-switch",
                           "aria-label": t("desk_switch", lang)},
                *(el("option", {"value": d.id, "selected": d.id == visit.ctx.desk_id}, desk_label(d, lang))
                  for d in desks))

    async def changed(_event=None):
        desk_id = int(select.value)
        if visit.ctx.use_desk(desk_id):
            remember(visit, desk_id)
            await on_change(desk_id)
    listen(select, "change", changed)
    return el("label", {"class": "sd-desk-switch", "data-field": "desk-switch"},
              el("span", {"class": "sd-desk-switch__label"}, t("desk_switch", lang)), select)


def by_chat_rows(figures: dict, selected: str, lang: str = "ru", chat_names: dict | None = None) -> list[dict]:
    """The selected month's figures per chat of the desk's set (empty with one chat or none)."""
    month = (figures.get("months") or {}).get(selected) or {}
    split = month.get("chat_by_chat") or {}
    if len(split) < 2:
        return []
    names = {str(k): v for k, v in (chat_names or {}).items()}
    return [{"chat_id": int(cid), "chat": names.get(cid) or f"{t('dash_chat', lang)} #{cid}",
             "dialogues": str(int(row.get("dialogues") or 0)), "answered": str(int(row.get("answered") or 0)),
             "unanswered": str(int(row.get("unanswered") or 0)),
             "median": format_duration(row.get("median_response_min"), lang),
             "p90": format_duration(row.get("p90_response_min"), lang)}
            for cid, row in sorted(split.items(), key=lambda kv: int(kv[0]))]


def by_chat_table(figures: dict, selected: str, lang: str, table, chat_names: dict | None = None):
    """The split by chat as a details table (``table`` = dashboard_render's ``_table``); None when
    the desk has one chat."""
    rows = by_chat_rows(figures, selected, lang, chat_names)
    if not rows:
        return None
    from .dom import el
    trs = [el("tr", {"data-chat-id": r["chat_id"]}, el("th", {"scope": "row"}, r["chat"]),
              *(el("td", {"data-field": k}, r[k]) for k in ("dialogues", "answered", "unanswered", "median", "p90")))
           for r in rows]
    return table(t("dash_by_chat", lang), [t("dash_chat", lang), t("dash_col_count", lang), t("dash_answered", lang),
                                          t("dash_unanswered", lang), t("dash_col_median", lang),
                                          t("dash_col_p90", lang)], trs, "", "sd-block--by-chat")
