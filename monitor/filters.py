"""Sidebar filters shared by every page, kept in the URL query string so a view can be shared as a link.

The frame (dashboard.py) draws them once per run, before the page; pages read `current()`.
Query parameters use short Dutch names: ?jaar=2024&basis=2019&doel=eu_ets_cap&sector=glas,keramisch
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from monitor import config, export_safety, page_state, sections

STATE_KEY = "c6_filters"
MORE = ("f_sectors", "f_provinces", "f_routes", "f_statuses")  # the filters in the closed expander


@dataclass(frozen=True)
class Filters:
    year: int
    baseline_year: int
    target_id: str
    sectors: tuple[str, ...] = field(default_factory=tuple)  # empty = all
    provinces: tuple[str, ...] = field(default_factory=tuple)
    routes: tuple[str, ...] = field(default_factory=tuple)
    statuses: tuple[str, ...] = field(default_factory=tuple)

    def sector_list(self) -> list[str]:
        return list(self.sectors) or list(config.SECTORS)


# widget key -> (query parameter, is a list)
PARAMS = {
    "f_year": ("jaar", False),
    "f_baseline": ("basis", False),
    "f_target": ("doel", False),
    "f_sectors": ("sector", True),
    "f_provinces": ("provincie", True),
    "f_routes": ("route", True),
    "f_statuses": ("status", True),
}


def _from_url(key: str, options: list, default):
    """Value for widget `key` from the query string, if valid; else the default."""
    name, is_list = PARAMS[key]
    raw = st.query_params.get(name)
    if raw is None:
        return default
    if is_list:
        values = [v for v in raw.split(",") if v]
        kept = [next(o for o in options if str(o) == v) for v in values if any(str(o) == v for o in options)]
        return kept
    match = [o for o in options if str(o) == raw]
    return match[0] if match else default


def _seed(key: str, options: list, default) -> None:
    """On a session's first run the URL decides; afterwards the widget's own state does."""
    if key not in st.session_state:
        st.session_state[key] = _from_url(key, options, default)
    elif isinstance(default, list):
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    elif st.session_state[key] not in options:
        st.session_state[key] = default


def _to_url() -> None:
    for key, (name, is_list) in PARAMS.items():
        if key not in st.session_state:
            continue
        value = st.session_state[key]
        page_state.write(name, ",".join(str(v) for v in value) if is_list else str(value))


def default_year(years: list[int], incomplete: tuple[int, ...]) -> int:
    """The latest complete year: a year not every installation has reported yet is never the default."""
    complete = [y for y in years if y not in incomplete]
    return complete[-1] if complete else years[-1]


def default_target(targets: dict[str, str]) -> str:
    """The national path (config.TARGET_ID_DEFAULT) when loaded, else the first target series."""
    return config.TARGET_ID_DEFAULT if config.TARGET_ID_DEFAULT in targets else next(iter(targets))


def sidebar(years: list[int], targets: dict[str, str], provinces: list[str], incomplete: tuple[int, ...] = ()) -> Filters:
    """Draw the shared filters in the sidebar; return and remember the chosen Filters.
    incomplete: years not every installation has reported yet (selectable, marked, never the default)."""
    latest = years[-1]
    baseline_options = [y for y in years if y < latest]
    _seed("f_year", years, default_year(years, incomplete))
    _seed(
        "f_baseline",
        baseline_options,
        config.BASELINE_YEAR_DEFAULT if config.BASELINE_YEAR_DEFAULT in baseline_options else baseline_options[0],
    )
    _seed("f_target", list(targets), default_target(targets))
    _seed("f_sectors", list(config.SECTORS), [])
    _seed("f_provinces", provinces, [])
    _seed("f_routes", list(config.ROUTES), [])
    _seed("f_statuses", list(config.CASE_STATUSES), [])

    with st.sidebar:
        st.markdown("**Filters** · gelden op alle pagina's")
        st.selectbox(
            "Jaar",
            years[::-1],
            key="f_year",
            format_func=lambda y: f"{y} (onvolledig)" if y in incomplete else str(y),
            help="Rapportagejaar van de geverifieerde emissies. Standaard het laatste volledige jaar: een jaar dat "
            "nog niet elke installatie heeft gerapporteerd is te kiezen, maar met een waarschuwing.",
        )
        st.selectbox(
            "Basisjaar",
            baseline_options[::-1],
            key="f_baseline",
            help="Jaar waartegen de verandering wordt gemeten (standaard 2019).",
        )
        st.selectbox(
            "Doelpad",
            list(targets),
            format_func=targets.get,
            key="f_target",
            help=config.TARGET_DEFAULT_WHY + " Bron per waarde: tabel targets.",
        )
        # Built when opened (every page carries the frame); the choices live in the session and the URL.
        if box := sections.expander("Sector, provincie, route, status", key="f_more"):
            with box:
                st.multiselect("Sector", list(config.SECTORS), key="f_sectors", placeholder="alle sectoren")
                st.multiselect("Provincie", provinces, key="f_provinces", placeholder="alle provincies")
                st.multiselect("Route", list(config.ROUTES), key="f_routes", placeholder="alle routes")
                st.multiselect("Casusstatus", list(config.CASE_STATUSES), key="f_statuses", placeholder="alle statussen")
        else:  # closed: what it filters is still said
            named = [", ".join(map(str, st.session_state[key])) for key in MORE if st.session_state[key]]
            if named:
                st.caption("Gefilterd op " + "; ".join(export_safety.escape_markdown(text) for text in named))
    _to_url()
    chosen = Filters(
        year=int(st.session_state["f_year"]),
        baseline_year=int(st.session_state["f_baseline"]),
        target_id=st.session_state["f_target"],
        sectors=tuple(st.session_state["f_sectors"]),
        provinces=tuple(st.session_state["f_provinces"]),
        routes=tuple(st.session_state["f_routes"]),
        statuses=tuple(st.session_state["f_statuses"]),
    )
    st.session_state[STATE_KEY] = chosen
    return chosen


def current() -> Filters:
    """The filters the frame drew in this run (the widgets live in the frame, so it must have run now)."""
    ensure_frame(STATE_KEY, this_run=True)
    return st.session_state[STATE_KEY]


def ensure_frame(state_key: str, this_run: bool = False) -> None:
    """Rerun through the entrypoint unless the frame (dashboard.py) has set `state_key` in this session
    (or, with `this_run`, unless it ran in this very run)."""
    from streamlit.runtime.pages_manager import PagesManager

    if state_key not in st.session_state or (this_run and PagesManager.uses_pages_directory):
        _rerun_through_frame()


def _rerun_through_frame() -> None:
    """A deep link (/kaart) to a freshly started server runs the page file on its own: Streamlit serves
    the pages/ folder directly until the first st.navigation call (AppTest re-enters that mode on every
    run). Leave that mode and rerun, so the entrypoint (dashboard.py) draws the frame and routes to
    the same page."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()
