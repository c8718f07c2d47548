"""Tables as plain HTML: what a table on screen is made of (no st.*; monitor.ui draws it with st.html).

Streamlit's table grid (glide-data-grid on a canvas, with Arrow) is 1,2 MB of script that every page with
a table loaded before it could finish drawing; it cost a page 60-145 ms on a first visit (benchmarks/scale.py).
A table here is a few kilobytes of markup the browser lays out itself, and a better table for its readers:
- a screen reader reads it as a table (header cells with scope, a caption-like label on its region);
- its text can be selected and pasted into a letter or a spreadsheet with its Dutch numbers as shown;
- long texts wrap inside their cell instead of being cut off, so no column width has to be guessed;
- a table wider than the page scrolls sideways in its own region, which the keyboard can reach (tabindex).
What it does not do is sort on a click: the tables are summaries in a chosen order or pages of a search,
and every table's download has all its rows for a spreadsheet.
"""

from __future__ import annotations

import re
from html import escape

import pandas as pd

from monitor import formatting
from monitor.formatting import Column

TALL_ROWS = 20  # a table with more rows than this scrolls inside a region of about that height, its header fixed
MARK = "⚠"  # before a marked cell's text: the colour is not the only sign (WCAG 1.4.1)

# Text on the table's backgrounds (tests/test_html_table.py checks WCAG AA): black on white, on the header
# row, on a marked cell and on a shaded row (sample data); the line of column notes in dark grey on white.
HEADER_BACKGROUND, MARK_BACKGROUND, NOTES_COLOUR = "#eef0f4", "#f8d7da", "#3d404b"
SHADE_BACKGROUND = "#fff3cd"
# Added to the frame's stylesheet (monitor.layout).
CSS = (
    """
.c6-table { overflow-x: auto; margin: 0 0 0.75rem 0; border: 1px solid #c9ccd3; border-radius: 0.5rem; }
.c6-table.c6-tall { max-height: 38rem; overflow-y: auto; }
.c6-table:focus-visible { outline: 2px solid #1c4f9c; outline-offset: 2px; }
.c6-table table { border-collapse: separate; border-spacing: 0; width: 100%; margin: 0; font-size: 0.875rem;
  line-height: 1.35; color: #000; }
.c6-table th, .c6-table td { padding: 0.35rem 0.6rem; border: 0; border-bottom: 1px solid #e2e4e9;
  vertical-align: top; text-align: left; }
.c6-table th { position: sticky; top: 0; z-index: 1; background: HEADER_BACKGROUND; font-weight: 600;
  border-bottom: 1px solid #c9ccd3; }
.c6-table tbody tr:last-child td { border-bottom: 0; }
.c6-table .c6-num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.c6-table .c6-nowrap { white-space: nowrap; }
.c6-table .c6-w-small { min-width: 5rem; }
.c6-table .c6-w-medium { min-width: 8rem; }
.c6-table .c6-w-large { min-width: 14rem; }
.c6-table .c6-mark { background: MARK_BACKGROUND; }
.c6-table tr.c6-shade td { background: SHADE_BACKGROUND; }
.c6-table.c6-fit { width: fit-content; max-width: 100%; }
.c6-table-notes { margin: -0.4rem 0 0.75rem 0; font-size: 0.8rem; color: NOTES_COLOUR; }
.c6-table .c6-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.c6-table .c6-bar { display: inline-block; vertical-align: middle; width: 3rem; height: 0.5rem; margin-right: 0.4rem;
  background: #e2e4e9; border-radius: 0.25rem; overflow: hidden; }
.c6-table .c6-bar > span { display: block; height: 100%; background: #1c4f9c; }
""".replace("HEADER_BACKGROUND", HEADER_BACKGROUND)
    .replace("MARK_BACKGROUND", MARK_BACKGROUND)
    .replace("SHADE_BACKGROUND", SHADE_BACKGROUND)
    .replace("NOTES_COLOUR", NOTES_COLOUR)
)

_NOWRAP_KINDS = ("year", "date", "datetime", "bool")
LONG_TOKEN = 24  # characters without a space
WIDE_COLUMNS = 8  # a table with this many columns or more is wide
SHORT_TEXT, MEDIUM_TEXT, LONG_TEXT = 16, 30, 80  # characters: a text column this long gets a minimum width (c6-w-medium, -large)


