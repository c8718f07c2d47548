"""Small Streamlit pieces every page uses: notices, source lines, downloads, empty states."""

from __future__ import annotations

import re
from functools import partial

import pandas as pd
import streamlit as st

from monitor import cache, export_safety, exports, formatting
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
    frame: pd.DataFrame,
    filename: str,
    label: str | None = None,
    key: str | None = None,
    labels: dict | None = None,
) -> None:
    """CSV and XLSX download of exactly the data behind a chart or table, with the same Dutch headers and
    rounding as on screen (monitor.exports). The bytes are built only when a button is clicked, and so
    is the neutralising of formula cells (OWASP; numbers stay numbers): a rerun costs nothing per row."""
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


def _safe_bytes(make, frame: pd.DataFrame, labels: dict | None) -> bytes:
    return make(export_safety.safe_frame(frame), labels)


_download = download  # table() has a parameter of that name
LONG_TABLE = 100  # a table with more rows than this is shown a page at a time (monitor.paging)


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
    wrap: bool = False,
    **kwargs,
) -> None:
    """st.dataframe through the one Dutch formatter: every header from monitor.formatting (or `labels`,
    raw name -> header text or formatting.Column), every cell formatted there (1.234,5; 53,8 %; dd-mm-jjjj;
    ja/nee) while the grid still sorts on the numbers. `column_config` (by raw name) adds e.g. a progress
    bar. `download` adds the CSV and XLSX buttons of the same table under it (every row). A table longer
    than LONG_TABLE rows is shown a page at a time, so what is sent does not grow with the data.

    `wrap=True` is for tables with long texts (source titles, contacts, bottleneck lists) that would
    otherwise be cut in their cells or push the last columns out of sight at 1024 px: the columns get
    widths that add up to a 1024 px page (wrapped_widths) and rows tall enough for the grid to wrap the
    longest text (Streamlit wraps only rows taller than 64 px)."""
    full = frame = frame.reset_index(drop=True)
    if len(frame) > LONG_TABLE:
        from monitor import paging

        page_key = kwargs.get("key") or download or "|".join(map(str, frame.columns))
        frame = paging.page_of(frame, f"tbl_{page_key}").reset_index(drop=True)
    labels, column_config = _split(labels, column_config)
    columns = formatting.columns_for(frame, labels)
    headers = _unique([columns[name].label for name in frame.columns])
    shown = frame.set_axis(headers, axis=1)
    formats = {
        header: partial(formatting.cell, column=columns[name]) for name, header in zip(frame.columns, headers, strict=True)
    }
    config: dict = {}
    widgets = {headers[list(frame.columns).index(n)] for n in (column_config or {}) if n in frame.columns}
    widths, lines = wrapped_widths(frame, columns, formats, headers, widgets) if wrap else ({}, 1)
    # (Pinning the name column of wide tables was tried: Streamlit draws a pinned data column in faded grey,
    # under the contrast WCAG AA asks, so wide tables scroll sideways whole.)
    for name, header in zip(frame.columns, headers, strict=True):
        column = columns[name]
        width = widths.get(header, column.width)
        if column.help or width:
            config[header] = st.column_config.Column(header, help=column.help, width=width)
    for name, value in (column_config or {}).items():
        if name in frame.columns:
            config[headers[list(frame.columns).index(name)]] = value
    kwargs.setdefault("width", "stretch")
    kwargs.setdefault("placeholder", "–")  # a missing value, never 'None'
    row_height = max(WRAP_MIN_ROW_PX, WRAP_LINE_PX * lines + 12) if wrap else 35
    if wrap:
        kwargs.setdefault("row_height", row_height)
    if len(frame) <= 20:  # a short table shows every row, no inner scrolling
        kwargs.setdefault("height", row_height * len(frame) + 35 + 3)
    elif wrap:  # tall wrapped rows: about eight at a time
        kwargs.setdefault("height", row_height * 8 + 35 + 3)
    st.dataframe(shown.style.format(formats), hide_index=True, column_config=config, **kwargs)
    if download:
        _download(full, download, labels=labels)


