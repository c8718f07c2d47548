"""Who is signed in: the Viewer for this session.

Two modes, decided by `.streamlit/secrets.toml` (monitor.identity checks it and fails closed: a file that
does not parse, an incomplete [auth], or demo mode forbidden by C6_DEMO=0 stops the app):
- **Sign-in** when it has an `[auth]` section: Streamlit's `st.login()` (OIDC). The roles file
  (config.ROLES_FILE, `email;role;company;note[;subject]`) maps the signed-in person (verified e-mail, or
  stable subject) to a role and, for 'bedrijf', a company. Anyone the checks cannot place gets no access.
- **Demo mode** otherwise: a banner says so and a sidebar picker switches role and company. The URL can
  seed the picker (`?rol=bedrijf&bedrijf=O-I Netherlands B.V.`); in sign-in mode those parameters are ignored.

The frame (dashboard.py) calls `sign_in()` once per run, before it builds the navigation; pages call `viewer()`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import streamlit as st

from monitor import config, filters, identity, page_state, public, search_box
from monitor.access import MINISTRY, ROLES, Viewer

STATE_KEY = "c6_viewer"
ROLE_LABELS = {
    "ministerie": "Ministerie (alles)",
    "regisseur": "Clusterregisseur (alles, plus uploads)",
    "bedrijf": "Bedrijf (eigen gegevens)",
}
DEMO_BANNER = (
    "**Demomodus** · er is geen inlog ingesteld (geen `[auth]` in `.streamlit/secrets.toml`). "
    "Kies in de zijbalk een rol om te zien wat die rol ziet. Met inlog bepaalt het rollenbestand wie wat ziet."
)


def viewer() -> Viewer:
    """The Viewer of this session, as decided by `sign_in()` in the frame.

    A page that runs before the frame ever ran in this session (a deep link to a freshly started
    server) is rerun through it first, so no page reads confidential data before the role is known."""
    filters.ensure_frame(STATE_KEY)
    return st.session_state[STATE_KEY]


def requested_page() -> str | None:
    """The page the browser's URL asked for ('casussen'), or None. Streamlit falls back to the default page
    for a page that is not in this session's navigation; this tells which one it was (the page name of
    the run request, else the last path segment of the URL the browser reported)."""
    from urllib.parse import urlparse

    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    name = getattr(getattr(ctx, "pages_manager", None), "intended_page_name", None)
    if name and name.strip("/"):
        return name.strip("/")
    info = getattr(ctx, "context_info", None)
    try:
        url = info.url if info is not None and info.HasField("url") else ""
    except ValueError:
        url = ""
    segment = urlparse(url).path.rstrip("/").rsplit("/", 1)[-1] if url else ""
    return segment or None


def auth_mode() -> str:
    """'signin' when the secrets name a complete [auth], 'demo' when they name none and demo mode is
    allowed. Anything else (a secrets file that does not parse, an incomplete [auth], demo mode forbidden
    by C6_DEMO=0) raises identity.AuthConfigError: the app stops instead of opening in demo mode."""
    from streamlit import config as st_config

    parsed = identity.probe_secret_files(st_config.get_option("secrets.files"))
    secrets = st.secrets if st.secrets.load_if_toml_exists() else parsed
    return identity.check_mode(secrets, config.demo_allowed(), config.allowed_tenants())


def auth_configured() -> bool:
    """True if sign-in is configured; raises identity.AuthConfigError when it is configured wrongly."""
    return auth_mode() == "signin"


def read_roles(path: Path | None = None) -> pd.DataFrame:
    """email (lower case), subject, role, company of the roles file (see monitor.identity.read_roles)."""
    return identity.read_roles(Path(path or config.ROLES_FILE))


def viewer_for_email(email: str | None, roles: pd.DataFrame | None = None) -> Viewer | None:
    """The Viewer the roles file gives this e-mail address (a row without a subject), or None."""
    return identity.viewer_for_email(email, read_roles() if roles is None else roles)


CONFIG_ERROR = (
    "**De inlog van dit dashboard is verkeerd ingesteld; het dashboard is gestopt.** {detail}.\n\n"
    "Herstel `.streamlit/secrets.toml` (of de omgevingsvariabelen) en start het dashboard opnieuw. "
    "Zonder sectie `[auth]` draait het in demomodus, met een kapotte sectie `[auth]` nooit."
)


def sign_in(companies: Sequence[str]) -> Viewer:
    """Decide who is looking, draw the sign-in state or the demo picker, and remember the Viewer.

    `companies` are the choices of the demo picker for the role 'bedrijf'. Stops the run when a
    sign-in is needed or the signed-in address has no role.
    """
    chosen = public.viewer_if_public()  # the public view needs no sign-in: it shows public data only
    if chosen is None:
        try:
            mode = auth_mode()
        except identity.AuthConfigError as error:
            st.error(CONFIG_ERROR.format(detail=str(error)[:1].upper() + str(error)[1:]), icon=":material/block:")
            _stop_without_pages()
        chosen = _signed_in() if mode == "signin" else _demo(companies)
    st.session_state[STATE_KEY] = chosen
    return chosen


def _closed() -> None:
    """The only page of a session that may not see the dashboard: nothing."""


def _stop_without_pages() -> None:
    """Stop the run showing no page list: before st.navigation runs, Streamlit lists pages/ in the sidebar."""
    st.navigation([st.Page(_closed, title="Cluster 6 Monitor", url_path="gesloten")], position="hidden")
    st.stop()


def _provider() -> str | None:
    """st.login() takes a provider name when [auth] has named subsections ([auth.microsoft])."""
    named = [key for key, value in st.secrets["auth"].items() if hasattr(value, "keys")]
    return named[0] if named else None


def _signed_in() -> Viewer:
    if not st.user.is_logged_in:
        st.title("Cluster 6 Monitor")
        st.info("Log in om het dashboard te openen. Uw e-mailadres bepaalt welke gegevens u ziet.", icon=":material/login:")
        if st.button("Inloggen", type="primary", icon=":material/login:"):
            st.login(_provider())
        _stop_without_pages()
    try:
        found = identity.identify(st.user.to_dict(), read_roles(), config.allowed_issuers(), config.allowed_tenants())
    except identity.AccessRefused as refusal:
        st.error(str(refusal), icon=":material/block:")
        st.button("Uitloggen", on_click=st.logout)
        _stop_without_pages()
    with st.sidebar:
        who = f"{found.email} · {found.role}" + (f" · {found.company}" if found.company else "")
        st.caption(f"Ingelogd: {who}")
        st.button("Uitloggen", on_click=st.logout, icon=":material/logout:")
    return found


def _seed_from_url(key: str, param: str, options: list[str], default: str) -> None:
    """Seed a picker from the URL, else from the session's last choice, else the default.

    The last choice is kept under a key of its own: a widget's state goes when its id changes (AppTest's
    switch_page runs the frame under another script hash) and a page switch drops the query string, and
    neither may turn a company's or regisseur's demo session into the ministry's."""
    kept = st.session_state.get(f"{key}_kept")
    if key not in st.session_state:
        raw = st.query_params.get(param)
        st.session_state[key] = raw if raw in options else kept if kept in options else default
    elif st.session_state[key] not in options:
        st.session_state[key] = default
    else:  # re-assert it, so a widget under a new id takes the value instead of its default
        st.session_state[key] = st.session_state[key]


PICKER_LIMIT = 50  # the demo picker lists at most this many companies (a search finds the others)


def _demo(companies: Sequence[str]) -> Viewer:
    _seed_from_url("demo_role", "rol", list(ROLES), "ministerie")
    _seed_from_url("demo_company", "bedrijf", companies, companies[0] if companies else "")
    with st.sidebar:
        st.markdown("**Demomodus** · bekijk het dashboard als")
        role = st.selectbox("Rol", list(ROLES), format_func=ROLE_LABELS.get, key="demo_role")
        company = None
        if role == "bedrijf":
            company = search_box.company_picker("Bedrijf", companies, "demo_company", PICKER_LIMIT)
    st.session_state["demo_role_kept"] = role
    st.session_state["demo_company_kept"] = company or st.session_state.get("demo_company_kept")
    st.warning(DEMO_BANNER, icon=":material/explore:")
    page_state.write("rol", role)
    page_state.write("bedrijf", company)
    return Viewer(role, company) if (role != "bedrijf" or company) else MINISTRY
