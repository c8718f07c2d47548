"""The public view (C6_PUBLIC=1): only public data, on every page and in every download.

Walks every page of the public navigation, with every map layer it offers and the URL asking for the
confidential ones, and searches what is rendered and the bytes of every download for case codes, case
texts, grant codes, project texts and subsidy amounts of any company (read from the database), sample
marks, euro amounts and the (sample) provincial contact points.
"""

from __future__ import annotations

import re

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from monitor import config
from monitor.access import PUBLIC, Viewer
from tests.conftest import DASHBOARD
from tests.shown_tables import tables
from tests.test_app_roles import AUTH, downloads, known_pages, media, rendered, secrets_of_others  # noqa: F401 - media is a fixture

PUBLIC_PAGES = {"overzicht.py", "kaart.py", "sectoren.py", "benchmark.py", "bronnen.py"}


def public_app(monkeypatch, params: dict | None = None, value: str = "1") -> AppTest:
    monkeypatch.setenv("C6_PUBLIC", value)
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    for key, param in (params or {}).items():
        at.query_params[key] = param
    return at.run()


def forbidden(db) -> list[re.Pattern]:
    patterns = secrets_of_others(db, "")  # every company's case codes and texts, grants, projects, amounts
    con = duckdb.connect(str(db), read_only=True)
    try:
        contacts = [c for (c,) in con.execute("SELECT DISTINCT organisation FROM province_contacts").fetchall() if c]
        cases = [c for (c,) in con.execute("SELECT case_id FROM cases").fetchall()]
    finally:
        con.close()
    assert cases and contacts
    patterns += [re.compile(re.escape(c)) for c in contacts]
    patterns += [
        re.compile(r"voorbeeld", re.IGNORECASE),
        re.compile("€"),
        re.compile(r"\bcase_id\b|granted_eur|paid_eur|is_sample"),
    ]
    return patterns


def test_public_mode_is_only_ever_explicit(monkeypatch):
    monkeypatch.delenv("C6_PUBLIC", raising=False)
    assert config.public_mode() is False
    for value, expected in (("1", True), ("ja", True), ("true", True), ("0", False), ("", False), ("nee", False)):
        monkeypatch.setenv("C6_PUBLIC", value)
        assert config.public_mode() is expected, value
    monkeypatch.setenv("C6_PUBLIC", "openbaar")
    with pytest.raises(ValueError, match="onduidelijk"):
        config.public_mode()
    assert Viewer(PUBLIC).scope() == (False, None)  # every confidential query: no rows


def test_a_typo_or_a_clash_with_sign_in_stops_the_app(fixture_db, monkeypatch):
    at = public_app(monkeypatch, value="jaa")
    assert any("onduidelijk" in e.value for e in at.error)
    assert not tables(at) and not at.metric
    monkeypatch.setenv("C6_PUBLIC", "1")
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.run()
    assert any("allebei ingesteld" in e.value for e in at.error)
    assert not tables(at) and not at.metric


def test_without_c6_public_a_url_cannot_ask_for_the_public_view(fixture_db, monkeypatch):
    monkeypatch.delenv("C6_PUBLIC", raising=False)
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["rol"] = PUBLIC
    at.run()
    assert at.selectbox(key="demo_role").value == "ministerie"  # demo mode, as without the parameter
    assert not any("Openbare weergave" in i.value for i in at.info)


def test_public_navigation_has_only_public_pages(fixture_db, monkeypatch):
    at = public_app(monkeypatch)
    assert not at.exception
    assert known_pages(at) == PUBLIC_PAGES
    assert any(i.value.startswith("**Openbare weergave**") for i in at.info)
    assert not any("Demomodus" in w.value for w in at.warning)
    assert not [s for s in at.selectbox if s.key in ("demo_role", "demo_company")]
    assert at.metric  # the public figures are there


def test_no_case_subsidy_sample_or_contact_data_on_any_public_page(fixture_db, monkeypatch, media):  # noqa: F811 - the fixture
    patterns = forbidden(fixture_db)
    at = public_app(monkeypatch, {"lagen": "casussen,subsidies,grote clusters,regioaanpak", "kleur": "knelpunt"})
    checked = 0
    for page in sorted(PUBLIC_PAGES):
        at.switch_page(f"pages/{page}").run()
        assert not at.exception, page
        if page == "benchmark.py":  # a company with cases and grants in the fixture
            at.selectbox(key="bench_company").set_value("Nobian Chemicals B.V.").run()
        if page == "kaart.py":
            assert at.get("button_group")[0].proto.options, "layer pills"
            assert not {"casussen", "subsidies"} & {o.content for o in at.get("button_group")[0].proto.options}
        for where, text in {"page": rendered(at), **downloads(at, media)}.items():
            leaks = [p.pattern for p in patterns if p.search(text)]
            assert not leaks, f"public view shows confidential data on {page} ({where}): {leaks[:5]}"
            checked += 1
    assert checked > 10
