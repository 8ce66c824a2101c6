"""The weekly digest (decisions 111–113, 155–157): when it is due, its text (ru, en) and its sending through
``notify.notify`` to the desk's manager, then its 12-week chart as a PNG (``bot.upload``), each once. The
worker checks after every poll; the dashboard shows the same digest and chart as "this week's digest" to a
manager without the worker (views.dashboard)."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from ..model.sla import DAY_CODES
from ..texts import t

log = logging.getLogger("servicedesk.bot.digest")


def due_at(settings, now: datetime, zone) -> datetime:
    """This week's send time: the desk's ``digest_day`` at ``digest_hour`` (desk zone)."""
    from ..metrics.digest import week_start
    monday = week_start(now, zone)
    d = monday.date() + timedelta(days=DAY_CODES.index(settings.digest_day))
    return datetime(d.year, d.month, d.day, settings.digest_hour, tzinfo=zone)


def digest_key(settings, week: str) -> str:
    return f"digest:{settings.desk_id}:{week}"


def _pct(v, lang):
    if v is None:
        return "—"
    text = f"{v:.0f}%"
    return text


def digest_lines(d: dict, lang: str, names: dict | None = None) -> list[str]:
    """The digest as plain lines (the message joins them; the dashboard panel lists them)."""
    from ..charts.labels import format_duration
    f = d["figures"]
    items = d.get("second_line") == "items"        # a desk on a smart process: its items (decision 167)

    def series(name):
        return t("sla_series_items" if items and name == "tasks" else f"sla_series_{name}", lang)
    lines = [t("digest_title", lang, week=d["week"])]
    for name in ("chat", "openline", "tasks"):
        x = f[name]
        if not x["count"] and name != "tasks":
            continue
        line = t("digest_items" if items and name == "tasks" else f"digest_{name}", lang, n=x["count"],
                 median=format_duration(x["median_min"], lang), closed=x.get("closed", 0))
        if d["targets_on"].get(name):
            line += " " + t("digest_breach", lang, pct=_pct(x["breach_pct"], lang), n=x["breached"], of=x["with_target"])
        lines.append(line)
    if d.get("ratings"):
        lines.append(ratings_line(d["ratings"], lang))
    for which in ("best", "worst"):
        if d.get(which):
            c = d[which]
            lines.append(t(f"digest_{which}", lang, series=series(c["series"]),
                           change=f"{c['change']:+.0f}"))
    if d.get("oldest"):
        o = d["oldest"]
        lines.append(t("digest_oldest", lang, kind=series(o["kind"]), id=o["id"],
                       wait=format_duration(o["wait_min"], lang)))
    trend = {k: ["—" if v is None else f"{v:.0f}" for v in vals] for k, vals in d["trend"].items()}
    for name, vals in trend.items():
        lines.append(t("digest_trend", lang, series=series(name), values=" · ".join(vals)))
    return lines


def ratings_line(r: dict, lang: str) -> str:
    """The week's customer ratings with the week before's (decision 178): "no ratings this week", not 0 %."""
    def figure(x, key):
        return t(key + ("_pct" if x["rated"] else "_none"), lang, pct=_pct(x["pct"], lang), n=x["positive"],
                 of=x["rated"])
    return t("digest_ratings", lang, week=figure(r["week"], "digest_ratings"),
             before=figure(r["before"], "digest_ratings_before"))


async def send_digest(visit, dctx, sent: set, now: datetime, save=None, store=None, memo: dict | None = None) -> bool:
    """Send desk ``dctx``'s digest of the last full week when due and not sent, then its chart; True when
    the text was sent now. ``store``: the checker's bot.alert_keys.PortalKeys (one is made when not given);
    ``memo``: the checker's {key: digest} of charts still to send (a retry needs no new load)."""
    from ..metrics.digest import last_full_week
    from ..metrics.months import zone_of
    from ..model import Settings
    from .notify import notify
    settings = Settings.from_dict(dctx.settings)
    zone = zone_of(settings.time_zone)
    if not (settings.digest_on and settings.bot_id and dctx.owner_id) or now < due_at(settings, now, zone):
        return False
    monday = last_full_week(now, zone)
    key = digest_key(settings, monday.date().isoformat())
    if key in sent and not chart_due(key, sent):
        return False
    if store is None:
        from .alert_keys import PortalKeys
        store = PortalKeys(visit.client)
    kept = await store.read()                           # sent by another checker (bot.alert_keys)
    sent.update(k for k in (key, key + CHART_DUE, key + CHART) if k in kept)
    if key in sent and not chart_due(key, sent):
        return False
    memo = {} if memo is None else memo
    d = memo.get(key) or await desk_digest(visit, dctx, monday)
    lang = getattr(dctx, "lang", "ru") or "ru"
    fresh = key not in sent
    if fresh:
        where = (f"/crm/type/{settings.crm_entity_type_id}/list/category/{settings.crm_category_id}/"
                 if settings.on_crm else f"/workgroups/group/{settings.group_id}/tasks/")
        link = f"[URL={where}]{t('digest_link', lang)}[/URL]"
        await notify(visit.client, settings, str(dctx.owner_id), "\n".join(digest_lines(d, lang)) + "\n" + link, key)
        kept = await _keep(store, sent, kept, now, save, key, key + CHART_DUE)
        log.info("digest %s sent", key)
    memo[key] = d                                       # a transient failure below: the next poll retries it
    await send_chart(visit.client, settings, str(dctx.owner_id), d, lang, key)
    memo.pop(key, None)
    await _keep(store, sent, kept, now, save, key + CHART)
    return fresh


