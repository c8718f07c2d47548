"""Read a user's or a shipped CSV/XLSX file into a DataFrame of text, tolerant of spreadsheet habits.

Handles `;` / `,` / tab delimiters, a UTF-8 BOM, Windows-1252 text, XLSX files whose header is not on
the first row, and empty rows and columns. Every value stays text here: casting is the contract's job
(etl/contracts.py), so that a bad value can be reported with its file, row and column.

The column `_row` holds the row number a user sees in their spreadsheet (1-based, header included).
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from pathlib import Path

import pandas as pd

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
# An XLSX is a zip: 50 MB compressed can expand a hundredfold. Its parts may hold this much, uncompressed.
MAX_XLSX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_CELL_CHARS = 10_000  # a longer text cell is a mistake (a whole document pasted in), not a description
ROW_COLUMN = "_row"


class ReadError(ValueError):
    """A file that cannot be read as a table at all (wrong format, too big, empty, a bad cell); str() names
    file, row and column in the same format as a contract violation."""

    def __init__(self, file: str, detail: str, row: int | None = None, value: object = None, column: str | None = None):
        self.file, self.detail, self.row, self.value, self.column = file, detail, row, value, column
        where = [file] + ([f"rij {row}"] if row is not None else []) + ([f"kolom '{column}'"] if column else [])
        shown = f" (waarde: '{value}')" if column and value is not None else ""
        super().__init__(f"{', '.join(where)}: {detail}{shown}")


class _FormulaWithoutValue:
    """A spreadsheet cell with a formula but no value saved with it (the file was written by a program
    that does not calculate, or saved without recalculating); read as empty, it would pass as 'not reported'."""

    def __init__(self, formula: str):
        self.formula = formula


def normalise_header(name: object) -> str:
    text = "" if name is None else str(name)
    text = text.replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-/]+", "_", text)


def decode_bytes(raw: bytes) -> str:
    """UTF-8 (with or without BOM) first; Windows-1252 when that fails (Excel's 'CSV' on Windows)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    first_lines = [line for line in text.splitlines()[:20] if line.strip()]
    if not first_lines:
        return ","
    header = first_lines[0]
    counts = {d: header.count(d) for d in (";", ",", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


def _dutch(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _too_many_rows(name: str, rows: str, max_rows: int) -> ReadError:
    return ReadError(name, f"{rows} rijen; de grens is {_dutch(max_rows, 0)} rijen. Controleer of het juiste bestand is gekozen.")


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ReadError(
            name,
            f"het bestand is {_dutch(size / 1_048_576, 1)} MB; de grens is "
            f"{_dutch(max_bytes / 1_048_576, 0)} MB. Splits het bestand of controleer of het juiste bestand is gekozen.",
        )


def read_table(
    path: Path | str,
    expected_columns: tuple[str, ...] = (),
    *,
    max_bytes: int = MAX_FILE_BYTES,
    max_rows: int = MAX_ROWS,
    display_name: str | None = None,
) -> pd.DataFrame:
    """Read CSV or XLSX into text columns with normalised headers plus `_row`.

    `expected_columns` helps find the header row in a spreadsheet with title rows above the table.
    """
    path = Path(path)
    name = display_name or path.name
    if not path.exists():
        raise ReadError(name, "bestand niet gevonden")
    _check_size(name, path.stat().st_size, max_bytes)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path, name, max_rows, expected_columns)
    elif path.suffix.lower() in (".csv", ".txt", ".tsv", ""):
        rows = _csv_rows(path, name)
    elif path.suffix.lower() == ".xls":
        raise ReadError(name, "het oude Excel-formaat .xls wordt niet gelezen; sla het bestand op als .xlsx of als CSV")
    else:
        raise ReadError(name, f"onbekend bestandstype '{path.suffix}'; gebruik .csv of .xlsx")
    frame = _rows_to_frame(rows, expected_columns, name)
    if len(frame) > max_rows:
        raise _too_many_rows(name, _dutch(len(frame), 0), max_rows)
    return frame


def _csv_rows(path: Path, name: str) -> list[list[str]]:
    raw = path.read_bytes()
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):  # a zip (xlsx) or an old .xls, renamed to .csv
        raise ReadError(name, "dit is een Excel-werkmap, geen tekstbestand; geef het de extensie .xlsx of sla het op als CSV")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's 'Unicode-tekst' (UTF-16, tab-separated)
        text = raw.decode("utf-16")
    elif b"\x00" in raw[:4096]:
        raise ReadError(name, "geen tekstbestand (bevat binaire gegevens); kies een CSV- of XLSX-bestand")
    else:
        text = decode_bytes(raw)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error as error:  # e.g. a field over the csv module's limit of 131.072 characters
        detail = str(error)
        if "field larger than field limit" in detail:
            detail = f"een cel is langer dan {_dutch(csv.field_size_limit(), 0)} tekens; is een heel document in één cel geplakt?"
        raise ReadError(name, f"geen leesbare CSV: {detail}", row=reader.line_num or None) from error


def _check_xlsx_parts(path: Path, name: str) -> None:
    """Refuse a workbook whose parts expand beyond MAX_XLSX_UNCOMPRESSED_BYTES before openpyxl reads it:
    the 50 MB limit only bounds the compressed file, and a few hundred kB can hold millions of strings."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError(name, f"geen leesbaar Excel-bestand ({exc.__class__.__name__})") from exc
    if expanded > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise ReadError(
            name,
            f"de werkmap is uitgepakt {_dutch(expanded / 1_048_576, 0)} MB; de grens is "
            f"{_dutch(MAX_XLSX_UNCOMPRESSED_BYTES / 1_048_576, 0)} MB. Sla alleen de tabel op als CSV of als een kleinere werkmap.",
        )


def _sheet_has_data(sheet) -> bool:
    return any(any(v is not None and str(v).strip() for v in row) for row in sheet.iter_rows(values_only=True))


def _has_table(sheet, expected: tuple[str, ...]) -> bool:
    """The sheet has a header row (in its first 50 rows) naming expected columns, as _find_header looks for it."""
    wanted = {normalise_header(c) for c in expected}
    return any(_names_expected(row, wanted) for row in itertools.islice(sheet.iter_rows(values_only=True), 50))


def _table_sheet(workbook, name: str, expected: tuple[str, ...]) -> int:
    """Index of the sheet to read: the only one with data, or else the only one whose header names the expected
    columns (a workbook often has a notes or pivot sheet beside the table)."""
    filled = [sheet for sheet in workbook.worksheets if _sheet_has_data(sheet)]
    if len(filled) <= 1:
        return workbook.sheetnames.index(filled[0].title) if filled else 0
    tables = [sheet.title for sheet in filled if _has_table(sheet, expected)]
    if len(tables) == 1:
        return workbook.sheetnames.index(tables[0])
    which = "geen ervan heeft" if not tables else f"{len(tables)} ervan ({', '.join(tables)}) hebben"
    raise ReadError(
        name,
        f"de werkmap heeft gegevens op {len(filled)} bladen ({', '.join(s.title for s in filled)}) en {which} de "
        "kolommen van de tabel; de lader leest één tabel. Laat één blad met de tabel over of sla dat blad op als CSV.",
    )


def _xlsx_rows(path: Path, name: str, max_rows: int, expected: tuple[str, ...] = ()) -> list[list]:
    import openpyxl

    _check_xlsx_parts(path, name)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises several types for a corrupt file
        raise ReadError(name, f"geen leesbaar Excel-bestand ({exc.__class__.__name__})") from exc
    try:
        index = _table_sheet(workbook, name, expected)
        rows = []
        pairs = zip(
            workbook.worksheets[index].iter_rows(values_only=True),
            formulas.worksheets[index].iter_rows(values_only=True),
            strict=False,
        )
        for values, written in pairs:  # stop early: a compressed sheet can hold millions of rows
            if len(rows) > max_rows + 50:
                raise _too_many_rows(name, f"meer dan {_dutch(max_rows, 0)}", max_rows)
            rows.append(
                [
                    _FormulaWithoutValue(w) if v is None and isinstance(w, str) and w.startswith("=") else _cell_text(v)
                    for v, w in zip(values, written, strict=False)
                ]
            )
    finally:
        workbook.close()
        formulas.close()
    return rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _names_expected(row, wanted: set[str]) -> bool:
    """A row is the header if it names at least two of the wanted (normalised) columns, or the only one."""
    cells = {normalise_header(c) for c in row if c is not None and str(c).strip()}
    return bool(wanted) and len(cells & wanted) >= min(2, len(wanted))


def _find_header(rows: list[list[str]], expected: tuple[str, ...]) -> int:
    """Index of the header row: the first row naming an expected column, else the first with 2+ cells."""
    wanted = {normalise_header(c) for c in expected}
    for index, row in enumerate(rows[:50]):
        if _names_expected(row, wanted):
            return index
    for index, row in enumerate(rows[:50]):
        if sum(1 for c in row if str(c).strip()) >= 2:
            return index
    return 0


def _plain(row: list) -> bool:
    """Every cell is text without a NUL and within MAX_CELL_CHARS: nothing for _check_cells to find
    (tested over the joined row: a cell-by-cell loop costs seconds on a large file)."""
    try:
        joined = "".join(row)
    except TypeError:  # a formula without a value, or a cell that is not text
        return False
    return "\x00" not in joined and (len(joined) <= MAX_CELL_CHARS or max(map(len, row)) <= MAX_CELL_CHARS)


def _check_cells(row: list, keep: list[int], header: list[str], name: str, offset: int) -> None:
    """Refuse a kept cell with a formula but no saved value, a NUL or more than MAX_CELL_CHARS characters."""
    for i in keep:
        cell = row[i] if i < len(row) else None
        if isinstance(cell, _FormulaWithoutValue):
            raise ReadError(
                name,
                "formule zonder opgeslagen uitkomst; open het bestand in Excel, laat het herberekenen en sla het "
                "opnieuw op (of plak de waarden)",
                row=offset,
                value=cell.formula,
                column=header[i],
            )
        if cell is not None and "\x00" in str(cell):
            raise ReadError(name, "bevat een NUL-teken (binaire gegevens); is dit een tekstbestand?", offset, None, header[i])
        if cell is not None and len(str(cell)) > MAX_CELL_CHARS:
            raise ReadError(
                name,
                f"cel van {_dutch(len(str(cell)), 0)} tekens; de grens is {_dutch(MAX_CELL_CHARS, 0)}",
                row=offset,
                column=header[i],
            )


def _rows_to_frame(rows: list[list[str]], expected: tuple[str, ...], name: str) -> pd.DataFrame:
    if not any(any(str(c).strip() for c in row) for row in rows):  # stops at the first row with a value
        raise ReadError(name, "het bestand is leeg")
    header_index = _find_header(rows, expected)
    header = [normalise_header(c) for c in rows[header_index]]
    keep = [i for i, h in enumerate(header) if h]  # drop unnamed (empty) columns
    width, every = len(header), keep == list(range(len(header)))
    body = []
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if len(row) > width:
            overflow = [str(c).strip() for c in row[width:] if c is not None and str(c).strip()]
            if overflow:
                raise ReadError(
                    name,
                    f"{width + len(overflow)} cellen, de kopregel heeft er {width} "
                    f"(waarde voorbij de laatste kolom: '{overflow[0]}'). Staat er een scheidingsteken in een tekst?",
                    row=offset,
                    value=overflow[0],
                )
        plain = _plain(row)
        if not plain:
            _check_cells(row, keep, header, name, offset)
        if plain and len(row) == width:  # the common row: text cells, one per column
            cells = list(map(str.strip, row)) if every else [row[i].strip() for i in keep]
        else:
            cells = [str(row[i]).strip() if i < len(row) and row[i] is not None else "" for i in keep]
        if any(cells):
            body.append([*cells, offset])
    columns = [header[i] for i in keep]
    duplicates = sorted({c for c in columns if columns.count(c) > 1})
    if duplicates:
        raise ReadError(name, f"kolomnaam komt dubbel voor: {', '.join(duplicates)}")
    frame = pd.DataFrame(body, columns=[*columns, ROW_COLUMN])
    if frame.empty:
        frame = pd.DataFrame(columns=[*columns, ROW_COLUMN])
    return frame.astype({c: "object" for c in columns})


_THOUSANDS_DOT = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^[+-]?[1-9]\d{0,2}(,\d{3})+$")


def parse_number(text: object) -> float | None:
    """'1.234,5' -> 1234.5, '1,234.5' -> 1234.5, '12,5' -> 12.5, '' -> None; raises ValueError if not a number.

    A lone separator followed by exactly three digits is read as a thousands separator ('1.234' and
    '1,234' are both 1234): Dutch spreadsheets write thousands with a dot, and a figure in tonnes or
    euros with exactly three decimals does not occur in these files.
    """
    if text is None:
        return None
    value = str(text).strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
    if value == "":
        return None
    if "," in value and "." in value:
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    elif _THOUSANDS_DOT.match(value):
        value = value.replace(".", "")
    elif _THOUSANDS_COMMA.match(value):
        value = value.replace(",", "")
    elif "," in value:
        value = value.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", value):
        raise ValueError(text)  # 'nan', 'inf', 'NaN': not a figure; stored, a NaN would pass as 'not reported'
    return float(value)


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S")


def parse_date(text: object):
    """dd-mm-yyyy, yyyy-mm-dd, dd/mm/yyyy or an Excel serial day number -> datetime.date; '' -> None."""
    import datetime as dt

    if text is None:
        return None
    value = str(text).strip()
    if value == "":
        return None
    if re.fullmatch(r"\d{5}(\.0+)?", value):
        serial = int(float(value))
        if 20_000 <= serial <= 80_000:  # 1954 .. 2119: the range of plausible Excel dates
            return (dt.datetime(1899, 12, 30) + dt.timedelta(days=serial)).date()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)
