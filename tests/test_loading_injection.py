"""No SQL is built from user-provided strings: a value like `x'); DROP TABLE emissions; --` goes through the
loader (as a key, a free text, a source and a file name) and through the app's query functions, and
every table is still there with every row."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl import load
from etl.contracts import ContractError
from monitor.access import MINISTRY, Viewer
from monitor.queries import benchmark, cases, emissions

INJECTION = "x'); DROP TABLE emissions; --"
QUOTED = INJECTION.replace('"', '""')


def snapshot(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
        return {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}
    finally:
        con.close()


@pytest.fixture
def db(scratch_db, monkeypatch) -> Path:
    monkeypatch.setenv("C6_DB", str(scratch_db))
    return scratch_db


def test_injection_through_the_loader_is_stored_as_text(db, tmp_path):
    before = snapshot(db)
    cases_file = tmp_path / "cases.csv"
    cases_file.write_text(
        "case_id;company;province;sector;route;bottleneck;status;opened_on;description;source\n"
        f'"{QUOTED}";Nobian Chemicals B.V.;Overijssel;chemie;elektrificatie;netcongestie;aangemeld;01-03-2024;"{QUOTED}";"{QUOTED}"\n',
        encoding="utf-8",
    )
    load.load_file("cases", cases_file, db, display_name=f"{INJECTION}.csv", keep=False)
    events_file = tmp_path / "events.csv"
    events_file.write_text(f'case_id;event_date;status\n"{QUOTED}";01-03-2024;aangemeld\n', encoding="utf-8")
    load.load_file("case_events", events_file, db, keep=False)

    after = snapshot(db)
    assert after["emissions"] == before["emissions"] and after.keys() == before.keys()
    assert after["cases"] == before["cases"] + 1
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT case_id, description, source FROM cases WHERE case_id = ?", [INJECTION]).fetchone() == (
        INJECTION,
        INJECTION,
        INJECTION,
    )
    assert con.execute("SELECT source_file FROM load_log ORDER BY load_id DESC LIMIT 2").fetchall()[1] == (f"{INJECTION}.csv",)
    con.close()

    # and loading it again replaces it: the DELETE of the same source binds the value too
    load.load_file("cases", cases_file, db, display_name=f"{INJECTION}.csv", keep=False)
    assert snapshot(db)["cases"] == after["cases"]


def test_injection_as_a_refused_value_is_quoted_in_the_message(db, tmp_path):
    before = snapshot(db)
    bad = tmp_path / "emissies.csv"
    bad.write_text(f'installation_id,year,verified_t_co2\n"{QUOTED}",2020,100\n', encoding="utf-8")
    with pytest.raises(ContractError) as refusal:
        load.load_file("emissions", bad, db)
    assert str(refusal.value).endswith(f"onbekende installatie; niet gevonden in de database (waarde: '{INJECTION}')")
    assert snapshot(db) == before


def test_injection_through_the_query_functions(db, tmp_path):
    before = snapshot(db)
    as_company = Viewer("bedrijf", company=INJECTION)
    assert cases.status_counts(as_company).empty
    assert cases.for_company(as_company, INJECTION).empty
    assert cases.history(MINISTRY, INJECTION).empty
    assert benchmark.company_installations(INJECTION).empty
    assert emissions.cluster6_year(2024, (INJECTION,))["verified_t_co2"] == 0
    assert emissions.cluster6_year(2024)["verified_t_co2"] > 0  # the tables are still there and full
    assert snapshot(db) == before
