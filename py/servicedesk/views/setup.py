"""The setup wizard (admin, desk not set up yet) and the admin's settings screen.

``show_view(visit)``: one form (group name, manager, specialists, support chat, Open Line, time
zone, working hours and targets), then the steps with their state, then a summary with the way into
the app. The steps themselves are ``servicedesk.setup`` (no DOM). ``show_settings(visit)``: change
the support chat, the working hours and targets.
"""
from __future__ import annotations

import asyncio
import logging
import uuid
from zoneinfo import available_timezones

import js

from .. import setup as wizard
from ..model.values import to_int
from ..setup import lookups, progress as prog
from ..setup.settings import change_chat
from ..setup.sla import prefill, save_sla
from ..setup.spec import GREETING, STEPS, SetupInput
from ..setup.validate import validate
from . import screens, setup_sla
from .dom import el, fill, mount
from .i18n import t
from .setup_parts import button, field, on, person_card, show_errors, steps_list, summary

log = logging.getLogger("servicedesk.views.setup")


def _value(node_id: str) -> str:
    node = js.document.getElementById(node_id)
    return str(node.value) if node is not None else ""


def _browser_zone() -> str:
    try:
        return str(js.Intl.DateTimeFormat().resolvedOptions().timeZone)
    except Exception:          # noqa: BLE001 - an old browser: fall back to the portal's zone
        return "Europe/Moscow"


async def _fit(visit) -> None:
    """Let the portal resize the frame to the content (best effort)."""
    try:
        await visit.ui.fit_window()
    except Exception as exc:     # noqa: BLE001 - the frame keeps its size
        log.debug("fit_window: %s", exc)


def _app_url() -> str:
    """The page's own address without query or fragment: the placements' handler."""
    return str(js.location.href).split("#")[0].split("?")[0]


