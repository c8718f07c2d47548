"""The EU Union Registry's yearly publication of verified emissions (verified_emissions_YYYY_en.xlsx).

Each spring the European Commission publishes one workbook with every account in the EU ETS and, per
year since 2008, its free allocation and verified emissions; later publications revise earlier years.
Its layout (checked here, so a change is reported instead of misread):

- sheet `data`: two title rows, the header on row 3, one row per account. Identifying columns
  REGISTRY_CODE (country), ACCOUNT_TYPE ('OPERATOR HOLDING ACCOUNT' for installations), IDENTIFIER_IN_REG
  (the account name, for NL the operator), INSTALLATION_NAME, INSTALLATION_IDENTIFIER (the registry id:
  our key is 'NL_<id>'), PERMIT_IDENTIFIER, MAIN_ACTIVITY_TYPE_CODE, ACCOUNT_CLOSURE ('OPEN'/'CLOSED');
  per year VERIFIED_EMISSIONS_<year>, ALLOCATION_<year> (2008: ALLOCATION2008) and from 2013
  ALLOCATION_RESERVE_<year> (new entrants) and ALLOCATION_TRANSITIONAL_<year> (Art. 10c, electricity).
  Cells hold a number, 'n/a' (no figure), 'Excluded' or -1 (missing).
- sheet `Read Me`: the extraction date in its first row.

The same table saved as CSV (header row found by its column names) is read the same way. Only Dutch
stationary installations are kept: REGISTRY_CODE 'NL', operator holding accounts, no aviation (10) or
maritime (50) activity.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl.readers import MAX_FILE_BYTES, ReadError, read_table
from etl.sources import SourceInfo

PAGE_URL = "https://climate.ec.europa.eu/eu-action/carbon-markets/eu-emissions-trading-system-eu-ets/union-registry_en"
# The one address known for a publication; others are found as links on PAGE_URL (see etl.update.download).
KNOWN_URLS = {
    2025: "https://climate.ec.europa.eu/document/download/53018483-62b3-499e-9ab9-b4a831cc44f4_en"
    "?filename=verified_emissions_2025_en.xlsx",
}
ORIGIN = f"Europese Commissie, Union Registry: verified_emissions_JJJJ_en.xlsx ({PAGE_URL})"
LICENCE = "geen licentie vermeld; bron is openbare EU-registerdata"

IDENTIFYING = (
    "REGISTRY_CODE",
    "ACCOUNT_TYPE",
    "IDENTIFIER_IN_REG",
    "INSTALLATION_NAME",
    "INSTALLATION_IDENTIFIER",
    "MAIN_ACTIVITY_TYPE_CODE",
    "ACCOUNT_CLOSURE",
)
VERIFIED = re.compile(r"^VERIFIED_EMISSIONS_(\d{4})$")
INSTALLATION_ACCOUNT = "OPERATOR HOLDING ACCOUNT"
LEFT_OUT_ACTIVITIES = (10, 50)  # aircraft operators, maritime operators
MAX_ROWS = 60_000  # the EU-wide file has about 18,000 accounts
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class LayoutError(ReadError):
    """The file does not have the registry publication's layout (or the Commission changed it)."""


@dataclass
class Publication:
    """The NL stationary part of one publication: installations and their values per year."""

    file: str
    extracted_on: dt.date | None
    years: tuple[int, ...]
    installations: pd.DataFrame  # installation_id, name, company, eu_activity, account_status
    emissions: pd.DataFrame  # installation_id, year, verified_t_co2, free_allocation_t, status
    rows_in_file: int
    left_out: dict[str, int] = field(default_factory=dict)  # reason -> accounts

    @property
    def latest_year(self) -> int:
        return max(self.years)

    def source_info(self, kept_as: str) -> SourceInfo:
        extract = f"uittreksel {self.extracted_on:%d-%m-%Y}" if self.extracted_on else "uittrekdatum niet in het bestand"
        return SourceInfo(
            source_id=f"union_registry:{self.file}",
            file=kept_as,
            title=f"EU Union Registry: geverifieerde emissies {min(self.years)}-{self.latest_year} (Nederland), publicatie {self.file}",
            origin=ORIGIN,
            vintage=f"{extract}; {self.latest_year} kan nog onvolledig zijn",
            licence=LICENCE,
        )


