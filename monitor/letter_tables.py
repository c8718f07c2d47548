"""What the Word letter and the Excel annex share: the letter's content (Letter) and its tables, each a
DataFrame of exact numbers with Dutch headers plus a format per column, so the DOCX prints what the XLSX
stores. And `stable_zip`: same content => same bytes (fixed timestamps inside the zip).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

import pandas as pd

from monitor import config, formatting
from monitor.letter import Section
from monitor.report import Report, gap_table
from monitor.report_model import PUBLIC, SAMPLE_MARK, DataVersion

# Column formats: how a number is printed (DOCX) and stored/displayed (XLSX number_format).
TEXT, TONNES, TONNES_PER_YEAR, PERCENT, COUNT, EURO, DAYS = "text", "t", "t/jaar", "%", "aantal", "€", "dagen"
EXCEL_FORMATS = {
    TONNES: '#,##0" t"',
    TONNES_PER_YEAR: '#,##0" t/jaar"',
    PERCENT: '0.0" %"',
    COUNT: "#,##0",
    EURO: '"€ "#,##0',
    DAYS: '#,##0" dagen"',
}
UNIT_FORMATS = {  # Figure.unit -> column format of its exact value
    "t CO₂-eq": TONNES,
    "t CO₂ per jaar": TONNES_PER_YEAR,
    "%": PERCENT,
    "% per jaar": PERCENT,
    "€": EURO,
    "dagen": DAYS,
    "aantal": COUNT,
    "casussen": COUNT,
    "sectoren": COUNT,
}


@dataclass(frozen=True)
class Table:
    name: str  # sheet name (at most 31 characters) and table caption
    frame: pd.DataFrame  # exact values; headers in Dutch
    formats: dict[str, str]  # column -> TEXT / TONNES / ...; missing = TEXT
    sample_rows: tuple[bool, ...] = ()  # rows that rest on sample data (shaded, marked)
    note: str = ""


@dataclass(frozen=True)
class Letter:
    title: str
    sent_on: dt.date
    year: int
    baseline_year: int
    context: dict[str, str]  # choices and data version; no clock time, so the bytes depend only on data and choices
    sections: list[Section]
    report: Report
    source_lines: dict[str, str]
    version: DataVersion
    comparison: pd.DataFrame | None = None
    charts: dict[str, tuple[str, object, str]] = field(default_factory=dict)  # name -> (heading, figure, source line)

    @property
    def has_sample(self) -> bool:
        return self.report.has_sample or any(s.sample for s in self.sections)


def printed(value, kind: str) -> str:
    """A table cell as printed in the letter, in Dutch formatting."""
    if kind == TEXT:
        return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    if value is None or pd.isna(value):
        return "–"
    if kind in (TONNES, TONNES_PER_YEAR):
        return formatting.tonnes(value) + ("/jaar" if kind == TONNES_PER_YEAR else "")
    if kind == PERCENT:
        return formatting.percent(value / 100, signed=False)
    if kind == EURO:
        return formatting.euro(value)
    if kind == DAYS:
        return f"{formatting.number(value)} dagen"
    return formatting.number(value)


def key_figures(letter: Letter, numbers: dict[str, int]) -> Table:
    figures = letter.report.figures
    frame = pd.DataFrame(
        {
            "Onderdeel": [f.group for f in figures],
            "Cijfer": [f.label for f in figures],
            "Waarde": [f.text for f in figures],
            "Getal": [None if f.value is None or pd.isna(f.value) else float(f.value) for f in figures],
            "Eenheid": [f.unit for f in figures],
            "Bron": [" ".join(f"[{n}]" for n in sorted(numbers[s] for s in f.sources if s in numbers)) for f in figures],
            "Soort": [SAMPLE_MARK if f.sample else PUBLIC for f in figures],
        }
    )
    return Table("Kerncijfers", frame, {}, tuple(f.sample for f in figures))


def figure_format(unit: str) -> str:
    return UNIT_FORMATS.get(unit, COUNT)


def sectors(letter: Letter) -> Table:
    p, year, baseline_year = letter.report.progress, letter.year, letter.baseline_year
    frame = pd.DataFrame(
        {
            "Sector": p["sector"],
            f"Uitstoot {baseline_year}": p["baseline_t_co2"],
            f"Uitstoot {year}": p["verified_t_co2"],
            "Verandering": p["change"] * 100,
            "Gerealiseerd tempo per jaar": p["achieved_rate"] * 100,
            f"Benodigd tempo per jaar tot {config.TARGET_YEAR}": p["needed_rate"] * 100,
            "Oordeel": p["verdict"],
        }
    ).reset_index(drop=True)
    formats = {frame.columns[1]: TONNES, frame.columns[2]: TONNES, "Verandering": PERCENT}
    formats |= {frame.columns[4]: PERCENT, frame.columns[5]: PERCENT}
    return Table(f"Op koers per sector tot {config.TARGET_YEAR}", frame, formats)


def pipeline(letter: Letter) -> Table | None:
    """The pipeline-vs-gap table as on the Routes page (monitor.report.gap_table): the real parts, the pipeline
    per route (marked when it is sample data) and what is missing."""
    if letter.report.gap is None:
        return None
    table = gap_table(letter.report)
    frame = pd.DataFrame({"Onderdeel": table["onderdeel"], "Reductie per jaar": table["t_co2_per_jaar"]})
    return Table(
        f"Pijplijn tegenover de opgave {config.TARGET_YEAR}",
        frame,
        {"Reductie per jaar": TONNES_PER_YEAR},
        tuple(bool(v) for v in table["voorbeelddata"]),
        "Negatief bij nieuwkomers: hun uitstoot telt tegen de reductie.",
    )


def since_last(letter: Letter) -> Table | None:
    c = letter.comparison
    if c is None:
        return None
    frame = pd.DataFrame(
        {
            "Cijfer": c["cijfer"],
            "Vorige brief": c["vorige_brief"],
            "Nu": c["nu"],
            "Verschil": c["verschil"],
            "Herzien door nieuwe gegevens": c["herzien"],
        }
    )
    return Table(
        "Sinds de vorige brief", frame, {}, note="Herzien: de waarde van het toen gerapporteerde cijfer op de huidige gegevens."
    )


def sources(letter: Letter, numbers: dict[str, int]) -> Table:
    frame = pd.DataFrame({"Nr.": list(numbers.values()), "Bron": [letter.source_lines[s] for s in numbers]})
    return Table("Bronnen", frame, {"Nr.": COUNT})


def data_files(letter: Letter) -> Table:
    files = letter.version.files
    frame = pd.DataFrame(
        {
            "Bestand": files["bestand"],
            "Bron": files["bron"],
            "Soort": files["soort"],
            "Rijen": files["rijen"].astype(float),
            "Geladen": files["geladen"],
            "sha256 (12)": files["sha256"],
        }
    )
    return Table("Gegevensversie", frame, {"Rijen": COUNT}, tuple(s == SAMPLE_MARK for s in files["soort"]))


def stable_zip(data: bytes, moment: dt.datetime) -> bytes:
    """The same zip (DOCX and XLSX are zips) with every entry stamped `moment` and the document's created
    and modified properties set to it: the libraries write the clock time there on save (openpyxl always),
    which would make two exports of the same letter differ."""
    stamp = (max(moment.year, 1980), moment.month, moment.day, 0, 0, 0)
    iso = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + iso + rb"\g<2>", content)
            target.writestr(info, content)
    return out.getvalue()
