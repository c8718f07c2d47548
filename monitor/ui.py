"""Small Streamlit pieces every page uses: notices, source lines, downloads, empty states."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from monitor import cache, export_safety, exports, formatting, html_table
from monitor.layout import METRIC_ROW
from monitor.queries import meta

SAMPLE_NOTICE = (
    "**Voorbeelddata** · Casussen en subsidies per bedrijf zijn niet openbaar. Wat hier staat is een "
    "gegenereerde voorbeeldset met hetzelfde schema (gemarkeerd als voorbeeld), behalve de drie openbare "
    "praktijkvoorbeelden uit Actieplan 2.0. Laad echte bestanden via 'Bestand laden' of met `python -m etl load`."
)


def sample_notice() -> None:
    st.warning(SAMPLE_NOTICE, icon=":material/science:")


def source_line(*source_ids: str) -> str:
    """'titel (vintage; geladen dd-mm-jjjj hh:mm UTC)' for the given sources, joined."""
    lines = _source_lines()
    return " · ".join(lines[source_id] for source_id in source_ids if source_id in lines)


@cache.per_data_version(resource=True)  # a page shows 3-8 source lines; read and formatted once per load
def _source_lines() -> dict[str, str]:
    lines = {}
    for row in meta.freshness().itertuples():
        loaded = pd.Timestamp(row.loaded_at).strftime("%d-%m-%Y %H:%M UTC") if pd.notna(row.loaded_at) else "niet geladen"
        lines[row.source_id] = f"{row.origin} ({row.vintage}; geladen {loaded})"
    return lines


def source_caption(*source_ids: str) -> None:
    st.caption(f"Bron: {export_safety.escape_markdown(source_line(*source_ids))}")


def download(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    filename: str,
    label: str | None = None,
    key: str | None = None,
    labels: dict | None = None,
) -> None:
    """CSV and XLSX download of exactly the data behind a chart or table, with the same Dutch headers and
    rounding as on screen (monitor.exports). The bytes are built only when a button is clicked, and so
    is the neutralising of formula cells (OWASP; numbers stay numbers): a rerun costs nothing per row.
    `frame` may be a function that returns the frame: then the frame too is built only on a click (data that
    is downloaded but not shown, and costs to gather)."""
    stem = filename.rsplit(".", 1)[0]
    csv_label = label or "Downloaden (CSV)"
    xlsx_label = csv_label.replace("(CSV)", "(Excel)") if "(CSV)" in csv_label else f"{csv_label} (Excel)"
    key = key or f"dl_{filename}"
    with st.container(horizontal=True, gap="small", width="content"):  # pairs flow in a download_row()
        st.download_button(
            csv_label,
            data=partial(_safe_bytes, exports.csv_bytes, frame, labels),
            file_name=f"{stem}.csv",
            mime="text/csv",
            on_click="ignore",
            key=key,
            icon=":material/download:",
        )
        st.download_button(
            xlsx_label,
            data=partial(_safe_bytes, exports.xlsx_bytes, frame, labels),
            file_name=f"{stem}.xlsx",
            mime=exports.XLSX_MIME,
            on_click="ignore",
            key=f"{key}_xlsx",
            icon=":material/table_view:",
        )


def _safe_bytes(make, frame: pd.DataFrame | Callable[[], pd.DataFrame], labels: dict | None) -> bytes:
    return make(export_safety.safe_frame(frame() if callable(frame) else frame), labels)


_download = download  # table() has a parameter of that name
LONG_TABLE = 100  # a table with more rows than this is shown a page at a time (monitor.paging)


def metric_row(name: str):
    """A row of key figures (`row = ui.metric_row("o_emissions"); row.metric(...)`): one horizontal
    container, which the stylesheet (monitor.layout) makes a grid of equal columns at least 7rem wide.
    What does not fit goes to the next line in the same columns: two by two on a phone, where st.columns
    stacked the figures one under another. One block where st.columns(4) is five (the browser lays out
    each; not measurably faster, README). `name` keeps the container's key unique on its page."""
    return st.container(horizontal=True, gap="small", key=f"{METRIC_ROW}-{name}")


def download_row():
    """A row for several downloads (`with ui.download_row(): ui.download(...); ui.download(...)`): the
    button pairs sit side by side and wrap to the next line whole, instead of being squeezed into
    st.columns where their labels end in '…' on a 1024 px screen."""
    return st.container(horizontal=True, gap="medium")


