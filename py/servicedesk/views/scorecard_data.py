"""The specialist scorecard of one month as the dashboard shows and exports it (no DOM, runs on CPython):
``month_scorecard`` loads the month's task histories and head votes on demand and computes
``metrics.scorecard``; ``table`` gives its rows side by side (nobody ranked: sorted by name);
``scorecard_csv`` the CSV for Excel (durations in minutes)."""
from __future__ import annotations

from ..texts import t
from .export_csv import to_csv

# (figure of metrics.scorecard, column text key, CSV type); the rating shows its count of votes too
COLUMNS = (("chat_dialogues", "score_dialogues_chat", "int"), ("openline_dialogues", "score_dialogues_openline", "int"),
           ("median_response_min", "score_median", "minutes"), ("p90_response_min", "score_p90", "minutes"),
           ("breach_pct", "score_breach", "minutes"), ("tasks_closed", "score_tasks_closed", "int"),
           ("median_time_to_close_min", "score_ttc_median", "minutes"), ("tasks_reopened", "score_reopened", "int"),
           ("rating", "score_rating", "minutes"), ("csat_pct", "score_csat", "minutes"))


def month_sessions(sessions, settings, month: str, now) -> list[int]:
    """Ids of the desk's Open Line sessions started in ``month`` (whose head votes are loaded)."""
    from ..metrics.months import MONTHS_SHOWN, month_window, zone_of
    from ..metrics.openline import counted_sessions
    from ..metrics.scorecard import month_of
    from ..model import Session, parse_time
    zone = zone_of(settings.time_zone)
    win = month_window(parse_time(now, zone), zone, MONTHS_SHOWN)
    sel = win.keys.index(month)
    parsed = [Session.from_rest(s, zone) if isinstance(s, dict) else s for s in sessions or ()]
    return [s.id for s in counted_sessions(parsed, settings.openline_id).sessions if month_of(s.date_create, win) == sel]


async def month_scorecard(client, desk, month: str, crm: dict | None = None) -> dict:
    """``metrics.scorecard`` of ``desk`` (a loaded desk) for ``month`` with its on-demand data:
    ceil(tasks / 50) + ceil(sessions / 50) requests. On a desk on a smart process, ``crm`` (the dashboard's
    metrics.crm figures; computed when not given) gives the second-line columns from the items (decision 169)."""
    from ..loader.scorecard import head_votes, task_histories
    from ..metrics.scorecard import closed_in, scorecard
    s = desk.settings
    history = await task_histories(client, closed_in(desk.tasks, s, month, desk.now))
    votes = await head_votes(client, month_sessions(desk.sessions, s, month, desk.now)) if s.openline_id else None
    card = scorecard(desk.messages, desk.users, desk.sessions, desk.tasks, s, desk.support_ids, month, desk.now,
                     history=history, votes=votes, task_votes=getattr(desk, "task_votes", None))
    if getattr(s, "on_crm", False):
        from ..metrics.second_line import items_into_scorecard
        if crm is None:
            from ..metrics.crm import crm_desk_figures
            crm = crm_desk_figures(s, desk.crm_items, desk.crm_history, desk.crm_stages, desk.now)
        items_into_scorecard(card, crm, s.second_line_switches, desk.now, s.time_zone)
    return card


# the closed column of a month on a smart process (decision 169): requests, or tasks and requests
_CLOSED = {("crm",): "score_items_closed", ("crm", "tasks"): "score_both_closed"}


def column_label(card: dict, text_key: str, lang: str) -> str:
    """A column's heading; the closed column says what it counts in the card's month."""
    if text_key == "score_tasks_closed":
        text_key = _CLOSED.get(tuple(card.get("second_line") or ()), text_key)
    return t(text_key, lang)


def table(card: dict, names: dict) -> list[dict]:
    """[{uid, name, values: {figure: value}, ratings, trend}] sorted by name (then id)."""
    names = {int(k): v for k, v in (names or {}).items()}
    rows = [{"uid": int(uid), "name": names.get(int(uid)) or f"#{uid}", "ratings": p.get("ratings") or 0,
             "values": {key: p.get(key) for key, _, _ in COLUMNS}, "trend": p.get("trend_median_response_min") or []}
            for uid, p in (card.get("people") or {}).items()]
    return sorted(rows, key=lambda r: (str(r["name"]).casefold(), r["uid"]))


def cell_text(key: str, value, lang: str) -> str:
    """A figure as the table shows it ("—" when there is none)."""
    if value is None:
        return "—"
    if key in ("breach_pct", "csat_pct"):
        return f"{value:.0f} %"
    if key == "rating":
        return f"{value:.1f}".replace(".", "," if lang == "ru" else ".")
    if key.endswith("_min"):
        from ..charts.labels import format_duration
        return format_duration(value, lang)
    return str(int(value))


def scorecard_csv(card: dict, names: dict, lang: str) -> bytes:
    """One line per specialist: the name and every figure (durations in minutes)."""
    spec = [(t("score_col_name", lang), "text"), *((column_label(card, text, lang), kind) for _, text, kind in COLUMNS),
            (t("score_col_votes", lang), "int")]
    return to_csv(spec, [[r["name"], *(r["values"][k] for k, _, _ in COLUMNS), r["ratings"]]
                         for r in table(card, names)])
