"""The demo-mode company picker stays small at any size: at most PICKER_LIMIT companies (plus the chosen
one), found by the server-side search; a deep link to any company still works. The fixture has fewer
companies than the limit, so the limit is lowered here."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from monitor import session
from tests.conftest import assert_role, visit

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
    assert session.company_choices(names[:40], names[0], "") == names[:40]  # few companies: all of them
    shown = session.company_choices(names, "Bedrijf 4321", "")
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
