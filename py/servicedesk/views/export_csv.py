"""CSV that Russian Excel opens as it is (no DOM, runs on CPython): UTF-8 with a BOM, ';' between cells,
CRLF lines, dates as ДД.ММ.ГГГГ ЧЧ:ММ (the desk's zone), durations in minutes as numbers with a decimal
comma, and text cells that Excel would read as a formula (=, +, -, @, tab, CR) prefixed with an apostrophe.

    to_csv(columns, rows) -> bytes       columns: [(header, type)], rows: lists of values
Types: "text", "int", "minutes" (float), "time" (ISO text), "bool" (1/0); None is an empty cell.
"""
from __future__ import annotations

import csv
import io

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(text: str) -> str:
    """Text that no spreadsheet will run as a formula (CSV injection): an apostrophe before =, +, -, @."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _minutes(value) -> str:
    return f"{float(value):.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _time(value: str) -> str:
    """ISO text already in the desk's zone ("2026-10-06T10:00:00+03:00") as "06.10.2026 10:00"."""
    return f"{value[8:10]}.{value[5:7]}.{value[0:4]} {value[11:16]}"


FORMATS = {"minutes": _minutes, "int": lambda v: str(int(v)), "time": _time, "bool": lambda v: "1" if v else "0",
           "text": lambda v: neutral(str(v))}


def cell(value, kind: str) -> str:
    """One value as the cell's text (None and "" are empty)."""
    return "" if value is None or value == "" else FORMATS[kind](value)


def to_csv(columns: list[tuple[str, str]], rows) -> bytes:
    """The table as CSV bytes for Excel (see the module docstring); headers are neutralised as text."""
    buf = io.StringIO()
    buf.write(BOM)
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutral(str(header)) for header, _ in columns])
    rows = list(rows)
    cols = [[cell(row[i], kind) for row in rows] for i, (_, kind) in enumerate(columns)]     # column by column
    writer.writerows(zip(*cols))
    return buf.getvalue().encode("utf-8")
