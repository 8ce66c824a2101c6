"""The dashboard's frame: title, refresh button, in-page progress bar, notices, and a body slot.

It needs neither numpy nor matplotlib, so it also shows the states where those cannot load. When
static/js/snapshot.js has shown this user's last dashboard, the shell takes its content and stamp over
(`cached`) until `show()` puts fresh figures in.
"""
from __future__ import annotations

import js

from .dom import el, listen, mount
from .i18n import t


class DashboardShell:
    """The mounted frame of the dashboard screen (`[data-view=dashboard]`)."""

    def __init__(self, lang: str, on_refresh=None, on_clear=None):
        self.lang = lang
        self.refresh_button = self.button(t("dash_refresh", lang), on_refresh, "refresh")
        self.clear_button = self.button(t("dash_clear_cache", lang), on_clear, "clear-cache")
        self.stamp = el("span", {"class": "sd-dash__stamp", "data-field": "as-of"})
        self.bar_label = el("span", {"class": "sd-dash__bar-label"})
        self.bar_fill = el("span", {"class": "sd-dash__bar-fill"})
        self.bar = el("div", {"class": "sd-dash__bar", "role": "progressbar", "aria-valuemin": "0",
                              "aria-valuemax": "100", "aria-valuenow": "0", "hidden": True},
                      self.bar_label, el("span", {"class": "sd-dash__bar-track"}, self.bar_fill))
        self.notices = el("div", {"class": "sd-dash__notices", "aria-live": "polite"})
        self.body = el("div", {"class": "sd-dash__body"})
        self.root = el("section", {"class": "sd-view sd-dash", "data-view": "dashboard", "data-state": "loading"},
                       el("header", {"class": "sd-dash__head"},
                          el("h1", {"class": "sd-dash__title"}, t("dashboard", lang)),
                          self.stamp, self.refresh_button, self.clear_button),
                       self.bar, self.notices, self.body)
        self.cached = self._adopt(js.document.querySelector("#app [data-view=dashboard][data-cached]"))
        mount(self.root)

    def _adopt(self, shown) -> bool:
        """Keep the saved dashboard snapshot.js put on the page (marked as such) while fresh data loads."""
        content = shown.querySelector(".sd-dash__content") if shown is not None else None
        if content is None:
            return False
        stamp = shown.querySelector("[data-field=as-of]")
        self.stamp.textContent = stamp.textContent if stamp else t("dash_cached", self.lang)
        self.body.replaceChildren(content)
        self.root.setAttribute("data-cached", "")
        self.root.setAttribute("data-state", "cached")
        return True

    def add_links(self, nodes) -> None:
        """Links under the title (other screens, settings, the bot's status line)."""
        if nodes:
            self.root.querySelector(".sd-dash__head").appendChild(el("nav", {"class": "sd-dash__links"}, *nodes))

    @staticmethod
    def button(label: str, on_click, action: str):
        """A Bitrix24-style button calling `on_click()` (a coroutine it returns is scheduled)."""
        node = el("button", {"type": "button", "class": f"sd-button sd-dash__{action}", "data-action": action}, label)
        if on_click is not None:
            listen(node, "click", lambda _evt: on_click())
        return node

    def progress(self, percent: float, stage: str) -> None:
        """Show the in-page bar at `percent` (0-100) with `stage` as its label."""
        percent = max(0.0, min(100.0, float(percent)))
        self.bar.hidden = False
        self.bar_label.textContent = stage
        self.bar_fill.style.width = f"{percent:.0f}%"
        self.bar.setAttribute("aria-valuenow", f"{percent:.0f}")

    def progress_done(self) -> None:
        self.bar.hidden = True

    def busy(self, on: bool) -> None:
        """Disable the refresh and clear-cache buttons while loading."""
        self.refresh_button.disabled = self.clear_button.disabled = bool(on)
        self.root.setAttribute("aria-busy", "true" if on else "false")

    def set_state(self, state: str) -> None:
        """`data-state` of the screen: loading | ready | empty | no-packages | error."""
        self.root.setAttribute("data-state", state)

    def set_stamp(self, text: str) -> None:
        self.stamp.textContent = text

    def notice(self, text: str, kind: str = "note", key: str = "") -> None:
        """Add a message above the charts (`kind`: note | warning | error); one per `key`."""
        if key:
            self.clear_notice(key)
        self.notices.appendChild(el("p", {"class": f"sd-notice sd-notice--{kind}", "data-notice": key or None,
                                          "role": "alert" if kind == "error" else "status"}, text))

    def clear_notice(self, key: str) -> None:
        old = self.notices.querySelector(f'[data-notice="{key}"]')
        if old:
            old.remove()

    def clear_notices(self) -> None:
        self.notices.replaceChildren()

    def show(self, node) -> None:
        """Put `node` (the charts and details) in the body (fresh: no longer the saved snapshot)."""
        self.body.replaceChildren(node)
        self.root.removeAttribute("data-cached")
        self.cached = False