WRAP_MIN_ROW_PX = 65  # Streamlit's grid wraps text only in rows taller than 4rem
WRAP_LINE_PX = 17  # one line of cell text
WRAP_MAX_LINES = 7
TABLE_PX = 600  # a table at 1024 px is 658 px wide (300 px sidebar, 2rem margins), less a scroll bar and slack
_CHAR_PX, _PADDING_PX = 7.2, 26  # Source Sans at 14 px, and the cell padding plus the sort arrow


def wrapped_widths(
    frame: pd.DataFrame, columns: dict, formats: dict, headers: list[str], widgets: set[str] = frozenset()
) -> tuple[dict[str, int], int]:
    """(header -> width in px, lines per row) for a wrapping table that fits TABLE_PX. Numbers and short
    texts get their natural width (the longest of header and shown cells); the long texts share what is
    left in proportion to their length, never narrower than their header (headers do not wrap in the
    grid), and the rows get the lines the longest text then needs. `widgets` (headers of link, checkbox
    and progress columns) are as wide as their header. On a wider screen the grid shares out the rest."""
    widths, long_texts = {}, {}
    for name, header in zip(frame.columns, headers, strict=True):
        shown = frame[name].head(200).map(formats[header]).astype(str)
        longest = max([len(header), *shown.str.len().tolist()])
        natural = int(longest * _CHAR_PX + _PADDING_PX)
        if header in widgets:  # a link, checkbox or progress bar: as wide as its header
            widths[header] = max(int(len(header) * _CHAR_PX + _PADDING_PX), 70)
        elif columns[name].numeric or longest <= 24:
            widths[header] = natural
        else:
            long_texts[header] = (longest, int(len(header) * _CHAR_PX + _PADDING_PX))
    left = max(TABLE_PX - sum(widths.values()), 120 * len(long_texts))
    total = sum(length for length, _ in long_texts.values()) or 1
    lines = 1
    for header, (length, header_px) in long_texts.items():
        widths[header] = max(header_px, 120, int(left * length / total))
        per_line = (widths[header] - _PADDING_PX) / _CHAR_PX * 0.85  # words do not fill a line exactly
        lines = max(lines, min(WRAP_MAX_LINES, int(length / per_line) + 1))
    return widths, lines


def _split(labels: dict | None, column_config: dict | None) -> tuple[dict, dict]:
    """Sort a page's column settings: header texts and formatting.Column stay labels; a number or text
    st.column_config becomes a formatting.Column (its label, help and width; the number format is ours, so
    'localized' never falls back to the browser's English locale); other column types (progress bar, link,
    checkbox) stay column_config, their label being the column's header."""
    plain, config = {}, {}
    for name, value in {**(labels or {}), **(column_config or {})}.items():
        if isinstance(value, (str, formatting.Column)):
            plain[name] = value
            continue
        if not isinstance(value, dict):
            config[name] = value
            continue
        kind = (value.get("type_config") or {}).get("type")
        label = value.get("label") or formatting.COLUMNS.get(name, formatting.Column(str(name))).label
        if kind in ("number", "text", None):
            base = formatting.COLUMNS.get(name)
            number_format = (value.get("type_config") or {}).get("format")
            column_kind = base.kind if base else ("number" if kind == "number" else "text")
            decimals = base.decimals if base else None
            printf = re.fullmatch(r"%\.(\d)f", number_format or "")
            if number_format == "percent":
                column_kind = "percent"
            elif printf:
                column_kind, decimals = "decimal", int(printf.group(1))
            plain[name] = formatting.Column(label, column_kind, decimals, value.get("help"), value.get("width"))
        else:
            config[name] = value
            plain[name] = label
    return plain, config


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for header in headers:
        seen[header] = seen.get(header, 0) + 1
        out.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return out


def empty(message: str = "Geen gegevens voor deze selectie. Verruim de filters in de zijbalk.") -> None:
    st.info(message, icon=":material/search_off:")
