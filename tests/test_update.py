"""The yearly EU update (`python -m etl update FILE`) on a publication shaped like the real one.

tests/fixtures/registry/ holds verified_emissions_2025_en.xlsx (and the same table as CSV), written by
tools/make_registry_fixture.py: a later extract of the 2025 publication for the fixture installations
in which NL_384 and NL_81 reported 2025 late, NL_73's account closed, NL_131's 2023 and NL_144's 2024
were revised and NL_230001 is new. Expected figures come from the fixture file itself (read with plain
pandas) and from SQL on the database, never from the code under test.
"""

from __future__ import annotations

import hashlib
import shutil
import urllib.error
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl import load, update
from etl.__main__ import main
from etl.sources import union_registry
from tests.conftest import FIXTURES, open_page

XLSX = FIXTURES / "registry/verified_emissions_2025_en.xlsx"
CSV = FIXTURES / "registry/verified_emissions_2025_en.csv"


@pytest.fixture(scope="module")
def built(fixture_data, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("update") / "cluster6.duckdb"
    load.build(db, fixture_data)
    return db


@pytest.fixture
def scratch_db(built, tmp_path) -> Path:
    """A fresh copy of the fixture database per test (a copy: quicker than a build per test)."""
    db = tmp_path / "cluster6.duckdb"
    shutil.copyfile(built, db)
    return db


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fixture_value(installation_id: str, year: int) -> float:
    """A verified figure straight from the fixture file (independent of the reader under test)."""
    frame = pd.read_csv(CSV, dtype=str)
    row = frame[(frame["REGISTRY_CODE"] == "NL") & ("NL_" + frame["INSTALLATION_IDENTIFIER"] == installation_id)]
    return float(row.iloc[0][f"VERIFIED_EMISSIONS_{year}"])


def sql(db: Path, query: str, params=None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query, params or []).fetchall()
    finally:
        con.close()


def test_xlsx_as_published_and_csv_read_the_same():
    from_xlsx, from_csv = union_registry.read(XLSX), union_registry.read(CSV)
    assert from_xlsx.extracted_on.isoformat() == "2026-10-01"  # from the 'Read Me' sheet
    assert from_xlsx.years == tuple(range(2008, 2026))
    pd.testing.assert_frame_equal(from_xlsx.installations, from_csv.installations)
    pd.testing.assert_frame_equal(from_xlsx.emissions, from_csv.emissions)
    # Only NL operator holding accounts: the German, Belgian and aircraft rows are left out.
    assert from_xlsx.left_out == {"ander land": 2, "geen installatie (ander rekeningtype)": 1}
    assert not from_xlsx.installations["installation_id"].isin(["NL_999001", "NL_1624", "NL_1200"]).any()


def test_a_changed_layout_is_named_and_loads_nothing(scratch_db, tmp_path, capsys):
    frame = pd.read_csv(CSV, dtype=str)
    frame.rename(columns={"INSTALLATION_IDENTIFIER": "INSTALLATION_ID"}).to_csv(
        tmp_path / "verified_emissions_2026_en.csv", index=False
    )
    before = sha(scratch_db)
    assert main(["--db", str(scratch_db), "update", str(tmp_path / "verified_emissions_2026_en.csv"), "--yes"]) == 1
    err = capsys.readouterr().err
    assert "kolomindeling" in err and "INSTALLATION_IDENTIFIER" in err and "ontbreken" in err
    assert sha(scratch_db) == before
    with pytest.raises(union_registry.LayoutError, match="REGISTRY_CODE"):
        (tmp_path / "other.csv").write_text("installation_id,year,verified_t_co2\nNL_144,2024,1\n", encoding="utf-8")
        union_registry.read(tmp_path / "other.csv")


def test_the_diff_names_every_change_and_changes_nothing(scratch_db):
    before = sha(scratch_db)
    diff = update.preview(XLSX, scratch_db)
    assert sha(scratch_db) == before
    assert diff.new_years == []
    assert sorted(diff.late["installation_id"]) == ["NL_384", "NL_81"]
    assert diff.late.set_index("installation_id").loc["NL_384", "new_t"] == fixture_value("NL_384", 2025)
    revised = diff.revised.set_index(["installation_id", "year"])
    assert sorted(revised.index) == [("NL_131", 2023), ("NL_144", 2024)]
    (old,) = sql(scratch_db, "SELECT verified_t_co2 FROM emissions WHERE installation_id = 'NL_131' AND year = 2023")[0]
    assert revised.loc[("NL_131", 2023), "old_t"] == old
    assert revised.loc[("NL_131", 2023), "new_t"] == fixture_value("NL_131", 2023)
    assert diff.new_installations["installation_id"].tolist() == ["NL_230001"]
    assert diff.closed["installation_id"].tolist() == ["NL_73"]
    assert diff.missing.empty
    # Cluster 6's headline figures: 2025 before and after, by SQL on the database before the load.
    ((total_before, missing_before),) = sql(
        scratch_db,
        """SELECT sum(verified_t_co2), count(*) FILTER (WHERE status = 'not reported') FROM emissions
           JOIN installations USING (installation_id) WHERE in_cluster6 AND year = 2025""",
    )
    row = diff.headline.set_index("year").loc[2025]
    assert row["total_t_before"] == total_before and row["not_reported_before"] == missing_before == 3
    added = fixture_value("NL_384", 2025) + fixture_value("NL_81", 2025) + fixture_value("NL_230001", 2025)
    assert row["total_t_after"] == pytest.approx(total_before + added)
    assert row["not_reported_after"] == 0
    assert diff.default_year == (2024, 2025)
    text = update.format_diff(diff)
    assert "NL_131" in text and "98.712 → 101.057 t" in text and "2024 → 2025" in text


def test_update_loads_logs_and_keeps_the_publication(scratch_db):
    diff = update.preview(XLSX, scratch_db)
    report = update.apply(XLSX, diff, scratch_db)
    assert report.kind == "registry"
    ((kind, file, digest, rows),) = sql(
        scratch_db, "SELECT kind, source_file, sha256, rows FROM load_log ORDER BY load_id DESC LIMIT 1"
    )
    assert (kind, file, digest) == ("registry", f"user/registry/{XLSX.name}", sha(XLSX))
    assert rows == sql(scratch_db, "SELECT count(*) FROM emissions WHERE source = ?", [f"union_registry/{XLSX.name}"])[0][0]
    ((vintage,),) = sql(scratch_db, "SELECT vintage FROM sources WHERE source_id = ?", [f"union_registry:{XLSX.name}"])
    assert "01-10-2026" in vintage
    assert sql(scratch_db, "SELECT verified_t_co2, status FROM emissions WHERE installation_id = 'NL_384' AND year = 2025") == [
        (fixture_value("NL_384", 2025), "reported")
    ]
    assert sql(scratch_db, "SELECT count(*) FROM emissions WHERE installation_id = 'NL_73' AND year = 2025") == [(0,)]
    assert sql(scratch_db, "SELECT count(*) FROM data_quality WHERE issue LIKE '% niet gerapporteerd'") == [(0,)]
    assert sql(scratch_db, "SELECT account_status, last_year FROM installations WHERE installation_id = 'NL_73'") == [
        ("closed", 2024)
    ]
    ((location, in_cluster6),) = sql(
        scratch_db, "SELECT location_source, in_cluster6 FROM installations WHERE installation_id = 'NL_230001'"
    )
    assert location == "unplaced" and in_cluster6  # the build's rule for an installation without address
    assert (load.user_dir(scratch_db) / "registry" / XLSX.name).read_bytes() == XLSX.read_bytes()
    # Loading the same publication again changes nothing.
    again = update.preview(XLSX, scratch_db)
    assert again.late.empty and again.revised.empty and again.new_installations.empty and again.headline.empty


def test_a_rebuild_applies_the_kept_publication_again(scratch_db, fixture_data):
    update.apply(XLSX, update.preview(XLSX, scratch_db), scratch_db)
    query = "SELECT installation_id, year, verified_t_co2, status, source FROM emissions ORDER BY ALL"
    loaded = sql(scratch_db, query)
    load.build(scratch_db, fixture_data)
    assert sql(scratch_db, query) == loaded
    assert sql(scratch_db, "SELECT count(*) FROM load_log WHERE kind = 'registry'") == [(1,)]


def test_a_users_own_emissions_figure_stays(scratch_db, fixture_data, tmp_path):
    own = tmp_path / "eigen_emissies.csv"
    own.write_text("installation_id;year;verified_t_co2\nNL_131;2023;99999\n", encoding="utf-8")
    load.load_file("emissions", own, scratch_db)
    diff = update.preview(XLSX, scratch_db)
    assert ("NL_131", 2023) not in set(zip(diff.revised["installation_id"], diff.revised["year"], strict=True))
    update.apply(XLSX, diff, scratch_db)
    query = "SELECT verified_t_co2, source FROM emissions WHERE installation_id = 'NL_131' AND year = 2023"
    assert sql(scratch_db, query) == [(99999.0, own.name)]
    load.build(scratch_db, fixture_data)  # the user's file is loaded after the publication on a rebuild too
    assert sql(scratch_db, query) == [(99999.0, own.name)]


def test_a_database_that_changed_after_the_diff_is_not_updated(scratch_db, tmp_path):
    shown = update.preview(XLSX, scratch_db)
    own = tmp_path / "eigen.csv"
    own.write_text("installation_id;year;verified_t_co2\nNL_384;2025;1000\n", encoding="utf-8")
    load.load_file("emissions", own, scratch_db)
    before = sha(scratch_db)
    with pytest.raises(update.UpdateChanged):
        update.apply(XLSX, shown, scratch_db)
    assert sha(scratch_db) == before
    assert not (load.user_dir(scratch_db) / "registry" / XLSX.name).exists()


def test_the_command_asks_before_loading(scratch_db, capsys):
    before = sha(scratch_db)
    assert main(["--db", str(scratch_db), "update", str(CSV)]) == 0  # stdin is not a terminal under pytest
    out = capsys.readouterr().out
    assert "Laat gerapporteerd: 2" in out and "Niets geladen" in out
    assert sha(scratch_db) == before
    assert main(["--db", str(scratch_db), "update", str(CSV), "--dry-run"]) == 0
    assert sha(scratch_db) == before
    assert main(["--db", str(scratch_db), "update", str(CSV), "--yes"]) == 0
    assert sha(scratch_db) != before
    assert sql(scratch_db, "SELECT count(*) FROM emissions WHERE status = 'not reported' AND year = 2025") == [(0,)]


def test_download_without_network_says_what_to_fetch(tmp_path):
    def offline(url, timeout):
        raise urllib.error.URLError("Name or service not known")

    with pytest.raises(OSError) as raised:
        update.download(2026, tmp_path, opener=offline)
    assert "verified_emissions_2026_en.xlsx" in str(raised.value) and union_registry.PAGE_URL in str(raised.value)
    assert not list(tmp_path.iterdir())


def test_download_finds_the_link_on_the_registry_page(tmp_path):
    class Response:
        def __init__(self, body: bytes):
            self.body = body

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self):
            return self.body

    asked = []

    def fake(url, timeout):
        asked.append(url)
        if url == union_registry.PAGE_URL:
            return Response(b'<a href="/document/download/abc_en?filename=verified_emissions_2026_en.xlsx">2026</a>')
        return Response(XLSX.read_bytes())

    path = update.download(2026, tmp_path, opener=fake)
    assert asked[1] == "https://climate.ec.europa.eu/document/download/abc_en?filename=verified_emissions_2026_en.xlsx"
    assert path.read_bytes() == XLSX.read_bytes()


def test_after_an_update_completing_2025_the_default_year_is_2025(scratch_db, monkeypatch):
    monkeypatch.setenv("C6_DB", str(scratch_db))
    at = open_page()
    assert at.selectbox(key="f_year").value == 2024  # 2025 is not complete yet: 3 Cluster 6 installations missing
    update.apply(XLSX, update.preview(XLSX, scratch_db), scratch_db)
    at = open_page()
    assert at.selectbox(key="f_year").value == 2025
    assert not any("onvolledig" in element.value for element in [*at.warning, *at.caption])
