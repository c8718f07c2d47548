"""The bytes of every table download: CSV for Dutch Excel and XLSX, both with Dutch headers and values
rounded as shown on screen (monitor.formatting decides both). Plain functions, no Streamlit: the page's
download button calls them only when it is clicked.
"""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from monitor import formatting

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Formula-injection neutralisation of every exported table: the single hook of the export path.

    Issue 9 (branch `harden`) fills this in from monitor/export_safety.py; until then text leaves as it
    is (the XLSX writer below stores text cells as text, never as formulas, either way)."""
    return frame


def prepared(frame: pd.DataFrame, labels: dict | None = None) -> tuple[pd.DataFrame, list[formatting.Column]]:
    """Dutch headers, rounded values, then the formula hook: what both formats write."""
    out, columns = formatting.export_frame(frame, labels)
    return neutralise_formulas(out), columns


def _csv_cell(value):
    """Numbers inside text columns (e.g. a suppressed '< 3 bedrijven' column) get a decimal comma too."""
    if isinstance(value, float):
        return repr(value).replace(".", ",") if value == value else ""
    return value


def csv_bytes(frame: pd.DataFrame, labels: dict | None = None) -> bytes:
    """UTF-8 with BOM, ';' and decimal comma, dates dd-mm-jjjj: opens as numbers in a Dutch Excel."""
    out, columns = prepared(frame, labels)
    written = []
    for position, column in enumerate(columns):
        series = out.iloc[:, position]
        if column.kind in ("date", "datetime"):
            pattern = "%d-%m-%Y" if column.kind == "date" else "%d-%m-%Y %H:%M"
            series = series.dt.strftime(pattern).astype(object).where(series.notna(), "")
        elif series.dtype == object:
            series = series.map(_csv_cell)
        written.append(series)
    out = pd.concat(written, axis=1) if written else out
    return out.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, labels: dict | None = None, sheet: str = "gegevens") -> bytes:
    """One sheet: bold header, frozen top row, numbers as numbers with a Dutch display format per column."""
    out, columns = prepared(frame, labels)
    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    for position, label in enumerate(out.columns, start=1):
        ws.cell(row=1, column=position, value=str(label)).font = Font(bold=True)
    for row_number, row in enumerate(out.itertuples(index=False, name=None), start=2):
        for position, value in enumerate(row, start=1):
            value = _excel_value(value)
            if value is None:
                continue
            target = ws.cell(row=row_number, column=position, value=value)
            if isinstance(value, str):
                target.data_type = "s"  # text stays text: '=...' is never written as a formula
            elif columns[position - 1].excel_format():
                target.number_format = columns[position - 1].excel_format()
    for position, label in enumerate(out.columns, start=1):
        values = out.iloc[:200, position - 1].map(lambda v: 0 if _excel_value(v) is None else len(str(v)))
        width = max([len(str(label)), *values.tolist()]) + 2
        ws.column_dimensions[get_column_letter(position)].width = min(max(width, 8), 60)
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _excel_value(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().replace(tzinfo=None)
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return value.item()
    return value
