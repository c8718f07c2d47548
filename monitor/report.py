"""Kerncijfers for a progress letter (Kamerbrief): every figure with its value, definition and sources.
Plain pandas: no Streamlit, no SQL. The page (pages/rapportage.py) fetches the DataFrames with the query
functions and passes them in here; monitor/report_export.py turns the result into CSV, Markdown and HTML.
The casusaanpak and Actieplan figures are in monitor/report_programme.py, the shared Figure model in
monitor/report_model.py.

Every figure carries its exact value, its Dutch text, a one-sentence definition, its source ids and
whether it rests on sample data ('voorbeelddata'); that flag comes from the rows' `is_sample`, so it
disappears by itself once real case and subsidy files are loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from monitor import config, formatting
from monitor.charts.subsidies import burn_down
from monitor.pipeline import gap, pipeline_by_company_route
from monitor.progress import NO_VERDICT, ON_TRACK, TOO_SLOW, WRONG_WAY, sector_progress
from monitor.report_model import (  # noqa: F401 - re-exported: report.Figure, report.SAMPLE_MARK, ...
    ALL_SELECTED,
    CASE_SOURCES,
    PUBLIC,
    SAMPLE_MARK,
    TOTAL,
    DataVersion,
    Figure,
    emission_sources,
    is_sample,
    pipeline_sources,
    selection_suffix,
)
from monitor.report_programme import case_figures, money_figures
from monitor.targets import target_path


@dataclass(frozen=True)
class Inputs:
    """What the query functions return for one choice of year, baseline and target (already limited to
    the sidebar selection where the page applies it)."""

    year: int
    baseline_year: int
    target_id: str
    target_name: str
    by_sector_year: pd.DataFrame  # year, sector, verified_t_co2 (queries.sectors.by_sector_year, selected sectors)
    counts: dict  # companies, installations (queries.emissions.cluster6_year)
    completeness: pd.DataFrame  # year, reported, not_reported, not_reported_previous_t
    targets: pd.DataFrame  # queries.meta.targets()
    case_table: pd.DataFrame  # queries.cases.case_table: case_id, status, is_open, is_sample
    lead_times: pd.DataFrame  # queries.cases.lead_times: case_id, days, dates_unknown
    actieplan_by_year: pd.DataFrame  # year, granted_eur, paid_eur
    actieplan_sample_rows: int
    budget: dict  # amount_eur, period_start, period_end, budget_name (table budgets)
    cases: pd.DataFrame  # queries.routes.cases in the selection
    grants: pd.DataFrame  # queries.routes.grants in the selection
    routes: tuple[str, ...] = config.ROUTES
    reference_year: int = config.REFERENCE_YEAR
    selection: str = ALL_SELECTED


@dataclass
class Report:
    figures: list[Figure]
    progress: pd.DataFrame  # monitor.progress.sector_progress
    path: pd.DataFrame | None  # target path of the Cluster 6 total from the baseline
    gap: dict | None  # monitor.pipeline.gap
    expected_by_route: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))
    burn: pd.DataFrame | None = None  # Actieplan burn-down (monitor.charts.subsidies.burn_down)

    @property
    def has_sample(self) -> bool:
        return any(f.sample for f in self.figures)


def _pct(fraction: float | None) -> float | None:
    return None if fraction is None or pd.isna(fraction) else float(fraction) * 100


def _signed_tonnes(value: float | None) -> str:
    text = formatting.tonnes(value)
    return ("+" + text if value and value > 0 else text).replace("-", "−")


def build(inputs: Inputs) -> Report:
    """All key figures for one choice of year, baseline and target path."""
    totals = inputs.by_sector_year.groupby("year")["verified_t_co2"].sum()
    progress = sector_progress(inputs.by_sector_year, inputs.targets, inputs.target_id, inputs.baseline_year, inputs.year)
    base = float(totals[inputs.baseline_year]) if inputs.baseline_year in totals.index else None
    path = target_path(inputs.targets, inputs.target_id, inputs.baseline_year, base) if base else None
    expected_by_route = (
        pipeline_by_company_route(inputs.cases, inputs.grants)
        .groupby("route")["expected_reduction_t_co2"]
        .sum()
        .reindex(list(inputs.routes))
        .fillna(0.0)
    )
    total = progress.set_index("sector").loc[TOTAL] if TOTAL in set(progress["sector"]) else None
    result = None
    if total is not None and total["verdict"] != NO_VERDICT:
        result = gap(total["baseline_t_co2"], total["verified_t_co2"], total["target_2030_t_co2"], expected_by_route)
    burn = burn_down(
        inputs.actieplan_by_year,
        float(inputs.budget["amount_eur"]),
        int(inputs.budget["period_start"]),
        int(inputs.budget["period_end"]),
    )
    figures = [
        *_emission_figures(inputs, totals),
        *_completeness_figures(inputs),
        *_progress_figures(inputs, total, result, progress),
        *case_figures(inputs),
        *money_figures(inputs, burn),
        *_pipeline_figures(inputs, result, expected_by_route),
    ]
    return Report(figures, progress, path, result, expected_by_route, burn)


def _selected(inputs: Inputs) -> str:
    return selection_suffix(inputs.selection)


def _emission_figures(inputs: Inputs, totals: pd.Series) -> list[Figure]:
    y, group = inputs.year, "Uitstoot"
    now = float(totals[y]) if y in totals.index else None
    figures = [
        Figure(
            group,
            f"Uitstoot Cluster 6 in {y}",
            now,
            formatting.tonnes(now),
            "t CO₂-eq",
            f"Som van de geverifieerde EU ETS-emissies van de Cluster 6-installaties over {y}{_selected(inputs)}.",
            emission_sources(y),
        )
    ]
    comparisons = {inputs.baseline_year: "basisjaar", inputs.reference_year: "begin ETS-fase 3"}
    for other, why in comparisons.items():
        if other >= y:
            continue
        then = float(totals[other]) if other in totals.index else None
        change = now / then - 1 if now is not None and then else None
        delta = now - then if now is not None and then is not None else None
        figures += [
            Figure(
                group,
                f"Verandering t.o.v. {other} ({why})",
                _pct(change),
                formatting.percent(change),
                "%",
                f"Uitstoot {y} gedeeld door uitstoot {other}, min 1; beide jaren met de huidige Cluster 6-indeling.",
                emission_sources(y, other),
            ),
            Figure(
                group,
                f"Verandering t.o.v. {other} in tonnen",
                delta,
                _signed_tonnes(delta),
                "t CO₂-eq",
                f"Uitstoot {y} min uitstoot {other} (negatief = daling).",
                emission_sources(y, other),
            ),
        ]
    for key, noun, what in (("companies", "Bedrijven", "exploitanten"), ("installations", "Installaties", "installaties")):
        count = inputs.counts.get(key)
        figures.append(
            Figure(
                group,
                f"{noun} met uitstoot in {y}",
                None if count is None else float(count),
                formatting.number(count),
                "aantal",
                f"Cluster 6-{what} (EUTL) met een geverifieerde emissie groter dan 0 over {y}{_selected(inputs)}.",
                emission_sources(y),
            )
        )
    return figures


def _completeness_figures(inputs: Inputs) -> list[Figure]:
    y, group = inputs.year, "Volledigheid"
    done = inputs.completeness.set_index("year")
    missing = float(done.loc[y, "not_reported"]) if y in done.index else None
    previous_t = float(done.loc[y, "not_reported_previous_t"]) if y in done.index else None
    return [
        Figure(
            group,
            f"Installaties nog zonder cijfer over {y}",
            missing,
            formatting.number(missing),
            "aantal",
            f"Cluster 6-installaties die op de uittrekdatum nog geen geverifieerde emissie over {y} hadden; ze tellen "
            "niet mee (niet als 0).",
            emission_sources(y),
        ),
        Figure(
            group,
            f"Uitstoot van die installaties in {y - 1}",
            previous_t,
            formatting.tonnes(previous_t),
            "t CO₂-eq",
            f"Hun geverifieerde emissie over {y - 1}: de orde van grootte die in het totaal over {y} nog ontbreekt.",
            emission_sources(y - 1),
        ),
    ]


def _progress_figures(inputs: Inputs, total: pd.Series | None, result: dict | None, progress: pd.DataFrame) -> list[Figure]:
    """Progress against the chosen target path, from monitor.progress and monitor.pipeline."""
    y, b, end = inputs.year, inputs.baseline_year, config.TARGET_YEAR
    group, sources = f"Voortgang naar {end}", (*emission_sources(y, b), "targets")
    known = result is not None
    target_2030 = float(total["target_2030_t_co2"]) if known else None
    needed = result["needed"] if known else None
    realised = result["realised"] if known else None
    share = realised / needed if known and needed > 0 else None
    achieved_rate = float(total["achieved_rate"]) if known else None
    needed_rate = float(total["needed_rate"]) if known else None
    figures = [
        Figure(
            group,
            f"Doelwaarde {end}",
            target_2030,
            formatting.tonnes(target_2030),
            "t CO₂-eq",
            f"Waarde van het doelpad '{inputs.target_name}' in {end}, toegepast op de uitstoot van Cluster 6 in basisjaar {b}.",
            sources,
        ),
        Figure(
            group,
            f"Benodigde reductie {b}–{end}",
            needed,
            formatting.tonnes(needed),
            "t CO₂-eq",
            f"Uitstoot {b} min de doelwaarde {end}.",
            sources,
        ),
        Figure(
            group,
            f"Gerealiseerde reductie {b}–{y}",
            realised,
            formatting.tonnes(realised),
            "t CO₂-eq",
            f"Uitstoot {b} min uitstoot {y} (negatief = stijging); bevat ook sluitingen en productiedalingen.",
            sources,
        ),
        Figure(
            group,
            "Deel van de benodigde reductie gerealiseerd",
            _pct(share),
            formatting.percent(share, signed=False),
            "%",
            f"Gerealiseerde reductie {b}–{y} gedeeld door de benodigde reductie {b}–{end}.",
            sources,
        ),
        Figure(
            group,
            f"Gerealiseerd tempo {b}–{y}",
            _pct(achieved_rate),
            _per_year(achieved_rate),
            "% per jaar",
            f"Gemiddelde (samengestelde) jaarlijkse daling van de uitstoot tussen {b} en {y}.",
            sources,
        ),
        Figure(
            group,
            f"Benodigd tempo {y}–{end}",
            _pct(needed_rate),
            _per_year(needed_rate),
            "% per jaar",
            f"Gemiddelde jaarlijkse daling die vanaf {y} nodig is om de doelwaarde {end} te halen (0 % = al eronder).",
            sources,
        ),
        Figure(
            group,
            "Oordeel Cluster 6 totaal",
            None,
            total["verdict"] if total is not None else NO_VERDICT,
            "oordeel",
            "'Op koers' als het gerealiseerde tempo minstens het benodigde is, 'te langzaam' als de uitstoot te traag "
            "daalt, 'verkeerde richting' als ze steeg (methode van de Britse Climate Change Committee).",
            sources,
        ),
    ]
    sectors = progress[(progress["sector"] != TOTAL) & (progress["verdict"] != NO_VERDICT)]
    for verdicts, label, meaning in (
        ((ON_TRACK,), "Sectoren op koers", "het gerealiseerde tempo minstens het benodigde is"),
        ((TOO_SLOW, WRONG_WAY), "Sectoren niet op koers", "de uitstoot te langzaam daalt of steeg"),
    ):
        names = sectors.loc[sectors["verdict"].isin(verdicts), "sector"].tolist()
        text = f"{len(names)} van {len(sectors)}" + (f" ({', '.join(names)})" if names else "")
        figures.append(
            Figure(
                group,
                label,
                float(len(names)) if known else None,
                text if known else "–",
                "sectoren",
                f"Sectoren waarin {meaning}, per sector gemeten als voor het totaal (sectoren met uitstoot in {b} en {y}).",
                sources,
            )
        )
    return figures


def _pipeline_figures(inputs: Inputs, result: dict | None, expected_by_route: pd.Series) -> list[Figure]:
    group, sample = "Pijplijn", is_sample(inputs.cases, inputs.grants)
    sources = (*CASE_SOURCES, "sample_subsidies")
    expected = float(expected_by_route.sum())
    missing = result["missing"] if result else None
    return [
        Figure(
            group,
            "Verwachte reductie uit de pijplijn",
            expected,
            f"{formatting.tonnes(expected)}/jaar",
            "t CO₂ per jaar",
            "Geschatte jaarlijkse reductie van casussen (behalve gestopt) en subsidieprojecten; casus en project van "
            "hetzelfde bedrijf op dezelfde route tellen één keer (grootste schatting).",
            sources,
            sample,
        ),
        Figure(
            group,
            f"Ontbreekt nog tot {config.TARGET_YEAR}",
            missing,
            "–" if missing is None else f"{formatting.tonnes(missing)}/jaar" if missing else "niets",
            "t CO₂ per jaar",
            "Benodigde reductie min gerealiseerde en verwachte reductie (0 = gedekt; een deel van het verwachte kan al "
            "in het gerealiseerde zitten).",
            pipeline_sources(inputs.year, inputs.baseline_year),
            sample,
        ),
    ]


def _per_year(rate: float | None) -> str:
    return "–" if rate is None or pd.isna(rate) else f"{formatting.percent(rate, signed=False)} per jaar"


def incompleteness_note(completeness: pd.DataFrame, year: int) -> str | None:
    """A sentence for screen and exports when `year` is not yet complete; None when it is."""
    row = completeness.set_index("year").reindex([year]).iloc[0]
    if not row["not_reported"] > 0:
        return None
    return (
        f"{year} is nog onvolledig: {int(row['not_reported'])} Cluster 6-installaties hadden op de uittrekdatum nog geen "
        f"geverifieerde emissie (samen {formatting.tonnes(row['not_reported_previous_t'])} in {year - 1}); het totaal is "
        "daardoor te laag en de daling te groot."
    )


def incomplete_years(completeness: pd.DataFrame) -> tuple[int, ...]:
    """Years after the last year in which every installation reported (marked 'onvolledig' in charts)."""
    complete = completeness.loc[completeness["not_reported"] == 0, "year"]
    last = complete.max() if not complete.empty else None
    return tuple(int(y) for y in completeness["year"] if last is not None and y > last)


def gap_table(report: Report) -> pd.DataFrame:
    """onderdeel, t_co2_per_jaar: the data of the pipeline-vs-gap chart (as on the Routes page)."""
    if report.gap is None:
        return pd.DataFrame(columns=["onderdeel", "t_co2_per_jaar"])
    expected = report.expected_by_route
    return pd.DataFrame(
        {
            "onderdeel": ["nodig", "gerealiseerd", *[f"verwacht: {r}" for r in expected.index], "ontbreekt"],
            "t_co2_per_jaar": [report.gap["needed"], report.gap["realised"], *expected.tolist(), report.gap["missing"]],
        }
    )


def selection_text(sectors=(), provinces=(), routes=(), statuses=()) -> str:
    """The sidebar selection in words, e.g. 'sector: glas, keramisch; provincie: Gelderland'."""
    parts = [
        f"{name}: {', '.join(values)}"
        for name, values in (("sector", sectors), ("provincie", provinces), ("route", routes), ("casusstatus", statuses))
        if values
    ]
    return "; ".join(parts) or ALL_SELECTED
