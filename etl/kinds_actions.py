"""The kind `action_progress`: milestones and indicator values per action line of Actieplan 2.0 and date.

One file holds both kinds of row (column `item_type`): a milestone ('mijlpaal') with its planned date,
the date it was reached and its status as reported on `as_of`; or an indicator value on `as_of`. Which
indicators exist is fixed in monitor/action_lines.py; indicators that the monitor computes from cases
and subsidies are refused here, so a figure is never both computed and typed in.
"""

from __future__ import annotations

import pandas as pd

from etl.contracts import Column, Contract, Violation, suggest
from etl.readers import ROW_COLUMN
from monitor.action_lines import INDICATOR_BY_ID, ITEM_TYPES, LINE_IDS, LOADED_INDICATOR_IDS, MILESTONE_STATUSES


def _violation(file: str, row: pd.Series, column: str, message: str, value: object = "__from_row__") -> Violation:
    shown = row[column] if value == "__from_row__" else value
    if shown is not None and not isinstance(shown, str) and pd.isna(shown):
        shown = None
    elif hasattr(shown, "strftime"):
        shown = f"{shown:%d-%m-%Y}"
    return Violation(file, int(row[ROW_COLUMN]), column, shown, message)


def check_rows_by_type(frame: pd.DataFrame, file: str) -> list[Violation]:
    """What a milestone row and an indicator row each need, and what they may not have."""
    out = []
    for _, r in frame.iterrows():
        if r["item_type"] == "mijlpaal":
            if pd.isna(r["planned_on"]):
                out.append(_violation(file, r, "planned_on", "een mijlpaal vraagt een geplande datum"))
            if pd.isna(r["status"]):
                out.append(_violation(file, r, "status", f"een mijlpaal vraagt een status ({', '.join(MILESTONE_STATUSES)})"))
            elif r["status"] == "afgerond" and pd.isna(r["actual_on"]):
                out.append(_violation(file, r, "actual_on", "status 'afgerond' vraagt de datum waarop de mijlpaal is bereikt"))
            elif r["status"] != "afgerond" and not pd.isna(r["actual_on"]):
                out.append(_violation(file, r, "actual_on", f"mijlpaal met status '{r['status']}' heeft een bereikdatum"))
            if not pd.isna(r["actual_on"]) and r["actual_on"] > r["as_of"]:
                out.append(_violation(file, r, "actual_on", f"bereikt na de peildatum {r['as_of']:%d-%m-%Y} van deze rij"))
            if not pd.isna(r["value"]):
                out.append(_violation(file, r, "value", "een mijlpaal heeft geen waarde; gebruik een indicatorrij"))
            continue
        indicator = INDICATOR_BY_ID.get(r["item_id"])
        if indicator is None:
            out.append(_violation(file, r, "item_id", f"onbekende indicator; {suggest(r['item_id'], LOADED_INDICATOR_IDS)}"))
        elif indicator.computed:
            out.append(
                _violation(
                    file,
                    r,
                    "item_id",
                    f"indicator '{indicator.label}' wordt berekend uit de casussen, subsidies of installaties en kan "
                    "niet worden geladen",
                )
            )
        elif indicator.line_id != r["action_line"]:
            out.append(
                _violation(file, r, "action_line", f"indicator '{r['item_id']}' hoort bij actielijn '{indicator.line_id}'")
            )
        if pd.isna(r["value"]):
            out.append(_violation(file, r, "value", "een indicatorrij vraagt een waarde"))
        for column in ("planned_on", "actual_on", "status"):
            if not pd.isna(r[column]):
                out.append(_violation(file, r, column, "alleen voor mijlpalen; laat leeg bij een indicator"))
    return out


