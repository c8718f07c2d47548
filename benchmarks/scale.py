"""Does the dashboard stay fast at EU scale? Prints per page, at the shipped and an EU-sized scale, the
figures of issue 13 (not a test; nothing is asserted):

    .venv/bin/python -m benchmarks.scale                 # everything (about 10 minutes on 2 idle cores)
    .venv/bin/python -m benchmarks.scale --no-browser    # server render and ETL only
    .venv/bin/python -m benchmarks.scale --out /tmp/c6_scale --runs 5 --pages kaart,casussen

1. Builds the shipped data (data/) and an EU-sized folder (benchmarks/eu_data.py: the installations
   x26, 20,000 cases, 64,000 events, 51,000 subsidy rows) with the project's ETL, each in its own
   process: build time and peak memory. Everything is written under --out, never in the repository.
2. Server render (AppTest, in a fresh process per scale): cold = the first render after the caches were
   cleared; warm = the median of --runs reruns. A trivial page (a title and one line) beside it.
3. Browser (Debian Chromium, `streamlit run`): bytes the page receives over its websocket, and time to
   content (heading visible, the script run over), median of --runs warm visits; the trivial page too.
Goals: warm EU render <= 1.5x shipped; <= 1 MB per page at EU scale; browser time <= 1.5x the trivial page.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TRIVIAL_APP = Path(__file__).resolve().parent / "trivial_app.py"
ROLE = {"rol": "ministerie"}


def pages() -> list[tuple[str, str]]:
    """(url_path, file) of every page, as in dashboard.PAGES."""
    from tests.e2e.pages import page_specs

    return [(spec["url_path"], spec["path"]) for spec in page_specs()]


# 1. Builds ---------------------------------------------------------------------------------------------


def build_in_child(data: Path, db: Path) -> dict:
    """python -m etl in a child process: wall time, CPU time (the main thread's and DuckDB's threads') and
    the child's own peak RSS. On a busy machine the CPU time is the steadier figure."""
    code = (
        "import json, resource, sys, time\n"
        "from pathlib import Path\n"
        "from etl import load\n"
        "t = time.perf_counter(); c = time.process_time()\n"
        "load.build(Path(sys.argv[2]), Path(sys.argv[1]))\n"
        "s, cpu = time.perf_counter() - t, time.process_time() - c\n"
        "print(json.dumps({'seconds': s, 'cpu_seconds': cpu, 'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(data), str(db)], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def row_counts(db: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = ("installations", "cases", "case_events", "subsidies")
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # noqa: S608 - constant names
    finally:
        con.close()


# 2. Server render (runs inside a child process: `--server-render DB`) ------------------------------------


def server_render(db: Path, runs: int, only: list[str] | None) -> dict:
    import logging

    import streamlit as st
    from streamlit import logger as streamlit_logger
    from streamlit.testing.v1 import AppTest

    streamlit_logger.set_log_level(logging.ERROR)
    os.environ["C6_DB"] = str(db)
    results = {}

    def measure(make) -> dict:
        st.cache_data.clear()
        st.cache_resource.clear()
        started = time.perf_counter()
        at = make()
        cold = time.perf_counter() - started
        assert not at.exception, at.exception
        warm, warm_cpu = [], []
        for _ in range(runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            at.run()
            warm.append(time.perf_counter() - started)
            warm_cpu.append(time.process_time() - started_cpu)
            assert not at.exception, at.exception
        return {
            "cold_ms": cold * 1000,
            "warm_ms": statistics.median(warm) * 1000,
            "warm_cpu_ms": statistics.median(warm_cpu) * 1000,
        }

    def trivial():
        return AppTest.from_file(str(TRIVIAL_APP), default_timeout=600).run()

    results["(triviale pagina)"] = measure(trivial)
    for url_path, file in pages():
        if only and url_path not in only:
            continue

        def page(file=file):
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
            for key, value in ROLE.items():
                at.query_params[key] = value
            at.run()
            return at.switch_page(str(file)).run()

        results[url_path] = measure(page)
    return results


def server_render_in_child(db: Path, runs: int, only: list[str] | None) -> dict:
    command = [sys.executable, "-m", "benchmarks.scale", "--server-render", str(db), "--runs", str(runs)]
    if only:
        command += ["--pages", ",".join(only)]
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(out.stderr[-4000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


# 3. Browser ----------------------------------------------------------------------------------------------


def browser(db: Path, logs: Path, runs: int, only: list[str] | None) -> dict:
    from playwright.sync_api import sync_playwright

    from tests.e2e.harness import APP_IDLE, launch_browser, open_as, running_server, wait_for_app

    results = {}
    with sync_playwright() as playwright:
        chromium = launch_browser(playwright)

        def visit(url: str, open_page) -> dict:
            times, sizes = [], []
            for attempt in range(runs + 1):  # the first visit warms the server's caches
                context = chromium.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                received = [0]
                page.on(
                    "websocket", lambda ws, r=received: ws.on("framereceived", lambda p, r=r: r.__setitem__(0, r[0] + len(p)))
                )
                started = time.perf_counter()
                open_page(page)
                elapsed = time.perf_counter() - started
                page.wait_for_timeout(500)  # late frames (e.g. the map's data) still count as sent
                context.close()
                if attempt:
                    times.append(elapsed)
                    sizes.append(received[0])
            return {"browser_ms": statistics.median(times) * 1000, "bytes": statistics.median(sizes), "url": url}

        with running_server(db, logs, script=TRIVIAL_APP) as server:

            def trivial(page, server=server):
                page.goto(server.url(""), wait_until="domcontentloaded")
                page.wait_for_selector(APP_IDLE)
                wait_for_app(page, heading=".")

            results["(triviale pagina)"] = visit(server.url(""), trivial)
        with running_server(db, logs) as server:
            for url_path, _ in pages():
                if only and url_path not in only:
                    continue
                results[url_path] = visit(
                    server.url(url_path, **ROLE), lambda page, p=url_path, s=server: open_as(page, s, p, ROLE["rol"])
                )
        chromium.close()
    return results


# Report --------------------------------------------------------------------------------------------------


def report(builds: dict, server: dict, web: dict) -> str:
    lines = ["", "ETL (python -m etl, eigen proces)"]
    for scale, figures in builds.items():
        counts = ", ".join(f"{k} {v:,}" for k, v in figures["rows"].items())
        lines.append(
            f"  {scale:<9} {figures['seconds']:6.1f} s (cpu {figures.get('cpu_seconds', float('nan')):5.1f} s)"
            f"   piek {figures['peak_mb']:6.0f} MB   {counts}"
        )
    head = (
        f"{'pagina':<18} {'warm NL':>8} {'warm EU':>8} {'EU/NL':>6} {'cpu EU/NL':>9} {'koud NL':>8} {'koud EU':>8}"
        f" {'bytes NL':>9} {'bytes EU':>9} {'browser NL':>10} {'/triv':>5} {'browser EU':>10} {'/triv':>5}"
    )
    lines += ["", "Pagina's (ms; server = AppTest, browser = Chromium tot inhoud; mediaan van de warme runs)", head]
    trivial_web = {scale: web.get(scale, {}).get("(triviale pagina)") for scale in ("NL", "EU")}
    for name in server["NL"]:
        nl, eu = server["NL"][name], server["EU"].get(name, {})
        row = f"{name:<18} {nl['warm_ms']:8.0f} {eu.get('warm_ms', float('nan')):8.0f}"
        row += (
            f" {eu.get('warm_ms', float('nan')) / nl['warm_ms']:6.2f} {nl['cold_ms']:8.0f} {eu.get('cold_ms', float('nan')):8.0f}"
        )
        for scale in ("NL", "EU"):
            shown = web.get(scale, {}).get(name)
            if shown is None:
                row += f" {'-':>9}" if scale == "NL" else ""
                continue
            row += f" {shown['bytes'] / 1024:8.0f}K" if scale == "NL" else f" {shown['bytes'] / 1024:8.0f}K"
        for scale in ("NL", "EU"):
            shown, base = web.get(scale, {}).get(name), trivial_web[scale]
            if shown is None or base is None:
                row += f" {'-':>10} {'-':>5}"
                continue
            row += f" {shown['browser_ms']:10.0f} {shown['browser_ms'] / base['browser_ms']:5.2f}"
        lines.append(row)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "c6_scale")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default="", help="comma-separated url paths (default: every page)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep an EU folder and databases made by an earlier run")
    parser.add_argument("--server-render", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    only = [p for p in args.pages.split(",") if p] or None
    if args.server_render:
        print(json.dumps(server_render(args.server_render, args.runs, only)))
        return

    from benchmarks.eu_data import make_eu_data
    from monitor import config

    out = args.out.resolve()
    if ROOT in (out, *out.parents):
        sys.exit("--out moet buiten de repository liggen")
    out.mkdir(parents=True, exist_ok=True)
    print(f"Cluster 6 Monitor · schaalbenchmark · {os.cpu_count()} CPU · uitvoer in {out}")
    sources = {"NL": config.DATA_DIR}
    if not (args.reuse and (out / "eu/data").exists()):
        started = time.perf_counter()
        make_eu_data(out / "eu")
        print(f"EU-gegevens gemaakt in {time.perf_counter() - started:.1f} s")
    sources["EU"] = out / "eu/data"
    builds, dbs = {}, {}
    for scale, data in sources.items():
        dbs[scale] = out / scale.lower() / "cluster6.duckdb"
        if args.reuse and dbs[scale].exists():
            builds[scale] = {"seconds": float("nan"), "peak_mb": float("nan")}
        else:
            builds[scale] = build_in_child(data, dbs[scale])
        builds[scale]["rows"] = row_counts(dbs[scale])
        print(f"gebouwd: {scale} in {builds[scale]['seconds']:.1f} s", flush=True)
    server = {}
    for scale, db in dbs.items():
        server[scale] = server_render_in_child(db, args.runs, only)
        print(f"serverrender gemeten: {scale}", flush=True)
    web = {}
    if not args.no_browser:
        for scale, db in dbs.items():
            web[scale] = browser(db, out / "logs", args.runs, only)
            print(f"browser gemeten: {scale}", flush=True)
    print(report(builds, server, web))
    (out / "results.json").write_text(json.dumps({"builds": builds, "server": server, "browser": web}, indent=1, default=str))


if __name__ == "__main__":
    main()
