"""Hand bytes made in the browser to the user as a file: Blob + object URL + <a download>. Nothing is sent
anywhere; the URL is revoked once the click has been handled."""
from __future__ import annotations

import js

CSV = "text/csv;charset=utf-8"


def download(name: str, data: bytes, mime: str = CSV) -> None:
    """Save `data` as the file `name` (the browser's download)."""
    from pyodide.ffi import to_js
    buffer = js.Uint8Array.new(len(data))
    buffer.assign(data)
    blob = js.Blob.new(to_js([buffer]), to_js({"type": mime}, dict_converter=js.Object.fromEntries))
    url = js.URL.createObjectURL(blob)
    link = js.document.createElement("a")
    link.href, link.download, link.hidden = url, name, True
    link.setAttribute("data-download", name)
    js.document.body.appendChild(link)
    link.click()
    link.remove()
    js.setTimeout(js.URL.revokeObjectURL.bind(js.URL, url), 1000)
