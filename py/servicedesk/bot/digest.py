"""The weekly digest (decisions 111–113): when it is due, its text (ru, en) and its sending through
``notify.notify`` to the desk's manager. The worker checks after every poll; the dashboard shows the same
digest as "this week's digest" to a manager without the worker (views.dashboard)."""
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
    lines = [t("digest_title", lang, week=d["week"])]
    for name in ("chat", "openline", "tasks"):
        x = f[name]
        if not x["count"] and name != "tasks":
            continue
        line = t(f"digest_{name}", lang, n=x["count"], median=format_duration(x["median_min"], lang),
                 closed=x.get("closed", 0))
        if d["targets_on"].get(name):
            line += " " + t("digest_breach", lang, pct=_pct(x["breach_pct"], lang), n=x["breached"], of=x["with_target"])
        lines.append(line)
    for which in ("best", "worst"):
        if d.get(which):
            c = d[which]
            lines.append(t(f"digest_{which}", lang, series=t(f"sla_series_{c['series']}", lang),
                           change=f"{c['change']:+.0f}"))
    if d.get("oldest"):
        o = d["oldest"]
        lines.append(t("digest_oldest", lang, kind=t(f"sla_series_{o['kind']}", lang), id=o["id"],
                       wait=format_duration(o["wait_min"], lang)))
    trend = {k: ["—" if v is None else f"{v:.0f}" for v in vals] for k, vals in d["trend"].items()}
    for name, vals in trend.items():
        lines.append(t("digest_trend", lang, series=t(f"sla_series_{name}", lang), values=" · ".join(vals)))
    return lines


async def send_digest(visit, dctx, sent: set, now: datetime, save=None, store=None) -> bool:
    """Send desk ``dctx``'s digest of the last full week when due and not sent; True when sent.
    ``store``: the checker's bot.alert_keys.PortalKeys (one is made when not given)."""
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
    if key in sent:
        return False
    if store is None:
        from .alert_keys import PortalKeys
        store = PortalKeys(visit.client)
    kept = await store.read()                           # sent by another checker (bot.alert_keys)
    if key in kept:
        sent.add(key)
        return False
    d = await desk_digest(visit, dctx, monday)
    lang = getattr(dctx, "lang", "ru") or "ru"
    link = f"[URL=/workgroups/group/{settings.group_id}/tasks/]{t('digest_link', lang)}[/URL]"
    await notify(visit.client, settings, str(dctx.owner_id), "\n".join(digest_lines(d, lang)) + "\n" + link, key)
    sent.add(key)
    await store.write({**kept, key: now.timestamp()}, now.timestamp())
    if save is not None:
        save()
    log.info("digest %s sent", key)
    return True


async def desk_digest(visit, dctx, monday: datetime) -> dict:
    """The digest of desk ``dctx`` for the week of ``monday``: its records loaded with the visit's
    rights (loader.load_desk), its paused spans, then metrics.digest."""
    from datetime import timedelta as td

    from ..loader import load_desk
    from .task_pauses import load_pauses
    from ..metrics.digest import week_digest
    from ..metrics.items import DeskItems
    from ..visit import Visit
    desk = await load_desk(Visit(visit.client, dctx, visit.ui, getattr(dctx, "lang", "ru")))
    pauses = await load_pauses(visit.client, desk.tasks, desk.settings, desk.now - td(days=400))
    items = DeskItems(desk.messages, desk.users, desk.sessions, desk.tasks, desk.settings, desk.support_ids,
                      desk.now, time_zone=desk.settings.time_zone, pauses=pauses)
    return week_digest(items, monday)
