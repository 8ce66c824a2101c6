"""The settings screen's "Support desks" section: the active desks (name, group, chats, Open Line), a form
to add one (name, group name, manager and specialists from the portal's user picker, chats and/or a new
chat, Open Line, working hours and targets, alerts and digest), to rename one or change its chats, one for
a desk's alerts, paused clock and weekly digest (``setup.alerts``), and a confirmed retire.
The work is ``setup.new_desk`` and ``setup.desks`` (checked field by field, nothing written until the
form is valid). After each change the visit's desks are read again (``context.refresh_desks``)."""
from __future__ import annotations

import logging

from ..context import refresh_desks
from ..model.alert_settings import form_of
from ..model.settings import Settings
from ..model.values import to_int
from ..rest import PortalError
from ..setup import lookups
from ..setup.alerts import read_alerts_form, save_alerts
from ..setup.desks import DeskFormError, desk_title, retire_desk
from ..setup.errors import SetupError
from ..setup.new_desk import add_desk, desk_list, edit_desk
from ..setup.sla import prefill
from . import setup_alerts, setup_sla
from .dom import el, fill
from .i18n import t
from .setup_parts import button, field, on, show_errors

SLA_PREFIX = "sd-desk-"          # the new desk's SLA controls (the desk's own SLA form is on the same page)

log = logging.getLogger("servicedesk.views.desks")


