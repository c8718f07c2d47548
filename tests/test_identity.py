"""Fail closed: a sign-in configuration that is broken stops the app (never demo mode), demo mode can be
forbidden, and a signed-in person is placed by verified claims, issuer, tenant and stable subject, never by
the e-mail claim alone. Unit tests of monitor.identity and the running app (AppTest)."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from monitor import config, identity
from monitor.access import Viewer
from monitor.identity import AccessRefused, AuthConfigError
from tests.conftest import DASHBOARD
from tests.shown_tables import tables

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-only",
    "client_id": "test",
    "client_secret": "test",
    "server_metadata_url": "https://login.example.invalid/.well-known/openid-configuration",
}
ROLES = pd.DataFrame(
    [
        ("min@test.invalid", "", "ministerie", ""),
        ("oi@test.invalid", "", "bedrijf", "O-I Netherlands B.V."),
        ("pinned@test.invalid", "00000000-aaaa-bbbb-cccc-000000000001", "regisseur", ""),
    ],
    columns=identity.ROLE_COLUMNS,
)
STOPPED = (
    "**De inlog van dit dashboard is verkeerd ingesteld; het dashboard is gestopt.** {detail}.\n\n"
    "Herstel `.streamlit/secrets.toml` (of de omgevingsvariabelen) en start het dashboard opnieuw. "
    "Zonder sectie `[auth]` draait het in demomodus, met een kapotte sectie `[auth]` nooit."
)


# 1. Configuration: demo mode only without [auth]


def test_no_auth_is_demo_mode_unless_forbidden():
    assert identity.check_mode({}, demo_allowed=True, tenants=()) == "demo"
    with pytest.raises(AuthConfigError, match=r"^demomodus is uitgeschakeld \(C6_DEMO=0\) en er is geen inlog ingesteld"):
        identity.check_mode({}, demo_allowed=False, tenants=())
    assert identity.check_mode({"auth": AUTH}, demo_allowed=False, tenants=()) == "signin"


@pytest.mark.parametrize(
    "auth, missing",
    [
        ({k: v for k, v in AUTH.items() if k != "client_secret"}, "auth.client_secret"),
        ({k: v for k, v in AUTH.items() if k not in ("cookie_secret", "redirect_uri")}, "auth.redirect_uri, auth.cookie_secret"),
        ({**AUTH, "server_metadata_url": " "}, "auth.server_metadata_url"),
        (
            {"redirect_uri": AUTH["redirect_uri"], "cookie_secret": "x", "microsoft": {"client_id": "c", "client_secret": "s"}},
            "auth.microsoft.server_metadata_url",
        ),
    ],
)
def test_an_incomplete_auth_section_is_an_error_not_demo_mode(auth, missing):
    with pytest.raises(AuthConfigError) as error:
        identity.check_mode({"auth": auth}, demo_allowed=True, tenants=())
    assert str(error.value) == f"in [auth] ontbreekt: {missing}"


def test_a_secrets_file_that_does_not_parse_is_an_error(tmp_path):
    broken = tmp_path / "secrets.toml"
    broken.write_text('[auth]\nredirect_uri = "http://localhost:8501/oauth2callback\ncookie_secret = "x"\n', encoding="utf-8")
    with pytest.raises(AuthConfigError, match=rf"^het geheimenbestand {broken} is niet te lezen: "):
        identity.probe_secret_files([str(tmp_path / "missing.toml"), str(broken)])
    good = tmp_path / "good.toml"
    good.write_text("[auth]\n" + "".join(f'{k} = "{v}"\n' for k, v in AUTH.items()), encoding="utf-8")
    assert identity.probe_secret_files([str(good)]) == {"auth": AUTH}


def test_a_multi_tenant_entra_endpoint_needs_a_tenant_pin():
    common = {**AUTH, "server_metadata_url": "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration"}
    with pytest.raises(AuthConfigError, match="Entra-eindpunt voor meerdere tenants; zet C6_TENANTS"):
        identity.check_mode({"auth": common}, demo_allowed=True, tenants=())
    assert identity.check_mode({"auth": common}, demo_allowed=True, tenants=("tenant-1",)) == "signin"


# 2. Identity: verified claims, issuer, tenant, stable subject


def test_a_verified_listed_address_gets_its_role():
    claims = {"email": "min@test.invalid", "email_verified": True, "sub": "x"}
    assert identity.identify(claims, ROLES) == Viewer("ministerie", None, "min@test.invalid")
    assert identity.identify({"email": "OI@test.invalid"}, ROLES).company == "O-I Netherlands B.V."  # no claim sent


@pytest.mark.parametrize("verified", [False, "false", "False", None, 0])
def test_an_unverified_address_gets_no_access(verified):
    with pytest.raises(AccessRefused) as refusal:
        identity.identify({"email": "min@test.invalid", "email_verified": verified, "sub": "x"}, ROLES)
    assert str(refusal.value) == (
        "Het adres min@test.invalid is bij uw inlogdienst niet geverifieerd (email_verified is niet waar). "
        "Zonder geverifieerd adres geeft het dashboard geen toegang."
    )


def test_issuer_and_tenant_must_be_the_configured_ones():
    claims = {"email": "min@test.invalid", "iss": "https://evil.example/v2.0", "tid": "other"}
    with pytest.raises(
        AccessRefused, match=r"^U bent ingelogd bij een inlogdienst die dit dashboard niet vertrouwt \(https://evil"
    ):
        identity.identify(claims, ROLES, issuers=("https://login.microsoftonline.com/t1/v2.0",))
    with pytest.raises(AccessRefused, match=r"^U bent ingelogd in een organisatie \(tenant other\) die geen toegang heeft\.$"):
        identity.identify(claims, ROLES, tenants=("t1",))
    ok = {**claims, "iss": "https://login.microsoftonline.com/t1/v2.0", "tid": "t1"}
    assert identity.identify(ok, ROLES, issuers=(ok["iss"],), tenants=("t1",)).role == "ministerie"


def test_a_subject_row_matches_the_subject_and_never_the_email_alone():
    """nOAuth: in a multi-tenant app anyone can put any address in `email`; a row keyed on `oid`/`sub` holds."""
    pinned = "00000000-aaaa-bbbb-cccc-000000000001"
    assert identity.identify({"email": "other@x.invalid", "oid": pinned, "sub": "s"}, ROLES).role == "regisseur"
    assert identity.identify({"email": "pinned@test.invalid", "sub": pinned}, ROLES).role == "regisseur"
    with pytest.raises(AccessRefused, match=r"^Het adres pinned@test.invalid heeft geen toegang tot dit dashboard\."):
        identity.identify({"email": "pinned@test.invalid", "oid": "attacker-oid", "sub": "attacker"}, ROLES)


def test_roles_file_with_a_subject_column(tmp_path):
    path = tmp_path / "roles.csv"
    path.write_text(
        "email;role;company;note;subject\nA@x.invalid;regisseur;;;  oid-1 \nb@x.invalid;ministerie;;;\n", encoding="utf-8"
    )
    roles = identity.read_roles(path)
    assert roles.values.tolist() == [["a@x.invalid", "oid-1", "regisseur", ""], ["b@x.invalid", "", "ministerie", ""]]
    assert identity.identify({"email": "b@x.invalid"}, roles).role == "ministerie"
    assert identity.identify({"email": "nobody", "sub": "oid-1"}, roles).role == "regisseur"


# 3. The running app stops instead of opening in demo mode


def stopped(at: AppTest) -> str:
    assert not at.exception
    assert not at.metric and not tables(at), "the app must show nothing but the error"
    assert "c6_viewer" not in at.session_state
    return at.error[0].value


def test_app_stops_on_a_secrets_file_that_does_not_parse(fixture_db, tmp_path):
    broken = tmp_path / "secrets.toml"
    broken.write_text("[auth\nclient_id = 'x'\n", encoding="utf-8")
    saved = st_config.get_option("secrets.files")
    st_config.set_option("secrets.files", [str(broken)])
    try:
        at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    finally:
        st_config.set_option("secrets.files", saved)
    message = stopped(at)
    assert message.startswith(STOPPED.format(detail=f"Het geheimenbestand {broken} is niet te lezen: ")[:120])
    assert not any("Demomodus" in w.value for w in at.warning)


def test_app_stops_on_an_incomplete_auth_section(fixture_db):
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.secrets["auth"] = {k: v for k, v in AUTH.items() if k != "client_secret"}
    at.run()
    assert stopped(at) == STOPPED.format(detail="In [auth] ontbreekt: auth.client_secret")


def test_app_stops_when_demo_mode_is_forbidden(fixture_db, monkeypatch):
    monkeypatch.setenv("C6_DEMO", "0")
    assert not config.demo_allowed()
    at = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    assert stopped(at) == STOPPED.format(
        detail="Demomodus is uitgeschakeld (C6_DEMO=0) en er is geen inlog ingesteld ([auth] ontbreekt)"
    )


def test_app_refuses_an_unverified_ministry_address(fixture_db, tmp_path, monkeypatch):
    path = tmp_path / "roles.csv"
    path.write_text("email;role;company;note\nmin@test.invalid;ministerie;;\n", encoding="utf-8")
    monkeypatch.setattr(config, "ROLES_FILE", path)
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "min@test.invalid", "email_verified": False, "sub": "m"}
    at.run()
    assert stopped(at).startswith("Het adres min@test.invalid is bij uw inlogdienst niet geverifieerd")
    assert [b.label for b in at.button] == ["Uitloggen"]
