"""Generate the VOORBEELDDATA (sample) case and subsidy files: `python -m etl.sample`.

Case files (casusaanpak) and subsidy payments per company are not public. So that every page can be
built and tested, this script writes a deterministic sample of the same schema over the real Cluster 6
companies: the same seed and the same registry data give byte-identical files (a test checks it).
Every row says is_sample = true; the app shows a 'voorbeelddata' notice wherever it shows them.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pandas as pd

from etl.installations import build_installations
from etl.sample_actions import make_action_progress
from monitor import config

SEED = 6
REFERENCE_DATE = dt.date(2026, 11, 1)  # fixed, so the sample does not change with the calendar
FIRST_CASE_DATE = dt.date(2023, 10, 1)  # Actieplan Cluster 6 offered to parliament 29-09-2023
N_CASES = 80
N_GRANTS = 120
SAMPLE_SOURCE = "voorbeelddata (etl/sample.py)"

# Which routes fit which sector best (weights); the rest of the routes get weight 1.
ROUTE_WEIGHTS = {
    "keramisch": {"elektrificatie": 4, "procesefficiëntie & restwarmte": 4, "waterstof": 2},
    "levensmiddelen": {"elektrificatie": 5, "procesefficiëntie & restwarmte": 5},
    "chemie": {"CC(U)S & negatieve emissies": 3, "elektrificatie": 3, "waterstof": 3, "circulariteit": 2},
    "glas": {"elektrificatie": 5, "waterstof": 2, "circulariteit": 2},
    "papier & karton": {"elektrificatie": 4, "procesefficiëntie & restwarmte": 4, "circulariteit": 2},
    "olie & gas": {"elektrificatie": 5, "CC(U)S & negatieve emissies": 3},
    "afval & recycling": {"CC(U)S & negatieve emissies": 5, "circulariteit": 4},
    "ICT": {"procesefficiëntie & restwarmte": 6, "elektrificatie": 2},
}
BOTTLENECK_WEIGHTS = {
    "netcongestie": 9,
    "netaansluiting": 6,
    "financiering": 6,
    "vergunning": 4,
    "ruimtelijke inpassing": 2,
    "infrastructuur H2/CO2/warmte": 4,
    "techniek": 2,
    "business case/energieprijs": 5,
}
INSTRUMENTS = {  # weight, lowest and highest grant in euro
    "VEKI": (20, 200_000, 8_000_000),
    "DEI+": (10, 300_000, 4_000_000),
    "SDE++": (12, 1_000_000, 15_000_000),
    "TSE Industrie": (20, 40_000, 1_500_000),
    "MOOI": (6, 400_000, 3_000_000),
    "Actieplan Cluster 6 - casusaanpak": (28, 20_000, 400_000),
    "Actieplan Cluster 6 - regioaanpak": (16, 50_000, 900_000),
    "Actieplan Cluster 6 - pilots energie-infrastructuur": (8, 300_000, 2_000_000),
}


def _weighted(rng: random.Random, options: dict[str, float]) -> str:
    names = list(options)
    return rng.choices(names, weights=[options[n] for n in names], k=1)[0]


def _route(rng: random.Random, sector: str) -> str:
    weights = {route: 1 for route in config.ROUTES} | ROUTE_WEIGHTS.get(sector, {})
    return _weighted(rng, weights)


def candidates(installations: pd.DataFrame, emissions: pd.DataFrame) -> pd.DataFrame:
    """Onshore Cluster 6 installations that emitted in 2024, with their 2024 emissions."""
    latest = emissions[(emissions["year"] == 2024) & (emissions["verified_t_co2"] > 0)]
    frame = installations[installations["in_cluster6"] & ~installations["offshore"] & installations["province"].notna()]
    frame = frame.merge(latest[["installation_id", "verified_t_co2"]], on="installation_id")
    return frame.sort_values("installation_id").reset_index(drop=True)


# Which Actieplan 2.0 line a sample case belongs to: most come through the case approach; grid bottlenecks
# also through the energy-infrastructure pilots. Drawn from the case code, so the other sample columns stay
# what they were before this column existed.
PROJECT_TYPE_WEIGHTS = {"casusaanpak": 65, "regioaanpak": 20, "pilots energie-infrastructuur": 10, "maatwerk": 5}
GRID_BOTTLENECKS = ("netcongestie", "netaansluiting", "infrastructuur H2/CO2/warmte")


def project_type(case_id: str, bottleneck: str) -> str:
    chosen = _weighted(random.Random(f"{SEED}:{case_id}"), PROJECT_TYPE_WEIGHTS)
    if chosen == "pilots energie-infrastructuur" and bottleneck not in GRID_BOTTLENECKS:
        return "casusaanpak"
    return chosen


def make_cases(rng: random.Random, pool: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    cases, events = [], []
    # Weighted sampling without replacement (Efraimidis-Spirakis): larger emitters come more often.
    keys = [rng.random() ** (1 / w) for w in pool["verified_t_co2"] ** 0.4]
    picks = pool.assign(_key=keys).nlargest(N_CASES, "_key").sort_values("installation_id")
    for number, inst in enumerate(picks.itertuples(), start=1):
        case_id = f"VB-{number:03d}"
        opened = FIRST_CASE_DATE + dt.timedelta(days=rng.randrange((REFERENCE_DATE - FIRST_CASE_DATE).days - 20))
        bottleneck = _weighted(rng, BOTTLENECK_WEIGHTS)
        route = _route(rng, inst.sector)
        history = [("aangemeld", opened)]
        day = opened
        for status, low, high in (("intake", 5, 45), ("in behandeling", 10, 90)):
            day = day + dt.timedelta(days=rng.randint(low, high))
            if day > REFERENCE_DATE or rng.random() < 0.08:
                break
            history.append((status, day))
        last = history[-1][0]
        ending = day + dt.timedelta(days=rng.randint(30, 420))
        if last == "in behandeling" and ending <= REFERENCE_DATE and rng.random() < 0.75:
            history.append((_weighted(rng, {"opgelost": 6, "doorverwezen": 2, "gestopt": 1}), ending))
        elif last == "intake" and ending <= REFERENCE_DATE and rng.random() < 0.3:
            history.append((_weighted(rng, {"doorverwezen": 2, "gestopt": 1}), ending))
        status, status_date = history[-1]
        closed = status_date if status in config.CLOSED_CASE_STATUSES else None
        reduction = round(inst.verified_t_co2 * rng.uniform(0.03, 0.35), -2)
        cases.append(
            {
                "case_id": case_id,
                "company": inst.company,
                "installation_id": inst.installation_id,
                "province": inst.province,
                "sector": inst.sector,
                "route": route,
                "bottleneck": bottleneck,
                "status": status,
                "opened_on": opened.isoformat(),
                "closed_on": closed.isoformat() if closed else "",
                "expected_reduction_t_co2": f"{reduction:.0f}",
                "description": f"VOORBEELD - {route}-project bij {inst.name}; knelpunt: {bottleneck}.",
                "project_type": project_type(case_id, bottleneck),
                "is_sample": "true",
                "source": SAMPLE_SOURCE,
            }
        )
        for event_status, event_date in history:
            events.append(
                {
                    "case_id": case_id,
                    "event_date": event_date.isoformat(),
                    "status": event_status,
                    "note": f"VOORBEELD - status '{event_status}'",
                    "is_sample": "true",
                    "source": SAMPLE_SOURCE,
                }
            )
    return pd.DataFrame(cases), pd.DataFrame(events)


def make_subsidies(rng: random.Random, pool: pd.DataFrame) -> pd.DataFrame:
    rows = []
    weights = {name: spec[0] for name, spec in INSTRUMENTS.items()}
    chosen = rng.choices(range(len(pool)), weights=list(pool["verified_t_co2"] ** 0.3), k=N_GRANTS)
    for number, inst in enumerate(pool.iloc[chosen].itertuples(), start=1):
        instrument = _weighted(rng, weights)
        _, low, high = INSTRUMENTS[instrument]
        first_year = rng.randint(2023 if instrument.startswith("Actieplan") else 2020, 2026)
        granted = round(rng.uniform(low, high), -3)
        route = _route(rng, inst.sector)
        reduction = round(inst.verified_t_co2 * rng.uniform(0.01, 0.25), -1)
        years = list(range(first_year, min(first_year + rng.randint(1, 4), REFERENCE_DATE.year) + 1))
        shares = [rng.random() for _ in years]
        paid_total = granted * rng.uniform(0.3, 1.0) if first_year < REFERENCE_DATE.year else granted * rng.uniform(0, 0.3)
        for index, year in enumerate(years):
            rows.append(
                {
                    "grant_id": f"VB-S{number:03d}",
                    "year": year,
                    "company": inst.company,
                    "installation_id": inst.installation_id,
                    "instrument": instrument,
                    "route": route,
                    "province": inst.province,
                    "sector": inst.sector,
                    "project": f"VOORBEELD - {route} bij {inst.name}",
                    "granted_eur": f"{granted if index == 0 else 0:.0f}",
                    "paid_eur": f"{paid_total * shares[index] / sum(shares):.0f}",
                    "expected_reduction_t_co2": f"{reduction:.0f}",
                    "is_sample": "true",
                    "source": SAMPLE_SOURCE,
                }
            )
    return pd.DataFrame(rows)


def generate(data_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    data_dir = Path(data_dir or config.DATA_DIR)
    installations, emissions = build_installations(data_dir)
    pool = candidates(installations, emissions)
    rng = random.Random(SEED)
    cases, events = make_cases(rng, pool)
    return {
        "cases": cases,
        "case_events": events,
        "subsidies": make_subsidies(rng, pool),
        "action_progress": make_action_progress(pool),
    }


def main() -> None:
    out = config.SAMPLE_DIR
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in generate().items():
        frame.to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
        print(f"{out / (name + '.csv')}: {len(frame)} rijen")


if __name__ == "__main__":
    main()
