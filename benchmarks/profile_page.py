"""Where does a page's warm render spend its time? pyinstrument over AppTest reruns of one page:

    .venv/bin/pip install pyinstrument     # a developer's tool, not in the requirements
    .venv/bin/python -m benchmarks.profile_page kaart --db /tmp/c6_scale/eu/cluster6.duckdb --runs 3

Renders the page once (cold, not profiled), then profiles `--runs` reruns and prints pyinstrument's
call tree (`--html FILE` writes the interactive one). `--cold` profiles the first render instead.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", help="url path of the page, e.g. kaart")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--role", default="ministerie")
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("--html", type=Path)
    args = parser.parse_args()
    os.environ["C6_DB"] = str(args.db.resolve())

    from pyinstrument import Profiler
    from streamlit import logger as streamlit_logger
    from streamlit.testing.v1 import AppTest

    from tests.e2e.pages import page_specs

    streamlit_logger.set_log_level(logging.ERROR)
    file = next(spec["path"] for spec in page_specs() if spec["url_path"] == args.page)
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    # AppTest runs the script in a thread of its own: profile inside that thread.
    profiler = Profiler(interval=0.001)
    active = {"on": False}
    original = ScriptRunner._run_script

    def profiled(self, rerun_data):
        if not active["on"]:
            return original(self, rerun_data)
        profiler.start()
        try:
            return original(self, rerun_data)
        finally:
            profiler.stop()

    ScriptRunner._run_script = profiled
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    at.query_params["rol"] = args.role
    at.run()
    active["on"] = args.cold
    at.switch_page(str(file)).run()
    assert not at.exception, at.exception
    if not args.cold:
        active["on"] = True
        for _ in range(args.runs):
            at.run()
            assert not at.exception, at.exception
    if args.html:
        args.html.write_text(profiler.output_html())
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
