"""Does the dashboard stay fast at EU scale? Prints per page, at the shipped and an EU-sized scale, the
figures of issue 13 (not a test; nothing is asserted):

    .venv/bin/python -m benchmarks.scale                 # everything (about an hour on 2 idle cores)
    .venv/bin/python -m benchmarks.scale --no-browser    # server render and ETL only
    .venv/bin/python -m benchmarks.scale --out /tmp/c6_scale --runs 5 --pages kaart,casussen

1. Builds the shipped data (data/) and an EU-sized folder (benchmarks/eu_data.py: the installations
   x26, 20,000 cases, 64,000 events, 51,000 subsidy rows) with the project's ETL, each in its own
   process: build time and peak memory. Everything is written under --out, never in the repository.
2. Server render (AppTest, in a fresh process per scale): cold = the first render after the caches were
   cleared; warm = the median of --runs reruns. A trivial page (a title and one line) beside it.
3. Browser (Debian Chromium, `streamlit run`): bytes the page receives (over its websocket, and the map's
   layers, which it fetches as files: monitor/map_files.py), time to
   content (the script run over, heading and figures painted: recorded in the page), time until every
   chart and map is drawn, the CPU time of Chromium's main thread and of the server for the visit (steady
   on a busy machine, unlike wall times). Each page is visited in pairs with the trivial page
   (trivial_app.py, opened the same way: at '/' for Overzicht, at a page address for the others), in
   turns, --runs pairs after one that warms the servers: medians per visit, and the median of the
   pairs' ratios of time to content with its quartiles. Twice: a first visit (empty browser cache) and a
   returning visitor (Streamlit's scripts and fonts from the cache, as for a weekly user).
Goals: warm EU render <= 1.5x shipped; <= 1 MB per page at EU scale; browser time <= 1.5x the trivial page.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TRIVIAL_APP = Path(__file__).resolve().parent / "trivial_app.py"
# The trivial page at '/' and at a page's own address ('/diep'): Streamlit's frontend first probes the server
# under a page's path, fails and waits 100 ms before it tries the root (trivial_app.py). A dashboard page
# is compared with the trivial page opened the same way.
TRIVIAL, TRIVIAL_DEEP = "(triviale pagina)", "(triviaal, /diep)"
BROWSER_TIMEOUT_S = 120  # one visit may take this long; a slower one is reported as not measured
# The content a reader came for: the page's heading in the main area, with the script run over and nothing
# stale. The sidebar's widgets (filters, role picker) arrive a moment later as Streamlit loads their code;
# the time until every chart and map is drawn is measured apart.
MAIN_HEADING = '[data-testid="stMain"] h1'
MAP_FILE = re.compile(r"/media/[0-9a-f]+\.json$")  # a map layer's data, fetched beside the page (monitor.map_files)


def pages() -> list[tuple[str, str, str]]:
    """(url_path, file, role) of every page, as in dashboard.PAGES; the ministry's view, or the
    regisseur's for a page the ministry does not have (Bestand laden)."""
    from tests.e2e.pages import page_specs

    specs = page_specs()
    return [(s["url_path"], s["path"], "ministerie" if "ministerie" in s["roles"] else s["roles"][0]) for s in specs]


# 1. Builds ---------------------------------------------------------------------------------------------


