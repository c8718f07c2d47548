"""Small Streamlit pieces every page uses: notices, source lines, downloads, empty states."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.queries import meta

SAMPLE_NOTICE = (
    "**Voorbeelddata** · Casussen en subsidies per bedrijf zijn niet openbaar. Wat hier staat is een "
    "gegenereerde voorbeeldset met hetzelfde schema (gemarkeerd als voorbeeld), behalve de drie openbare "
    "praktijkvoorbeelden uit Actieplan 2.0. Laad echte bestanden via 'Bestand laden' of met `python -m etl load`."
)


def sample_notice() -> None:
    st.warning(SAMPLE_NOTICE, icon="🧪")


def source_line(*source_ids: str) -> str:
    """'titel (vintage; geladen dd-mm-jjjj hh:mm UTC)' for the given sources, joined."""
    sources = meta.freshness().set_index("source_id")
    parts = []
    for source_id in source_ids:
        if source_id not in sources.index:
            continue
        row = sources.loc[source_id]
        loaded = pd.Timestamp(row["loaded_at"]).strftime("%d-%m-%Y %H:%M UTC") if pd.notna(row["loaded_at"]) else "niet geladen"
        parts.append(f"{row['origin']} ({row['vintage']}; geladen {loaded})")
    return " · ".join(parts)


def source_caption(*source_ids: str) -> None:
    st.caption(f"Bron: {source_line(*source_ids)}")


def download(frame: pd.DataFrame, filename: str, label: str = "Download CSV", key: str | None = None) -> None:
    """CSV download of exactly the data behind a chart or table (UTF-8 with BOM, ';' and decimal comma: opens in Dutch Excel)."""
    data = frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")
    st.download_button(
        label,
        data=data,
        file_name=filename,
        mime="text/csv",
        on_click="ignore",
        key=key or f"dl_{filename}",
        icon=":material/download:",
    )


# Dutch headers and formats for columns that recur across pages; a page's own column_config wins.
_LABELS = {
    "case_id": "casus",
    "company": "bedrijf",
    "bottleneck": "knelpunt",
    "province": "provincie",
    "grant_id": "beschikking",
    "cases": "casussen",
    "description": "omschrijving",
    "note": "notitie",
    "source": "bron",
    "is_sample": "voorbeeld",
}
_MONEY = {"granted_eur": "toegekend (€)", "paid_eur": "betaald (€)"}
_DATES = {"opened_on": "aangemeld", "closed_on": "gesloten", "event_date": "datum"}
_REDUCTION = {"expected_reduction_t_co2", "reduction_t_co2"}


def table(frame: pd.DataFrame, column_config: dict | None = None, **kwargs) -> None:
    """st.dataframe with the house defaults: no index, full width, Dutch headers for known columns,
    euros and tonnes in Dutch notation, dates as dd-mm-jjjj."""
    config: dict = {c: _LABELS[c] for c in frame.columns if c in _LABELS}
    config |= {c: st.column_config.NumberColumn(label, format="localized") for c, label in _MONEY.items() if c in frame.columns}
    config |= {c: st.column_config.DateColumn(label, format="DD-MM-YYYY") for c, label in _DATES.items() if c in frame.columns}
    config |= {
        c: st.column_config.NumberColumn("verwachte reductie (t CO₂/jaar)", format="localized")
        for c in _REDUCTION
        if c in frame.columns
    }
    if "description" in frame.columns:
        config["description"] = st.column_config.TextColumn("omschrijving", width="large")
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config | (column_config or {}), **kwargs)


def empty(message: str = "Geen gegevens voor deze selectie. Verruim de filters in de zijbalk.") -> None:
    st.info(message, icon="🔍")