def table(
    frame: pd.DataFrame,
    labels: dict | None = None,
    *,
    download: str | None = None,
    column_config: dict | None = None,
    key: str | None = None,
    fit: bool = False,
    label: str | None = None,
    marks: set[tuple[int, str]] | None = None,
    shaded: set[int] | None = None,
    whole: bool = False,
) -> None:
    """A table as plain HTML (monitor.html_table: a real table for screen readers and copy-paste, long
    texts wrapped in their cells), through the one Dutch formatter: every header from monitor.formatting
    (or `labels`, raw name -> header text or formatting.Column), every cell formatted there (1.234,5;
    53,8 %; dd-mm-jjjj; ja/nee). `column_config` (by raw name) takes Streamlit's column settings: a text or
    number column's label, help and width, a progress column's bar, a checkbox column as ja/nee. `download`
    adds the CSV and XLSX buttons of the same table under it (every row). A table longer than LONG_TABLE
    rows is shown a page at a time (`key` names its page picker), so what is sent does not grow with the
    data. `fit` makes the table as wide as its content instead of the page; `label` names it for a
    screen reader; `marks` (row position in `frame`, raw name) marks cells, e.g. errors in an uploaded file;
    `shaded` (row positions in `frame`) shades rows that a column also names, e.g. sample data; `whole` shows
    every row shown (all of them, or a page of a table longer than LONG_TABLE) at once instead of scrolling
    them under their header."""
    full = frame = frame.reset_index(drop=True)
    if len(frame) > LONG_TABLE:
        from monitor import paging

        page_key = key or download or "|".join(map(str, frame.columns))
        frame = paging.page_of(frame, f"tbl_{page_key}")
        on_page = {row: position for position, row in enumerate(frame.index)}  # marks and shades follow their rows
        shaded = {on_page[row] for row in shaded or () if row in on_page}
        marks = {(on_page[row], name) for row, name in marks or () if row in on_page}
        frame = frame.reset_index(drop=True)
    labels, bars, links = _split(labels, column_config, frame)
    columns = formatting.columns_for(frame, labels)
    headers = _unique([columns[name].label for name in frame.columns])
    markup = html_table.markup(
        frame, columns, headers=headers, bars=bars, links=links, marks=marks, shaded=shaded, label=label, fit=fit, whole=whole
    )
    st.html(markup)
    if download:
        _download(full, download, labels=labels)


def _split(
    labels: dict | None, column_config: dict | None, frame: pd.DataFrame
) -> tuple[dict, dict[str, float], dict[str, str | None]]:
    """A page's column settings as formatting.Columns (by raw name) and the progress bars to draw (raw name ->
    maximum). Header texts and formatting.Column stay as given; a number or text st.column_config becomes a
    formatting.Column (its label, help and width; the number format is ours, so 'localized' never falls
    back to the browser's English locale); a checkbox column is ja/nee; a progress column keeps its number
    and gets a bar up to its max_value (else the column's largest value); a link column's addresses become
    links with its display_text. Returns the Columns, the bars (raw name -> maximum) and the links (raw
    name -> link text)."""
    plain, bars, links = {}, {}, {}
    for name, value in {**(labels or {}), **(column_config or {})}.items():
        if isinstance(value, (str, formatting.Column)):
            plain[name] = value
            continue
        settings = dict(value) if isinstance(value, dict) else {}
        config = settings.get("type_config") or {}
        kind = config.get("type")
        label = settings.get("label") or formatting.COLUMNS.get(name, formatting.Column(str(name))).label
        base = formatting.COLUMNS.get(name)
        column_kind = base.kind if base else ("number" if kind in ("number", "progress") else "text")
        decimals = base.decimals if base else None
        number_format = config.get("format")
        printf = re.fullmatch(r"%\.(\d)f", number_format or "")
        if number_format == "%d":
            column_kind, decimals = "int", 0
        elif number_format == "percent":
            column_kind = "percent"
        elif printf:
            column_kind, decimals = "decimal", int(printf.group(1))
        if kind == "checkbox":
            column_kind = "bool"
        if kind == "link":
            links[name] = config.get("display_text")
        if kind == "progress" and name in frame.columns:
            values = pd.to_numeric(frame[name], errors="coerce")
            bars[name] = float(config.get("max_value") or values.max() or 1)
        plain[name] = formatting.Column(label, column_kind, decimals, settings.get("help"), settings.get("width"))
    return plain, bars, links


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for header in headers:
        seen[header] = seen.get(header, 0) + 1
        out.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return out


def empty(message: str = "Geen gegevens voor deze selectie. Verruim de filters in de zijbalk.") -> None:
    st.info(message, icon=":material/search_off:")
