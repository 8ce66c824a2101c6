"""CSV that Russian Excel opens as it is (no DOM, runs on CPython): UTF-8 with a BOM, ';' between cells,
CRLF lines, dates as ДД.ММ.ГГГГ ЧЧ:ММ (the desk's zone), durations in minutes as numbers with a decimal
comma, and text cells that Excel would read as a formula (=, +, -, @, tab, CR) prefixed with an apostrophe.

    to_csv(columns, rows) -> bytes       columns: [(header, type)], rows: lists of values
Types: "text", "int", "minutes" (float), "time" (ISO text), "bool" (1/0); None is an empty cell.
"""
from __future__ import annotations

import csv
import io
from datetime import datetime

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(text: str) -> str:
    """Text that no spreadsheet will run as a formula (CSV injection): an apostrophe before =, +, -, @."""
    return "'" + text if text.startswith(FORMULA_START) else text


def cell(value, kind: str) -> str:
    """One value as the cell's text."""
    if value is None or value == "":
        return ""
    if kind == "minutes":
        return f"{round(float(value), 2):.2f}".rstrip("0").rstrip(".").replace(".", ",")
    if kind == "int":
        return str(int(value))
    if kind == "time":
        return datetime.fromisoformat(value).strftime("%d.%m.%Y %H:%M")
    if kind == "bool":
        return "1" if value else "0"
    return neutral(str(value))


def to_csv(columns: list[tuple[str, str]], rows) -> bytes:
    """The table as CSV bytes for Excel (see the module docstring); headers are neutralised as text."""
    buf = io.StringIO()
    buf.write(BOM)
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    kinds = [kind for _, kind in columns]
    writer.writerow([neutral(str(header)) for header, _ in columns])
    writer.writerows([cell(v, k) for v, k in zip(row, kinds)] for row in rows)
    return buf.getvalue().encode("utf-8")
