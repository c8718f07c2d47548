"""The kinds of file a user can load (`python -m etl load KIND FILE`), each with its contract.

The column names and units here are the same as in etl/schema.sql; a test keeps the two in step.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from etl.contracts import Column, Contract, Violation
from etl.kinds_actions import ACTION_PROGRESS
from etl.readers import ROW_COLUMN
from monitor import config

PROVINCES = (
    "Groningen",
    "Fryslân",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
)

# Which status may follow which in a case's history (the casusaanpak's funnel).
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    "aangemeld": ("intake", "gestopt"),
    "intake": ("in behandeling", "doorverwezen", "gestopt"),
    "in behandeling": ("opgelost", "doorverwezen", "gestopt"),
    "opgelost": (),
    "doorverwezen": (),
    "gestopt": (),
}

_MAX_YEAR = dt.date.today().year
# Verified emissions of a year exist only after it has ended (reported by 31 March of the next year).
_LAST_EMISSIONS_YEAR = _MAX_YEAR - 1
_BEFORE_ETS = "jaar voor {limit}: het EU ETS begon in {limit}"
_SAMPLE = Column("is_sample", "bool", "true = voorbeelddata, geen echte gegevens", required=False, default=False)
_SOURCE = Column("source", "text", "herkomst van de rij", required=False, nullable=True)


def _check_case_dates(frame: pd.DataFrame, file: str) -> list[Violation]:
    bad = frame[frame["closed_on"].notna() & (frame["closed_on"] < frame["opened_on"])]
    return [
        Violation(
            file,
            int(r[ROW_COLUMN]),
            "closed_on",
            f"{r['closed_on']:%d-%m-%Y}",
            f"casus gesloten voor hij werd geopend: sluitdatum ligt voor de aanmelddatum {r['opened_on']:%d-%m-%Y}",
        )
        for _, r in bad.iterrows()
    ]


def _check_case_closed_status(frame: pd.DataFrame, file: str) -> list[Violation]:
    closed = set(config.CLOSED_CASE_STATUSES)
    out = []
    # only the rows with a message are read as rows (a loop over every row Series costs seconds at EU scale)
    offending = frame["status"].isin(closed) == frame["closed_on"].isna()
    for _, r in frame[offending].iterrows():
        is_closed = r["status"] in closed
        if is_closed and pd.isna(r["closed_on"]):
            out.append(Violation(file, int(r[ROW_COLUMN]), "closed_on", None, f"status '{r['status']}' vraagt een sluitdatum"))
        if not is_closed and not pd.isna(r["closed_on"]):
            out.append(
                Violation(
                    file,
                    int(r[ROW_COLUMN]),
                    "closed_on",
                    r["closed_on"],
                    f"open casus (status '{r['status']}') heeft een sluitdatum",
                )
            )
    return out


def check_status_history(frame: pd.DataFrame, file: str) -> list[Violation]:
    """Each case's events, in date order, must start at 'aangemeld' and follow NEXT_STATUSES."""
    out = []
    ordered = frame.sort_values(["case_id", "event_date", ROW_COLUMN], kind="stable")
    ordered = ordered[ordered["case_id"].isin(_cases_with_a_wrong_step(ordered))]  # the rest needs no message
    for case_id, events in ordered.groupby("case_id", sort=False):
        previous = None
        for _, event in events.iterrows():
            status, row = event["status"], int(event[ROW_COLUMN])
            if previous is None:
                if status != "aangemeld":
                    out.append(Violation(file, row, "status", status, f"casus {case_id} begint niet met 'aangemeld'"))
            elif status not in NEXT_STATUSES[previous]:
                order = list(NEXT_STATUSES)
                problem = "gaat terug" if order.index(status) <= order.index(previous) else "slaat een stap over of is onmogelijk"
                allowed = ", ".join(NEXT_STATUSES[previous]) or "geen (eindstatus)"
                out.append(
                    Violation(
                        file,
                        row,
                        "status",
                        status,
                        f"casus {case_id}: '{previous}' -> '{status}' {problem}; na '{previous}' mag: {allowed}",
                    )
                )
            previous = status
    return out


