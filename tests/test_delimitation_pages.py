"""Issue 8 on the fixture database: the delimitation panel (Overzicht) and the review table (Bronnen en
kwaliteit) show what the installations table says, compared with independent SQL."""

from __future__ import annotations

import duckdb

from monitor.queries import delimitation
from tests.conftest import open_page
from tests.shown_tables import tables


def _sql(db, statement, params=()):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(statement, params).fetchall()


def test_fixture_classes(fixture_db):
    rows = dict(_sql(fixture_db, "SELECT installation_id, membership_rule || '/' || in_cluster6 FROM installations"))
    assert rows["NL_218240"] == "area name/false"  # EemsEnergy Terminal: Eemshaven by its name
    assert rows["NL_289"] == "sector/false"  # greenhouse grower by its name
    assert rows["NL_362"] == "outside clusters/true"  # VDL Nedcar in Born (Sittard-Geleen), not Chemelot
    assert rows["NL_322"] == "area/false"  # Ashland Zwijndrecht, like Dordrecht
    assert rows["NL_55"] == "partner/false"  # Lamb Weston Kruiningen
    assert rows["NL_393"] == "sector/false"  # UMC Utrecht: not industry


def test_counts_are_installations_and_operators(fixture_db):
    expected = _sql(
        fixture_db,
        "SELECT count(*), count(DISTINCT company) FROM emissions e JOIN installations i USING (installation_id) "
        "WHERE i.in_cluster6 AND e.year = 2024 AND e.verified_t_co2 > 0",
    )[0]
    assert tuple(delimitation.counts(2024).values()) == expected
    by_year = delimitation.counts_by_year(2023, 2024).set_index("year")
    ets = _sql(fixture_db, "SELECT count(*) FROM emissions WHERE year = 2023 AND verified_t_co2 > 0")[0][0]
    assert by_year.loc[2023, "ets_installations"] == ets
    assert by_year.loc[2024, "installations"] == expected[0]
    rules = delimitation.rule_counts(2024)
    assert rules["installations"].sum() == _sql(fixture_db, "SELECT count(*) FROM installations")[0][0]
    assert rules.loc[rules["in_cluster6"], "active"].sum() == expected[0]


def test_panel_shows_the_actieplan_comparison_and_the_rules(fixture_db):
    at = open_page(None, {"jaar": "2024"})
    text = " ".join(m.value for m in at.markdown)
    assert "circa 200 ETS-bedrijven" in text and "installaties" in text
    ets_2023 = _sql(fixture_db, "SELECT count(*) FROM emissions WHERE year = 2023 AND verified_t_co2 > 0")[0][0]
    assert f"{ets_2023} Nederlandse installaties" in text
    frames = [d.value for d in tables(at)]
    per_rule = next(f for f in frames if "regel" in f.columns)
    assert "niet-industrieel (zorg, onderwijs, Defensie, luchthaven, veiling)" in set(per_rule["regel"])
    assert "deelnemer van een clusterprogramma (Smart Delta Resources)" in set(per_rule["regel"])
    assert any("vraag" in f.columns and f["vraag"].str.contains("Reimerswaal").any() for f in frames)


def test_review_table_lists_every_installation_to_check(fixture_db):
    at = open_page("pages/bronnen.py")
    expected = {r[0] for r in _sql(fixture_db, "SELECT installation_id FROM installations WHERE needs_review")}
    assert {"NL_218240", "NL_322", "NL_55", "NL_362"} <= expected
    review = next(d.value for d in tables(at) if "te controleren" in d.value.columns or "review_note" in d.value.columns)
    assert set(review["id"]) == expected
    assert any("installation_overrides.csv" in m.value for m in at.markdown)
