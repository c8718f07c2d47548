"""VOORBEELDDATA for the kind `action_progress` (milestones and indicator values per action line), written
by `python -m etl.sample` beside the case and subsidy samples.

The milestones and line-level figures are a fixed, hand-written scenario (two lines behind schedule on the
sample's reference date, one milestone finished late); the companies taking part in knowledge networks
and maatwerk are drawn with their own seeded generator from the real Cluster 6 companies, so the other
sample files do not change. Every row says is_sample = true and 'VOORBEELD' in its note.
"""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd

SEED = 15
START = dt.date(2025, 10, 1)  # Actieplan 2.0 sent to parliament in September 2025
QUARTERS = (dt.date(2025, 12, 31), dt.date(2026, 3, 31), dt.date(2026, 6, 30), dt.date(2026, 9, 30))

# line, code, label, planned, started (or None), finished (or None)
MILESTONES = (
    ("casusaanpak", "CAS-M1", "Werkwijze casusaanpak 2.0 vastgesteld", "2025-12-01", "2025-10-15", "2025-11-20"),
    ("casusaanpak", "CAS-M2", "Eerste lessenrapportage aan de Kamer", "2026-06-30", "2026-03-01", "2026-07-14"),
    ("casusaanpak", "CAS-M3", "Tweede lessenrapportage aan de Kamer", "2027-06-30", None, None),
    ("regioaanpak", "REG-M1", "Drie kansrijke regio's geselecteerd", "2026-03-31", "2025-11-01", "2026-03-10"),
    ("regioaanpak", "REG-M2", "Eerste regionale afspraak over gedeelde netcapaciteit", "2026-09-30", "2026-04-01", None),
    ("pilots", "PIL-M0", "Pilotvoorstellen geselecteerd", "2026-04-30", "2026-01-15", "2026-05-20"),
    ("pilots", "PIL-M1", "1 à 2 pilots energie-infrastructuur gestart", "2026-12-31", "2026-09-15", None),
    ("kennisnetwerken", "KEN-M1", "Kennisnetwerk Cluster 6 opgericht", "2026-01-31", "2025-11-01", "2026-01-25"),
    ("kennisnetwerken", "KEN-M2", "Koppeling met kennisinstellingen per sector", "2026-12-31", "2026-05-01", None),
    ("energiebesparing", "ENE-M1", "Bundel best practices energiebesparing gepubliceerd", "2026-06-30", "2026-02-01", None),
    ("energiebesparing", "ENE-M2", "Bijeenkomsten energiebesparing in alle provincies", "2027-03-31", None, None),
    ("financieel instrumentarium", "FIN-M1", "Knelpuntenanalyse met RVO en Invest-NL", "2026-05-31", "2025-12-01", "2026-05-28"),
    ("financieel instrumentarium", "FIN-M2", "Voorstel aanpassing instrumentarium", "2026-12-31", "2026-06-01", None),
    ("maatwerk", "MAAT-M1", "Tweede maatwerkafspraak ondertekend", "2027-03-31", "2026-04-01", None),
)
# Line-level indicators: line, code, label, value at the end of each quarter in QUARTERS
LINE_FIGURES = (
    ("casusaanpak", "cas_beleid", "Lessen omgezet in beleidsaanpassingen", (1, 2, 2, 4)),
    ("kennisnetwerken", "ken_sessies", "Kennissessies gehouden", (2, 5, 8, 11)),
    ("energiebesparing", "ene_bereikt", "Bedrijven bereikt", (15, 38, 52, 61)),
    ("energiebesparing", "ene_maatregelen", "Maatregelen gemeld", (0, 6, 14, 19)),
    ("energiebesparing", "ene_besparing", "Geschatte besparing", (0, 40, 95, 130)),
    ("financieel instrumentarium", "fin_knelpunten", "Knelpunten in het instrumentarium benoemd", (2, 5, 6, 6)),
    ("financieel instrumentarium", "fin_aanpassingen", "Aanpassingen in instrumenten", (0, 0, 1, 1)),
)
# Rows about one subject (not a company): line, code, label, subject, detail, partners, date
SUBJECTS = (
    (
        "regioaanpak",
        "reg_oplossingen",
        "Gedeelde oplossingen afgesproken",
        "Afspraak A (voorbeeld)",
        "warmte-uitwisseling",
        "2 bedrijven, gemeente",
        "2026-02-15",
    ),
    (
        "regioaanpak",
        "reg_oplossingen",
        "Gedeelde oplossingen afgesproken",
        "Afspraak B (voorbeeld)",
        "gedeelde netcapaciteit",
        "3 bedrijven, netbeheerder, provincie",
        "2026-06-01",
    ),
    (
        "regioaanpak",
        "reg_oplossingen",
        "Gedeelde oplossingen afgesproken",
        "Afspraak C (voorbeeld)",
        "gedeelde netcapaciteit",
        "2 bedrijven, netbeheerder",
        "2026-09-20",
    ),
    (
        "pilots",
        "pil_gestart",
        "Pilots gestart (plan: 1 à 2 in 2026)",
        "Pilot waterstof (voorbeeld)",
        "waterstof",
        "netbeheerder, 3 bedrijven, provincie, TNO",
        "2026-09-15",
    ),
)
KNOWLEDGE_PARTNERS = ("TNO", "ISPT", "Hogeschool (voorbeeld)", "brancheorganisatie (voorbeeld)", "Universiteit (voorbeeld)")
MAATWERK_PHASES = ("verkenning", "uitwerking", "afspraak getekend", "uitvoering")
N_KNOWLEDGE = 9
N_MAATWERK = 2
SOURCE = "voorbeelddata (etl/sample.py)"


