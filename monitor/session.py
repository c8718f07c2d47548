"""Who is signed in: the Viewer for this session.

Two modes, decided by `.streamlit/secrets.toml`:
- **Sign-in** when it has an `[auth]` section: Streamlit's `st.login()` (OIDC). The roles file
  (config.ROLES_FILE, `email;role;company;note`) maps the signed-in e-mail to a role and, for 'bedrijf',
  a company. An e-mail that is not in the file gets no access.
- **Demo mode** otherwise: a banner says so and a sidebar picker switches role and company. The URL can
  seed the picker (`?rol=bedrijf&bedrijf=O-I Netherlands B.V.`); in sign-in mode those parameters are ignored.

The frame (dashboard.py) calls `sign_in()` once per run, before it builds the navigation; pages call `viewer()`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from monitor import config, filters, public
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


def auth_configured() -> bool:
    """True if secrets.toml has an [auth] section. No secrets file at all is demo mode, not an error."""
    try:
        return st.secrets.load_if_toml_exists() and "auth" in st.secrets
    except Exception:  # an unreadable secrets file: fall back to demo mode rather than crash the app
        return False


def read_roles(path: Path | None = None) -> pd.DataFrame:
    """email (lower case), role, company of the roles file; rows with an unknown role are dropped."""
    path = Path(path or config.ROLES_FILE)
    if not path.exists():
        return pd.DataFrame(columns=["email", "role", "company"])
    frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, comment="#")
    frame["email"] = frame["email"].str.strip().str.lower()
    frame["company"] = frame["company"].str.strip()
    return frame[frame["role"].isin(ROLES)][["email", "role", "company"]]


def viewer_for_email(email: str | None, roles: pd.DataFrame | None = None) -> Viewer | None:
    """The Viewer the roles file gives this e-mail address, or None if it has no (valid) entry."""
    if not email:
        return None
    roles = read_roles() if roles is None else roles
    match = roles[roles["email"] == email.strip().lower()]
    if match.empty:
        return None
    row = match.iloc[0]
    try:
        return Viewer(row["role"], row["company"] or None, email)
    except ValueError:  # 'bedrijf' without a company: no access rather than a guess
        return None


def sign_in(companies: list[str]) -> Viewer:
    """Decide who is looking, draw the sign-in state or the demo picker, and remember the Viewer.

    `companies` are the choices of the demo picker for the role 'bedrijf'. Stops the run when a
    sign-in is needed or the signed-in address has no role.
    """
    chosen = public.viewer_if_public() or (_signed_in() if auth_configured() else _demo(companies))
    st.session_state[STATE_KEY] = chosen
    return chosen


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
        st.stop()
    found = viewer_for_email(st.user.get("email"))
    if found is None:
        st.error(
            f"Het adres {st.user.get('email') or '(onbekend)'} heeft geen toegang tot dit dashboard. "
            "Vraag de clusterregisseur u toe te voegen aan het rollenbestand.",
            icon=":material/block:",
        )
        st.button("Uitloggen", on_click=st.logout)
        st.stop()
    with st.sidebar:
        who = f"{found.email} · {found.role}" + (f" · {found.company}" if found.company else "")
        st.caption(f"Ingelogd: {who}")
        st.button("Uitloggen", on_click=st.logout, icon=":material/logout:")
    return found


def _seed_from_url(key: str, param: str, options: list[str], default: str) -> None:
    if key not in st.session_state:
        raw = st.query_params.get(param)
        st.session_state[key] = raw if raw in options else default
    elif st.session_state[key] not in options:
        st.session_state[key] = default


def _demo(companies: list[str]) -> Viewer:
    _seed_from_url("demo_role", "rol", list(ROLES), "ministerie")
    _seed_from_url("demo_company", "bedrijf", companies, companies[0] if companies else "")
    with st.sidebar:
        st.markdown("**Demomodus** · bekijk het dashboard als")
        role = st.selectbox("Rol", list(ROLES), format_func=ROLE_LABELS.get, key="demo_role")
        company = None
        if role == "bedrijf":
            company = st.selectbox("Bedrijf", companies, key="demo_company")
    st.warning(DEMO_BANNER, icon=":material/explore:")
    st.query_params["rol"] = role
    if company:
        st.query_params["bedrijf"] = company
    elif "bedrijf" in st.query_params:
        del st.query_params["bedrijf"]
    return Viewer(role, company) if (role != "bedrijf" or company) else MINISTRY
