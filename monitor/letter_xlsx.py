"""The letter's annex as an Excel workbook (openpyxl): one sheet per table, numbers stored as numbers with
Dutch display formats (Excel shows 1.234.567 and 12,3 with a Dutch locale), a sheet with definitions and
sources, frozen header rows and column widths that fit. Same letter => same bytes."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from monitor.letter_tables import (
    EXCEL_FORMATS,
    TEXT,
    Letter,
    Table,
    data_files,
    figure_format,
    key_figures,
    pipeline,
    sectors,
    since_last,
    sources,
    stable_zip,
)
from monitor.report_export import source_numbers, version_lines
from monitor.report_model import SAMPLE_MARK

HEADER_FILL = PatternFill("solid", fgColor="E8E8E8")
SAMPLE_FILL = PatternFill("solid", fgColor="FFF3CD")
MAX_WIDTH = 70


def _sheet_name(name: str) -> str:
    return name.replace("/", "-")[:31]


def _write(workbook: Workbook, table: Table, cell_formats: list[dict[str, str]] | None = None, first: bool = False) -> None:
    """One table on its own sheet: bold shaded header (frozen), numbers as numbers with their display format,
    sample rows shaded. cell_formats: per row, column -> format (for a column whose unit varies by row)."""
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = _sheet_name(table.name)
    columns = list(table.frame.columns)
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, row in enumerate(table.frame.itertuples(index=False)):
        values = [None if not isinstance(v, str) and pd.isna(v) else v for v in row]
        sheet.append(values)
        sample = index < len(table.sample_rows) and table.sample_rows[index]
        for column, cell in zip(columns, sheet[index + 2], strict=True):
            kind = (cell_formats[index] if cell_formats else {}).get(column, table.formats.get(column, TEXT))
            if kind != TEXT and isinstance(cell.value, int | float):
                cell.number_format = EXCEL_FORMATS[kind]
            if sample:
                cell.fill = SAMPLE_FILL
    sheet.freeze_panes = "A2"
    for number, column in enumerate(columns, start=1):
        texts = [str(column)] + [str(v) for v in table.frame[column].tolist()]
        sheet.column_dimensions[get_column_letter(number)].width = min(MAX_WIDTH, max(10, max(len(t) for t in texts) + 2))
    if table.note:
        sheet.cell(row=len(table.frame) + 3, column=1, value=table.note).font = Font(italic=True)


def build(letter: Letter) -> bytes:
    """The XLSX bytes."""
    numbers = source_numbers(letter.report.figures, letter.source_lines)
    workbook = Workbook()
    figures = key_figures(letter, numbers)
    _write(workbook, figures, [{"Getal": figure_format(f.unit)} for f in letter.report.figures], first=True)
    for table in (sectors(letter), pipeline(letter), since_last(letter)):
        if table is not None:
            _write(workbook, table)
    definitions = pd.DataFrame(
        {
            "Cijfer": [f.label for f in letter.report.figures],
            "Definitie": [f.definition for f in letter.report.figures],
            "Soort": [SAMPLE_MARK if f.sample else "openbaar" for f in letter.report.figures],
        }
    )
    _write(workbook, Table("Definities", definitions, {}, tuple(f.sample for f in letter.report.figures)))
    _write(workbook, sources(letter, numbers))
    files = data_files(letter)
    _write(workbook, Table(files.name, files.frame, files.formats, files.sample_rows, " · ".join(version_lines(letter.version))))
    about = pd.DataFrame(
        {
            "Gegeven": ["Titel", "Datum", *letter.context],
            "Waarde": [letter.title, letter.sent_on.strftime("%d-%m-%Y"), *letter.context.values()],
        }
    )
    _write(workbook, Table("Over dit bestand", about, {}))

    moment = dt.datetime.combine(letter.sent_on, dt.time())
    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = "Cluster 6 Monitor"
    properties.title = letter.title
    properties.created = properties.modified = moment
    buffer = io.BytesIO()
    workbook.save(buffer)
    return stable_zip(buffer.getvalue(), moment)
