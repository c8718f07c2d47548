"""Dutch number formatting: 1.234.567, 61,6 Mt, −12,3 %, € 1,2 mln - and the one place where a table column
gets its Dutch header and its display format (on screen, in CSV and in XLSX alike).

Every table of the app goes through `columns_for(frame)`: each column name is looked up in COLUMNS (or in
the labels a page passes for one table), which gives the header and a kind. The kind decides the cell text
on screen (`cell`), the rounding in a CSV (`rounded`) and the number format in an XLSX (`Column.excel_format`).
A column missing from COLUMNS is recorded in UNLABELLED, so a test can walk every page and fail on it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

import pandas as pd

from monitor.config import CASE_STATUSES


def _dutch(text: str) -> str:
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value))
    except TypeError:
        return False


MINUS = "−"  # U+2212, the minus sign of typeset numbers: a hyphen '-' is shorter and can break a line


def number(value: float | None, decimals: int = 0) -> str:
    """1.234.567 and −314,9: Dutch separators and a true minus sign (display text only: exports keep
    numbers, see `rounded`). A value that rounds to zero has no sign ('0', never '−0')."""
    if _missing(value):
        return "–"
    text = _dutch(f"{float(value):,.{decimals}f}")
    if text.startswith("-"):
        return text[1:] if not text.strip("-0,.") else MINUS + text[1:]
    return text


def tonnes(value: float | None) -> str:
    """Tonnes CO2 as Mt (two decimals) from 1 Mt, kt below."""
    if _missing(value):
        return "–"
    if abs(value) >= 1_000_000:
        return f"{number(value / 1_000_000, 2)} Mt"
    if abs(value) >= 1_000:
        return f"{number(value / 1_000, 1)} kt"
    return f"{number(value)} t"


def percent(fraction: float | None, decimals: int = 1, signed: bool = True) -> str:
    if _missing(fraction):
        return "–"
    text = number(fraction * 100, decimals)
    sign = "+" if signed and fraction > 0 and text.strip("0,") else ""
    return f"{sign}{text} %"


def euro(value: float | None) -> str:
    if _missing(value):
        return "–"
    if abs(value) >= 1_000_000:
        return f"€ {number(value / 1_000_000, 1)} mln"
    return f"€ {number(value)}"


def plural(count: int, singular: str, plural_form: str) -> str:
    """'1 beschikking', '3 beschikkingen' (the count in Dutch notation)."""
    return f"{number(count)} {singular if count == 1 else plural_form}"


# --- Table columns -------------------------------------------------------------------------------------

# kind -> decimals shown, and the XLSX number format (Excel stores formats locale-free: a Dutch Excel shows
# '#,##0' as 1.234 and '0.0' as 0,5).
_KINDS = {
    "text": None,
    "int": 0,  # counts
    "number": 0,  # amounts: t CO2, euros, kWh (unit in the header)
    "decimal": 1,  # km, ratios (decimals set per column)
    "percent": 1,  # a fraction shown as '53,8 %'
    "change": 1,  # a fraction shown as '+17,2 %' / '−12,3 %'
    "year": None,  # 2024, never '2.024'
    "date": None,  # dd-mm-jjjj
    "datetime": None,  # dd-mm-jjjj hh:mm
    "bool": None,  # ja / nee
}


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"
    decimals: int | None = None
    help: str | None = None
    width: str | None = None  # 'small', 'medium', 'large': a minimum width in a wide table (monitor.html_table)

    def __post_init__(self):
        if self.kind not in _KINDS:
            raise ValueError(f"unknown column kind '{self.kind}'")

    @property
    def places(self) -> int:
        return self.decimals if self.decimals is not None else (_KINDS[self.kind] or 0)

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "number", "decimal", "percent", "change")

    def excel_format(self) -> str | None:
        """Number format of this column in an XLSX export (None: general/text)."""
        places = "." + "0" * self.places if self.places else ""
        if self.kind in ("int", "number", "decimal"):
            return f"#,##0{places}"
        if self.kind == "percent":
            return f'0{places}\\ "%"'  # the value is stored in percent points: 53.8 shows as 53,8 %
        if self.kind == "change":
            return f'+0{places}\\ "%";−0{places}\\ "%";0{places}\\ "%"'
        if self.kind == "year":
            return "0"
        if self.kind == "date":
            return "dd-mm-yyyy"
        if self.kind == "datetime":
            return "dd-mm-yyyy hh:mm"
        return None


def _c(label: str, kind: str = "text", decimals: int | None = None, help: str | None = None, width: str | None = None):
    return Column(label, kind, decimals, help, width)


T = "t CO₂"
COLUMNS: dict[str, Column] = {
    # who and where
    "installation_id": _c("installatie-id"),
    "name": _c("installatie"),
    "company": _c("bedrijf"),
    "city": _c("plaats"),
    "municipality": _c("gemeente"),
    "municipalities": _c("gemeenten", width="medium"),
    "province": _c("provincie"),
    "sector": _c("sector"),
    "sectors": _c("sectoren", width="medium"),
    "sector_source": _c("sector volgens"),
    "nace": _c("NACE"),
    "eu_activity": _c("EU-activiteit", "year"),  # a code: no thousands separator
    "eu_activity_label": _c("EU-activiteit (omschrijving)"),
    "cluster": _c("cluster"),
    "in_cluster6": _c("Cluster 6", "bool"),
    "reason": _c("reden", width="large"),
    "reason_group": _c("reden"),
    "review_note": _c("te controleren", width="large"),
    "sector_group": _c("sectorgroep"),
    # action lines (Actielijnen)
    "action_line": _c("actielijn"),
    "item_id": _c("mijlpaal"),
    "planned_on": _c("gepland", "date"),
    "actual_on": _c("gerealiseerd", "date"),
    "reported_status": _c("gemelde status"),
    "days_late": _c("dagen te laat", "int"),
    # what-if (Wat als), t CO2 per year in 2030
    "realised_t": _c(f"gerealiseerd ({T})", "number"),
    "trend_2030_t": _c(f"trend 2030 ({T})", "number"),
    "trend_low_t": _c(f"trend 2030, ondergrens ({T})", "number"),
    "trend_high_t": _c(f"trend 2030, bovengrens ({T})", "number"),
    "pipeline_2030_t": _c(f"met pijplijn 2030 ({T})", "number"),
    "scenario_reduction_t": _c(f"reductie scenario ({T}/jaar)", "number"),
    "scenario_2030_t": _c(f"scenario 2030 ({T})", "number"),
    "target_2030_t": _c(f"doel 2030 ({T})", "number"),
    "gap_2030_t": _c(f"verschil met doel 2030 ({T})", "number"),
    "cases_without_estimate": _c("casussen zonder schatting", "int"),
    "reduction_t": _c(f"tegengehouden reductie ({T}/jaar)", "number"),
    "share_of_gap": _c("deel van de opgave", "percent"),
    "sample_cases": _c("voorbeeldcasussen", "int"),
    "location_source": _c("locatie volgens"),
    "offshore": _c("offshore", "bool"),
    "approximate": _c("locatie bij benadering", "bool"),
    "lat": _c("breedtegraad", "decimal", 5),
    "lon": _c("lengtegraad", "decimal", 5),
    "contact": _c("aanspreekpunt", help="Rol en organisatie; geen namen openbaar."),
    "route": _c("route"),
    "instrument": _c("instrument"),
    "status": _c("status"),
    "bottleneck": _c("knelpunt"),
    "bottlenecks": _c("meest genoemde knelpunten"),
    "group": _c("groep", "int"),
    # time
    "year": _c("jaar", "year"),
    "first_year": _c("eerste jaar", "year"),
    "last_year": _c("laatste jaar", "year"),
    "period_start": _c("vanaf", "year"),
    "period_end": _c("t/m", "year"),
    "quarter": _c("kwartaal"),
    "opened_on": _c("aangemeld", "date"),
    "closed_on": _c("gesloten", "date"),
    "event_date": _c("datum", "date"),
    "entered_on": _c("begonnen", "date"),
    "left_on": _c("verlaten", "date"),
    "registered_on": _c("aangemeld", "date"),
    "solved_on": _c("opgelost", "date"),
    "status_since": _c("status sinds", "date"),
    "as_of": _c("peildatum", "date"),
    "loaded_at": _c("geladen", "datetime"),
    "started_at": _c("begonnen", "datetime"),
    "finished_at": _c("klaar", "datetime"),
    "attempted_at": _c("poging", "datetime"),
    "days": _c("dagen", "int"),
    "days_open": _c("dagen open", "int"),
    "days_in_status": _c("dagen in huidige status", "int"),
    "median_days": _c("mediaan dagen", "int"),
    "mean_days": _c("gemiddeld dagen", "int"),
    "median_days_to_solve": _c("mediaan dagen tot opgelost", "int"),
    "dates_unknown": _c("data aangenomen", "bool"),
    # emissions (t CO2)
    "verified_t_co2": _c(f"uitstoot ({T})", "number"),
    "baseline_t_co2": _c(f"uitstoot basisjaar ({T})", "number"),
    "target_t_co2": _c(f"doelpad ({T})", "number"),
    "target_2030_t_co2": _c(f"doel 2030 ({T})", "number"),
    "allocated_t_co2": _c(f"gratis rechten ({T})", "number"),
    "not_reported_previous_t": _c(f"hun uitstoot vorig jaar ({T})", "number"),
    "baseline_t": _c(f"uitstoot basisjaar ({T})", "number"),
    # short headers fit a table at 1024 px; the help says the rest
    "expected_reduction_t_co2": _c(f"reductie ({T}/jaar)", "number", help=f"Verwachte reductie in {T} per jaar."),
    "reduction_t_co2": _c(f"reductie ({T}/jaar)", "number", help=f"Verwachte reductie in {T} per jaar."),
    "t_co2_per_jaar": _c(f"{T} per jaar", "number"),
    "index": _c("index (basisjaar = 1)", "decimal", 3),
    "ratio": _c("uitstoot / gratis rechten", "decimal", 2),
    "change": _c("verandering", "change"),
    "achieved_rate": _c("gerealiseerd per jaar", "change"),
    "needed_rate": _c("nodig per jaar", "change"),
    "verdict": _c("oordeel"),
    "p10": _c("10e percentiel", "decimal", 3),
    "p25": _c("25e percentiel", "decimal", 3),
    "p50": _c("mediaan", "decimal", 3),
    "p75": _c("75e percentiel", "decimal", 3),
    "p90": _c("90e percentiel", "decimal", 3),
    "better_than": _c("aandeel met minder reductie", "percent", 0),
    # money (euros)
    "granted_eur": _c("toegekend (€)", "number"),
    "paid_eur": _c("betaald (€)", "number"),
    "committed_eur": _c("toegezegd (€)", "number"),
    "remaining_eur": _c("nog vrij (€)", "number"),
    "budget_eur": _c("budget (€)", "number"),
    "amount_eur": _c("bedrag (€)", "number"),
    "eur_per_t": _c("€ per t CO₂/jaar", "number"),
    "eur_per_tonne": _c("€ per t CO₂/jaar", "number"),
    # counts
    "installations": _c("installaties", "int"),
    "companies": _c("bedrijven", "int"),
    "case_companies": _c("bedrijven met casus", "int"),
    "cases": _c("casussen", "int"),
    "open_cases": _c("open casussen", "int", help="Status aangemeld, intake of in behandeling."),
    "grid_cases": _c("casussen netknelpunt", "int"),
    "grants": _c("beschikkingen", "int"),
    "grants_without_reduction": _c("beschikkingen zonder reductie", "int"),
    "reached": _c("bereikt", "int"),
    "open": _c("open", "int"),
    "solved": _c("opgelost", "int"),
    "referred_or_stopped": _c("doorverwezen of gestopt", "int"),
    "solved_share": _c("aandeel opgelost", "percent"),
    "share": _c("aandeel", "percent"),
    "reported": _c("gerapporteerd", "int"),
    "not_reported": _c("niet gerapporteerd", "int"),
    "rows": _c("rijen", "int"),
    "sample_rows": _c("rijen voorbeelddata", "int"),
    "active_latest": _c("actief (laatste volledige jaar)", "int"),
    "companies_latest": _c("bedrijven (laatste volledige jaar)", "int"),
    "span_km": _c("grootste afstand (km)", "decimal", 1),
    "radius_m": _c("straal (m)", "int"),
    "count": _c("aantal", "int"),
    # cases, grants and texts
    "case_id": _c("casus"),
    "grant_id": _c("beschikking"),
    "project": _c("project", width="large"),
    "description": _c("omschrijving", width="large"),
    "note": _c("toelichting", width="large"),
    "detail": _c("toelichting", width="large"),
    "issue": _c("soort"),
    "source": _c("bron"),
    "source_id": _c("bron-id"),
    "is_sample": _c("voorbeelddata", "bool"),
    "offtake": _c("afname"),
    "feed_in": _c("teruglevering"),
    "from": _c("van"),
    "to": _c("naar"),
    "onderdeel": _c("onderdeel"),
    # sources and loads
    "title": _c("bron", width="medium"),
    "origin": _c("herkomst", width="medium"),
    "vintage": _c("stand"),
    "licence": _c("licentie"),
    "file": _c("bestand"),
    "sha256": _c("sha256"),
    "kind": _c("soort"),
    "load_id": _c("lading", "int"),
    "loaded_by": _c("geladen door"),
    "duration_s": _c("duur (s)", "decimal", 1),
    "rows_in": _c("rijen gelezen", "int"),
    "rows_loaded": _c("rijen geladen", "int"),
    "error": _c("fout", width="large"),
    "at": _c("tijdstip", "datetime"),
    "account_status": _c("rekeningstatus"),
    "permit_id": _c("vergunning"),
    "sector_note": _c("toelichting sector"),
    "cluster_area": _c("clustergebied"),
    "membership_rule": _c("regel voor Cluster 6"),
    "needs_review": _c("te controleren", "bool"),
    "location_basis": _c("locatie op basis van"),
    "now_t": _c(f"uitstoot ({T})", "number"),
    "reference_t": _c(f"uitstoot vergelijkingsjaar ({T})", "number"),
    "change_t": _c(f"verandering ({T})", "number"),
    "change_pct": _c("verandering", "change"),
    "size_label": _c("omvang"),
    "is_assumption": _c("aanname", "bool"),
    "assumed": _c("aanname", "bool"),
    "rule": _c("regel"),
    "rank": _c("plaats", "int"),
    "size": _c("omvang (getal)", "decimal", 1),
    "subject": _c("onderwerp"),
    "parameter": _c("parameter"),
    "unit": _c("eenheid"),
    "municipality_code": _c("gemeentecode"),
    "postcode": _c("postcode"),
    "eur_per_t_co2": _c("€ per t CO₂/jaar", "number"),
    "granted_with_reduction_eur": _c("toegekend met opgegeven reductie (€)", "number"),
    "sector_companies": _c("bedrijven in de sector", "int"),
    "p25_days": _c("25e percentiel dagen", "int"),
    "p75_days": _c("75e percentiel dagen", "int"),
    "outcome": _c("uitkomst"),
    "source_file": _c("bestand"),
    "reasoning": _c("toelichting", width="large"),
    "target_id": _c("doelpad-id"),
    "target_name": _c("doelpad"),
    "value": _c("waarde", "decimal", 3),
    # cases per status (one column per status, e.g. Routes' per-route table)
    **{status: _c(status, "int") for status in CASE_STATUSES},
    # tables that arrive with Dutch names already (the upload page's contract and check report)
    **{
        name: _c(name, kind)
        for name, kind in (
            ("bestand", "text"),
            ("rij", "int"),
            ("kolom", "text"),
            ("waarde", "text"),
            ("melding", "text"),
            ("verplicht", "bool"),
            ("toegestaan", "text"),
            ("soort", "text"),
            ("omschrijving", "text"),
            ("grootte (kB)", "decimal"),
            ("bewaard op (UTC)", "datetime"),
            ("bron", "text"),
            ("voorbeelddata", "bool"),
            ("rijen", "int"),
            ("geladen", "text"),
            ("cijfer", "text"),
            ("getal", "text"),  # the report's exact value: exported unrounded on purpose
            ("eenheid", "text"),
            ("definitie", "text"),
        )
    },
}

UNLABELLED: set[str] = set()  # raw (snake_case) column names that reached a table or export without a Dutch header


def columns_for(frame: pd.DataFrame, labels: dict | None = None) -> dict[str, Column]:
    """The Column of every column of `frame`. `labels` (raw name -> Column or header text) wins over
    COLUMNS; a header text keeps the kind COLUMNS gives (so 'Uitstoot 2024' is still a number)."""
    labels = labels or {}
    out = {}
    for name in frame.columns:
        base = COLUMNS.get(str(name))
        given = labels.get(name)
        if isinstance(given, Column):
            out[name] = given
        elif isinstance(given, str):
            out[name] = replace(base, label=given) if base else Column(given, _guess_kind(frame[name]))
        elif base:
            out[name] = base
        else:
            if "_" in str(name):  # a raw identifier, not a header a page wrote in Dutch
                UNLABELLED.add(str(name))
            out[name] = Column(str(name), _guess_kind(frame[name]))
    return out


def _guess_kind(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    return "text"


def cell(value, column: Column) -> str:
    """The text of one cell on screen."""
    if isinstance(value, str):
        return value  # already text (e.g. '< 3 bedrijven')
    if _missing(value):
        return "–" if column.numeric else ""
    kind = column.kind
    if kind in ("int", "number", "decimal"):
        return number(value, column.places)
    if kind == "percent":
        return percent(value, column.places, signed=False)
    if kind == "change":
        return percent(value, column.places, signed=True)
    if kind == "year":
        return str(int(value))
    if kind == "date":
        return pd.Timestamp(value).strftime("%d-%m-%Y")
    if kind == "datetime":
        return pd.Timestamp(value).strftime("%d-%m-%Y %H:%M")
    if kind == "bool":
        return "ja" if bool(value) else "nee"
    return str(value)


def rounded(series: pd.Series, column: Column) -> pd.Series:
    """A column's values as an export carries them: numbers rounded as shown (percentages in percent
    points), still numbers; dates as dates; booleans as ja/nee; text unchanged."""
    kind = column.kind
    if kind in ("int", "number", "decimal", "percent", "change"):
        values = pd.to_numeric(series, errors="coerce")
        if kind in ("percent", "change"):
            values = values * 100
        values = values.round(column.places)
        if column.places == 0:
            values = values.astype("Int64")
        text = series[values.isna() & series.notna()]  # e.g. '< 3 bedrijven' in a suppressed row
        if not text.empty:
            return values.astype(object).where(values.notna(), series)
        return values
    if kind == "year":
        values = pd.to_numeric(series, errors="coerce")
        return values.astype("Int64") if values.notna().any() or series.isna().all() else series
    if kind in ("date", "datetime"):
        converted = pd.to_datetime(series, errors="coerce")
        converted = converted.dt.tz_localize(None) if getattr(converted.dt, "tz", None) is not None else converted
        return converted.dt.normalize() if kind == "date" else converted.dt.floor("min")
    if kind == "bool":
        return series.map(lambda v: "" if _missing(v) else ("ja" if bool(v) else "nee"))
    return series


def export_frame(frame: pd.DataFrame, labels: dict | None = None) -> tuple[pd.DataFrame, list[Column]]:
    """`frame` as it is exported: Dutch headers, values rounded as shown. Returns the frame and the
    Column of each of its columns (for the XLSX number formats)."""
    columns = columns_for(frame, labels)
    out = pd.DataFrame({columns[name].label: rounded(frame[name], columns[name]) for name in frame.columns})
    if len(set(c.label for c in columns.values())) < len(columns):  # two raw names, one label: keep both
        out = pd.concat([rounded(frame[name], columns[name]).rename(columns[name].label) for name in frame.columns], axis=1)
    return out, list(columns.values())


def date_text(value: dt.date | None) -> str:
    return "" if _missing(value) else pd.Timestamp(value).strftime("%d-%m-%Y")
