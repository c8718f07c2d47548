"""Roles in the running app (AppTest): navigation per role, sign-in and demo mode, and confidentiality.

A company session is searched for other companies' confidential data on every page it can open: every
rendered element (text, tables, charts, widgets, sidebar) and the bytes of every download button.
Ministry sessions must see everything.
"""

from __future__ import annotations

import io
import json
import re

import duckdb
import openpyxl
import pandas as pd
import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from monitor import config, formatting
from monitor.access import SUPPRESSED
from tests import shown_tables
from tests.conftest import DASHBOARD, assert_role, visit
from tests.shown_tables import tables
from tests.tables_walk import download_files, map_files, record_media

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-only",
    "client_id": "test",
    "client_secret": "test",
    "server_metadata_url": "https://login.example.invalid/.well-known/openid-configuration",
}
ROLES = (
    "email;role;company;note\n"
    "min@test.invalid;ministerie;;\n"
    "reg@test.invalid;regisseur;;\n"
    "oi@test.invalid;bedrijf;O-I Netherlands B.V.;\n"
    "nobian@test.invalid;bedrijf;Nobian Chemicals B.V.;\n"
)
EMAILS = {"O-I Netherlands B.V.": "oi@test.invalid", "Nobian Chemicals B.V.": "nobian@test.invalid"}


@pytest.fixture
def media(monkeypatch):
    """Keep the media file manager of each AppTest run, to read what download buttons would serve."""
    return record_media(monkeypatch)


@pytest.fixture
def roles_file(tmp_path, monkeypatch):
    path = tmp_path / "roles.csv"
    path.write_text(ROLES, encoding="utf-8")
    monkeypatch.setattr(config, "ROLES_FILE", path)
    return path


def signed_in(email: str | None, logged_in: bool = True) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": logged_in, "email": email} if logged_in else {"is_logged_in": False}
    return at.run()


def known_pages(at: AppTest) -> set[str]:
    """The pages the navigation holds for this session (AppTest lists them when asked for a missing one)."""
    with pytest.raises(ValueError, match="Known pages") as error:
        at.switch_page("tests/conftest.py")  # exists, but is never a page
    return {p.rsplit("/", 1)[-1] for p in re.findall(r"'([^']+\.py)'", str(error.value).split("Known pages")[1])}


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, str):
        if value[:1] in "{[":
            try:  # chart specs are JSON with escaped non-ASCII: decode them
                return [value, *_strings(json.loads(value))]
            except ValueError:
                pass
        return [value]
    return [str(value)]


def rendered(at: AppTest) -> str:
    """Everything on screen: every element's proto as text, and every table's cells as shown."""
    parts, stack = [], [at._tree]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", {}).values())
        if getattr(node, "type", None) in ("arrow_data_frame", "dataframe", "table"):
            parts.append(node.value.to_csv(index=False, sep=";"))
        if getattr(node, "type", None) == "html":
            parts.extend(table.value.to_csv(index=False, sep=";") for table in shown_tables.parse(node.proto.body))
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.extend(_strings(MessageToDict(proto)))
    return "\n".join(parts)


def downloads(at: AppTest, managers) -> dict[str, str]:
    """key -> decoded text of every CSV download button of the last run (XLSX: the cell values as text), and
    of every file the map's layers are drawn from (key 'kaart:<layer>'): what the page serves besides itself."""
    out = {}
    for key, (name, content) in download_files(at, managers).items():
        out[key] = content.decode("utf-8-sig") if not name.endswith(".xlsx") else xlsx_text(content)
    assert out, "no download buttons found"
    out.update({f"kaart:{layer}": content.decode() for layer, content in map_files(at, managers).items()})
    return out


