"""The one place where paths and environment variables are read.

Paths are anchored to this file, so the app and the ETL behave the same from any working directory.
`C6_DB` overrides the database path; `C6_DATA` overrides the folder with shipped source data. Sign-in:
`C6_DEMO=0` forbids demo mode, `C6_ISSUERS` / `C6_TENANTS` limit who may sign in (monitor.identity).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("C6_DATA", PROJECT_ROOT / "data"))
RAW_DIR = DATA_DIR / "raw"
REFERENCE_DIR = DATA_DIR / "reference"
SAMPLE_DIR = DATA_DIR / "sample"
SHARED_RAW_DIR = PROJECT_ROOT.parent / "shared" / "data" / "raw"
# Who may sign in, with which role and company (email;role;company;note). `C6_ROLES` overrides it, so a
# deployment can keep real e-mail addresses outside the repository.
ROLES_FILE = Path(os.environ.get("C6_ROLES", REFERENCE_DIR / "roles.csv"))


def public_mode() -> bool:
    """True when this deployment is the public view: C6_PUBLIC=1 (or ja/true), and only then. Unset,
    empty, 0/nee/false is False; any other value raises, so a typo never decides what is shown."""
    raw = os.environ.get("C6_PUBLIC", "").strip().lower()
    if raw in ("1", "ja", "true", "yes"):
        return True
    if raw in ("", "0", "nee", "false", "no"):
        return False
    raise ValueError(
        f"C6_PUBLIC='{os.environ['C6_PUBLIC']}' is onduidelijk; gebruik C6_PUBLIC=1 voor de openbare weergave of laat het weg"
    )


def demo_allowed() -> bool:
    """Demo mode (no sign-in, a role picker) is allowed unless the deployment forbids it with C6_DEMO=0."""
    return os.environ.get("C6_DEMO", "1").strip().lower() not in ("0", "false", "nee", "no", "off")


def _listed(name: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in os.environ.get(name, "").split(",") if v.strip())


def allowed_issuers() -> tuple[str, ...]:
    """C6_ISSUERS: the OIDC issuers (`iss`) whose sign-ins count, comma-separated; empty = the provider's own."""
    return _listed("C6_ISSUERS")


def allowed_tenants() -> tuple[str, ...]:
    """C6_TENANTS: Entra ID tenant ids (`tid`) whose sign-ins count; required for a multi-tenant endpoint."""
    return _listed("C6_TENANTS")


def db_path() -> Path:
    """Path of the DuckDB file; read on every call so tests can point C6_DB elsewhere."""
    return Path(os.environ.get("C6_DB", DATA_DIR / "cluster6.duckdb"))


BASELINE_YEAR_DEFAULT = 2019
# The default target path: the national Klimaatwet ambition is what a progress letter to parliament is
# measured against; the EU ETS cap path (applied to Cluster 6) is context and is softer (-38,7 % in 2030
# from a 2019 baseline against -55 %).
TARGET_ID_DEFAULT = "nl_klimaatwet"
TARGET_DEFAULT_WHY = (
    "Standaard het nationale doelpad (Klimaatwet, −55 % in 2030): daaraan wordt de voortgang in een Kamerbrief "
    "gemeten. Het EU ETS-plafond is context en minder streng; kies het in de zijbalk om te vergelijken."
)
REFERENCE_YEAR = 2013  # start of ETS phase 3: the second comparison on the overview
FIRST_ETS_YEAR = 2005
TARGET_YEAR = 2030

SECTORS = (
    "keramisch",
    "levensmiddelen",
    "chemie",
    "metaal",
    "papier & karton",
    "glas",
    "afval & recycling",
    "ICT",
    "olie & gas",
    "kunststof",
    "overig",
)
ROUTES = (
    "CC(U)S & negatieve emissies",
    "elektrificatie",
    "waterstof",
    "procesefficiëntie & restwarmte",
    "circulariteit",
)
CASE_STATUSES = ("aangemeld", "intake", "in behandeling", "opgelost", "doorverwezen", "gestopt")
CLOSED_CASE_STATUSES = ("opgelost", "doorverwezen", "gestopt")
# The Actieplan 2.0 lines a case belongs to (cases.project_type; a file without the column: casusaanpak).
PROJECT_TYPES = ("casusaanpak", "regioaanpak", "pilots energie-infrastructuur", "maatwerk")
BOTTLENECKS = (
    "netcongestie",
    "netaansluiting",
    "financiering",
    "vergunning",
    "ruimtelijke inpassing",
    "infrastructuur H2/CO2/warmte",
    "techniek",
    "business case/energieprijs",
)
INSTRUMENTS = (
    "VEKI",
    "DEI+",
    "SDE++",
    "TSE Industrie",
    "MOOI",
    "Actieplan Cluster 6 - casusaanpak",
    "Actieplan Cluster 6 - regioaanpak",
    "Actieplan Cluster 6 - pilots energie-infrastructuur",
)

# Chromium for the letter's chart images (kaleido): `C6_BROWSER`, else Debian's package. Never downloaded:
# without one the Word document lists the missing images instead.
BROWSER_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def browser_path() -> Path | None:
    """The Chromium executable for static chart images, or None when there is none (read on every call)."""
    candidates = (os.environ["C6_BROWSER"],) if os.environ.get("C6_BROWSER") else BROWSER_CANDIDATES
    return next((Path(p) for p in candidates if Path(p).is_file() and os.access(p, os.X_OK)), None)