def build_in_child(data: Path, db: Path) -> dict:
    """python -m etl in a child process: wall time, CPU time (the main thread's, DuckDB's threads' and the
    bounded file parser's child processes') and the peak RSS of the build or its largest parser child. On a
    busy machine the CPU time is the steadier figure."""
    code = (
        "import json, resource, sys, time\n"
        "from pathlib import Path\n"
        "from etl import load\n"
        "t = time.perf_counter(); c = time.process_time()\n"
        "load.build(Path(sys.argv[2]), Path(sys.argv[1]))\n"
        "s, cpu = time.perf_counter() - t, time.process_time() - c\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN)\n"  # the bounded parser's child processes
        "peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, kids.ru_maxrss) / 1024\n"
        "print(json.dumps({'seconds': s, 'cpu_seconds': cpu + kids.ru_utime + kids.ru_stime, 'peak_mb': peak}))\n"
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

    results[TRIVIAL] = measure(trivial)
    for url_path, file, role in pages():
        if only and url_path not in only:
            continue

        def page(file=file, role=role):
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
            at.query_params["rol"] = role
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


# Time to content, taken in the page: at every animation frame (the step that paints) the tests' readiness
# check (tests/e2e/harness._READY_JS: the script run over, nothing stale, MAIN_HEADING present, an h1
# visible); the first frame where it holds records the moment (ms since navigation). If it breaks again (the
# frame reruns once for a deep link) the moment is forgotten and taken anew. A poll from outside, as before,
# saw the page only when the main thread was free, and an observer on every DOM change slowed the page it
# measured.
_CONTENT_WATCH = """((ready) => {
  const holds = () => (__READY_CHECK__)([ready, '.']);
  const frame = () => {
    if (!holds()) window.__contentAt = undefined;
    else if (window.__contentAt === undefined) window.__contentAt = performance.now();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})(__MAIN__)"""


def time_to_content(page, url: str, timeout_s: float) -> float:
    """Seconds from navigation until the page's content is painted (_CONTENT_WATCH). The moment counts only
    if the content still holds 400 ms later (the frame may rerun once for a deep link), else the wait goes on."""
    deadline = time.perf_counter() + timeout_s
    page.goto(url, wait_until="domcontentloaded", timeout=timeout_s * 1000)
    while True:
        left = max(1, int((deadline - time.perf_counter()) * 1000))
        page.wait_for_function("() => window.__contentAt !== undefined", timeout=left, polling=50)
        shown = page.evaluate("window.__contentAt")
        page.wait_for_timeout(400)
        if page.evaluate("window.__contentAt") == shown:
            return shown / 1000
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{url} kept rerunning")


# Every chart drawn: the script run over, a heading shown, every chart slot filled (monitor.deferred: they
# come just after the run's end), no element still waiting for its code (Streamlit's skeleton: while plotly's
# code loads, a chart is a skeleton without its SVG, which the check below alone took for drawn), each plotly
# element holding its SVG and each map its canvas. A timer in the page records the first moment that holds
# (ms since navigation); the timer runs on the page's main thread, so it also waits for drawing that still
# occupies it.
_DRAWN_WATCH = """(() => { const every = (selector, inner) => [...document.querySelectorAll(selector)].every((c) => c.querySelector(inner));
  const timer = setInterval(() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.dataset.testScriptState !== 'notRunning' || document.querySelector('[data-stale="true"]')) return;
    if (!document.querySelector('h1')) return;
    if (!(__SLOTS_FILLED__)() || document.querySelector('[data-testid="stSkeleton"]')) return;
    if (every('[data-testid="stPlotlyChart"]', '.main-svg') && every('[data-testid="stDeckGlJsonChart"]', 'canvas')) {
      window.__drawnAt = performance.now(); clearInterval(timer);
    }
  }, 50); })()"""


def _count_map_file(response, received: list[int]) -> None:
    """Add a map layer's file to the page's bytes (its body's length as the server sends it)."""
    if MAP_FILE.search(response.url):
        received[0] += int(response.headers.get("content-length", 0))


def _process_cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process (all its threads), from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def browser(
    db: Path, logs: Path, runs: int, only: list[str] | None, timeout_s: float = BROWSER_TIMEOUT_S, returning: bool = False
) -> dict:
    """Per page, `runs` pairs of visits (after one visit of each that warms the servers' caches): the trivial
    page, opened the same way (at '/' for Overzicht, at '/diep' for a page at its own address), and the page,
    in turns (trivial first in even pairs, the page first in odd ones), so both meet the machine in the same
    state. Per page: the medians of time to content (painted: _CONTENT_WATCH), time until every chart and map
    is drawn, the CPU time of the page's main thread in Chromium and of the server for the visit, the bytes
    received over the websocket; the same medians of its paired trivial visits (`paired`); and the median of
    the pairs' ratios of time to content (`ratio`, with its quartiles `ratio_q1`, `ratio_q3`). A first visit
    (`returning` False) opens each visit in a fresh browser context, with an empty cache; a returning
    visitor's visits share one context per app, so Streamlit's scripts and fonts come from the browser cache
    (they are served as immutable), as for someone who uses the dashboard every week. A visit that takes
    longer than `timeout_s` (or fails) is left out with its pair and reported; a page without a single
    measured pair gets None. The trivial rows (TRIVIAL, TRIVIAL_DEEP) are the medians of every trivial visit
    of that kind."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from tests.e2e.harness import _READY_JS, EXCEPTION, SLOTS_FILLED_JS, launch_browser, role_params, running_server
    from tests.e2e.pages import address

    results: dict = {}
    trivial_rows: dict[str, list[dict]] = {TRIVIAL: [], TRIVIAL_DEEP: []}
    with sync_playwright() as playwright:
        chromium = launch_browser(playwright)

        def new_context():
            return chromium.new_context(viewport={"width": 1400, "height": 1000})

        def visit(server, url: str, shared) -> dict:
            """One visit; raises PlaywrightError, TimeoutError or RuntimeError when it cannot be measured."""
            context = shared or new_context()
            page = context.new_page()
            page.add_init_script(
                _CONTENT_WATCH.replace("__READY_CHECK__", _READY_JS).replace("__MAIN__", json.dumps(MAIN_HEADING))
            )
            page.add_init_script(_DRAWN_WATCH.replace("__SLOTS_FILLED__", SLOTS_FILLED_JS))
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")
            received = [0]
            page.on("websocket", lambda ws, r=received: ws.on("framereceived", lambda p, r=r: r.__setitem__(0, r[0] + len(p))))
            page.on("response", lambda response, r=received: _count_map_file(response, r))
            server_cpu = _process_cpu_s(server.process.pid)
            try:
                content = time_to_content(page, url, timeout_s)
                page.wait_for_function("() => window.__drawnAt !== undefined", timeout=timeout_s * 1000, polling=50)
                drawn = max(content, page.evaluate("window.__drawnAt") / 1000)
                if page.locator(EXCEPTION).count():
                    raise RuntimeError(page.locator(EXCEPTION).first.inner_text()[:300])
                page.wait_for_timeout(500)  # late frames (e.g. the map's data) still count as sent
                metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                return {
                    "browser_ms": content * 1000,
                    "drawn_ms": drawn * 1000,
                    "main_cpu_ms": metrics["ThreadTime"] * 1000,
                    "server_cpu_ms": (_process_cpu_s(server.process.pid) - server_cpu) * 1000,
                    "bytes": received[0],
                }
            finally:
                page.close()
                if shared is None:
                    context.close()

        def paired(trivial_server, trivial_url: str, server, url: str, kind: str) -> dict | None:
            shared = (new_context(), new_context()) if returning else (None, None)
            pairs, failures = [], []
            for attempt in range(runs + 1):  # the first pair warms the servers' caches (and a returning visitor's)
                order = [(trivial_server, trivial_url, shared[0]), (server, url, shared[1])]
                try:
                    seen = [visit(*step) for step in (order if attempt % 2 == 0 else order[::-1])]
                except (PlaywrightError, TimeoutError, RuntimeError) as error:
                    failures.append(str(error).splitlines()[0][:200])
                    continue
                if attempt:
                    pairs.append(seen if attempt % 2 == 0 else seen[::-1])  # (trivial, page)
            for context in shared:
                if context is not None:
                    context.close()
            if failures:
                print(f"  {url}: {len(failures)} bezoek(en) niet gemeten: {failures[0]}", flush=True)
            if not pairs:
                return None
            trivial_rows[kind] += [trivial for trivial, _ in pairs]
            return summarise_pairs(pairs) | {"url": url}

        with running_server(db, logs, script=TRIVIAL_APP) as trivial_server, running_server(db, logs) as server:
            for url_path, _, role in pages():
                if only and url_path not in only:
                    continue
                # the default page at '/': at its url_path Streamlit lays a 'Page not found' dialog over it
                path = address(url_path)
                kind = TRIVIAL_DEEP if path else TRIVIAL
                trivial_url = trivial_server.url("diep" if path else "")
                results[url_path] = paired(trivial_server, trivial_url, server, server.url(path, **role_params(role)), kind)
        chromium.close()
    trivial = {kind: _medians(rows) | {"url": kind} for kind, rows in trivial_rows.items() if rows}
    return trivial | results


def _medians(rows: list[dict]) -> dict:
    return {key: statistics.median(row[key] for row in rows) for key in rows[0]}


def summarise_pairs(pairs: list[tuple[dict, dict]]) -> dict:
    """(trivial visit, page visit) pairs -> the page's medians per figure, the medians of its trivial visits
    (`paired`), the median of the pairs' ratios of time to content (`ratio`) with its first and third
    quartile, and the spread of the page's times to content (slowest minus fastest visit)."""
    ratios = [page["browser_ms"] / trivial["browser_ms"] for trivial, page in pairs]
    quartiles = statistics.quantiles(ratios, n=4, method="inclusive") if len(ratios) > 1 else ratios * 3
    content = [page["browser_ms"] for _, page in pairs]
    return _medians([page for _, page in pairs]) | {
        "browser_spread_ms": max(content) - min(content),
        "paired": _medians([trivial for trivial, _ in pairs]),
        "ratio": statistics.median(ratios),
        "ratio_q1": quartiles[0],
        "ratio_q3": quartiles[2],
    }


# Report --------------------------------------------------------------------------------------------------


def report(builds: dict, server: dict, web: dict) -> str:
    nan = float("nan")
    lines = ["", "ETL (python -m etl, eigen proces)"]
    for scale, figures in builds.items():
        counts = ", ".join(f"{k} {v:,}" for k, v in figures["rows"].items())
        lines.append(
            f"  {scale:<9} {figures['seconds']:6.1f} s (cpu {figures.get('cpu_seconds', nan):5.1f} s)"
            f"   piek {figures['peak_mb']:6.0f} MB   {counts}"
        )
    head = (
        f"{'pagina':<18} {'warm NL':>8} {'warm EU':>8} {'EU/NL':>6} {'cpu NL':>7} {'cpu EU':>7} {'EU/NL':>6}"
        f" {'koud NL':>8} {'koud EU':>8} {'KB NL':>7} {'KB EU':>7}"
    )
    lines += [
        "",
        "Pagina's (ms; server = AppTest warm/koud en CPU per warme render, KB = bytes over de websocket en als kaartbestand; mediaan)",
        "doelen: warm EU/NL <= 1,5 · KB EU <= 1024 (browser /triv <= 1,5: de tabellen daarna)",
        head,
    ]
    empty = {"warm_ms": nan, "warm_cpu_ms": nan, "cold_ms": nan}
    for name in server["NL"] or web.get("NL, eerste bezoek", {}):
        nl, eu = server["NL"].get(name, empty), server["EU"].get(name, empty)
        row = f"{name:<18} {nl['warm_ms']:8.0f} {eu.get('warm_ms', nan):8.0f} {eu.get('warm_ms', nan) / nl['warm_ms']:6.2f}"
        row += (
            f" {nl['warm_cpu_ms']:7.0f} {eu.get('warm_cpu_ms', nan):7.0f} {eu.get('warm_cpu_ms', nan) / nl['warm_cpu_ms']:6.2f}"
        )
        row += f" {nl['cold_ms']:8.0f} {eu.get('cold_ms', nan):8.0f}"
        for scale in ("NL", "EU"):
            shown = web.get(f"{scale}, eerste bezoek", {}).get(name)
            row += f" {shown['bytes'] / 1024:7.0f}" if shown else f" {'-':>7}"
        lines.append(row)
    lines += browser_table(web)
    return "\n".join(lines)


def browser_table(web: dict) -> list[str]:
    """Per scale: time to content with the median ratio of its pairs to the trivial page and their quartiles,
    time until every chart is drawn, Chromium's main-thread CPU and the server's CPU per visit, each beside
    its ratio to the medians of the paired trivial visits (the bytes are in the page table)."""
    nan = float("nan")
    lines = []
    for scale, pages_seen in web.items():
        lines += [
            "",
            f"Browser {scale} (mediaan per bezoek; /triv = verhouding tot de triviale pagina, in paren om en om "
            "bezocht: op '/' voor Overzicht, op '/diep' voor een pagina op eigen adres; inhoud /triv = mediaan van "
            "de verhoudingen per paar, kwartielen = hun eerste en derde kwartiel; doel <= 1,5)",
            f"{'pagina':<18} {'inhoud ms':>9} {'/triv':>5} {'kwartielen':>11} {'spreiding':>9} {'getekend ms':>11}"
            f" {'/triv':>5} {'cpu browser ms':>14} {'/triv':>5} {'cpu server ms':>13} {'/triv':>5}",
        ]
        for name, shown in pages_seen.items():
            if not shown:
                lines.append(f"{name:<18} niet gemeten")
                continue
            base = shown.get("paired", shown)  # a trivial row is its own reference
            row = f"{name:<18}"
            for key, width in (("browser_ms", 9), ("drawn_ms", 11), ("main_cpu_ms", 14), ("server_cpu_ms", 13)):
                value, reference = shown.get(key, nan), base.get(key, nan)
                ratio = shown.get("ratio", 1.0) if key == "browser_ms" else value / reference if reference else nan
                row += f" {value:{width}.0f} {ratio:5.2f}"
                if key == "browser_ms":  # the pairs' quartiles, and max - min of the visits' time to content
                    quartiles = f"{shown['ratio_q1']:.2f}-{shown['ratio_q3']:.2f}" if "ratio_q1" in shown else "-"
                    row += f" {quartiles:>11} {shown.get('browser_spread_ms', nan):9.0f}"
            lines.append(row)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "c6_scale")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default="", help="comma-separated url paths (default: every page)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep an EU folder and databases made by an earlier run")
    parser.add_argument("--no-server", action="store_true", help="browser part only (with --reuse)")
    parser.add_argument("--browser-timeout", type=float, default=BROWSER_TIMEOUT_S, help="seconds one visit may take")
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
    server = {"NL": {}, "EU": {}}
    for scale, db in dbs.items():
        if not args.no_server:
            server[scale] = server_render_in_child(db, args.runs, only)
            print(f"serverrender gemeten: {scale}", flush=True)
    web = {}
    if not args.no_browser:
        for scale, db in dbs.items():
            for returning in (False, True):
                name = f"{scale}, terugkerend bezoek" if returning else f"{scale}, eerste bezoek"
                web[name] = browser(db, out / "logs", args.runs, only, args.browser_timeout, returning)
                print(f"browser gemeten: {name}", *browser_table({name: web[name]}), sep="\n", flush=True)
    print(report(builds, server, web))
    (out / "results.json").write_text(json.dumps({"builds": builds, "server": server, "browser": web}, indent=1, default=str))


if __name__ == "__main__":
    main()