def _value(cell: object) -> float | None:
    """A figure, or None for 'n/a', 'Excluded', empty and the -1 'missing' marker."""
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, int | float):
        number = float(cell)
    else:
        text = str(cell).strip()
        if not _NUMBER.match(text):
            return None
        number = float(text)
    return None if number < 0 or pd.isna(number) else number


def _is_excluded(cell: object) -> bool:
    return isinstance(cell, str) and cell.strip().lower() == "excluded"


def _xlsx(path: Path, name: str) -> tuple[list[list[object]], dt.date | None]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a corrupt file
        raise ReadError(name, f"geen leesbaar Excel-bestand ({exc.__class__.__name__})") from exc
    try:
        sheets = {sheet.title.strip().lower(): sheet for sheet in workbook.worksheets}
        if "data" not in sheets:
            raise LayoutError(
                name,
                f"geen werkblad 'data' (gevonden: {', '.join(s.title for s in workbook.worksheets)}); "
                "de publicatie van het Union Registry heeft de tabel in het werkblad 'data'",
            )
        rows = []
        for row in sheets["data"].iter_rows(values_only=True):
            if len(rows) > MAX_ROWS + 10:
                raise ReadError(name, f"meer dan {MAX_ROWS} rijen; is dit de publicatie van het Union Registry?")
            rows.append(list(row))
        extracted = None
        if "read me" in sheets:
            for row in sheets["read me"].iter_rows(max_row=5, values_only=True):
                extracted = next((v.date() if isinstance(v, dt.datetime) else v for v in row if isinstance(v, dt.date)), None)
                if extracted:
                    break
        return rows, extracted
    finally:
        workbook.close()


def _csv(path: Path, name: str) -> list[list[object]]:
    frame = read_table(path, tuple(c.lower() for c in IDENTIFYING), max_rows=MAX_ROWS, display_name=name)
    header = [c.upper() for c in frame.columns if c != "_row"]
    return [header, *frame[[c for c in frame.columns if c != "_row"]].values.tolist()]


def _header_index(rows: list[list[object]]) -> int | None:
    for index, row in enumerate(rows[:30]):
        if any(str(cell or "").strip().upper() == "REGISTRY_CODE" for cell in row):
            return index
    return None


def check_layout(name: str, header: list[str]) -> list[int]:
    """The years with verified emissions in `header`; raises LayoutError naming what is missing."""
    missing = [c for c in IDENTIFYING if c not in header]
    years = sorted(int(m.group(1)) for c in header if (m := VERIFIED.match(c)))
    if missing or not years:
        what = missing + ([] if years else ["VERIFIED_EMISSIONS_<jaar>"])
        shown = ", ".join(c for c in header if c)[:400]
        raise LayoutError(
            name,
            f"de kolomindeling is niet die van de publicatie van het Union Registry (verified_emissions_JJJJ_en.xlsx): "
            f"kolom(men) {', '.join(what)} ontbreken. Gevonden kolommen: {shown or '(geen)'}. "
            "Is het het juiste bestand? Heeft de Europese Commissie de indeling veranderd, pas dan "
            "etl/sources/union_registry.py aan; er is niets geladen",
        )
    return years


def _allocation(record: dict, year: int) -> float | None:
    names = ("ALLOCATION2008",) if year == 2008 else (f"ALLOCATION_{year}", f"ALLOCATION_RESERVE_{year}")
    parts = [_value(record.get(n)) for n in names]
    known = [p for p in parts if p is not None]
    return sum(known) if known else None


