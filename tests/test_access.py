"""Unit tests of the access layer: disclosure control, the roles file, the scope of confidential queries,
and the EU peer file (groups of fewer than 3 companies are never shipped)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from etl import eu_peers
from monitor import session
from monitor.access import MIN_COMPANIES, MINISTRY, SUPPRESSED, Viewer, suppress_small

COMPANY = Viewer("bedrijf", "O-I Netherlands B.V.")


def frame() -> pd.DataFrame:
    return pd.DataFrame({"group": list("abcd"), "companies": [1, 2, 3, 7], "value": [10.0, 20.0, 30.0, 40.0]})


def test_company_sees_groups_below_three_companies_suppressed():
    out = suppress_small(frame(), COMPANY, "companies", ("value",))
    assert out["value"].tolist() == [SUPPRESSED, SUPPRESSED, 30.0, 40.0]
    assert out["companies"].tolist() == [SUPPRESSED, SUPPRESSED, 3, 7]
    assert out["group"].tolist() == list("abcd")  # labels stay: the group exists, its figures do not
    assert MIN_COMPANIES == 3


def test_ministry_and_regisseur_see_everything_and_input_is_untouched():
    original = frame()
    for viewer in (MINISTRY, Viewer("regisseur")):
        pd.testing.assert_frame_equal(suppress_small(original, viewer, "companies", ("value",)), frame())
    suppress_small(original, COMPANY, "companies", ("value",))
    pd.testing.assert_frame_equal(original, frame())


def test_suppressed_frame_downloads_without_the_values():
    text = suppress_small(frame(), COMPANY, "companies", ("value",)).to_csv(index=False, sep=";")
    assert "10.0" not in text and "20.0" not in text and text.count(SUPPRESSED) == 4


def test_viewer_rules():
    assert COMPANY.scope() == (False, "O-I Netherlands B.V.")
    assert MINISTRY.scope() == (True, None)
    with pytest.raises(ValueError):
        Viewer("bedrijf")
    with pytest.raises(ValueError):
        Viewer("beheerder")


def test_roles_file_maps_email_to_role_and_company(tmp_path):
    path = tmp_path / "roles.csv"
    path.write_text(
        "email;role;company;note\n"
        "Anna@Minezk.NL;ministerie;;\n"
        "piet@oi.example;bedrijf;O-I Netherlands B.V.;\n"
        "zonder@bedrijf.example;bedrijf;;rol bedrijf zonder bedrijf\n"
        "raar@x.example;beheerder;;onbekende rol\n",
        encoding="utf-8",
    )
    roles = session.read_roles(path)
    assert session.viewer_for_email("anna@minezk.nl", roles) == Viewer("ministerie", None, "anna@minezk.nl")
    assert session.viewer_for_email(" PIET@oi.example ", roles).company == "O-I Netherlands B.V."
    assert session.viewer_for_email("zonder@bedrijf.example", roles) is None
    assert session.viewer_for_email("raar@x.example", roles) is None
    assert session.viewer_for_email("onbekend@x.example", roles) is None
    assert session.viewer_for_email(None, roles) is None


def test_shipped_roles_file_has_only_marked_demo_accounts():
    roles = pd.read_csv(Path(session.config.ROLES_FILE), sep=";", dtype=str, keep_default_na=False)
    assert set(roles.columns) >= {"email", "role", "company", "note"}
    assert roles["email"].str.endswith(".invalid").all(), "shipped accounts must be unusable demo addresses"
    assert roles["note"].str.startswith("VOORBEELD").all()


def test_every_confidential_query_carries_the_scope_condition():
    """Every query of monitor/queries that reads cases, case_events or subsidies binds the viewer scope."""
    checked = 0
    confidential = re.compile(r"\b(FROM|JOIN)\s+(cases|case_events|subsidies)\b", flags=re.I)
    for path in sorted((Path(session.config.PROJECT_ROOT) / "monitor" / "queries").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        literals = re.findall(r'query\(\s*f?"""(.*?)"""', source, flags=re.S) + re.findall(r'query\(\s*f?"([^"\n]+)"', source)
        if path.stem in ("cases", "subsidies") or any(confidential.search(sql) for sql in literals):
            assert source.count("query(") == len(literals), f"{path.stem}: a query not written as a literal"
        for sql in literals:
            if confidential.search(sql):
                assert "(? OR company = ?)" in sql, f"{path.stem}: query without the viewer scope:\n{sql}"
                checked += 1
    assert checked >= 15


def _eu_file(path: Path) -> Path:
    """A tiny EU export: activity 32 with three holders in DE, two holders only in activity 36,
    an aircraft operator and an NL row that must both be left out."""
    rows = []
    for i, (registry, code, holder, v2019, v2022) in enumerate(
        [
            ("DE", "32", "A", 100, 80),
            ("DE", "32", "B", 100, 100),
            ("FR", "32", "C", 100, 120),
            ("FR", "36", "D", 100, 50),
            ("FR", "36", "D", 100, 50),
            ("IT", "36", "E", 100, 50),
            ("DE", "10", "F", 100, 10),
            ("NL", "32", "G", 100, 1),
        ]
    ):
        row = {"id": f"{registry}-{i}", "MainActivityTypeCode": code, "AccountHolderName": holder}
        for year in eu_peers.YEARS:
            row[f"VerifiedEmissions_{year}"] = {2019: str(v2019), 2022: str(v2022)}.get(year, "NA")
            row[f"FreeAllocations_{year}"] = "100" if year == 2022 else "Excluded"
        rows.append(row)
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_eu_peers_aggregates_without_aircraft_nl_or_small_groups(tmp_path):
    out = eu_peers.make(_eu_file(tmp_path / "all.csv"))
    assert set(out["eu_activity"]) == {32}, "activity 36 has two holders only: not shipped"
    index = out[(out["measure"] == "index") & (out["baseline_year"] == 2019) & (out["year"] == 2022)].iloc[0]
    assert (index["installations"], index["companies"], index["p50"]) == (3, 3, 1.0)  # 0.8, 1.0, 1.2: NL's 0.01 left out
    assert index["p25"] == pytest.approx(0.9)
    ratio = out[out["measure"] == "ratio"]
    assert ratio["year"].tolist() == [2022] and ratio["p50"].iloc[0] == 1.0


def test_a_page_never_runs_before_the_role_is_known(fixture_db):
    """A deep link to a fresh server runs the page file without the frame; the page must go through the
    frame (sign-in or demo picker) before any confidential query, not fall back to a default role."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import DASHBOARD

    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["rol"] = "regisseur"  # the one role with the upload page
    at.switch_page("pages/laden.py")  # before the first run: the page is the first thing this session runs
    at.run()
    assert not at.exception
    assert at.session_state["c6_viewer"].role == "regisseur"  # the frame ran and decided the role
    assert [t.value for t in at.title] == ["Bestand laden"]
    assert at.selectbox(key="f_year") is not None  # and drew its sidebar