class Wizard:
    """The form's state (chosen people) and its actions."""

    def __init__(self, visit, chats: list[dict], lines: list[dict], previous: prog.Progress | None,
                 sla_form: dict | None = None):
        self.visit, self.lang = visit, visit.lang
        self.sla_form = sla_form or {}
        self.chats, self.lines, self.previous = chats, lines, previous
        self.manager: list[dict] = []
        self.specialists: list[dict] = []
        self.run_id = uuid.uuid4().hex

    # ---- people ------------------------------------------------------------------------------
    def pickers(self) -> tuple:
        """The "choose the manager" and "add specialists" buttons (the portal's user picker)."""
        return (button(t("setup_pick_one", self.lang), lambda: self.pick(False), id="sd-setup-pick-manager"),
                button(t("setup_pick_many", self.lang), lambda: self.pick(True), id="sd-setup-pick-specialists"))

    async def pick(self, multiple: bool) -> None:
        picked = await self.visit.ui.select_users(multiple)
        ids = [int(p.get("id")) for p in picked or [] if str(p.get("id", "")).isdigit()]
        if not ids:
            return
        cards = await lookups.people(self.visit.client, ids)
        if multiple:
            known = {c["id"] for c in self.specialists}
            self.specialists += [c for c in cards if c["id"] not in known]
        else:
            self.manager = cards[:1]
        self.draw_people()

    def draw_people(self) -> None:
        for key, cards in (("manager", self.manager), ("specialists", self.specialists)):
            box = js.document.getElementById(f"sd-setup-{key}-list")
            box.replaceChildren(*(person_card(c, self._remover(key, c["id"])) for c in cards))
        asyncio.create_task(_fit(self.visit))

    def _remover(self, key: str, uid: int):
        async def remove():
            setattr(self, key, [c for c in getattr(self, key) if c["id"] != uid])
            self.draw_people()
        return remove

    # ---- the form ----------------------------------------------------------------------------
    def form(self):
        lang, inputs = self.lang, (self.previous.inputs if self.previous else {}) or {}
        zone = inputs.get("time_zone") or _browser_zone()
        chat_select = el("select", {"id": "sd-setup-chat"}, el("option", {"value": ""}, t("setup_chat_new", lang)),
                         *(el("option", {"value": c["id"], "selected": c["id"] == inputs.get("chat_id")}, c["title"])
                           for c in self.chats))
        line_select = el("select", {"id": "sd-setup-openline"},
                         el("option", {"value": ""}, t("setup_openline_none", lang)),
                         *(el("option", {"value": ln["id"], "selected": ln["id"] == inputs.get("openline_id")},
                              ln["name"]) for ln in self.lines))
        pick_one, pick_many = self.pickers()
        submit = button(t("setup_submit", lang), primary=True, submit=True, id="sd-setup-submit")
        form = el("form", {"class": "sd-setup-form", "novalidate": True},
                  field("group_name", t("setup_group_name", lang),
                        el("input", {"id": "sd-setup-group_name", "maxlength": 300,
                                     "value": inputs.get("group_name") or t("setup_group_default", lang)}),
                        hint=t("setup_group_hint", lang)),
                  field("manager", t("setup_manager", lang), el("ul", {"class": "sd-people", "id": "sd-setup-manager-list"}),
                        pick_one),
                  field("specialists", t("setup_specialists", lang),
                        el("ul", {"class": "sd-people", "id": "sd-setup-specialists-list"}), pick_many),
                  field("chat", t("setup_chat", lang), chat_select,
                        el("input", {"id": "sd-setup-chat_title", "maxlength": 300, "aria-label": t("setup_chat_title", lang),
                                     "placeholder": t("setup_chat_title", lang), "value": inputs.get("chat_title") or ""})),
                  field("openline", t("setup_openline", lang), line_select,
                        el("textarea", {"id": "sd-setup-greeting", "rows": 2, "aria-label": t("setup_greeting", lang)},
                           inputs.get("greeting") or GREETING.get(lang, GREETING["ru"])),
                        hint=t("setup_openline_hint", lang)),
                  field("time_zone", t("setup_time_zone", lang),
                        el("input", {"id": "sd-setup-time_zone", "list": "sd-setup-zones", "value": zone}),
                        el("datalist", {"id": "sd-setup-zones"},
                           *(el("option", {"value": z}) for z in sorted(available_timezones())))),
                  setup_sla.fieldset(self.sla_form, lang, self.visit),
                  field("second_line", t("second_line", lang),
                        el("select", {"id": "sd-setup-second_line"},
                           *(el("option", {"value": v, "selected": v == (inputs.get("second_line") or "tasks")},
                                t(f"second_line_{v}", lang)) for v in ("tasks", "crm"))),
                        hint=t("second_line_hint", lang)),
                  el("p", {"class": "sd-setup-error", "data-error": "handler", "role": "alert"}),
                  el("div", {"class": "sd-setup-actions"}, submit))
        on(form, "submit", self.submit)
        on(chat_select, "change", self.toggle)
        on(line_select, "change", self.toggle)
        return form

    async def toggle(self) -> None:
        """The new chat's name only when a new chat is chosen; the greeting only with an Open Line."""
        for select_id, dependent, shown_when_empty in (("sd-setup-chat", "sd-setup-chat_title", True),
                                                       ("sd-setup-openline", "sd-setup-greeting", False)):
            empty = not _value(select_id)
            js.document.getElementById(dependent).hidden = empty != shown_when_empty
        await setup_sla.fill_line_target(self.visit, to_int(_value("sd-setup-openline")))
        await _fit(self.visit)

    def choices(self) -> SetupInput:
        return SetupInput(group_name=_value("sd-setup-group_name"),
                          manager_id=self.manager[0]["id"] if self.manager else None,
                          specialist_ids=[c["id"] for c in self.specialists],
                          chat_id=to_int(_value("sd-setup-chat")), chat_title=_value("sd-setup-chat_title"),
                          openline_id=to_int(_value("sd-setup-openline")), greeting=_value("sd-setup-greeting"),
                          time_zone=_value("sd-setup-time_zone"), handler=_app_url(), lang=self.lang,
                          sla=setup_sla.read())

    def show_errors(self, errors: dict[str, str]) -> None:
        show_errors(js.document, errors, self.lang)

    # ---- running -------------------------------------------------------------------------------
    async def submit(self, force: bool = False) -> None:
        inp = self.choices()
        errors = validate(inp, chat_ids=[c["id"] for c in self.chats], openline_ids=[ln["id"] for ln in self.lines])
        self.show_errors(errors)
        if errors:
            log.info("setup form: %s", errors)
            await _fit(self.visit)
            js.document.querySelector(".sd-setup-invalid").scrollIntoView()
            return
        js.document.getElementById("sd-setup-submit").disabled = True
        status = js.document.getElementById("sd-setup-status")
        status.replaceChildren(el("p", {"class": "sd-note"}, t("setup_running", self.lang)), steps_list(STEPS, self.lang))
        await _fit(self.visit)
        status.scrollIntoView()
        ctx = self.visit.ctx
        try:
            result = await wizard.run_setup(self.visit.client, inp, admin_id=ctx.user_id, admin_name=ctx.user_name,
                                            run_id=self.run_id, force=force, on_step=self.mark_step)
        except wizard.SetupError as exc:
            self.failed(exc)
        else:
            note = ""
            if _value("sd-setup-second_line") == "crm":     # issue 27: then the smart process (CRM admins)
                from ..setup.crm import set_second_line
                try:
                    await set_second_line(self.visit.client, 1, "crm", self.lang, inp.group_name)
                except wizard.SetupError as exc:
                    log.warning("second line stays on tasks: %s", exc)
                    note = t(exc.code, self.lang)
            self.done(inp, result, note)
        await _fit(self.visit)

    def mark_step(self, step: str, state: str) -> None:
        node = js.document.querySelector(f'#sd-setup-steps [data-step="{step}"]')
        if node is not None:
            node.dataset.state = state

    def failed(self, exc) -> None:
        lang = self.lang
        log.warning("setup failed: %s", exc)
        retry = button(t("setup_force" if isinstance(exc, wizard.SetupBusy) else "setup_retry", lang),
                       lambda: self.submit(force=isinstance(exc, wizard.SetupBusy)), primary=True, id="sd-setup-retry")
        message = fill(t(exc.code, lang), **{"admin": "—", **exc.info})
        js.document.getElementById("sd-setup-status").appendChild(
            el("div", {"class": "sd-setup-failure", "role": "alert", "data-code": exc.code},
               el("p", {"class": "sd-error"}, f"{t('setup_failed', lang).format(step=t('setup_step_' + exc.step, lang))}: ",
                  *message),
               el("p", {"class": "sd-setup-detail"}, exc.detail) if exc.detail else None, retry))
        js.document.getElementById("sd-setup-submit").disabled = False

    def done(self, inp: SetupInput, result: dict, note: str = "") -> None:
        lang = self.lang
        names = {("user", c["id"]): c["name"] for c in self.manager + self.specialists}
        names.update({("chat", c["id"]): c["title"] for c in self.chats})
        names.update({("line", ln["id"]): ln["name"] for ln in self.lines})
        async def reload():
            js.location.reload()
        go = button(t("setup_open_app", lang), reload, primary=True, id="sd-setup-open")
        mount(el("section", {"class": "sd-view sd-view-setup", "data-view": "setup", "data-setup": "done"},
                 el("h1", None, t("setup_summary", lang)), summary(result, names, lang),
                 el("p", {"class": "sd-error", "role": "alert", "data-note": "second-line"}, note) if note else None,
                 el("div", {"class": "sd-setup-actions"}, go)))


