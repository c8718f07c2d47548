import duckdb

from tests.conftest import FIXTURE_IDS


def test_fixture_build(fixture_db):
    con = duckdb.connect(str(fixture_db), read_only=True)
    n = con.execute("SELECT count(*) FROM installations").fetchone()[0]
    assert n == len(FIXTURE_IDS) == 33