def markup(
    rows: pd.DataFrame,
    columns: dict[str, Column],
    *,
    headers: list[str] | None = None,
    bars: dict[str, float] | None = None,
    links: dict[str, str | None] | None = None,
    marks: set[tuple[int, str]] | None = None,
    shaded: set[int] | None = None,
    label: str | None = None,
    fit: bool = False,
    whole: bool = False,
) -> str:
    """The HTML of `rows` as a table: a header cell per column (`headers`, else each Column's label; its
    help as a tooltip and in a line under the table) and every cell written by monitor.formatting.cell
    (1.234,5; 53,8 %; dd-mm-jjjj; ja/nee; '–' for a missing number). `bars` (column -> maximum) draws a bar
    before the number, for columns that compare an amount across rows. `links` (column -> link text, None:
    the address itself) makes a column of addresses (e.g. /profiel?installatie=NL_83) links that open in
    the same tab. `marks` holds (row position, column) of cells to mark, e.g. errors in an uploaded file:
    shaded and preceded by a warning sign. `shaded` holds the positions of rows to shade, e.g. sample data;
    the shade is not the only sign, so the row must also say it in words (a column). `label` names the table
    for a screen reader (default: its first headers). `fit`: as wide as its content, not the page. `whole`:
    every row at once, also above TALL_ROWS (a table read as a whole, such as the report's key figures),
    instead of scrolling under its header."""
    names = list(rows.columns)
    headers = headers or [columns[name].label for name in names]
    bars, links, marks, shaded = bars or {}, links or {}, marks or set(), shaded or set()
    texts = {name: [formatting.cell(value, columns[name]) for value in rows[name]] for name in names}
    wide = len(names) >= WIDE_COLUMNS
    classes = [_classes(columns[name], texts[name], wide) for name in names]
    head = "".join(
        f'<th scope="col"{_attr("class", cls)}{_attr("title", columns[name].help)}>{escape(header)}</th>'
        for name, header, cls in zip(names, headers, classes, strict=True)
    )
    body = []
    for position in range(len(rows)):
        cells = []
        for name, cls in zip(names, classes, strict=True):
            shown = texts[name][position]
            if name in links and shown:
                text = f'<a href="{escape(shown)}" target="_self">{escape(links[name] or shown)}</a>'
            else:
                text = _breakable(escape(shown))
            if name in bars:
                text = _bar(rows[name].iloc[position], bars[name]) + text
            if (position, name) in marks:
                cls = f"{cls} c6-mark".strip()
                text = f'<span aria-hidden="true">{MARK} </span><span class="c6-sr">fout: </span>{text}'
            cells.append(f"<td{_attr('class', cls)}>{text}</td>")
        body.append(('<tr class="c6-shade">' if position in shaded else "<tr>") + "".join(cells) + "</tr>")
    region = "c6-table" + (" c6-tall" if len(rows) > TALL_ROWS and not whole else "") + (" c6-fit" if fit else "")
    name = label or "Tabel: " + ", ".join(headers[:3]) + (" …" if len(headers) > 3 else "")
    return (
        f'<div class="{region}" role="region" tabindex="0" aria-label="{escape(name)}">'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>" + _notes(names, headers, columns)
    )


def _notes(names: list[str], headers: list[str], columns: dict[str, Column]) -> str:
    """The columns' explanations in a line under the table: a header's tooltip reaches only a mouse, this
    line every reader (keyboard, touch, screen reader, print)."""
    notes = [
        f"<b>{escape(header)}</b>: {escape(columns[name].help)}"
        for name, header in zip(names, headers, strict=True)
        if columns[name].help
    ]
    return f'<p class="c6-table-notes">{" · ".join(notes)}</p>' if notes else ""


def _classes(column: Column, texts: list[str], wide: bool) -> str:
    """A column's classes: numbers right-aligned on one line; years, dates and short texts (codes such as
    VB-079, statuses) on one line. In a wide table (which scrolls sideways at 1024 px anyway) a column of
    long texts gets a minimum width (its Column's, else from its longest text), so that it is not squeezed
    into a tall, narrow strip. A narrower table is left to the browser, which fits it to the page."""
    parts = []
    longest = max(map(len, texts), default=0)
    if column.numeric:
        parts.append("c6-num")
    elif column.kind in _NOWRAP_KINDS or longest <= SHORT_TEXT:  # codes (VB-079), statuses, short names
        parts.append("c6-nowrap")
    width = wide and (column.width or ("large" if longest > LONG_TEXT else "medium" if longest > MEDIUM_TEXT else None))
    if width in ("small", "medium", "large") and not column.numeric:
        parts.append(f"c6-w-{width}")
    return " ".join(parts)


_LONG_TOKEN = re.compile(rf"\S{{{LONG_TOKEN},}}")


def _breakable(text: str) -> str:
    """A file path or identifier longer than LONG_TOKEN characters may break after '/', '_' or '.' (<wbr>),
    so that it wraps in its cell instead of widening the table past the page; copied text is unchanged."""
    return _LONG_TOKEN.sub(lambda token: re.sub(r"([/_.])(?=\w)", r"\1<wbr>", token.group()), text)


def _attr(name: str, value: str | None) -> str:
    return f' {name}="{escape(value)}"' if value else ""


def _bar(value, maximum: float) -> str:
    """A small horizontal bar for `value` out of `maximum`; hidden from screen readers (the number is read)."""
    try:
        share = max(0.0, min(1.0, float(value) / maximum)) if maximum else 0.0
    except (TypeError, ValueError):
        return ""
    if pd.isna(share):
        return ""
    return f'<span class="c6-bar" aria-hidden="true"><span style="width:{share * 100:.0f}%"></span></span>'