def _row(line, item_type, code, label, as_of, **extra) -> dict:
    row = {
        "action_line": line,
        "item_type": item_type,
        "item_id": code,
        "label": label,
        "as_of": str(as_of),
        "planned_on": "",
        "actual_on": "",
        "status": "",
        "value": "",
        "company": "",
        "subject": "",
        "detail": "",
        "partners": "",
        "note": "VOORBEELD",
        "is_sample": "true",
        "source": SOURCE,
    }
    return row | {k: str(v) for k, v in extra.items()}


def _milestone_rows() -> list[dict]:
    rows = []
    for line, code, label, planned, started, finished in MILESTONES:
        history = [] if code == "PIL-M1" else [(START, "gepland", "")]  # PIL-M1's plan row is public
        if started:
            history.append((started, "gestart", ""))
        if finished:
            history.append((finished, "afgerond", finished))
        for as_of, status, actual in history:
            rows.append(_row(line, "mijlpaal", code, label, as_of, planned_on=planned, actual_on=actual, status=status))
    return rows


def make_action_progress(pool: pd.DataFrame) -> pd.DataFrame:
    """The sample rows; pool: the sample's candidate installations (company, verified_t_co2), sorted."""
    rng = random.Random(SEED)
    rows = _milestone_rows()
    for line, code, label, values in LINE_FIGURES:
        rows += [_row(line, "indicator", code, label, day, value=v) for day, v in zip(QUARTERS, values, strict=True)]
    for line, code, label, subject, detail, partners, day in SUBJECTS:
        rows.append(_row(line, "indicator", code, label, day, value=1, subject=subject, detail=detail, partners=partners))
    companies = pool.groupby("company")["verified_t_co2"].sum().sort_index()
    companies = companies[~companies.index.str.contains("Cosun")]  # Cosun's track is public (reference file)
    picked = rng.sample(sorted(companies.index), N_KNOWLEDGE + N_MAATWERK)
    for company in sorted(picked[:N_KNOWLEDGE]):
        day = dt.date(2025, 11, 1) + dt.timedelta(days=rng.randrange(330))
        partner = rng.choice(KNOWLEDGE_PARTNERS)
        rows.append(
            _row(
                "kennisnetwerken",
                "indicator",
                "ken_bedrijven",
                "Bedrijven verbonden met een kennispartner",
                day,
                value=1,
                company=company,
                partners=partner,
            )
        )
    for company in sorted(picked[N_KNOWLEDGE:]):
        day = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(270))
        phase = rng.choice(MAATWERK_PHASES[:2])
        reduction = round(float(companies[company]) * rng.uniform(0.1, 0.3), -2)
        rows.append(
            _row(
                "maatwerk",
                "indicator",
                "maat_bedrijven",
                "Bedrijven in een maatwerktraject",
                day,
                value=1,
                company=company,
                detail=phase,
            )
        )
        rows.append(
            _row(
                "maatwerk",
                "indicator",
                "maat_reductie",
                "Verwachte reductie maatwerktrajecten",
                day,
                value=f"{reduction:.0f}",
                company=company,
            )
        )
    return pd.DataFrame(rows)
