"""Earlier grid congestion status per province, to see where congestion got worse (Signalen).

Same levels as grid_congestion (the current status); one row per province and date. Rows without a
public figure are samples (is_sample = true) and say so. Read, cast and check only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.contracts import Column, Contract, read_validated
from etl.kinds import PROVINCES
from etl.sources import SourceInfo
from etl.sources.grid_congestion import LEVELS

SOURCE = SourceInfo(
    source_id="grid_congestion_history",
    file="reference/grid_congestion_history.csv",
    title="Netcongestie per provincie, eerdere stand (VOORBEELD waar geen openbaar cijfer)",
    origin="rd.nl (Zuid-Holland vóór december 2024); overige provincies voorbeeldwaarden",
    vintage="2024",
    licence="openbaar bericht; voorbeeldwaarden CC BY 4.0",
    is_sample=True,  # mixed: the rows say which values are samples
)
TABLE = "grid_congestion_history"
CONTRACT = Contract(
    kind="grid_congestion_history",
    table=TABLE,
    columns=(
        Column("province", "text", "provincie", accepted=PROVINCES),
        Column("as_of", "text", "peildatum (jjjj-mm)"),
        Column("offtake", "text", "congestie bij afname", accepted=LEVELS),
        Column("feed_in", "text", "congestie bij teruglevering", accepted=LEVELS),
        Column("note", "text", "toelichting", nullable=True),
        Column("source", "text", "bron"),
        Column("is_sample", "bool", "true = voorbeeld"),
    ),
    key=("province", "as_of"),
)


def read(path: Path) -> pd.DataFrame:
    """province, as_of, offtake, feed_in, note, source, is_sample: one row per province and date."""
    return read_validated(path, CONTRACT, SOURCE.file)
