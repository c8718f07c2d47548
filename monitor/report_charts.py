"""The Rapportage charts (existing builders), made once for the page, the HTML report and the Word letter:
each with its heading, figure, the data behind it (CSV), a file name and its source line."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from monitor import completeness, config, report, ui
from monitor.charts.overview import sector_area
from monitor.charts.routes import pipeline_gap
from monitor.charts.sectors import progress_dumbbell


class ReportChart(NamedTuple):
    heading: str
    figure: object  # plotly Figure
    data: pd.DataFrame
    name: str  # file name part, e.g. 'uitstoot_per_sector'
    source: str  # the source line, without 'Bron: '


def build(inputs: report.Inputs, result: report.Report, source_lines: dict[str, str]) -> list[ReportChart]:
    """Emissions per sector against the target path, on or off track per sector, and (when there is a
    verdict) the pipeline against the 2030 gap. source_lines: source id -> line (as on the page)."""
    year, baseline = inputs.year, inputs.baseline_year
    emissions_source = ui.source_line(*report.emission_sources(config.FIRST_ETS_YEAR, year), "targets")
    charts = [
        ReportChart(
            "Uitstoot per sector en doelpad",
            sector_area(
                inputs.by_sector_year,
                result.path,
                target_name=f"{inputs.target_name} (vanaf {baseline})",
                source=emissions_source,
                incomplete_years=completeness.incomplete_years(inputs.completeness),
            ),
            inputs.by_sector_year,
            "uitstoot_per_sector",
            emissions_source,
        ),
        ReportChart(
            f"Op koers voor {config.TARGET_YEAR}? Per sector",
            progress_dumbbell(result.progress, baseline_year=baseline, year=year, source=emissions_source),
            result.progress,
            "op_koers_per_sector",
            emissions_source,
        ),
    ]
    if result.gap is not None:
        charts.append(
            ReportChart(
                f"Pijplijn tegenover de opgave voor {config.TARGET_YEAR}"
                + (" (pijplijn: voorbeelddata)" if result.gap["expected_is_sample"] else ""),
                pipeline_gap(result.gap, result.expected_by_route, baseline_year=baseline, year=year),
                report.gap_table(result),
                "pijplijn_vs_opgave",
                " · ".join(source_lines[s] for s in report.pipeline_sources(year, baseline) if s in source_lines),
            )
        )
    return charts