CHART_DUE, CHART = ":chart-due", ":chart"    # the text went, its chart is owed / the chart went (or was refused)


def chart_due(key: str, sent) -> bool:
    """The digest ``key``'s text was sent by this version and its chart not yet (decision 157)."""
    return key + CHART_DUE in sent and key + CHART not in sent


async def _keep(store, sent: set, kept: dict, now: datetime, save, *keys: str) -> dict:
    """Record ``keys`` as sent: in memory, on the portal (bot.alert_keys) and in the state file (``save``)."""
    sent.update(keys)
    kept = {**kept, **{k: now.timestamp() for k in keys}}
    await store.write(kept, now.timestamp())
    if save is not None:
        save()
    return kept


async def send_chart(client, settings, dialog_id: str, d: dict, lang: str, key: str) -> int | None:
    """The digest's 12-week chart as a PNG through the bot's file upload (bot.upload), its title as the
    message; None when it could not be drawn (no matplotlib on the worker) or the portal refused (logged:
    the text stands). Transient portal errors are raised."""
    from .upload import bot_upload
    try:
        from ..charts.digest_chart import digest_png, title_of
        png, title = digest_png(d, lang), title_of(d, lang)
    except ImportError as exc:
        log.warning("digest chart %s not drawn: %s", key, exc)
        return None
    mid = await bot_upload(client, settings, dialog_id, f"digest-{d['week']}.png", png, "📈 " + title)
    log.info("digest chart %s %s", key, "sent" if mid else "refused")
    return mid


async def desk_digest(visit, dctx, monday: datetime) -> dict:
    """The digest of desk ``dctx`` for the week of ``monday``: its records loaded with the visit's
    rights (loader.load_desk), its paused spans, a chat desk's votes on tasks closed from the week
    before on (bot.csat.load_votes: one request, decision 177), then metrics.digest."""
    from ..loader import load_desk
    from .csat import load_votes
    from .task_pauses import load_pauses
    from ..metrics.digest import week_digest
    from ..metrics.items import DeskItems
    from ..visit import Visit
    desk = await load_desk(Visit(visit.client, dctx, visit.ui, getattr(dctx, "lang", "ru")))
    pauses = await load_pauses(visit.client, desk.tasks, desk.settings, desk.now - timedelta(days=400))
    before = monday.date() - timedelta(days=7)
    votes = await load_votes(visit.client, desk.settings, datetime(before.year, before.month, before.day,
                                                                   tzinfo=monday.tzinfo))
    items = DeskItems(desk.messages, desk.users, desk.sessions, desk.tasks, desk.settings, desk.support_ids,
                      desk.now, time_zone=desk.settings.time_zone, pauses=pauses, task_votes=votes)
    from ..metrics.crm import crm_desk_series
    crm = crm_desk_series(desk.settings, desk.crm_items, desk.crm_history, desk.crm_stages, desk.now)
    return week_digest(items, monday, crm)