def _cases_with_a_wrong_step(ordered: pd.DataFrame) -> set:
    """The case ids whose history (sorted by case and date) has a step check_status_history reports (or
    cannot judge), found over plain column lists: only those cases are walked event by event."""
    cases, statuses = ordered["case_id"].tolist(), ordered["status"].tolist()
    wrong = set()
    for i, (case_id, status) in enumerate(zip(cases, statuses, strict=True)):
        first = i == 0 or cases[i - 1] != case_id
        previous = None if first else statuses[i - 1]
        if (status != "aangemeld") if first else (previous not in NEXT_STATUSES or status not in NEXT_STATUSES[previous]):
            wrong.add(case_id)
    return wrong


def check_events_match_cases(frame: pd.DataFrame, file: str, references: dict) -> list[Violation]:
    """The last status in a case's history must be the case's current status in the database."""
    current = references.get("case_status") or {}
    out = []
    ordered = frame.sort_values(["case_id", "event_date", ROW_COLUMN], kind="stable")
    lasts = ordered[ordered["case_id"].notna()].drop_duplicates("case_id", keep="last")
    differs = [
        current.get(c) is not None and s != current.get(c)
        for c, s in zip(lasts["case_id"].tolist(), lasts["status"].tolist(), strict=True)
    ]
    for case_id, events in lasts[pd.Series(differs, index=lasts.index, dtype=bool)].groupby("case_id", sort=False):
        last = events.iloc[-1]
        status = current.get(case_id)
        if status is not None and last["status"] != status:
            out.append(
                Violation(
                    file,
                    int(last[ROW_COLUMN]),
                    "status",
                    last["status"],
                    f"casus {case_id}: de laatste status in dit bestand is '{last['status']}', maar de casus heeft "
                    f"in de database status '{status}'; laad eerst het bijgewerkte casussenbestand",
                )
            )
    return out


def check_installation_of_company(frame: pd.DataFrame, file: str, references: dict) -> list[Violation]:
    """A case or grant names an installation of its own company, never one of another company."""
    owner = references.get("installation_company") or {}
    out = []
    named = frame[frame["installation_id"].notna()]
    other = [
        owner.get(i) is not None and owner.get(i) != c
        for i, c in zip(named["installation_id"].tolist(), named["company"].tolist(), strict=True)
    ]
    for _, r in named[pd.Series(other, index=named.index, dtype=bool)].iterrows():  # only the rows with a message
        company = owner.get(r["installation_id"])
        if company is not None and company != r["company"]:
            out.append(
                Violation(
                    file,
                    int(r[ROW_COLUMN]),
                    "installation_id",
                    r["installation_id"],
                    f"installatie {r['installation_id']} hoort bij '{company}', niet bij '{r['company']}'",
                )
            )
    return out


def check_events_within_case(frame: pd.DataFrame, file: str, references: dict) -> list[Violation]:
    """No status change before the case was registered (opened_on) or after it was closed (closed_on)."""
    dates = references.get("case_dates") or {}
    out = []

    def outside(case_id, when) -> bool:
        opened, closed = dates.get(case_id, (None, None))
        return (opened is not None and when < opened) or (closed is not None and when > closed)

    flagged = [outside(c, w) for c, w in zip(frame["case_id"].tolist(), frame["event_date"].tolist(), strict=True)]
    for _, r in frame[pd.Series(flagged, index=frame.index, dtype=bool)].iterrows():  # only the rows with a message
        opened, closed = dates.get(r["case_id"], (None, None))
        when = r["event_date"]
        if opened is not None and when < opened:
            problem = f"ligt voor de aanmelding van casus {r['case_id']} op {opened:%d-%m-%Y}"
        elif closed is not None and when > closed:
            problem = f"ligt na de sluiting van casus {r['case_id']} op {closed:%d-%m-%Y}"
        else:
            continue
        out.append(Violation(file, int(r[ROW_COLUMN]), "event_date", f"{when:%d-%m-%Y}", f"statuswijziging {problem}"))
    return out


