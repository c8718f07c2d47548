"""The public view: a deployment for visitors who do not sign in, with public data only.

It is switched on explicitly and only explicitly: `C6_PUBLIC=1` (or `ja`/`true`) in the environment.
Any other non-empty value stops the app with a message (a typo never opens anything), and together
with an `[auth]` section in secrets.toml it also stops: a deployment is either signed-in or public,
never both by accident. Without C6_PUBLIC nothing here applies.

A public visitor is the Viewer `publiek`: not in the roles file's roles (nobody signs in as it), and
its scope `(? OR company = ?)` is (false, NULL), so every query of cases, case events and subsidies
returns no rows. The pages it sees (dashboard.PageSpec) are emissions, map, sectors, benchmark and
sources; on them, the sections with case, subsidy, sample or contact data are left out and the
columns below are dropped from what is shown and downloaded.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor import config
from monitor.access import PUBLIC_VIEWER, Viewer

BANNER = (
    "**Openbare weergave** · alleen openbare gegevens: geverifieerde emissies uit het EU ETS-register, kaart, "
    "sectoren, geanonimiseerde benchmarks en bronnen. Casussen en subsidies per bedrijf zijn niet openbaar."
)
# Columns that carry case, subsidy, sample or contact data (map points, province table, sources).
CONFIDENTIAL_COLUMNS = (
    "case_id",
    "cases",
    "open_cases",
    "grid_cases",
    "ring_status",
    "ring_bottleneck",
    "case_list",
    "cases_label",
    "case_companies",
    "bottlenecks",
    "granted_eur",
    "paid_eur",
    "subsidy_label",
    "description",
    "contact",
    "is_sample",
    "offtake",  # grid congestion per province: mostly sample rows (data/reference/grid_congestion.csv)
    "feed_in",
)


def without_confidential(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` without the columns that carry case, subsidy, sample or contact data."""
    return frame.drop(columns=[c for c in CONFIDENTIAL_COLUMNS if c in frame.columns])


def _auth_section_present() -> bool:
    try:
        return bool(st.secrets.load_if_toml_exists() and "auth" in st.secrets)
    except Exception:  # an unreadable secrets file is not an [auth] section; sign-in mode reports it
        return False


def viewer_if_public() -> Viewer | None:
    """PUBLIC_VIEWER when this deployment is the public view (drawing its banner), else None.
    Stops the run when C6_PUBLIC is set to something unclear or clashes with sign-in."""
    try:
        public = config.public_mode()
    except ValueError as error:
        st.error(f"**Het dashboard is gestopt.** {error}", icon=":material/block:")
        st.stop()
    if not public:
        return None
    if _auth_section_present():
        st.error(
            "**Het dashboard is gestopt.** C6_PUBLIC=1 (openbare weergave zonder inlog) en een sectie `[auth]` "
            "(inlog) zijn allebei ingesteld. Kies één: een openbare weergave draait als aparte installatie "
            "zonder `[auth]`.",
            icon=":material/block:",
        )
        st.stop()
    st.info(BANNER, icon=":material/public:")
    return PUBLIC_VIEWER


# The sources page: which sources and loads a visitor of the public view sees.
CASE_SOURCES = ("cases_public", "case_events_public")  # public, but case data: not in the public view
NON_PUBLIC_KINDS = ("cases", "case_events", "subsidies")


def sources_for_public(sources: pd.DataFrame) -> pd.DataFrame:
    """Sources without sample data and without case data (meta.freshness rows)."""
    return sources[~sources["is_sample"].astype(bool) & ~sources["source_id"].isin(CASE_SOURCES)]


def load_log_for_public(log: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Loads of public sources only, without who loaded them (an e-mail address is contact data)."""
    hidden = set(sources.loc[sources["is_sample"].astype(bool) | sources["source_id"].isin(CASE_SOURCES), "file"])
    kept = log[~log["kind"].isin(NON_PUBLIC_KINDS) & ~log["source_file"].isin(hidden)]
    return kept.drop(columns=["loaded_by"], errors="ignore")