async def show_view(visit) -> None:
    """The wizard for an admin (anyone else gets the "not set up yet" screen)."""
    ctx, lang = visit.ctx, visit.lang
    if not ctx.is_admin:
        await screens.show_view(visit)
        return
    chats, lines = await lookups.group_chats(visit.client), await lookups.open_lines(visit.client)
    previous = prog.from_options(ctx.settings)
    try:
        await wizard.mark_opened(visit.client, ctx.user_id, ctx.user_name, ctx.settings)
    except Exception as exc:        # noqa: BLE001 - only a courtesy for employees
        log.info("could not note the admin's name: %s", exc)
    resumed = previous if previous and previous.inputs and previous.state != "done" else None
    sla_form = (resumed.inputs.get("sla") if resumed else None) or await prefill(visit.client, {})
    w = Wizard(visit, chats, lines, resumed, sla_form)
    notes = []
    if previous and previous.state in ("failed", "running") and previous.inputs:
        step = t(f"setup_step_{previous.step}", lang) if previous.step else "…"
        notes.append(el("p", {"class": "sd-warning"}, t("setup_resume", lang).format(step=step)))
        if previous.admin_id != ctx.user_id and previous.admin_name:
            notes.append(el("p", {"class": "sd-note"}, *fill(t("setup_in_progress", lang), admin=previous.admin_name)))
    mount(el("section", {"class": "sd-view sd-view-setup", "data-view": "setup"},
             el("h1", None, t("setup", lang)), el("p", {"class": "sd-note"}, t("setup_intro", lang)), *notes,
             w.form(), el("div", {"id": "sd-setup-status", "aria-live": "polite"})))
    if w.previous:
        inputs = w.previous.inputs
        w.manager = await lookups.people(visit.client, [inputs["manager_id"]] if inputs.get("manager_id") else [])
        w.specialists = await lookups.people(visit.client, list(inputs.get("specialist_ids") or []))
        w.draw_people()
    await w.toggle()


