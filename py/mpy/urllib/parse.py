"""urllib.parse.quote on MicroPython (UTF-8, CPython's always-safe characters plus ``safe``)."""
_ALWAYS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~"


def quote(string, safe="/"):
    """``string`` percent-encoded as CPython's ``urllib.parse.quote`` does."""
    keep = _ALWAYS + safe
    out = []
    for ch in str(string):
        if ch in keep:
            out.append(ch)
        else:
            out.extend("%%%02X" % b for b in ch.encode("utf-8"))
    return "".join(out)
