"""The upload page (pages/laden.py) with AppTest, and its logic (etl/upload.py) directly: recognise the
kind, preview, the validation report of a broken file, confirm, and the load_log entry; no upload for
the role 'bedrijf'."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from etl import load, upload
from monitor import formatting
from monitor.access import Viewer
from tests.conftest import DASHBOARD, ROOT, assert_role
from tests.conftest import open_page as conftest_open_page
from tests.shown_tables import numbers, tables

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGE = "pages/laden.py"


@pytest.fixture
def db(scratch_db, monkeypatch) -> Path:
    monkeypatch.setenv("C6_DB", str(scratch_db))
    return scratch_db


def open_page(query_params: dict | None = None) -> AppTest:
    """The upload page as the clusterregisseur (the only role that loads files), role asserted."""
    return conftest_open_page(PAGE, {"rol": "regisseur", **(query_params or {})})


def upload_file(at: AppTest, path: Path, name: str | None = None) -> AppTest:
    at.file_uploader[0].set_value((name or path.name, path.read_bytes(), "text/csv"))
    return at.run()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- logic ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "columns, kind",
    [
        (["installation_id", "jaar", "verified_t_co2"], "emissions"),
        (["case_id", "event_date", "status"], "case_events"),
        (["casus_id", "bedrijf", "provincie", "sector", "route", "knelpunt", "status", "aangemeld_op"], "cases"),
        (["grant_id", "year", "company", "instrument", "route", "province", "sector", "granted_eur", "paid_eur"], "subsidies"),
        (["target_id", "target_name", "kind", "year", "value", "source"], "targets"),
        (["naam", "waarde"], None),
    ],
)
def test_recognise_the_kind_from_the_columns(columns, kind):
    assert upload.recognise(columns) == kind


def test_check_is_a_dry_run_with_the_loaders_messages(db):
    before = sha(db)
    path = FIXTURES / "broken" / "cases_many_errors.csv"
    result = upload.check("cases", path, path.name, db)
    assert not result.ok and len(result.preview) == 3
    assert result.report[["rij", "kolom", "waarde"]].values.tolist() == [
        [2, "province", "Overijsel"],
        [3, "sector", "glass"],
        [4, "case_id", "U-001"],
    ]
    assert result.report["melding"].tolist()[0] == "onbekende waarde; bedoelde u 'Overijssel'?"
    good = upload.check("cases", FIXTURES / "good" / "twin_nl" / "cases.csv", "cases.csv", db)
    assert good.ok and good.rows == 3
    assert sha(db) == before  # a check changes nothing
    assert not db.with_name(db.name + ".failed.jsonl").exists()  # and is not a failed load


def test_an_unreadable_file_gets_a_report_row_with_its_row_number(db):
    path = FIXTURES / "broken" / "emissions_too_many_cells.csv"
    result = upload.check("emissions", path, path.name, db)
    assert result.preview is None
    row = result.report.iloc[0]
    assert (row["bestand"], row["rij"], row["waarde"]) == ("emissions_too_many_cells.csv", 2, "extra")


def test_save_upload_keeps_only_a_safe_file_name(tmp_path):
    saved = upload.save_upload(b"a,b\n1,2\n", "../../etc/passwd;.csv", tmp_path)
    assert saved.parent.parent == tmp_path and saved.name == "passwd_.csv"


# --- page ----------------------------------------------------------------------------------------------


def test_page_without_a_file_explains_the_columns(db):
    at = open_page()
    assert not at.exception
    assert at.title[0].value == "Bestand laden"
    assert len(at.file_uploader) == 1
    shown = tables(at)[0].value
    assert shown["kolom"].tolist()[:3] == [
        "installation_id (of: installatie_id, id)",
        "year (of: jaar)",
        "verified_t_co2 (of: verified, emissie_t_co2, uitstoot_t_co2)",
    ]


def test_broken_file_shows_every_error_and_no_load_button(db):
    before = sha(db)
    at = open_page()
    at = upload_file(at, FIXTURES / "broken" / "cases_many_errors.csv")
    assert not at.exception
    assert at.selectbox(key=[w.key for w in at.selectbox if w.key and w.key.startswith("upload_kind_")][0]).value == "cases"
    assert any("3 fout(en) — niets geladen." in e.value for e in at.error)
    report = tables(at)[-1].value
    assert report.columns.tolist() == ["bestand", "rij", "kolom", "waarde", "melding"]
    assert numbers(report["rij"]).tolist() == [2, 3, 4]
    preview = next(t for t in tables(at) if t.label == "Voorbeeld van uw bestand")  # the cells in error are marked
    marked_rows = {preview.value["rij"][row] for row, _ in preview.marked}
    assert marked_rows == {"2", "3", "4"} and all(header in preview.headers for _, header in preview.marked)
    assert preview.html.count("c6-mark") == len(preview.marked) and "⚠" in preview.html  # a sign, not only a colour
    assert report["melding"].tolist()[2] == "dubbele sleutel: deze combinatie staat ook in rij 2"
    assert not [b for b in at.button if b.label == "Laden in de database"]
    assert sha(db) == before


def test_good_file_loads_after_confirmation_and_shows_the_load_log_entry(db):
    at = open_page()
    at = upload_file(at, FIXTURES / "good" / "twin_nl" / "cases.csv", "mijn_casussen.csv")
    assert not at.exception
    assert any("Geen fouten: 3 rijen" in s.value for s in at.success)
    con = duckdb.connect(str(db), read_only=True)
    assert (
        con.execute("SELECT count(*) FROM cases WHERE source = 'mijn_casussen.csv'").fetchone()[0] == 0
    )  # not before confirming
    con.close()

    at = [b for b in at.button if b.label == "Laden in de database"][0].click().run()
    assert not at.exception
    assert any("mijn_casussen.csv" in s.value and "3 rijen" in s.value for s in at.success)
    entry = tables(at)[0].value
    con = duckdb.connect(str(db), read_only=True)
    newest = con.execute("SELECT load_id, kind, source_file, rows FROM load_log ORDER BY load_id DESC LIMIT 1").fetchone()
    assert (
        con.execute("SELECT loaded_by FROM load_log ORDER BY load_id DESC LIMIT 1").fetchone()[0]
        == "demomodus, rol regisseur (uploadpagina)"
    )
    rows = con.execute("SELECT case_id FROM cases WHERE source = 'mijn_casussen.csv' ORDER BY 1").fetchall()
    con.close()
    assert tuple(entry.iloc[0][["lading", "soort", "bestand", "rijen"]]) == tuple(
        formatting.number(v) if isinstance(v, int) else v for v in newest
    )
    assert newest[1:] == ("cases", "mijn_casussen.csv", 3)
    assert rows == [("U-001",), ("U-002",), ("U-003",)]
    assert (load.user_dir(db) / "cases" / "mijn_casussen.csv").exists()  # kept for rebuilds
    assert at.file_uploader[0].value is None  # the uploader is emptied


def test_bedrijf_has_no_upload_page(db):
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["rol"] = "bedrijf"
    at.query_params["bedrijf"] = "O-I Netherlands B.V."
    at.run()
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):  # not in this role's navigation
        at.switch_page(PAGE)


def test_the_page_itself_refuses_a_bedrijf_viewer(db):
    at = AppTest.from_file(str(ROOT / PAGE), default_timeout=60)
    at.session_state["c6_viewer"] = Viewer("bedrijf", company="O-I Netherlands B.V.")
    at.run()
    assert not at.exception
    assert at.error[0].value == "Alleen de clusterregisseur kan bestanden laden."
    assert not at.file_uploader


def test_the_ministry_reads_everything_but_does_not_load_files(db):
    """README (roles): ministerie sees everything, regisseur everything plus uploads."""
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    assert_role(at, "ministerie")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)
    page = AppTest.from_file(str(ROOT / PAGE), default_timeout=60)
    page.session_state["c6_viewer"] = Viewer("ministerie")
    page.run()
    assert page.error[0].value == "Alleen de clusterregisseur kan bestanden laden."
    assert not page.file_uploader


def test_kept_files_and_failed_loads_are_listed(db):
    with pytest.raises(ValueError):
        load.load_file("cases", FIXTURES / "broken" / "cases_unknown_route.csv", db)
    load.load_file("subsidies", FIXTURES / "good" / "twin_plain" / "subsidies.csv", db)
    assert upload.kept_files(db)[["soort", "bestand"]].values.tolist() == [["subsidies", "subsidies.csv"]]
    failed = upload.failed_loads(db)
    assert failed.iloc[0]["file"] == "cases_unknown_route.csv" and isinstance(failed, pd.DataFrame)


def test_staged_uploads_are_private_and_pruned(tmp_path):
    import os
    import time

    staging = tmp_path / ".upload_staging"
    old = upload.save_upload(b"a,b\n1,2\n", "oud.csv", staging)
    long_ago = time.time() - upload.STAGING_MAX_AGE_S - 60
    os.utime(old.parent, (long_ago, long_ago))
    new = upload.save_upload(b"a,b\n3,4\n", "nieuw.csv", staging)
    assert not old.exists() and new.exists()
    assert (staging.stat().st_mode & 0o777) == 0o700
    upload.discard_upload(new)
    assert not new.parent.exists()


@pytest.mark.parametrize(
    "name, message",
    [
        (  # once a traceback from the csv module that crashed the page
            "cases_cell_over_csv_limit.csv",
            "geen leesbare CSV: een cel is langer dan 131.072 tekens; is een heel document in één cel geplakt?",
        ),
        ("subsidies_nan.csv", "geen geldig getal (bijv. 1234,5 of 1.234,5)"),  # once a raw DuckDB "Constraint Error"
    ],
)
def test_a_file_that_once_crashed_the_page_is_reported_in_the_loaders_format(db, name, message):
    before = sha(db)
    at = upload_file(open_page(), FIXTURES / "broken" / name)
    assert not at.exception
    assert_role(at, "regisseur")
    assert any("niets geladen" in e.value for e in at.error)
    report = tables(at)[-1].value
    assert report.columns.tolist() == ["bestand", "rij", "kolom", "waarde", "melding"]
    assert report["melding"].tolist() == [message]
    assert report["bestand"].tolist() == [name] and numbers(report["rij"]).tolist() == [2]
    assert sha(db) == before
