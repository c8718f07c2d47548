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
from monitor.completeness import note as incompleteness_note
from monitor.pipeline import gap, missing_headline, pipeline_by_company_route, pipeline_gap_table
from monitor.progress import NO_VERDICT, ON_TRACK, TOO_SLOW, WRONG_WAY, sector_progress, total_label
from monitor.report_model import (  # noqa: F401 - re-exported: report.Figure, report.SAMPLE_MARK, ...
    ALL_SELECTED,
    CASE_SOURCES,
    PUBLIC,
    SAMPLE_MARK,
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
    components: dict  # queries.emissions.change_components(baseline_year, year, sectors, provinces)
    routes: tuple[str, ...] = config.ROUTES
    reference_year: int = config.REFERENCE_YEAR
    selection: str = ALL_SELECTED
    total_label: str = total_label()  # monitor.progress.total_label of the sector and province filters

    @property
    def incomplete(self) -> bool:
        return incompleteness_note(self.completeness, self.year) is not None


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
    progress = sector_progress(
        inputs.by_sector_year, inputs.targets, inputs.target_id, inputs.baseline_year, inputs.year, inputs.total_label
    )
    base = float(totals[inputs.baseline_year]) if inputs.baseline_year in totals.index else None
    path = target_path(inputs.targets, inputs.target_id, inputs.baseline_year, base) if base else None
    expected_by_route = (
        pipeline_by_company_route(inputs.cases, inputs.grants)
        .groupby("route")["expected_reduction_t_co2"]
        .sum()
        .reindex(list(inputs.routes))
        .fillna(0.0)
    )
    total = progress.iloc[-1] if not progress.empty else None
    result = None
    if total is not None and total["verdict"] != NO_VERDICT:
        needed = float(total["baseline_t_co2"] - total["target_2030_t_co2"])
        sample = is_sample(inputs.cases, inputs.grants)
        result = gap(needed, inputs.components, expected_by_route, expected_is_sample=sample)
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


def _scope(inputs: Inputs) -> str:
    """'Cluster 6' without a sector or province filter, else 'de selectie' (the figures say which)."""
    return "Cluster 6" if inputs.total_label == total_label() else "de selectie"


def _selected(inputs: Inputs) -> str:
    return selection_suffix(inputs.selection)


def _emission_figures(inputs: Inputs, totals: pd.Series) -> list[Figure]:
    y, group = inputs.year, "Uitstoot"
    now = float(totals[y]) if y in totals.index else None
    figures = [
        Figure(
            group,
            f"Uitstoot {_scope(inputs)} in {y}",
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
    # Installations first: the count the Dutch Emissions Authority and the Actieplan's "ETS-bedrijven" use.
    for key, noun, what in (("installations", "Installaties", "installaties"), ("companies", "Bedrijven", "exploitanten")):
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
            f"Uitstoot {b} min uitstoot {y} van de installaties met een cijfer over {y} (negatief = stijging): de "
            "reductie bij draaiende installaties plus sluitingen en vertrek uit het ETS, min nieuwkomers. Installaties "
            "zonder cijfer over het jaar tellen niet mee.",
            sources,
        ),
        *[
            Figure(
                group,
                label,
                result[key] if known else None,
                (formatting.tonnes(result[key]) + (f" ({_installations(result[count])})" if count else "")) if known else "–",
                "t CO₂-eq",
                definition,
                sources,
            )
            for key, count, label, definition in (
                (
                    "operating",
                    None,
                    "waarvan bij installaties die nog draaien",
                    f"Uitstoot {b} min uitstoot {y} van installaties met uitstoot in beide jaren.",
                ),
                (
                    "closed",
                    "closed_count",
                    "waarvan door sluiting of vertrek uit het ETS",
                    f"Uitstoot {b} van installaties die in {y} geen uitstoot meer hebben (gesloten, uit het ETS of 0); "
                    "geen verduurzaming van draaiende installaties.",
                ),
                (
                    "entered",
                    None,
                    f"min uitstoot van nieuwkomers sinds {b}",
                    f"Uitstoot {y} van installaties zonder uitstoot in {b}.",
                ),
            )
        ],
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
            f"Oordeel {inputs.total_label}",
            None,
            total["verdict"] if total is not None else NO_VERDICT,
            "oordeel",
            "'Op koers' als het gerealiseerde tempo minstens het benodigde is, 'te langzaam' als de uitstoot te traag "
            "daalt, 'verkeerde richting' als ze steeg (methode van de Britse Climate Change Committee).",
            sources,
        ),
    ]
    sectors = progress.iloc[:-1][progress.iloc[:-1]["verdict"] != NO_VERDICT]
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
            "–" if result is None else missing_headline(result, year=inputs.year, incomplete=inputs.incomplete),
            "t CO₂ per jaar",
            "Benodigde reductie min de gerealiseerde reductie"
            + (" (voorbeelddata uit de pijplijn telt niet mee)" if sample else " en de verwachte reductie uit de pijplijn")
            + "; 0 = gedekt. Op een onvolledig jaar of alleen door sluitingen heet het nooit gedekt.",
            pipeline_sources(inputs.year, inputs.baseline_year),
        ),
        *(
            [
                Figure(
                    group,
                    f"Ontbreekt nog tot {config.TARGET_YEAR} als de voorbeeld-pijplijn klopt",
                    result["missing_with_pipeline"],
                    f"{formatting.tonnes(result['missing_with_pipeline'])}/jaar",
                    "t CO₂ per jaar",
                    "Benodigde reductie min gerealiseerde en verwachte reductie, met de voorbeelddata van de pijplijn: "
                    "alleen om de werking te tonen, niet publiceren.",
                    pipeline_sources(inputs.year, inputs.baseline_year),
                    True,
                )
            ]
            if result is not None and sample
            else []
        ),
    ]


def _installations(count: int) -> str:
    return f"{formatting.number(count)} {'installatie' if count == 1 else 'installaties'}"


def _per_year(rate: float | None) -> str:
    return "–" if rate is None or pd.isna(rate) else f"{formatting.percent(rate, signed=False)} per jaar"


def gap_table(report: Report) -> pd.DataFrame:
    """The data of the pipeline-vs-gap chart (as on the Routes page)."""
    if report.gap is None:
        return pd.DataFrame(columns=["onderdeel", "t_co2_per_jaar", "voorbeelddata"])
    return pipeline_gap_table(report.gap, report.expected_by_route)


def selection_text(sectors=(), provinces=(), routes=(), statuses=()) -> str:
    """The sidebar selection in words, e.g. 'sector: glas, keramisch; provincie: Gelderland'."""
    parts = [
        f"{name}: {', '.join(values)}"
        for name, values in (("sector", sectors), ("provincie", provinces), ("route", routes), ("casusstatus", statuses))
        if values
    ]
    return "; ".join(parts) or ALL_SELECTED
