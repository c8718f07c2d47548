"""The company pickers stay small at any size (monitor.search_box.company_picker): the demo mode's (at most
PICKER_LIMIT companies plus the chosen one) and the Benchmark page's (benchmark.COMPANY_LIMIT), found by
the server-side search; a deep link to any company still works. The fixture has fewer companies than the
limits, so they are lowered here."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from monitor import search_box, session
from monitor.queries import benchmark
from tests.conftest import assert_role, open_page, visit

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
LIMIT = 3


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr(session, "PICKER_LIMIT", LIMIT)


def companies(db) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(c for (c,) in con.execute("SELECT DISTINCT company FROM installations WHERE in_cluster6").fetchall())
    finally:
        con.close()


def test_choices_without_search_are_bounded_and_keep_the_chosen_company():
    names = [f"Bedrijf {i:04d}" for i in range(4900)]
    limit = session.PICKER_LIMIT
    assert search_box.company_choices(names[:40], names[0], "", limit) == names[:40]  # few companies: all of them
    shown = search_box.company_choices(names, "Bedrijf 4321", "", limit)
    assert shown[0] == "Bedrijf 4321" and len(shown) == session.PICKER_LIMIT + 1
    assert shown[1:] == names[: session.PICKER_LIMIT]


def test_picker_lists_few_companies_and_finds_the_others(fixture_db, small_limit):
    everyone = companies(fixture_db)
    assert len(everyone) > LIMIT + 1
    wanted = "Nobian Chemicals B.V."
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["rol"] = "bedrijf"
    at.query_params["bedrijf"] = wanted  # a deep link to a company beyond the first LIMIT still works
    at.run()
    assert not at.exception, at.exception
    assert_role(at, "bedrijf", wanted)
    picker = at.selectbox(key="demo_company")
    assert picker.value == wanted
    assert len(picker.options) == LIMIT + 1 and picker.options[0] == wanted
    at.run()  # the frame's widgets get stable ids after the first run (see test_app_roles)
    at.text_input(key="demo_company_search").input("frisia zuot").run()  # a typo: the server-side search
    options = at.selectbox(key="demo_company").options
    frisia = next(c for c in everyone if c.startswith("Frisia"))
    assert frisia in options and wanted in options and len(options) <= LIMIT + 1
    at.selectbox(key="demo_company").set_value(frisia).run()
    assert not at.exception, at.exception
    assert_role(at, "bedrijf", frisia)
    visit(at, "pages/benchmark.py", "bedrijf", frisia)  # the chosen company survives a page switch


def test_benchmark_lists_every_company_of_the_netherlands(fixture_db):
    """Shipped scale: one list with every company, no search field (nothing changes for an NL register)."""
    at = open_page("pages/benchmark.py")
    picker = at.selectbox(key="bench_company")
    assert picker.options == benchmark.companies() and len(picker.options) <= benchmark.COMPANY_LIMIT
    assert not [t for t in at.text_input if t.key == "bench_company_search"]


def test_benchmark_searches_first_when_the_register_is_large(fixture_db, monkeypatch):
    """More companies than the limit (an EU-sized register): a search field, and never more than the limit
    plus the chosen company in the list; the chosen company stays while another is searched."""
    monkeypatch.setattr(benchmark, "COMPANY_LIMIT", LIMIT)
    everyone = benchmark.companies()
    assert len(everyone) > LIMIT + 1
    at = open_page("pages/benchmark.py")
    picker = at.selectbox(key="bench_company")
    assert picker.options == everyone[:LIMIT] and picker.value == everyone[0]
    at.text_input(key="bench_company_search").input("nobian").run()
    options = at.selectbox(key="bench_company").options
    assert options[0] == everyone[0] and "Nobian Chemicals B.V." in options and len(options) <= LIMIT + 1
    at.selectbox(key="bench_company").set_value("Nobian Chemicals B.V.").run()
    assert not at.exception, at.exception
    assert_role(at, "ministerie", None)
    assert "Nobian" in at.selectbox(key="bench_installation").format_func(at.selectbox(key="bench_installation").value)
