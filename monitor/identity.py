"""Who someone is, decided without Streamlit: is sign-in configured correctly, and which Viewer (if any) the
claims of a signed-in person give. Everything here fails closed: a broken configuration stops the app, and
a person the checks cannot place gets no access.

- **Configuration.** Demo mode only when no secrets file names `[auth]`. A secrets file that does not
  parse, or an `[auth]` section that misses a key, is an AuthConfigError (the app stops with its message),
  never "no sign-in". A deployment can forbid demo mode outright with `C6_DEMO=0`.
- **Identity.** The e-mail claim alone is not trusted: `email_verified` must be true where the provider
  sends it, the issuer (`iss`) and Entra tenant (`tid`) must be among the configured ones when configured,
  and a multi-tenant Entra endpoint (`/common/`, `/organizations/`) is refused without `C6_TENANTS` (the
  "nOAuth" weakness: any tenant can put any address in `email`). The roles file may key a person on the
  stable subject (`sub`, or Entra's `oid`) in its optional `subject` column; a row with a subject is
  never matched by e-mail alone.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from monitor.access import ROLES, Viewer

# The keys Streamlit's st.login needs: in [auth] itself, and per provider (in [auth] or [auth.<name>]).
AUTH_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
MULTI_TENANT_MARKERS = ("/common/", "/organizations/", "/consumers/")
ROLE_COLUMNS = ["email", "subject", "role", "company"]


class AuthConfigError(RuntimeError):
    """Sign-in is configured, but not correctly: the app must stop rather than fall back to demo mode."""


class AccessRefused(PermissionError):
    """A signed-in person whom the checks cannot place; str() is the message shown to them."""


def probe_secret_files(paths: list[str]) -> dict:
    """Parse every secrets file that exists (as Streamlit would) and return the merged mapping.

    Streamlit itself treats a file that does not parse like a missing one; here it is an AuthConfigError,
    because the file may hold an [auth] section that would otherwise be silently ignored."""
    merged: dict = {}
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            continue
        try:
            merged.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise AuthConfigError(f"het geheimenbestand {path} is niet te lezen: {error}") from error
    return merged


def auth_section(secrets: Mapping) -> Mapping | None:
    """The [auth] section of `secrets` if there is one (checked: every key st.login needs), else None.

    Raises AuthConfigError for an [auth] section that is incomplete or not a table."""
    if "auth" not in secrets:
        return None
    auth = secrets["auth"]
    if not hasattr(auth, "keys"):
        raise AuthConfigError("'auth' in het geheimenbestand is geen sectie [auth]")
    missing = [k for k in AUTH_KEYS if not str(auth.get(k) or "").strip()]
    providers = {name: value for name, value in auth.items() if hasattr(value, "keys")}
    provider = next(iter(providers.values())) if providers else auth
    prefix = f"auth.{next(iter(providers))}." if providers else "auth."
    missing += [prefix + k for k in PROVIDER_KEYS if not str(provider.get(k) or "").strip()]
    if missing:
        raise AuthConfigError(f"in [auth] ontbreekt: {', '.join(k if '.' in k else 'auth.' + k for k in missing)}")
    return auth


def check_mode(secrets: Mapping, demo_allowed: bool, tenants: tuple[str, ...]) -> str:
    """'signin' or 'demo' for these (parsed) secrets; raises AuthConfigError when neither may run."""
    auth = auth_section(secrets)
    if auth is None:
        if not demo_allowed:
            raise AuthConfigError("demomodus is uitgeschakeld (C6_DEMO=0) en er is geen inlog ingesteld ([auth] ontbreekt)")
        return "demo"
    providers = [value for value in auth.values() if hasattr(value, "keys")]
    metadata_url = str((providers[0] if providers else auth).get("server_metadata_url", ""))
    if any(marker in metadata_url for marker in MULTI_TENANT_MARKERS) and not tenants:
        raise AuthConfigError(
            "de inlog gebruikt een Entra-eindpunt voor meerdere tenants; zet C6_TENANTS op de toegestane tenant-id('s), "
            "anders kan elke tenant elk e-mailadres opgeven"
        )
    return "signin"


def read_roles(path: Path) -> pd.DataFrame:
    """email (lower case), subject, role, company of the roles file; rows with an unknown role are dropped.

    `subject` is optional: the provider's stable id of the person (`sub`, or `oid` for Entra ID)."""
    if not Path(path).exists():
        return pd.DataFrame(columns=ROLE_COLUMNS)
    frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, comment="#")
    if "subject" not in frame:
        frame["subject"] = ""
    frame["email"] = frame["email"].str.strip().str.lower()
    frame["subject"] = frame["subject"].str.strip()
    frame["company"] = frame["company"].str.strip()
    return frame[frame["role"].isin(ROLES)][ROLE_COLUMNS]


def _viewer(row, email: str | None) -> Viewer | None:
    try:
        return Viewer(row["role"], row["company"] or None, email)
    except ValueError:  # 'bedrijf' without a company: no access rather than a guess
        return None


def viewer_for_email(email: str | None, roles: pd.DataFrame) -> Viewer | None:
    """The Viewer a roles row without a subject gives this e-mail address, or None."""
    if not email:
        return None
    match = roles[(roles["email"] == email.strip().lower()) & (roles["subject"] == "")]
    return None if match.empty else _viewer(match.iloc[0], email)


def _is_true(value) -> bool:
    return value is True or str(value).strip().lower() == "true"


def identify(
    claims: Mapping,
    roles: pd.DataFrame,
    issuers: tuple[str, ...] = (),
    tenants: tuple[str, ...] = (),
) -> Viewer:
    """The Viewer for a signed-in person's ID-token claims; raises AccessRefused with the reason shown."""
    email = claims.get("email")
    shown = email or "(onbekend)"
    if "email_verified" in claims and not _is_true(claims["email_verified"]):
        raise AccessRefused(
            f"Het adres {shown} is bij uw inlogdienst niet geverifieerd (email_verified is niet waar). "
            "Zonder geverifieerd adres geeft het dashboard geen toegang."
        )
    if issuers and claims.get("iss") not in issuers:
        raise AccessRefused(f"U bent ingelogd bij een inlogdienst die dit dashboard niet vertrouwt ({claims.get('iss')}).")
    if tenants and claims.get("tid") not in tenants:
        raise AccessRefused(f"U bent ingelogd in een organisatie (tenant {claims.get('tid')}) die geen toegang heeft.")
    subjects = {str(claims[k]) for k in ("oid", "sub") if claims.get(k)}
    by_subject = roles[roles["subject"].isin(subjects) & (roles["subject"] != "")]
    found = _viewer(by_subject.iloc[0], email) if not by_subject.empty else viewer_for_email(email, roles)
    if found is None:
        raise AccessRefused(
            f"Het adres {shown} heeft geen toegang tot dit dashboard. "
            "Vraag de clusterregisseur u toe te voegen aan het rollenbestand."
        )
    return found
