"""An EU-sized data folder made from the shipped files, deterministically, outside the repository.

    .venv/bin/python -m benchmarks.eu_data /tmp/c6_eu      # writes /tmp/c6_eu/data, builds nothing

What a peer country loading the whole EU ETS, or a ministry with all case files, would bring: the NL
installations replicated `copies` times (26 -> about 17,000) with coordinates jittered by a few km, each
copy a separate operator ("... #3"); 20,000 cases with about 64,000 status events and 20,000 grants
(about 51,000 subsidy rows), drawn by etl/sample.py's own generator over the replicated Cluster 6
installations. The same arguments always give byte-identical files.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from etl import sample
from etl.installations import build_installations
from monitor import config

COPIES = 26
N_CASES = 20_000
N_GRANTS = 20_000
SEED = 13
JITTER_DEG = 0.03  # standard deviation of the coordinate jitter (about 3 km)
ID_STEP = 10_000_000  # copy k of installation 123 gets id 123 + k * ID_STEP


def _copy_ids(ids: pd.Series, k: int, prefix: str = "") -> pd.Series:
    """The id of copy `k` (0 = the original); ids look like '123', 'NL_123' or 'NL-123'."""
    if k == 0:
        return ids
    numbers = ids.str.replace(prefix, "", regex=False).astype("int64") + k * ID_STEP
    return prefix + numbers.astype(str)


def _replicate(frame: pd.DataFrame, copies: int, id_columns: dict[str, str], company_column: str | None = None):
    parts = []
    for k in range(copies):
        part = frame.copy()
        for column, prefix in id_columns.items():
            part[column] = _copy_ids(part[column], k, prefix)
        if company_column and k:
            part[company_column] = part[company_column].where(
                part[company_column].isin(("", "NA", "-")), part[company_column] + f" #{k}"
            )
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def make_registry(data: Path, copies: int, rng: np.random.Generator) -> None:
    """Replicate the registry files, the NACE codes, the coordinates and the overrides in place."""
    raw = data / "raw"
    installations = pd.read_csv(raw / "eutl_installations_nl.csv", dtype=str, keep_default_na=False)
    stationary = installations[installations["MainActivityTypeCode"] != "10"]  # aircraft operators once is enough
    aircraft = installations[installations["MainActivityTypeCode"] == "10"]
    grown = _replicate(stationary, copies, {"InstallationOrAircraftOperatorID": "", "id": "NL-"}, "AccountHolderName")
    pd.concat([grown, aircraft], ignore_index=True).to_csv(raw / "eutl_installations_nl.csv", index=False)

    recent = pd.read_csv(raw / "eutl_verified_nl_2022_2025.csv", dtype=str, keep_default_na=False)
    grown = _replicate(recent, copies, {"installation_id": "NL_", "eutl_id": "NL_", "registry_number": ""}, "operator")
    grown.to_csv(raw / "eutl_verified_nl_2022_2025.csv", index=False)

    nace = pd.read_csv(raw / "installation_to_nace_nl.csv", dtype=str, keep_default_na=False)
    _replicate(nace, copies, {"installation_id": "NL_"}).to_csv(raw / "installation_to_nace_nl.csv", index=False)

    coords = pd.read_csv(raw / "installation_coordinates_nl.csv", dtype=str, keep_default_na=False)
    coords = coords[coords["id"].str.fullmatch(r"NL_\d+")]
    grown = _replicate(coords, copies, {"id": "NL_"})
    lat = pd.to_numeric(grown["latitudegoogle"], errors="coerce")
    lon = pd.to_numeric(grown["longitudegoogle"], errors="coerce")
    jitter = grown["id"].str[3:].astype("int64") >= ID_STEP  # the originals keep their place
    lat = lat.where(~jitter, lat + rng.normal(0, JITTER_DEG, len(grown)))
    lon = lon.where(~jitter, lon + rng.normal(0, JITTER_DEG * 1.6, len(grown)))
    grown["latitudegoogle"] = lat.map(lambda v: "" if pd.isna(v) else f"{v:.6f}")
    grown["longitudegoogle"] = lon.map(lambda v: "" if pd.isna(v) else f"{v:.6f}")
    grown.to_csv(raw / "installation_coordinates_nl.csv", index=False)

    overrides_path = data / "reference/installation_overrides.csv"
    overrides = pd.read_csv(overrides_path, sep=";", dtype=str, keep_default_na=False)
    _replicate(overrides, copies, {"installation_id": "NL_"}).to_csv(overrides_path, sep=";", index=False)


def make_casework(data: Path, n_cases: int, n_grants: int) -> dict[str, int]:
    """Cases, events and subsidies by etl/sample.py's generator, over the replicated installations."""
    installations, emissions = build_installations(data)
    pool = sample.candidates(installations, emissions)
    # make_cases draws without replacement: repeat the pool so that every installation can have several cases.
    repeats = -(-n_cases // max(len(pool), 1))
    big_pool = pd.concat([pool] * repeats, ignore_index=True).sort_values("installation_id", kind="stable")
    saved = sample.N_CASES, sample.N_GRANTS
    sample.N_CASES, sample.N_GRANTS = n_cases, n_grants
    try:
        rng = random.Random(SEED)
        cases, events = sample.make_cases(rng, big_pool)
        subsidies = sample.make_subsidies(rng, pool)
    finally:
        sample.N_CASES, sample.N_GRANTS = saved
    counts = {}
    for name, frame in (("cases", cases), ("case_events", events), ("subsidies", subsidies)):
        frame.to_csv(data / "sample" / f"{name}.csv", index=False, lineterminator="\n")
        counts[name] = len(frame)
    return counts


def make_eu_data(target: Path, copies: int = COPIES, n_cases: int = N_CASES, n_grants: int = N_GRANTS) -> Path:
    """Write the EU-sized data folder to `target`/data (replaced if it exists) and return its path."""
    data = Path(target) / "data"
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(config.DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb*", "user", ".*", "*.lock", "*.jsonl"))
    make_registry(data, copies, np.random.default_rng(SEED))
    make_casework(data, n_cases, n_grants)
    return data


if __name__ == "__main__":
    folder = make_eu_data(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/c6_eu"))
    for path in sorted(folder.rglob("*.csv")):
        if path.parent.name in ("raw", "sample"):
            print(f"{path.relative_to(folder)}: {sum(1 for _ in path.open(encoding='utf-8')) - 1:,} rijen")
