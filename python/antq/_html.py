"""The small HTML helpers the report pages share."""

from __future__ import annotations

import html
from typing import Any, Iterable, Sequence

STYLE = """
body { font-family: 'DejaVu Sans', sans-serif; margin: 2em; max-width: 1200px; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } details { margin: 0.3em 0; } summary { cursor: pointer; }
.num { text-align: right; } svg { max-width: 100%; height: auto; } .muted { color: #777; }
"""


def esc(value: Any) -> str:
    return html.escape(str(value))


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], id: str | None = None) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    ident = f' id="{id}"' if id else ""
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
