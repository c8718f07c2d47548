"""Page-specific controls (layer toggles, distance slider) kept in the URL query string, like the shared
filters in monitor/filters.py: the URL seeds the widget on a session's first visit to the page, and every
run writes the widget's value back, so a link reopens the same view."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def seed(key: str, param: str, default, parse: Callable[[str], object] = str) -> None:
    """Give widget `key` its value from ?param= (if it parses) before the widget is drawn."""
    if key in st.session_state:
        return
    raw = st.query_params.get(param)
    try:
        st.session_state[key] = default if raw is None else parse(raw)
    except (TypeError, ValueError):
        st.session_state[key] = default


def keep(key: str, param: str, default, render: Callable[[object], str] = str) -> None:
    """Write widget `key`'s value to ?param= (or drop it when it equals the default)."""
    value = st.session_state.get(key, default)
    write(param, None if value == default else render(value))


def write(param: str, text: str | None) -> None:
    """Set ?param=text, or drop it for None or ''; only when that changes the address. Streamlit sends
    every write to the browser as a message, also when the value is the one already there."""
    if not text:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != text:
        st.query_params[param] = text


def parse_bool(raw: str) -> bool:
    if raw.lower() in ("1", "ja", "true"):
        return True
    if raw.lower() in ("0", "nee", "false"):
        return False
    raise ValueError(raw)


def render_bool(value) -> str:
    return "1" if value else "0"


def parse_list(options: tuple[str, ...]) -> Callable[[str], list[str]]:
    return lambda raw: [v for v in raw.split(",") if v in options]


def render_list(value) -> str:
    return ",".join(value)