def read(path: Path, display_name: str | None = None) -> Publication:
    """Read one publication (XLSX as published, or the same table as CSV); NL stationary accounts only."""
    path = Path(path)
    name = display_name or path.name
    if not path.exists():
        raise ReadError(name, "bestand niet gevonden")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ReadError(name, f"het bestand is groter dan {MAX_FILE_BYTES // 1_048_576} MB")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows, extracted = _xlsx(path, name)
    elif path.suffix.lower() in (".csv", ".txt"):
        rows, extracted = _csv(path, name), None
    else:
        raise ReadError(
            name, f"onbekend bestandstype '{path.suffix}'; gebruik de .xlsx zoals gepubliceerd of dezelfde tabel als .csv"
        )
    at = _header_index(rows)
    if at is None:
        raise LayoutError(
            name,
            "geen kopregel met REGISTRY_CODE in de eerste 30 rijen; dit is niet de publicatie van het Union Registry "
            "(verified_emissions_JJJJ_en.xlsx) of de indeling is veranderd; er is niets geladen",
        )
    header = [str(c or "").strip().upper() for c in rows[at]]
    years = check_layout(name, header)
    last_allowed = dt.date.today().year - 1
    if max(years) > last_allowed:
        raise LayoutError(
            name,
            f"kolom VERIFIED_EMISSIONS_{max(years)}: dat jaar is nog niet afgelopen; het laatste mogelijke jaar is {last_allowed}",
        )

    left_out = {"ander land": 0, "geen installatie (ander rekeningtype)": 0, "luchtvaart of scheepvaart": 0}
    installations, emissions = [], []
    latest = max(years)
    body = [r for r in rows[at + 1 :] if any(c not in (None, "") for c in r)]
    for cells in body:
        record = dict(zip(header, cells, strict=False))
        if str(record["REGISTRY_CODE"] or "").strip().upper() != "NL":
            left_out["ander land"] += 1
            continue
        if str(record["ACCOUNT_TYPE"] or "").strip().upper() != INSTALLATION_ACCOUNT:
            left_out["geen installatie (ander rekeningtype)"] += 1
            continue
        activity = _value(record["MAIN_ACTIVITY_TYPE_CODE"])
        if activity is not None and int(activity) in LEFT_OUT_ACTIVITIES:
            left_out["luchtvaart of scheepvaart"] += 1
            continue
        identifier = _value(record["INSTALLATION_IDENTIFIER"])
        if identifier is None:
            raise LayoutError(name, f"INSTALLATION_IDENTIFIER '{record['INSTALLATION_IDENTIFIER']}' is geen registernummer")
        installation_id = f"NL_{int(identifier)}"
        closed = str(record["ACCOUNT_CLOSURE"] or "").strip().upper() == "CLOSED"
        installations.append(
            (
                installation_id,
                str(record["INSTALLATION_NAME"] or "").strip(),
                str(record["IDENTIFIER_IN_REG"] or "").strip(),
                None if activity is None else int(activity),
                "closed" if closed else "open",
            )
        )
        for year in years:
            cell = record.get(f"VERIFIED_EMISSIONS_{year}")
            verified = _value(cell)
            allocation = _allocation(record, year)
            if verified is not None:
                emissions.append((installation_id, year, verified, allocation, "reported"))
            elif _is_excluded(cell):
                emissions.append((installation_id, year, None, allocation, "excluded"))
            elif year == latest and not closed and _value(record.get(f"VERIFIED_EMISSIONS_{year - 1}")):
                # An open account that emitted last year and has no figure yet: not reported at the extract date.
                emissions.append((installation_id, year, None, allocation, "not reported"))
    installation_frame = pd.DataFrame(
        installations, columns=["installation_id", "name", "company", "eu_activity", "account_status"]
    )
    duplicates = sorted(installation_frame.loc[installation_frame["installation_id"].duplicated(), "installation_id"])
    if duplicates:
        raise LayoutError(name, f"installatie(s) {', '.join(duplicates)} staan meer dan eens in het bestand")
    if installation_frame.empty:
        raise LayoutError(
            name, "geen enkele Nederlandse installatie (REGISTRY_CODE 'NL', OPERATOR HOLDING ACCOUNT) in het bestand"
        )
    return Publication(
        file=name,
        extracted_on=extracted,
        years=tuple(years),
        installations=installation_frame,
        emissions=pd.DataFrame(emissions, columns=["installation_id", "year", "verified_t_co2", "free_allocation_t", "status"]),
        rows_in_file=len(body),
        left_out={k: v for k, v in left_out.items() if v},
    )
