"""Which years are complete, and the one sentence every page uses about an incomplete year.

A year is complete when every Cluster 6 installation that had to report has a verified figure for it
(none has status 'not reported'). Plain pandas: the frame comes from queries.emissions.completeness.
"""

from __future__ import annotations

import pandas as pd

from monitor import formatting


def latest_complete_year(completeness: pd.DataFrame) -> int | None:
    """The last year in which no installation was still without a verified figure (the default year)."""
    complete = completeness.loc[completeness["not_reported"] == 0, "year"]
    return int(complete.max()) if not complete.empty else None


def incomplete_years(completeness: pd.DataFrame) -> tuple[int, ...]:
    """Years after the latest complete year (marked 'onvolledig' in charts and in the year picker)."""
    last = latest_complete_year(completeness)
    return tuple(int(y) for y in completeness["year"] if last is not None and y > last)


def note(completeness: pd.DataFrame, year: int) -> str | None:
    """The sentence about an incomplete `year` for screen and exports (the same on every page); None
    when the year is complete."""
    rows = completeness.set_index("year").reindex([year])
    if rows.empty or not rows["not_reported"].iloc[0] > 0:
        return None
    row = rows.iloc[0]
    missing = int(row["not_reported"])
    installations = "installatie had" if missing == 1 else "installaties hadden"
    return (
        f"{year} is nog onvolledig: {formatting.number(missing)} Cluster 6-{installations} op de uittrekdatum nog "
        f"geen geverifieerde emissie (samen {formatting.tonnes(row['not_reported_previous_t'])} in {year - 1}). "
        f"Het totaal over {year} is daardoor te laag en de daling lijkt groter dan ze is."
    )
