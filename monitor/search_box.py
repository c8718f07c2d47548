"""The search box in the sidebar of every page: find an installation or company, open its profile.

The search runs on the server (monitor.queries.search) and only the few best matches are drawn as
links; nothing grows with the number of installations."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from monitor.access import MINISTRY, Viewer
from monitor.queries import search

PROFILE_PAGE = "pages/profiel.py"
ICONS = {"installatie": ":material/factory:", "bedrijf": ":material/domain:"}


def profile_params(kind: str, key: str) -> dict[str, str]:
    """Query parameters of the profile of a search hit: ?installatie=NL_102 or ?exploitant=<company>."""
    return {"installatie": key} if kind == "installatie" else {"exploitant": key}


def profile_url(kind: str, key: str) -> str:
    from urllib.parse import urlencode

    return "/profiel?" + urlencode(profile_params(kind, key))


def results(text: str, viewer: Viewer, limit: int = 6) -> None:
    """Draw the best matches of `text` as links to their profiles (or say that nothing matched)."""
    if not text.strip():
        return
    hits = search.find(text, viewer, limit)
    if hits.empty:
        st.caption("Niets gevonden. Zoek op naam, plaats, installatie-id (NL_…) of vergunningnummer.")
        return
    for hit in hits.itertuples():
        st.page_link(
            PROFILE_PAGE,
            label=f"{hit.label} · {hit.detail}" if hit.kind == "installatie" else f"{hit.label} ({hit.detail})",
            icon=ICONS[hit.kind],
            query_params=profile_params(hit.kind, hit.key),
        )


def sidebar(viewer: Viewer) -> None:
    """The search box at the top of the sidebar."""
    with st.sidebar:
        text = st.text_input(
            "Zoek installatie of bedrijf",
            key="search_text",
            placeholder="naam, plaats, NL_… of vergunning",
            help="Vindt ook namen met een tikfout. Een bedrijf vindt alleen de eigen installaties.",
            icon=":material/search:",
        )
        results(text, viewer)


def company_choices(companies: Sequence[str], current: str | None, text: str, limit: int) -> list[str]:
    """What a company picker lists: every company when there are at most `limit`; else the chosen one and
    the best matches of `text` (the server-side search: typos, places), or the first companies
    alphabetically without a search. Never more than `limit` + 1 options."""
    if len(companies) <= limit:
        return list(companies)
    if text.strip():
        known = set(companies)
        hits = search.find(text, MINISTRY, limit * 4)
        found = [key for kind, key in zip(hits["kind"], hits["key"], strict=True) if kind == "bedrijf" and key in known]
        if len(found) < limit:  # many installations matched before their companies: plain substring matches too
            found += [c for c in companies if text.strip().lower() in c.lower()]
    else:
        found = companies
    chosen = [current] if current else []
    return list(dict.fromkeys([*chosen, *found]))[: limit + len(chosen)]


def company_picker(label: str, companies: Sequence[str], key: str, limit: int) -> str | None:
    """A company selectbox that stays small at any size (an EU-sized register has thousands): every company
    when there are at most `limit`, else a search field above it (key `<key>_search`) and the chosen company
    with at most `limit` that match (company_choices). Returns the chosen company."""
    text = ""
    if len(companies) > limit:
        text = st.text_input(
            f"Zoek {label.lower()}",
            key=f"{key}_search",
            placeholder="naam of plaats",
            help=f"De keuzelijst toont het gekozen bedrijf en ten hoogste {limit} bedrijven die passen.",
        )
    chosen = st.session_state.get(key)
    current = chosen if chosen in companies else None
    return st.selectbox(label, company_choices(companies, current, text, limit), key=key)
