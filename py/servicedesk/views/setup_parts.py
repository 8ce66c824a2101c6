"""Pieces of the setup screens: buttons, fields with their error line, person cards, the steps list,
the summary. Every portal text goes in as text."""
from __future__ import annotations

from .dom import el, listen
from .i18n import t


def on(node, event: str, handler) -> None:
    """Run the coroutine function ``handler()`` on ``event`` (default action prevented)."""
    def fire(evt):
        evt.preventDefault()
        return handler()
    listen(node, event, fire)


def button(text: str, handler=None, *, primary: bool = False, small: bool = False, submit: bool = False,
           id: str | None = None, action: str | None = None):
    """A ``sd-button`` (primary / small, a form's submit) with an ``id`` or ``data-action``; a click runs
    the coroutine function ``handler()``."""
    cls = " ".join(["sd-button", *(["sd-button-primary"] if primary else []), *(["sd-button--small"] if small else [])])
    node = el("button", {"type": "submit" if submit else "button", "class": cls, "id": id, "data-action": action}, text)
    if handler is not None:
        on(node, "click", handler)
    return node


def show_errors(node, errors: dict, lang: str) -> None:
    """Each field's error line in ``node`` (a form, or the document) from ``errors`` {field: text key};
    a field without one is emptied and no longer marked invalid."""
    for line in node.querySelectorAll(".sd-setup-error"):
        key = errors.get(str(line.dataset.error))
        line.textContent = t(key, lang) if key else ""
        line.parentElement.classList.toggle("sd-setup-invalid", bool(key))


def field(name: str, label: str, *controls, hint: str = "", prefix: str = "sd-setup-"):
    """A labelled block (for the control ``{prefix}{name}``) with a hint and an (empty) error line
    ``[data-error=name]``."""
    return el("div", {"class": "sd-setup-field", "data-field": name},
              el("label", {"class": "sd-setup-label", "for": f"{prefix}{name}"}, label),
              *controls, el("p", {"class": "sd-setup-hint"}, hint) if hint else None,
              el("p", {"class": "sd-setup-error", "data-error": name, "role": "alert"}))


def person_card(card: dict, on_remove=None):
    """Avatar (or initials), name, position and departments."""
    name = card.get("name") or str(card.get("id"))
    initials = "".join(p[:1] for p in name.split()[:2]).upper()
    avatar = (el("img", {"class": "sd-person-avatar", "src": card["photo"], "alt": ""}) if card.get("photo")
              else el("span", {"class": "sd-person-avatar sd-person-initials", "aria-hidden": "true"}, initials))
    about = ", ".join(filter(None, [card.get("position", ""), *card.get("departments", [])]))
    node = el("li", {"class": "sd-person", "data-user": card.get("id")}, avatar,
              el("span", {"class": "sd-person-text"}, el("span", {"class": "sd-person-name"}, name),
                 el("span", {"class": "sd-person-about"}, about)))
    if on_remove is not None:
        button = el("button", {"type": "button", "class": "sd-person-remove", "aria-label": "×"}, "×")
        on(button, "click", on_remove)
        node.appendChild(button)
    return node


def steps_list(steps, lang: str):
    return el("ol", {"class": "sd-setup-steps", "id": "sd-setup-steps"},
              *(el("li", {"data-step": s, "data-state": "waiting"}, t(f"setup_step_{s}", lang)) for s in steps))


def summary(result: dict, names: dict, lang: str):
    """What the desk consists of now: ``names`` gives people, chat and Open Line names by id."""
    def row(key, value, created=None):
        mark = None if created is None else el("span", {"class": "sd-setup-badge"},
                                               t("setup_created" if created else "setup_reused", lang))
        values = value if isinstance(value, list) else [value]
        return el("div", {"class": "sd-setup-row"}, el("dt", None, t(key, lang)), el("dd", None, *values, mark))

    def people(ids):            # each name isolated: an RTL run in one never reorders the next
        return [part for i, uid in enumerate(ids) for part in
                (", " if i else None, el("bdi", None, names.get(("user", uid), str(uid))))]
    group, chat = result.get("group") or {}, result.get("chat") or {}
    line = result.get("openline")
    return el("dl", {"class": "sd-setup-summary"},
              row("setup_sum_group", [el("bdi", None, group.get("name", "")), f" (#{group.get('id')})"],
                  result.get("group_created")),
              row("setup_sum_owner", people([result.get("owner")])),
              row("setup_sum_members", people(result.get("members") or [])),
              row("setup_sum_bot", f"ServiceDesk (#{(result.get('bot') or {}).get('id')}): "
                                   + " ".join((result.get("bot") or {}).get("commands") or [])),
              row("setup_sum_fields", ", ".join(result.get("fields") or [])),
              row("setup_sum_chat", names.get(("chat", chat.get("id"))) or chat.get("title") or f"#{chat.get('id')}",
                  chat.get("created")),
              row("setup_sum_openline", names.get(("line", line), f"#{line}") if line else "—"),
              row("setup_sum_placements", ", ".join(result.get("placements") or [])),
              row("setup_sum_time_zone", (result.get("settings") or {}).get("time_zone", "")))
