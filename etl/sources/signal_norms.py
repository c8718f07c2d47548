"""Norms and thresholds of the Signalen page (issue 11): per rule and parameter a value, its unit, and
the source or stated reason; `is_assumption` marks values the monitor assumed (no public norm).
Read, cast and check only. The clusterregisseur changes a norm by editing the file and rebuilding."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.contracts import Column, Contract, read_validated
from etl.sources import SourceInfo

RULES = ("status_days", "emission_rise", "reporting", "grant_unpaid", "paid_share")
SOURCE = SourceInfo(
    source_id="signal_norms",
    file="reference/signal_norms.csv",
    title="Normen en drempels van de signalen (per regel, met bron of reden; aannames gemarkeerd)",
    origin="Cluster 6 Monitor (aannames, zie reden per regel); EU ETS-richtlijn 2003/87/EG",
    vintage="2026-11",
    licence="CC BY 4.0",
)
TABLE = "signal_norms"
CONTRACT = Contract(
    kind="signal_norms",
    table=TABLE,
    columns=(
        Column("rule", "text", "signaalregel", accepted=RULES),
        Column("parameter", "text", "parameter (bij status_days: de casusstatus)"),
        Column("value", "number", "waarde", minimum=0),
        Column("unit", "text", "eenheid"),
        Column("is_assumption", "bool", "true = aanname van de monitor"),
        Column("reason", "text", "bron of reden"),
    ),
    key=("rule", "parameter"),
)


def read(path: Path) -> pd.DataFrame:
    """rule, parameter, value, unit, is_assumption, reason: one row per norm."""
    return read_validated(path, CONTRACT, SOURCE.file)
