"""Who is signed in: the Viewer for this session.

Demo mode (no [auth] in .streamlit/secrets.toml): a banner says so and a sidebar picker switches roles.
"""

from __future__ import annotations

import streamlit as st

from monitor.access import MINISTRY, Viewer


def viewer() -> Viewer:
    return st.session_state.get("c6_viewer", MINISTRY)
