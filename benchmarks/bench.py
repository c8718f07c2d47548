"""Print figures for the loader and the app's queries (not a test; nothing is asserted).

    .venv/bin/python benchmarks/bench.py

Builds the full database from data/ into a temporary folder (data/cluster6.duckdb is not touched), then:
full build time and peak memory, load_file and dry-run time for generated files of a few thousand rows,
cold (new connection, empty cache) and warm (cached) times of the main queries in monitor/queries
outside Streamlit, and the database file size.
"""

from __future__ import annotations

import logging
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
from streamlit import logger as streamlit_logger  # noqa: E402

from etl import load  # noqa: E402
from monitor import config  # noqa: E402

streamlit_logger.set_log_level(logging.ERROR)  # "No runtime found": expected outside Streamlit


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def emissions_file(db: Path, folder: Path, rows: int) -> Path:
    """A Dutch-form emissions file (';', decimal comma) for `rows` existing installation-years."""
    con = duckdb.connect(str(db), read_only=True)
    keys = con.execute(
        "SELECT installation_id, year FROM emissions WHERE year BETWEEN 2013 AND 2024 ORDER BY installation_id, year LIMIT ?",
        [rows],
    ).fetchall()
    con.close()
    rng = random.Random(6)
    lines = ["installation_id;year;verified_t_co2"] + [
        f"{i};{y};{rng.uniform(100, 900_000):.1f}".replace(".", ",") for i, y in keys
    ]
    path = folder / "bench_emissies.csv"
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def cases_file(db: Path, folder: Path, rows: int) -> Path:
    con = duckdb.connect(str(db), read_only=True)
    owners = con.execute(
        "SELECT installation_id, company, province, sector FROM installations WHERE in_cluster6 AND province IS NOT NULL "
        "AND sector IN (SELECT unnest(?::VARCHAR[]))",
        [list(config.SECTORS)],
    ).fetchall()
    con.close()
    rng = random.Random(6)
    lines = ["case_id;company;installation_id;province;sector;route;bottleneck;status;opened_on"]
    for n in range(rows):
        installation_id, company, province, sector = rng.choice(owners)
        route, bottleneck = rng.choice(config.ROUTES), rng.choice(config.BOTTLENECKS)
        lines.append(f"BENCH-{n:05d};{company};{installation_id};{province};{sector};{route};{bottleneck};aangemeld;01-03-2025")
    path = folder / "bench_casussen.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main_queries():
    """(name, callable) of the main queries of the pages, with typical arguments."""
    from monitor.access import MINISTRY
    from monitor.queries import cases, emissions, geo, meta, sectors, subsidies

    latest = max(emissions.years()) - 1
    out = [
        ("sectors.by_sector_year", lambda: sectors.by_sector_year(2019, latest)),
        ("emissions.cluster6_year", lambda: emissions.cluster6_year(latest)),
        ("emissions.completeness", emissions.completeness),
        ("emissions.installations", emissions.installations),
        ("emissions.selection_summary", emissions.selection_summary),
        ("meta.freshness", meta.freshness),
        ("meta.load_log", meta.load_log),
        ("cases.status_counts", lambda: cases.status_counts(MINISTRY)),
        ("subsidies.actieplan_spend", lambda: subsidies.actieplan_spend(MINISTRY)),
        ("geo.installations_for_map", lambda: geo.installations_for_map(latest, 2019)),
    ]
    return out


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="c6_bench_"))
    db = folder / "cluster6.duckdb"
    print(f"Cluster 6 Monitor benchmark · DuckDB {duckdb.__version__} · Python {sys.version.split()[0]} · {os.cpu_count()} CPU")
    print(f"data: {config.DATA_DIR}\ndatabase: {db}\n")

    # 1. Full build
    tracemalloc.start()
    build_s, _ = timed(load.build, db, config.DATA_DIR)
    _, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes
    rebuild_s, _ = timed(load.build, db, config.DATA_DIR)
    con = duckdb.connect(str(db), read_only=True)
    tables = ("installations", "emissions", "cases", "subsidies")
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # noqa: S608 - constant names
    con.close()
    print("1. Full build (python -m etl)")
    print(f"   first build            {ms(build_s)}   (with tracemalloc on)")
    print(f"   rebuild                {ms(rebuild_s)}")
    print(f"   peak Python heap       {python_peak / 1_048_576:8.1f} MB  (tracemalloc; DuckDB's own memory not included)")
    print(f"   peak process RSS       {rss_peak_mb:8.1f} MB  (ru_maxrss, includes imports and DuckDB)")
    print(f"   rows                   {', '.join(f'{k} {v:,}' for k, v in counts.items())}")
    print(f"   database file          {db.stat().st_size / 1_048_576:8.1f} MB\n")

    # 2. Loading user files (one loader path: CLI and upload page)
    print("2. load_file (copy database, validate, load, swap) and the upload page's dry run")
    for kind, path in (("emissions", emissions_file(db, folder, 5_000)), ("cases", cases_file(db, folder, 2_000))):
        lines = sum(1 for _ in path.open(encoding="utf-8")) - 1
        dry_s, _ = timed(load.load_file, kind, path, db, dry_run=True)
        load_s, report = timed(load.load_file, kind, path, db, keep=False)
        again_s, _ = timed(load.load_file, kind, path, db, keep=False)
        print(f"   {kind:<10} {lines:>6,} rows   dry run {ms(dry_s)}   load {ms(load_s)}   same file again {ms(again_s)}")
    print(f"   database file after loads {db.stat().st_size / 1_048_576:5.1f} MB\n")

    # 3. Queries of the app, outside Streamlit
    os.environ["C6_DB"] = str(db)
    from monitor import db as monitor_db

    print("3. Main queries (monitor/queries, outside Streamlit)")
    print("   cold = empty result cache and a new read-only connection; warm = median of 20 cached calls")
    connect_s = statistics.median(timed(lambda: monitor_db.open_readonly(db).close())[0] for _ in range(10))
    print(f"   {'open a read-only connection':<36} {ms(connect_s)}")
    for name, run in main_queries():
        monitor_db._cached.clear()
        monitor_db._connect.clear()
        cold_s, frame = timed(run)
        warm_s = statistics.median(timed(run)[0] for _ in range(20))
        size = len(frame) if hasattr(frame, "columns") else 1
        print(f"   {name:<36} cold {ms(cold_s)}   warm {ms(warm_s)}   {size:>6,} rows")


if __name__ == "__main__":
    main()