async def show_settings(visit, desks_note: str = "") -> None:
    """The admin's settings: the support chat, working hours and targets, the desks, the bot worker
    (``desks_note``: what was just done in the desks section)."""
    ctx, lang = visit.ctx, visit.lang
    if not ctx.is_admin:
        await screens.show_view(visit)
        return
    chats = await lookups.group_chats(visit.client)
    current = to_int(str(ctx.settings.get("chat_id") or ""))
    select = el("select", {"id": "sd-setup-chat"},
                *(el("option", {"value": c["id"], "selected": c["id"] == current}, c["title"]) for c in chats))
    save = button(t("setup_save", lang), primary=True, submit=True)
    back = button(t("setup_back", lang), action="settings-back")
    status = el("p", {"class": "sd-setup-saved", "role": "status"})
    form = el("form", {"class": "sd-setup-form"},
              field("chat", t("setup_chat", lang), select, hint=t("setup_settings_chat", lang)),
              el("div", {"class": "sd-setup-actions"}, save, back), status)

    async def submit():
        try:
            ctx.settings["chat_id"] = await change_chat(visit.client, int(_value("sd-setup-chat")), ctx.user_id,
                                                        ctx.desk_id)
        except (wizard.SetupError, ValueError) as exc:
            code = getattr(exc, "code", "setup_err_chat_member")
            status.textContent = t(code, lang)
            status.className = "sd-setup-saved sd-error"
            return
        status.textContent = t("setup_saved", lang)
        status.className = "sd-setup-saved sd-note"

    async def leave():
        from ..context import choose_view
        from . import open_view
        await open_view(choose_view(ctx), visit)
    on(form, "submit", submit)
    on(back, "click", leave)
    mount(el("section", {"class": "sd-view sd-view-settings", "data-view": "settings"},
             el("h1", None, t("setup_settings", lang)), form))
    view = js.document.querySelector('[data-view="settings"]')
    view.appendChild(await _sla_form(visit))       # the desk's settings first, the desks, the optional worker last
    view.appendChild(_second_line_form(visit))
    from .setup_desks import desks_section
    view.appendChild(await desks_section(visit, lambda: _fit(visit), desks_note,
                                         lambda note: show_settings(visit, note)))
    view.appendChild(_worker_section(visit))
    await _fit(visit)