def check_one_name_per_target(frame: pd.DataFrame, file: str) -> list[Violation]:
    """One target_id, one name: two names would show one series under two labels."""
    out = []
    for target_id, rows in frame.groupby("target_id", sort=False):
        first = rows.iloc[0]
        for _, r in rows[rows["target_name"] != first["target_name"]].iterrows():
            out.append(
                Violation(
                    file,
                    int(r[ROW_COLUMN]),
                    "target_name",
                    r["target_name"],
                    f"doelreeks {target_id} heeft in rij {int(first[ROW_COLUMN])} de naam '{first['target_name']}'; "
                    "één doelreeks, één naam",
                )
            )
    return out


def warn_paid_above_granted(frame: pd.DataFrame, file: str) -> list[str]:
    """A grant paid out above what was granted (summed over the file's years) is possible (an advance, a
    correction) but rare: the user is told, per grant."""
    totals = frame.groupby("grant_id", sort=True)[["granted_eur", "paid_eur"]].sum()
    return [
        f"{file}: beschikking {grant_id}: betaald € {row.paid_eur:,.0f} is meer dan toegekend € {row.granted_eur:,.0f}; "
        "klopt dat?".replace(",", ".")
        for grant_id, row in totals[totals["paid_eur"] > totals["granted_eur"]].iterrows()
    ]


EMISSIONS = Contract(
    kind="emissions",
    table="emissions",
    columns=(
        Column("installation_id", "text", "EUTL-id zoals NL_144", aliases=("installatie_id", "id")),
        Column(
            "year",
            "int",
            "rapportagejaar",
            minimum=config.FIRST_ETS_YEAR,
            maximum=_LAST_EMISSIONS_YEAR,
            aliases=("jaar",),
            too_low=_BEFORE_ETS,
            too_high="jaar ligt in de toekomst of is nog niet afgelopen; het laatste jaar met geverifieerde emissies is {limit}",
        ),
        Column(
            "verified_t_co2",
            "number",
            "geverifieerde emissie, t CO2-eq; leeg = niet gerapporteerd",
            nullable=True,
            minimum=0,
            maximum=20_000_000,
            aliases=("verified", "emissie_t_co2", "uitstoot_t_co2"),
            too_high="onwaarschijnlijk groot: meer dan {limit} t CO2 voor één installatie (het hoogste ooit in Nederland was 8,3 Mt); "
            "staat de eenheid goed (ton, niet kilogram)?",
        ),
        Column(
            "free_allocation_t",
            "number",
            "gratis toegewezen rechten, t CO2-eq",
            required=False,
            nullable=True,
            minimum=0,
            maximum=20_000_000,
            aliases=("gratis_toewijzing_t",),
        ),
        _SOURCE,
    ),
    key=("installation_id", "year"),
    references={"installation_id": "installation_ids"},
)

CASES = Contract(
    kind="cases",
    table="cases",
    columns=(
        Column("case_id", "text", "unieke code van de casus", aliases=("casus_id",)),
        Column("company", "text", "bedrijf (naam zoals in de installaties)", aliases=("bedrijf",)),
        Column("installation_id", "text", "EUTL-id van de betrokken installatie", required=False, nullable=True),
        Column("province", "text", "provincie", accepted=PROVINCES, aliases=("provincie",)),
        Column("sector", "text", "sector (een van de tien branches of overig)", accepted=config.SECTORS),
        Column("route", "text", "verduurzamingsroute", accepted=config.ROUTES),
        Column("bottleneck", "text", "knelpuntcategorie", accepted=config.BOTTLENECKS, aliases=("knelpunt",)),
        Column("status", "text", "huidige status", accepted=config.CASE_STATUSES),
        Column("opened_on", "date", "datum van aanmelding", aliases=("aangemeld_op",)),
        Column("closed_on", "date", "datum van afsluiting; leeg = open", required=False, nullable=True, aliases=("gesloten_op",)),
        Column(
            "expected_reduction_t_co2",
            "number",
            "verwachte reductie, t CO2 per jaar",
            required=False,
            nullable=True,
            minimum=0,
            maximum=5_000_000,
        ),
        Column("description", "text", "omschrijving (vertrouwelijk)", required=False, nullable=True, aliases=("omschrijving",)),
        Column(
            "project_type",
            "text",
            "projectsoort van het Actieplan (leeg = casusaanpak)",
            required=False,
            accepted=config.PROJECT_TYPES,
            default="casusaanpak",
            aliases=("projectsoort",),
        ),
        _SAMPLE,
        _SOURCE,
    ),
    key=("case_id",),
    references={"installation_id": "installation_ids", "company": "companies"},
    checks=(_check_case_dates, _check_case_closed_status),
    reference_checks=(check_installation_of_company,),
)

