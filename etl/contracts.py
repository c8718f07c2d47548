"""Column contracts for every table a file can feed, and the validator that enforces them.

A contract casts text to types and checks: required columns present, not-null, accepted values (with a
suggestion for near misses), ranges, unique keys, references to known installations or companies, and
table-specific rules (status histories). `validate` collects every violation before it raises, so one
run of the loader tells a user everything that is wrong with their file, each with file, row, column
and value.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from etl.readers import ROW_COLUMN, normalise_header, parse_date, parse_number
from monitor import config, formatting

MAX_MESSAGES = 50
_MISSING = ("NA", "N/A", "NULL")  # read as an empty cell


@dataclass(frozen=True)
class Violation:
    file: str
    row: int | None
    column: str | None
    value: object
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.column:
            where.append(f"kolom '{self.column}'")
        shown = "" if self.value is None else f" (waarde: '{self.value}')"
        return f"{', '.join(where)}: {self.message}{shown}"


class ContractError(ValueError):
    """Every violation of one file; str() is the full message a user reads."""

    def __init__(self, file: str, violations: list[Violation]):
        self.file = file
        self.violations = violations
        lines = [str(v) for v in violations[:MAX_MESSAGES]]
        if len(violations) > MAX_MESSAGES:
            lines.append(f"... en nog {len(violations) - MAX_MESSAGES} fouten")
        super().__init__(f"{file}: {len(violations)} fout(en), niets geladen.\n" + "\n".join(lines))


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text | int | number | date | bool
    description: str
    required: bool = True  # the column must be in the file
    nullable: bool = False
    accepted: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    aliases: tuple[str, ...] = ()
    default: object = None
    too_low: str | None = None  # message for a value below `minimum`; '{limit}' is replaced by the limit
    too_high: str | None = None  # message for a value above `maximum`
    future: bool = False  # a date column that may lie in the future (a planned date)


# What a reference set holds, for the message about a value that is not in it.
REFERENCE_LABELS = {
    "installation_ids": ("onbekende installatie", "niet gevonden in de database"),
    "companies": ("onbekend bedrijf", "niet gevonden bij de installaties in de database"),
    "case_ids": ("onbekende casus", "niet in de database; laad eerst het bestand met de casussen (soort 'cases')"),
}


RowCheck = Callable[[pd.DataFrame, str], list[Violation]]
# A check against what is already in the database (the reference sets of `validate`).
ReferenceCheck = Callable[[pd.DataFrame, str, dict], list[Violation]]


@dataclass(frozen=True)
class Contract:
    kind: str
    table: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    references: dict[str, str] = field(default_factory=dict)  # column -> reference set name
    checks: tuple[RowCheck, ...] = ()
    reference_checks: tuple[ReferenceCheck, ...] = ()
    warning_checks: tuple[Callable[[pd.DataFrame, str], list[str]], ...] = ()  # accepted, but the user is told

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


@dataclass
class Validated:
    frame: pd.DataFrame
    warnings: list[str]


def suggest(value: str, accepted: tuple[str, ...]) -> str:
    match = difflib.get_close_matches(value.lower(), [a.lower() for a in accepted], n=1, cutoff=0.6)
    if not match:
        return f"toegestaan: {', '.join(accepted)}"
    original = next(a for a in accepted if a.lower() == match[0])
    return f"bedoelde u '{original}'?"


def _rename_aliases(frame: pd.DataFrame, contract: Contract) -> pd.DataFrame:
    renames = {}
    for column in contract.columns:
        for alias in column.aliases:
            alias = normalise_header(alias)
            if alias in frame.columns and column.name not in frame.columns:
                renames[alias] = column.name
    return frame.rename(columns=renames)


def _cast(column: Column, raw: object, today: dt.date):
    """Return (value, error message or None) for one cell."""
    text = "" if raw is None or (isinstance(raw, float) and pd.isna(raw)) else str(raw).strip()
    if text == "" or text.upper() in _MISSING:
        if column.nullable:
            return None, None
        return None, "waarde ontbreekt (verplicht)"
    try:
        if column.kind == "text":
            value = text
        elif column.kind in ("int", "number"):
            value = parse_number(text)
            if column.kind == "int":
                if not float(value).is_integer():
                    return None, "geen geheel getal"
                value = int(value)
        elif column.kind == "date":
            value = parse_date(text)
        elif column.kind == "bool":
            lowered = text.lower()
            if lowered not in ("true", "false", "ja", "nee", "1", "0", "yes", "no", "waar", "onwaar"):
                return None, "geen ja/nee-waarde"
            value = lowered in ("true", "ja", "1", "yes", "waar")
        else:  # pragma: no cover - a contract typo
            raise AssertionError(column.kind)
    except ValueError:
        expected = {
            "int": "geen geldig geheel getal",
            "number": "geen geldig getal (bijv. 1234,5 of 1.234,5)",
            "date": "geen geldige datum (dd-mm-jjjj, jjjj-mm-dd of een Excel-datum)",
        }
        return None, expected.get(column.kind, f"geen geldige waarde ({column.kind})")
    if column.accepted is not None:
        lookup = {a.lower(): a for a in column.accepted}
        if value.lower() not in lookup:
            return None, f"onbekende waarde; {suggest(value, column.accepted)}"
        value = lookup[value.lower()]
    if column.kind in ("int", "number"):
        if column.minimum is not None and value < column.minimum:
            limit = limit_text(column, column.minimum)
            if column.too_low:
                return None, column.too_low.format(limit=limit)
            return None, "negatief getal; het minimum is 0" if column.minimum == 0 else f"kleiner dan het minimum {limit}"
        if column.maximum is not None and value > column.maximum:
            limit = limit_text(column, column.maximum)
            return None, column.too_high.format(limit=limit) if column.too_high else f"groter dan het maximum {limit}"
    if column.kind == "date":
        if value > today and not column.future:
            return None, "datum ligt in de toekomst"
        if value.year < config.FIRST_ETS_YEAR:
            return None, f"datum ligt voor {config.FIRST_ETS_YEAR}"
    return value, None


# A number _cast reads as itself (ASCII digits, at most one '.' or ',' as the decimal sign) ...
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")
# ... unless that one sign is followed by exactly three digits: then parse_number reads a thousands separator.
_THOUSANDS = re.compile(r"[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}")


def _cast_texts(column: Column, texts: list[str], today: dt.date) -> dict[str, tuple]:
    """(value, error) per distinct text of a column. The common cells - free text, a plain number within
    the column's range - are cast in one pass over the list; every other cell goes through _cast, so
    values and messages are exactly _cast's."""
    out: dict[str, tuple] = {}
    if column.accepted is None and column.kind == "text":
        out = {raw: (text, None) for raw in texts if (text := raw.strip()) and text.upper() not in _MISSING}
    elif column.accepted is None and column.kind in ("int", "number"):
        low, high, whole = column.minimum, column.maximum, column.kind == "int"
        for raw in texts:
            text = raw.strip()
            if not _PLAIN_NUMBER.fullmatch(text) or _THOUSANDS.fullmatch(text):
                continue
            value = float(text.replace(",", "."))
            if whole:
                if not value.is_integer():
                    continue
                value = int(value)
            if (low is None or value >= low) and (high is None or value <= high):
                out[raw] = (value, None)
    if len(out) < len(texts):
        out.update((raw, _cast(column, raw, today)) for raw in texts if raw not in out)
    return out