def xlsx_text(content: bytes) -> str:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return "\n".join(";".join("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True))


def secrets_of_others(db, company: str) -> list[re.Pattern]:
    """Patterns of what `company` must never see of other companies: case codes and texts, notes,
    grant codes, project texts and subsidy amounts (raw, CSV and Dutch-formatted)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        cases = con.execute("SELECT case_id, description FROM cases WHERE company <> ?", [company]).fetchall()
        notes = con.execute(
            "SELECT DISTINCT note FROM case_events JOIN cases USING (case_id) WHERE company <> ? AND note LIKE '%geheim%'",
            [company],
        ).fetchall()
        grants = con.execute("SELECT grant_id, project, granted_eur, paid_eur FROM subsidies WHERE company <> ?", [company]).df()
        totals = con.execute(
            "SELECT sum(granted_eur), sum(paid_eur) FROM subsidies WHERE company <> ? GROUP BY grant_id", [company]
        ).fetchall()
        own = con.execute(
            "SELECT granted_eur, paid_eur FROM subsidies WHERE company = ? UNION ALL "
            "SELECT sum(granted_eur), sum(paid_eur) FROM subsidies WHERE company = ? GROUP BY grant_id",
            [company, company],
        ).fetchall()
    finally:
        con.close()
    texts = {t for row in cases for t in row if t} | {n for (n,) in notes if n} | set(grants["grant_id"]) | set(grants["project"])
    amounts = {a for a in pd.concat([grants["granted_eur"], grants["paid_eur"]]) if a >= 10_000} | {
        a for row in totals for a in row if a >= 10_000
    }
    amounts -= {a for row in own for a in row}  # an amount that equals one of the company's own is no leak
    patterns = [re.compile(re.escape(t)) for t in texts]
    for amount in amounts:
        forms = {
            f"{amount:.0f}",
            f"{amount:.1f}".replace(".", ","),
            f"{amount:.1f}",
            formatting.number(amount),
            formatting.euro(amount),
        }
        patterns += [re.compile(rf"(?<![\d.,]){re.escape(f)}(?![\d])") for f in forms]
    return patterns


# 1. Navigation per role, sign-in and demo mode


def test_navigation_per_role(fixture_db, roles_file):
    ministry = signed_in("min@test.invalid")
    assert {"casussen.py", "subsidies.py", "benchmark.py"} <= known_pages(ministry)
    company = signed_in("oi@test.invalid")
    pages = known_pages(company)
    assert "benchmark.py" in pages and not {"casussen.py", "subsidies.py", "laden.py"} & pages


def test_sign_in_required_and_unknown_address_refused(fixture_db, roles_file):
    at = signed_in(None, logged_in=False)
    assert not at.exception
    assert [b.label for b in at.button] == ["Inloggen"]
    assert not at.title or at.title[0].value == "Cluster 6 Monitor"
    at = signed_in("stranger@test.invalid")
    assert any("geen toegang" in e.value for e in at.error)
    assert not tables(at) and not at.metric


def test_demo_mode_banner_picker_and_url(fixture_db):
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    assert any(w.value.startswith("**Demomodus**") for w in at.warning)
    assert at.selectbox(key="demo_role").value == "ministerie"
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["rol"] = "bedrijf"
    at.query_params["bedrijf"] = "Nobian Chemicals B.V."
    at.run()
    assert at.selectbox(key="demo_company").value == "Nobian Chemicals B.V."
    assert_role(at, "bedrijf", "Nobian Chemicals B.V.")
    assert "casussen.py" not in known_pages(at)
    at.run()  # AppTest gives the frame's widgets new ids after the first run: pick only once they are stable
    at.selectbox(key="demo_role").set_value("regisseur").run()
    assert_role(at, "regisseur")
    assert {"casussen.py", "laden.py"} <= known_pages(at)
    visit(at, "pages/laden.py", "regisseur")  # the role survives the page switch
    visit(at, "pages/casussen.py", "regisseur")
    assert at.title[0].value == "Casussen"


def test_demo_company_stays_a_company_on_every_page(fixture_db):
    """A page switch must not turn a company's demo session into the ministry's (AppTest's switch_page
    used to reset the picker to the default role, so role tests silently ran as ministerie)."""
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["rol"] = "bedrijf"
    at.query_params["bedrijf"] = "O-I Netherlands B.V."
    at.run()
    pages = sorted(known_pages(at))
    assert "casussen.py" not in pages and "benchmark.py" in pages
    for page in pages:
        visit(at, f"pages/{page}", "bedrijf", "O-I Netherlands B.V.")


# 2. A company never sees another company's confidential data, on any page or download


@pytest.mark.parametrize("company", ["O-I Netherlands B.V.", "Nobian Chemicals B.V."])
def test_company_sees_nothing_confidential_of_others(fixture_db, roles_file, media, company):
    at = signed_in(EMAILS[company])
    patterns = secrets_of_others(fixture_db, company)
    con = duckdb.connect(str(fixture_db), read_only=True)
    others = [c for (c,) in con.execute("SELECT DISTINCT company FROM installations WHERE company <> ?", [company]).fetchall()]
    own_case = con.execute("SELECT description FROM cases WHERE company = ? LIMIT 1", [company]).fetchone()[0]
    con.close()
    checked = 0
    for page in sorted(known_pages(at)):
        visit(at, f"pages/{page}", "bedrijf", company)
        for where, text in {"page": rendered(at), **downloads(at, media)}.items():
            leaks = [p.pattern for p in patterns if p.search(text)]
            assert not leaks, f"{company} sees confidential data of others on {page} ({where}): {leaks[:5]}"
            if page == "benchmark.py":  # peers are anonymous: no other company's name at all
                named = [c for c in others if c in text]
                assert not named, f"{company} sees peer names on the benchmark ({where}): {named}"
            checked += 1
        if page == "benchmark.py":
            assert own_case in rendered(at), "a company should see its own cases"
    assert checked > 5


def test_small_peer_group_is_suppressed_for_a_company(fixture_db, roles_file, media):
    at = signed_in(EMAILS["Nobian Chemicals B.V."])
    visit(at, "pages/benchmark.py", "bedrijf", "Nobian Chemicals B.V.")
    files = downloads(at, media)
    nl = next(text for key, text in files.items() if "benchmark_sector_nl_index" in key)
    assert SUPPRESSED in nl  # chemie in the fixture: Frisia Zout and Purac besides Nobian
    assert not re.search(r";\d+,\d+;", nl.split("\n", 1)[1]), "quantiles of a suppressed group leaked"
    assert any(SUPPRESSED in i.value for i in at.info)


# 3. The ministry sees everything


def test_ministry_sees_every_case_and_recipient(fixture_db, roles_file, media):
    at = signed_in("min@test.invalid")
    con = duckdb.connect(str(fixture_db), read_only=True)
    all_cases = {c for (c,) in con.execute("SELECT case_id FROM cases").fetchall()}
    recipients = {c for (c,) in con.execute("SELECT DISTINCT company FROM subsidies").fetchall()}
    con.close()
    visit(at, "pages/casussen.py", "ministerie")
    table = next(d.value for d in tables(at) if "omschrijving" in d.value.columns)
    assert set(table["casus"]) == all_cases
    assert at.metric[0].value == formatting.number(len(all_cases))
    visit(at, "pages/subsidies.py", "ministerie")
    assert set(tables(at)[-1].value["bedrijf"]) == recipients
    visit(at, "pages/benchmark.py", "ministerie")
    at.selectbox(key="bench_company").set_value("Nobian Chemicals B.V.").run()
    assert "VOORBEELD - geheime tekst Nobian" in rendered(at)
    assert not any(SUPPRESSED in text for text in downloads(at, media).values()), "the ministry sees every group"