CASE_EVENTS = Contract(
    kind="case_events",
    table="case_events",
    columns=(
        Column("case_id", "text", "code van de casus"),
        Column("event_date", "date", "datum van de statuswijziging", aliases=("datum",)),
        Column("status", "text", "nieuwe status", accepted=config.CASE_STATUSES),
        Column("note", "text", "toelichting (vertrouwelijk)", required=False, nullable=True),
        Column(
            "date_estimated",
            "bool",
            "true = datum is een aanname (niet bekend); zulke casussen tellen niet mee in doorlooptijden",
            required=False,
            default=False,
        ),
        _SAMPLE,
        _SOURCE,
    ),
    key=("case_id", "event_date", "status"),
    references={"case_id": "case_ids"},
    checks=(check_status_history,),
    reference_checks=(check_events_match_cases, check_events_within_case),
)

SUBSIDIES = Contract(
    kind="subsidies",
    table="subsidies",
    columns=(
        Column("grant_id", "text", "code van de beschikking"),
        Column(
            "year",
            "int",
            "kalenderjaar van toekenning of betaling",
            minimum=config.FIRST_ETS_YEAR,
            maximum=_MAX_YEAR,
            too_low="jaar voor {limit}: buiten de periode van de monitor",
            too_high="jaar ligt in de toekomst; het laatste mogelijke jaar is {limit}",
        ),
        Column("company", "text", "ontvangend bedrijf", aliases=("bedrijf",)),
        Column("installation_id", "text", "EUTL-id van de installatie", required=False, nullable=True),
        Column("instrument", "text", "subsidie-instrument", accepted=config.INSTRUMENTS),
        Column("route", "text", "verduurzamingsroute", accepted=config.ROUTES),
        Column("province", "text", "provincie", accepted=PROVINCES),
        Column("sector", "text", "sector", accepted=config.SECTORS),
        Column("project", "text", "projectomschrijving (vertrouwelijk)", required=False, nullable=True),
        Column("granted_eur", "number", "in dit jaar toegekend bedrag, euro", minimum=0, maximum=500_000_000),
        Column("paid_eur", "number", "in dit jaar uitbetaald bedrag, euro", minimum=0, maximum=500_000_000),
        Column(
            "expected_reduction_t_co2",
            "number",
            "verwachte reductie van het project, t CO2 per jaar",
            required=False,
            nullable=True,
            minimum=0,
            maximum=5_000_000,
        ),
        _SAMPLE,
        _SOURCE,
    ),
    key=("grant_id", "year"),
    references={"installation_id": "installation_ids", "company": "companies"},
    reference_checks=(check_installation_of_company,),
    warning_checks=(warn_paid_above_granted,),
)

TARGETS = Contract(
    kind="targets",
    table="targets",
    columns=(
        Column("target_id", "text", "code van de doelreeks"),
        Column("target_name", "text", "naam zoals getoond"),
        Column("kind", "text", "annual_reduction of milestone_reduction", accepted=("annual_reduction", "milestone_reduction")),
        Column("year", "int", "jaar", minimum=config.FIRST_ETS_YEAR, maximum=2100),
        Column("value", "number", "fractie: jaarlijkse reductie of totale reductie t.o.v. basisjaar", minimum=0, maximum=1),
        Column("source", "text", "bron van het doel (verplicht)"),
    ),
    key=("target_id", "year"),
    checks=(check_one_name_per_target,),
)

CONTRACTS: dict[str, Contract] = {c.kind: c for c in (EMISSIONS, CASES, CASE_EVENTS, SUBSIDIES, TARGETS, ACTION_PROGRESS)}
