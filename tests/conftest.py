"""Shared fixtures: a small data folder cut from the shipped data, and a database built from it by the
real loader. Tests never touch data/cluster6.duckdb and never use the network."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from etl import load

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DASHBOARD = str(ROOT / "dashboard.py")

# Installations in the fixture (33): a few per sector, inside and outside Cluster 6, offshore, energy,
# greenhouse, 'Excluded' and 'not reported' values, and the three public Actieplan 2.0 examples.
FIXTURE_IDS = (
    "NL_214082",
    "NL_216580",
    "NL_106",
    "NL_102",
    "NL_151",
    "NL_132",
    "NL_131",
    "NL_210396",
    "NL_140",
    "NL_141",
    "NL_112",
    "NL_203796",
    "NL_144",
    "NL_204761",
    "NL_11",
    "NL_203",
    "NL_324",
    "NL_384",
    "NL_73",
    "NL_81",
    "NL_178",
    "NL_138",
    "NL_44",
    "NL_63",
    "NL_120",
    "NL_135",
    "NL_105",
    # issue 8, one per class of the delimitation: a city-only location named after its area (EemsEnergy
    # Terminal), a greenhouse grower without NACE (Nico Kiep), a plant in a cluster municipality but outside its
    # areas (VDL Nedcar, Born), Zwijndrecht treated like Dordrecht (Ashland; Dordrecht's chemistry is left out
    # to keep the chemie peer group of the benchmark tests small), a programme partner (Lamb Weston Kruiningen), a non-industrial one (UMCU)
    "NL_218240",
    "NL_289",
    "NL_362",
    "NL_322",
    "NL_55",
    "NL_393",
)


def _subset_csv(source: Path, target: Path, id_column: str, ids: set[str], keep_aircraft: bool = False) -> None:
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    if id_column == "InstallationOrAircraftOperatorID":
        aircraft = frame.index[frame["MainActivityTypeCode"] == "10"][: 1 if keep_aircraft else 0]
        keep = ("NL_" + frame[id_column]).isin(ids) | frame.index.isin(aircraft)  # one aircraft operator, to be left out
    else:
        keep = frame[id_column].isin(ids)
    frame[keep].to_csv(target, index=False)


def make_data_dir(target: Path, ids: tuple[str, ...] = FIXTURE_IDS) -> Path:
    """A data/ folder with only `ids`, the shipped reference files and the test case/subsidy files."""
    wanted = set(ids)
    (target / "raw").mkdir(parents=True)
    _subset_csv(
        DATA / "raw/eutl_installations_nl.csv",
        target / "raw/eutl_installations_nl.csv",
        "InstallationOrAircraftOperatorID",
        wanted,
        keep_aircraft=True,
    )
    _subset_csv(
        DATA / "raw/eutl_verified_nl_2022_2025.csv", target / "raw/eutl_verified_nl_2022_2025.csv", "installation_id", wanted
    )
    _subset_csv(DATA / "raw/installation_to_nace_nl.csv", target / "raw/installation_to_nace_nl.csv", "installation_id", wanted)
    _subset_csv(DATA / "raw/installation_coordinates_nl.csv", target / "raw/installation_coordinates_nl.csv", "id", wanted)
    if (DATA / "raw/eu_peers_activity.csv").exists():  # EU peer distributions (public, already aggregated)
        shutil.copy(DATA / "raw/eu_peers_activity.csv", target / "raw/eu_peers_activity.csv")
    for name in ("gemeente_2025.geojson", "provinces_2025.geojson"):
        shutil.copy(DATA / "raw" / name, target / "raw" / name)
    shutil.copytree(DATA / "reference", target / "reference")
    overrides = pd.read_csv(target / "reference/installation_overrides.csv", sep=";", dtype=str, keep_default_na=False)
    overrides[overrides["installation_id"].isin(wanted)].to_csv(
        target / "reference/installation_overrides.csv", sep=";", index=False
    )
    shutil.copytree(FIXTURES / "sample", target / "sample")
    return target


def assert_role(at: AppTest, role: str, company: str | None = None) -> None:
    """The run really was `role` (and `company`): the session's Viewer and, in demo mode, the picker.

    AppTest's switch_page runs the frame under another script hash, which gives its widgets new ids; a
    test that does not check this may silently run as the default role (ministerie)."""
    viewer = at.session_state["c6_viewer"]
    assert (viewer.role, viewer.company) == (role, company), f"ran as {viewer.role}/{viewer.company}, not {role}/{company}"
    pickers = [s for s in at.selectbox if s.key == "demo_role"]  # AppTest drops the frame's sidebar after a switch
    if pickers:
        assert pickers[0].value == role


def visit(at: AppTest, page: str, role: str | None = None, company: str | None = None) -> AppTest:
    """Switch to `page`, run it, and assert it ran without exception as `role` (default: the role before)."""
    before = at.session_state["c6_viewer"]
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert_role(at, role or before.role, company if role else before.company)
    return at


def open_page(page: str | None = None, params: dict | None = None) -> AppTest:
    """Run the dashboard with `params` in the URL, then switch to `page` (e.g. "pages/kaart.py"); the role
    in the URL (`rol`, `bedrijf`; default ministerie) is asserted on every page."""
    params = params or {}
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    role = params.get("rol", "ministerie")
    assert_role(at, role, params.get("bedrijf") if role == "bedrijf" else None)
    if page:
        visit(at, page)
    return at


@pytest.fixture(autouse=True)
def every_section_open(request, monkeypatch):
    """AppTest runs the app in this process: with sections.OPEN_ALL every lazy tab and expander builds its
    content, so the page tests see all of it. Tests marked `lazy` check the app as it runs for a reader."""
    if "lazy" not in request.keywords:
        from monitor import sections

        monkeypatch.setattr(sections, "OPEN_ALL", True)


@pytest.fixture(scope="session")
def fixture_data(tmp_path_factory) -> Path:
    return make_data_dir(tmp_path_factory.mktemp("fixture") / "data")


@pytest.fixture(scope="session")
def fixture_db(fixture_data, tmp_path_factory) -> Path:
    """The fixture database, built once per session by the real loader; C6_DB points at it."""
    db = tmp_path_factory.mktemp("db") / "cluster6.duckdb"
    load.build(db, fixture_data)
    os.environ["C6_DB"] = str(db)
    return db


@pytest.fixture
def scratch_db(fixture_data, tmp_path) -> Path:
    """A fresh database per test, for tests that load into or damage it."""
    db = tmp_path / "cluster6.duckdb"
    load.build(db, fixture_data)
    return db
