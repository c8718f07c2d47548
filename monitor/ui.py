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


def empty(message: str = "Geen gegevens voor deze selectie. Verruim de filters in de zijbalk.") -> None:
    st.info(message, icon="🔍")