def _second_line_form(visit):
    """Where the desk's second line lives: tasks of the support group or a smart process (issue 27). A
    move to a smart process sets it up first (a CRM admin's job; a refusal is said and nothing changes)."""
    from ..setup.crm import set_second_line
    ctx, lang = visit.ctx, visit.lang
    current = "crm" if ctx.settings.get("second_line") == "crm" else "tasks"
    select = el("select", {"id": "sd-setup-second_line"},
                *(el("option", {"value": v, "selected": v == current}, t(f"second_line_{v}", lang))
                  for v in ("tasks", "crm")))
    status = el("p", {"class": "sd-setup-saved", "role": "status", "id": "sd-setup-second-line-status"})
    save = button(t("second_line_save", lang), primary=True, submit=True, id="sd-setup-second-line-save")
    node = el("form", {"class": "sd-setup-form", "id": "sd-setup-second-line-form", "novalidate": True},
              field("second_line", t("second_line", lang), select, hint=t("second_line_hint", lang)),
              el("div", {"class": "sd-setup-actions"}, save), status)

    async def submit():
        save.disabled = True
        status.textContent, status.className = t("second_line_working", lang), "sd-setup-saved sd-note"
        try:
            record = await set_second_line(visit.client, ctx.desk_id, _value("sd-setup-second_line"), lang)
        except wizard.SetupError as exc:
            status.textContent, status.className = t(exc.code, lang), "sd-setup-saved sd-error"
        else:
            ctx.settings["second_line"] = record.get("second_line") or "tasks"
            status.textContent, status.className = t("setup_saved", lang), "sd-setup-saved sd-note"
        save.disabled = False
        await _fit(visit)
    on(node, "submit", submit)
    return node


def _worker_section(visit):
    """Enable the optional always-on bot worker: a fresh refresh token in its credentials file, shown once."""
    from ..bot import worker_key as wk
    lang = visit.lang
    issue = button(wk.text("issue", lang), action="worker-key")
    box = el("div", {"class": "sd-setup-worker-key"})

    async def show_once():
        issue.disabled = True
        try:
            auth = await visit.client.transport.frame.auth.refreshAuth()   # a new pair, its own refresh token
            token = str(auth.refresh_token)
        except Exception as exc:       # noqa: BLE001 - the frame refused: say so, allow another try
            box.replaceChildren(el("p", {"class": "sd-error", "role": "alert"},
                                   wk.text("failed", lang, error=str(exc))))
            issue.disabled = False
            return
        issue.remove()
        file = wk.credentials_file(visit.client.transport.portal, token)
        box.replaceChildren(el("p", None, wk.text("copy", lang)), el("pre", {"class": "sd-setup-worker-file"}, file),
                            el("pre", None, wk.COMMAND), el("p", {"class": "sd-setup-hint"}, wk.text("again", lang)))
        await _fit(visit)
    on(issue, "click", show_once)
    return el("section", {"class": "sd-setup-worker", "data-section": "worker"},
              el("h2", None, wk.text("title", lang)), el("p", {"class": "sd-setup-hint"}, wk.text("about", lang)),
              issue, box)


async def _sla_form(visit):
    """The settings' working hours and targets: checked field by field, written only when all is valid."""
    ctx, lang = visit.ctx, visit.lang
    form = await prefill(visit.client, ctx.settings)
    zone = field("time_zone", t("setup_time_zone", lang),
                 el("input", {"id": "sd-setup-time_zone", "list": "sd-setup-zones", "value": form.get("time_zone")}),
                 el("datalist", {"id": "sd-setup-zones"},
                    *(el("option", {"value": z}) for z in sorted(available_timezones()))))
    status = el("p", {"class": "sd-setup-saved", "role": "status", "id": "sd-setup-sla-status"})
    save = button(t("sla_save", lang), primary=True, submit=True, id="sd-setup-sla-save")
    node = el("form", {"class": "sd-setup-form", "id": "sd-setup-sla-form", "novalidate": True},
              zone, setup_sla.fieldset(form, lang, visit), el("div", {"class": "sd-setup-actions"}, save), status)

    async def submit():
        values = {**setup_sla.read(), "time_zone": _value("sd-setup-time_zone")}
        try:
            errors, written = await save_sla(visit.client, values, ctx.desk_id)
        except wizard.SetupError as exc:
            errors, written = {}, None
            status.textContent, status.className = t(exc.code, lang), "sd-setup-saved sd-error"
        show_errors(node, errors, lang)
        if errors:
            status.textContent, status.className = t("sla_err_form", lang), "sd-setup-saved sd-error"
        elif written:
            ctx.settings.update(written)
            status.textContent, status.className = t("setup_saved", lang), "sd-setup-saved sd-note"
        await _fit(visit)
    on(node, "submit", submit)
    return node