def check_identity(frame: pd.DataFrame, file: str) -> list[Violation]:
    """A code means one thing: the same item_id always has the same action line, type and label; and one
    row per item, date, company and subject (also where company or subject is empty)."""
    out = []
    first: dict[str, pd.Series] = {}
    seen: dict[tuple, int] = {}
    for _, r in frame.sort_values(ROW_COLUMN).iterrows():
        earlier = first.setdefault(r["item_id"], r)
        for column in ("action_line", "item_type", "label"):
            if earlier[column] != r[column]:
                out.append(
                    _violation(
                        file,
                        r,
                        column,
                        f"code '{r['item_id']}' heeft in rij {int(earlier[ROW_COLUMN])} {column} '{earlier[column]}'",
                    )
                )
        key = (r["item_id"], r["as_of"], _blank(r["company"]), _blank(r["subject"]))
        if key in seen and (pd.isna(r["company"]) or pd.isna(r["subject"])):  # full keys: the contract's key check
            out.append(
                _violation(
                    file,
                    r,
                    "item_id, as_of, company, subject",
                    f"dubbele sleutel: deze combinatie staat ook in rij {seen[key]}",
                    " / ".join(str(k) for k in key),
                )
            )
        seen.setdefault(key, int(r[ROW_COLUMN]))
    return out


def _blank(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


ACTION_PROGRESS = Contract(
    kind="action_progress",
    table="action_progress",
    columns=(
        Column("action_line", "text", "actielijn van Actieplan 2.0", accepted=LINE_IDS, aliases=("actielijn",)),
        Column("item_type", "text", "mijlpaal of indicator", accepted=ITEM_TYPES, aliases=("soort_regel", "type")),
        Column(
            "item_id",
            "text",
            "code van de mijlpaal (vrij) of indicator (vaste code, zie de pagina Actielijnen)",
            aliases=("code",),
        ),
        Column("label", "text", "naam zoals getoond", aliases=("omschrijving", "naam")),
        Column("as_of", "date", "peildatum: de datum waarop status of waarde geldt", aliases=("peildatum", "datum")),
        Column(
            "planned_on",
            "date",
            "mijlpaal: geplande datum (mag in de toekomst liggen)",
            required=False,
            nullable=True,
            future=True,
            aliases=("gepland", "gepland_op"),
        ),
        Column(
            "actual_on",
            "date",
            "mijlpaal: datum waarop hij is bereikt; leeg = nog niet",
            required=False,
            nullable=True,
            aliases=("werkelijk", "bereikt_op"),
        ),
        Column(
            "status",
            "text",
            "mijlpaal: gepland, gestart, afgerond of vertraagd (zoals gemeld op de peildatum)",
            required=False,
            nullable=True,
            accepted=MILESTONE_STATUSES,
        ),
        Column(
            "value",
            "number",
            "indicator: waarde op de peildatum (cumulatief), in de eenheid van de indicator",
            required=False,
            nullable=True,
            minimum=0,
            maximum=1_000_000_000,
            aliases=("waarde",),
        ),
        Column(
            "company",
            "text",
            "deelnemend bedrijf (naam zoals in de installaties), als de rij over één bedrijf gaat (vertrouwelijk)",
            required=False,
            nullable=True,
            aliases=("bedrijf",),
        ),
        Column(
            "subject",
            "text",
            "waar de rij over gaat als dat geen bedrijf is: naam van de pilot, regio of afspraak",
            required=False,
            nullable=True,
            aliases=("onderwerp",),
        ),
        Column(
            "detail",
            "text",
            "thema (pilots), fase (maatwerk) of soort oplossing (regioaanpak)",
            required=False,
            nullable=True,
            aliases=("thema", "fase"),
        ),
        Column("partners", "text", "partners (vertrouwelijk)", required=False, nullable=True),
        Column("note", "text", "toelichting (vertrouwelijk)", required=False, nullable=True, aliases=("toelichting",)),
        Column("is_sample", "bool", "true = voorbeelddata, geen echte gegevens", required=False, default=False),
        Column("source", "text", "herkomst van de rij", required=False, nullable=True),
    ),
    key=("item_id", "as_of", "company", "subject"),
    references={"company": "companies"},
    checks=(check_rows_by_type, check_identity),
)