class DesksSection:
    """The section's node (``root``) and its actions."""

    def __init__(self, visit, fit, on_context=None):
        self.visit, self.lang, self.fit = visit, visit.lang, fit
        self.on_context = on_context     # awaited with a note when the desk the visit describes changed
        self.root = el("section", {"class": "sd-setup-desks", "data-section": "desks"})
        self.desks: list[dict] = []
        self.chats: list[dict] = []
        self.lines: list[dict] = []
        self.people = None

    async def draw(self, note: str = "", options: dict | None = None) -> None:
        """The list as the portal has it now (``note``: what was just done; ``options``: just read)."""
        client, lang = self.visit.client, self.lang
        self.desks = await desk_list(client, options)
        self.chats, self.lines = await lookups.group_chats(client), await lookups.open_lines(client)
        add = button(t("desks_add", lang), self.show_add, action="desk-add")
        self.root.replaceChildren(
            el("h2", None, t("desks_title", lang)),
            el("ul", {"class": "sd-desks"}, *(self._row(d) for d in self.desks)) if self.desks
            else el("p", {"class": "sd-note"}, t("desks_empty", lang)),
            el("p", {"class": "sd-setup-saved sd-note", "role": "status", "data-field": "desks-status"}, note),
            el("div", {"class": "sd-setup-actions"}, add), el("div", {"class": "sd-desk-slot"}))
        await self.fit()

    def _row(self, d: dict):
        lang = self.lang
        edit = button(t("desks_edit", lang), lambda: self.show_edit(d), small=True, action="desk-edit")
        alerts = button(t("desks_alerts", lang), lambda: self.show_alerts(d), small=True, action="desk-alerts")
        retire = button(t("desks_retire", lang), lambda: self.ask_retire(d), small=True, action="desk-retire")

        def item(key, value):
            return el("div", {"class": "sd-setup-row", "data-field": key}, el("dt", None, t(key, lang)),
                      el("dd", None, value))
        chats = ", ".join(c["title"] for c in d["chats"])
        return el("li", {"class": "sd-desk", "data-desk": d["id"]},
                  el("strong", {"class": "sd-desk-name"}, desk_title(d, lang)),
                  el("dl", {"class": "sd-setup-summary"}, item("desks_col_group", d["group"]["name"]),
                     item("desks_col_chats", chats), item("desks_col_openline", (d["openline"] or {}).get("name", "—"))),
                  el("div", {"class": "sd-setup-actions"}, edit, alerts, retire))

    def _slot(self, *children) -> None:
        self.root.querySelector(".sd-desk-slot").replaceChildren(*children)

    def _chat_boxes(self, desk: dict | None):
        """Checkboxes of the admin's chats no other active desk holds (and the desk's own)."""
        own = [c["id"] for c in (desk or {}).get("chats", ())]
        held = {c["id"] for d in self.desks if d is not desk for c in d["chats"]}
        known = {c["id"]: c["title"] for c in self.chats}
        shown = [(c, known.get(c) or f"#{c}") for c in own] + [
            (c["id"], c["title"]) for c in self.chats if c["id"] not in held and c["id"] not in own]
        new = None if desk is not None else el(
            "div", {"class": "sd-desk-new-chat"},
            el("label", {"class": "sd-check"}, el("input", {"type": "checkbox", "id": "sd-desk-new-chat"}),
               " ", t("desk_form_new_chat", self.lang)),
            el("input", {"id": "sd-desk-chat-title", "maxlength": 255, "aria-label": t("setup_chat_title", self.lang),
                         "placeholder": t("desk_form_new_chat_title", self.lang)}))
        return el("div", {"class": "sd-desk-chats", "id": "sd-setup-chats", "role": "group"},
                  *(el("label", {"class": "sd-check"},
                       el("input", {"type": "checkbox", "name": "sd-desk-chat", "value": cid, "checked": cid in own}),
                       " ", title) for cid, title in shown), new)

    def _form(self, desk: dict | None, submit_text: str, on_submit, sla_form: dict | None = None):
        lang = self.lang
        status = el("p", {"class": "sd-setup-saved", "role": "status", "data-field": "desk-form-status"})
        save = button(submit_text, primary=True, submit=True, action="desk-save")
        cancel = button(t("desks_cancel", lang), self._cancel, action="desk-cancel")
        parts = [field("name", t("desk_form_name", lang),
                       el("input", {"id": "sd-setup-name", "maxlength": 255, "value": (desk or {}).get("name", "")}))]
        if desk is None:
            from .setup import Wizard
            self.people = Wizard(self.visit, self.chats, self.lines, None)     # its user picker and cards
            pick_one, pick_many = self.people.pickers()
            parts += [field("group_name", t("setup_group_name", lang),
                            el("input", {"id": "sd-setup-group_name", "maxlength": 255})),
                      field("manager", t("setup_manager", lang),
                            el("ul", {"class": "sd-people", "id": "sd-setup-manager-list"}), pick_one),
                      field("specialists", t("setup_specialists", lang),
                            el("ul", {"class": "sd-people", "id": "sd-setup-specialists-list"}), pick_many)]
        parts.append(field("chats", t("desk_form_chats", lang), self._chat_boxes(desk), hint=t("desk_form_chats_hint", lang)))
        if desk is None:
            line = el("select", {"id": "sd-setup-openline"}, el("option", {"value": ""}, t("setup_openline_none", lang)),
                      *(el("option", {"value": ln["id"]}, ln["name"]) for ln in self.lines))
            on(line, "change", lambda: setup_sla.fill_line_target(self.visit, to_int(line.value), SLA_PREFIX))
            parts += [field("openline", t("setup_openline", lang), line),
                      setup_sla.fieldset(sla_form or {}, lang, self.visit, SLA_PREFIX),
                      setup_alerts.fieldset(form_of(Settings()), lang)]
        node = el("form", {"class": "sd-setup-form", "id": "sd-desk-form", "novalidate": True,
                           "data-desk": (desk or {}).get("id", "new")},
                  el("h3", None, *fill(t("desks_edit_title", lang), name=desk_title(desk, lang))) if desk
                  else el("h3", None, t("desks_add", lang)),
                  *parts, el("div", {"class": "sd-setup-actions"}, save, cancel), status)
        on(node, "submit", lambda: self._submit(node, status, on_submit))
        return node

    async def _cancel(self) -> None:
        self._slot()
        await self.fit()

    def _values(self, node) -> dict:
        def value(selector):
            found = node.querySelector(selector)
            return str(found.value) if found is not None else ""
        chats = [int(box.value) for box in node.querySelectorAll("input[name=sd-desk-chat]") if box.checked]
        people, new_chat = self.people, node.querySelector("#sd-desk-new-chat")
        sla = setup_sla.read(SLA_PREFIX) if node.querySelector(f"#{SLA_PREFIX}sla") is not None else {}
        if node.querySelector(f"#{setup_alerts.PREFIX}alerts") is not None:
            sla.update(setup_alerts.read())
        return {"name": value("#sd-setup-name"), "group_name": value("#sd-setup-group_name"),
                "manager_id": people.manager[0]["id"] if people and people.manager else None,
                "specialist_ids": [c["id"] for c in people.specialists] if people else [],
                "chat_ids": chats, "new_chat": bool(new_chat is not None and new_chat.checked),
                "chat_title": value("#sd-desk-chat-title"), "openline_id": to_int(value("#sd-setup-openline")),
                "time_zone": str(self.visit.ctx.settings.get("time_zone") or "UTC"), **sla}

    async def _submit(self, node, status, on_submit) -> None:
        lang, errors = self.lang, {}
        save = node.querySelector("[data-action=desk-save]")
        save.disabled = True
        try:
            note = await on_submit(self._values(node))
        except DeskFormError as exc:
            errors = exc.errors
            status.textContent, status.className = t("desk_err_form", lang), "sd-setup-saved sd-error"
        except SetupError as exc:
            log.warning("desk form: %s", exc)
            status.textContent, status.className = t(exc.code, lang), "sd-setup-saved sd-error"
        else:
            await self._changed(note)
            return
        finally:
            save.disabled = False
        show_errors(node, errors, lang)
        await self.fit()

    async def _changed(self, note: str) -> None:
        """After a change: the visit's desks read again, then the list (or, when the desk the visit
        describes changed, ``on_context``: the settings above the list are that desk's)."""
        try:
            changed = await refresh_desks(self.visit.client, self.visit.ctx)
        except PortalError as exc:        # the change is made; the app catches up on the next open
            log.warning("desks not read again: %s", exc)
            await self.draw(note)
            return
        if changed and self.on_context is not None:
            await self.on_context(note)
        else:
            await self.draw(note, self.visit.ctx.options)

    async def show_add(self) -> None:
        ctx = self.visit.ctx

        async def save(values):
            await add_desk(self.visit.client, values, ctx.user_id, ctx.user_name, self.lang)
            return t("desks_added", self.lang)
        sla_form = await prefill(self.visit.client, {})       # 24/7, the portal calendar's hours
        self._slot(self._form(None, t("desks_create", self.lang), save, sla_form))
        await self.fit()

    async def show_edit(self, desk: dict) -> None:
        async def save(values):
            await edit_desk(self.visit.client, desk["id"], values["name"], values["chat_ids"],
                            self.visit.ctx.user_id)
            return t("desks_saved", self.lang)
        self._slot(self._form(desk, t("desks_save", self.lang), save))
        await self.fit()

    async def show_alerts(self, desk: dict) -> None:
        """The desk's alerts, paused clock and weekly digest (``setup.alerts``): only those keys are written."""
        lang, client = self.lang, self.visit.client
        try:
            form = await read_alerts_form(client, desk["id"])
        except SetupError as exc:
            log.warning("desk alerts not read: %s", exc)
            self.root.querySelector("[data-field=desks-status]").textContent = t(exc.code, lang)
            return
        status = el("p", {"class": "sd-setup-saved", "role": "status", "data-field": "desk-alerts-status"})
        save = button(t("alerts_save", lang), primary=True, submit=True, action="desk-alerts-save")
        cancel = button(t("desks_cancel", lang), self._cancel, action="desk-cancel")
        node = el("form", {"class": "sd-setup-form", "id": "sd-desk-alerts-form", "novalidate": True,
                           "data-desk": desk["id"]},
                  el("h3", None, *fill(t("alerts_title", lang), name=desk_title(desk, lang))),
                  setup_alerts.fieldset(form, lang), el("div", {"class": "sd-setup-actions"}, save, cancel), status)

        async def submit():
            save.disabled = True
            try:
                errors, _written = await save_alerts(client, setup_alerts.read(), desk["id"])
            except SetupError as exc:
                log.warning("desk alerts: %s", exc)
                errors = {}
                status.textContent, status.className = t(exc.code, lang), "sd-setup-saved sd-error"
            else:
                status.textContent, status.className = (
                    (t("alerts_err_form", lang), "sd-setup-saved sd-error") if errors
                    else (t("alerts_saved", lang), "sd-setup-saved sd-note"))
            finally:
                save.disabled = False
            show_errors(node, errors, lang)
            if not errors:
                try:                       # the page's checker and dashboard follow the new settings
                    await refresh_desks(client, self.visit.ctx)
                except PortalError as exc:
                    log.warning("desks not read again: %s", exc)
            await self.fit()
        on(node, "submit", submit)
        self._slot(node)
        await self.fit()

    async def ask_retire(self, desk: dict) -> None:
        lang = self.lang
        status = el("p", {"class": "sd-setup-saved", "role": "status"})

        async def retire():
            yes.disabled = True
            try:
                await retire_desk(self.visit.client, desk["id"])
            except SetupError as exc:
                status.textContent, status.className = t(exc.code, lang), "sd-setup-saved sd-error"
                yes.disabled = False
                return
            await self._changed(t("desks_retired", lang))
        yes = button(t("desks_retire_yes", lang), retire, primary=True, action="desk-retire-confirm")
        no = button(t("desks_cancel", lang), self._cancel, action="desk-cancel")
        self._slot(el("div", {"class": "sd-desk-retire", "role": "alertdialog", "data-desk": desk["id"]},
                      el("p", {"class": "sd-warning"}, *fill(t("desks_retire_ask", lang), name=desk_title(desk, lang))),
                      el("div", {"class": "sd-setup-actions"}, yes, no), status))
        await self.fit()


async def desks_section(visit, fit, note: str = "", on_context=None):
    """The section's node, drawn (``fit()`` resizes the portal's frame; ``on_context(note)`` redraws the
    screen when a change moved the visit to another desk)."""
    section = DesksSection(visit, fit, on_context)
    await section.draw(note)
    return section.root