def _cast_column(column: Column, values: list, rows: list, file: str, today: dt.date, violations: list[Violation]) -> list:
    """The column's cells cast (None as the column's default); a violation per failing cell, in row order.

    Each distinct text is cast once (a status, sector or date repeats thousands of times) and the cells
    are looked up over plain lists; only a column with a failing or non-text cell is walked cell by cell.
    """
    cast = _cast_texts(column, [raw for raw in dict.fromkeys(values) if raw.__class__ is str], today)
    results = list(map(cast.get, values))  # None for a cell that is not text (a missing value)
    if None in results or any(error for _, error in cast.values()):
        results = [_cast(column, raw, today) if result is None else result for raw, result in zip(values, results, strict=True)]
        violations += [
            Violation(file, row, column.name, raw, error)
            for row, raw, (_, error) in zip(rows, values, results, strict=True)
            if error
        ]
    default = column.default
    return [value if value is not None else default for value, _ in results]


def limit_text(column: Column, limit: float) -> str:
    if column.name == "year" or column.name.endswith("_year"):
        return str(int(limit))
    return formatting.number(limit, 0 if float(limit).is_integer() else 2)


def validate(
    contract: Contract,
    frame: pd.DataFrame,
    file: str,
    references: dict[str, set[str]] | None = None,
    today: dt.date | None = None,
) -> Validated:
    """Cast and check `frame` (text columns + `_row`); raise ContractError listing every violation."""
    today = today or dt.date.today()
    frame = _rename_aliases(frame, contract)
    present = [c for c in frame.columns if c != ROW_COLUMN]
    missing = [c for c in contract.required_names if c not in present]
    if missing:
        raise ContractError(
            file,
            [
                Violation(
                    file,
                    None,
                    None,
                    None,
                    f"verplichte kolom(men) ontbreken: {', '.join(missing)}. Gevonden kolommen: {', '.join(present) or '(geen)'}",
                )
            ],
        )
    warnings = [f"{file}: onbekende kolom '{c}' wordt genegeerd" for c in present if c not in contract.column_names]
    if frame.empty:
        raise ContractError(file, [Violation(file, None, None, None, "het bestand bevat alleen een kopregel, geen gegevens")])

    violations: list[Violation] = []
    rows = frame[ROW_COLUMN].tolist()
    out = {
        column.name: _cast_column(column, frame[column.name].tolist(), rows, file, today, violations)
        if column.name in frame.columns
        else [column.default] * len(frame)
        for column in contract.columns
    }
    typed = pd.DataFrame(out)
    typed[ROW_COLUMN] = rows

    violations += _key_violations(contract, typed, file)
    for column_name, reference in contract.references.items():
        known = (references or {}).get(reference)
        if known is None:
            continue
        canonical = {k.lower(): k for k in known}
        as_known = {k for k in known if canonical[k.lower()] == k}  # spelled as the database spells it: nothing to say
        label, not_found = REFERENCE_LABELS.get(reference, ("onbekende verwijzing", "niet gevonden in de database"))
        for index, row, value in zip(typed.index, typed[ROW_COLUMN].tolist(), typed[column_name].tolist(), strict=True):
            if value in as_known or pd.isna(value):
                continue
            spelled = canonical.get(str(value).lower())
            if spelled is None:
                hint = suggest(str(value), tuple(sorted(known)))
                hint = hint if hint.startswith("bedoelde") else not_found
                violations.append(Violation(file, row, column_name, value, f"{label}; {hint}"))
            elif spelled != value:  # 'nl_102' would store a row that joins nothing: use the database's spelling
                typed.at[index, column_name] = spelled
                warnings.append(
                    str(Violation(file, row, column_name, value, f"geschreven als '{spelled}', zoals in de database"))
                )
    if not violations:
        for check in contract.checks:
            violations += check(typed, file)
    if not violations:
        for reference_check in contract.reference_checks:
            violations += reference_check(typed, file, references or {})
    if violations:
        violations.sort(key=lambda v: (v.row or 0, v.column or ""))
        raise ContractError(file, violations)
    for warning_check in contract.warning_checks:
        warnings += warning_check(typed, file)
    return Validated(typed, warnings)


def read_validated(path, contract: Contract, file: str) -> pd.DataFrame:
    """Read a reference file and validate it against its contract; typed columns, no `_row`."""
    from etl.readers import read_table

    return validate(contract, read_table(path, contract.column_names), file).frame.drop(columns=[ROW_COLUMN])


def _key_violations(contract: Contract, typed: pd.DataFrame, file: str) -> list[Violation]:
    """Duplicate keys; text keys compare without letter case ('t-001' and 'T-001' are one case)."""
    key = list(contract.key)
    complete = typed.dropna(subset=key).copy()
    shown = complete[key].copy()
    for k in key:
        if all(issubclass(t, str) for t in set(map(type, complete[k].tolist()))):  # every cell text
            complete[k] = complete[k].str.lower()
    first_rows = complete.groupby(key, sort=False)[ROW_COLUMN].transform("min")
    duplicated = complete[complete.duplicated(subset=key, keep="first")]
    return [
        Violation(
            file,
            int(row[ROW_COLUMN]),
            ", ".join(key),
            " / ".join(str(shown.at[index, k]) for k in key),
            f"dubbele sleutel: deze combinatie staat ook in rij {int(first_rows[index])}",
        )
        for index, row in duplicated.iterrows()
    ]
