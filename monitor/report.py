"""Kerncijfers for a progress letter (Kamerbrief): the figures table, the data version and the exports
(CSV frame, Markdown text, standalone HTML). Plain pandas and plotly: no Streamlit, no SQL. The page
(pages/rapportage.py) fetches the DataFrames with the query functions and passes them in here.

Every figure carries its exact value, its Dutch text, a one-sentence definition, its source ids and
whether it rests on sample data ('voorbeelddata'); that flag comes from the rows' `is_sample`, so it
disappears by itself once real case and subsidy files are loaded.
"""

from __future__ import annotations

import hashlib
import html
import textwrap
from dataclasses import dataclass, field

import pandas as pd

from monitor import config, formatting
from monitor.charts.subsidies import burn_down
from monitor.pipeline import gap, pipeline_by_company_route
from monitor.progress import NO_VERDICT, ON_TRACK, TOO_SLOW, WRONG_WAY, sector_progress
from monitor.targets import target_path

SAMPLE_MARK = "VOORBEELDDATA"
PUBLIC = "openbaar"
TOTAL = "Cluster 6 totaal"
ALL_SELECTED = "heel Cluster 6 (geen filter op sector, provincie, route of status)"
CASE_SOURCES = ("cases_public", "sample_cases")
EMISSION_SOURCE_SPLIT = 2023  # eutl_recent (Union Registry) holds the years from here on; eutl_nl the years before


@dataclass(frozen=True)
class Figure:
    group: str
    label: str
    value: float | None  # exact number in `unit` (None = not available)
    text: str  # as shown and pasted, in Dutch formatting
    unit: str
    definition: str  # one sentence
    sources: tuple[str, ...]
    sample: bool = False


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


@dataclass(frozen=True)
class DataVersion:
    load_id: int | None
    loaded_at: pd.Timestamp | None
    fingerprint: str  # first 12 hex of sha256 over 'file sha256' of every file loaded
    files: pd.DataFrame  # bestand, bron, soort, rijen, geladen, sha256 (first 12 hex)


def emission_sources(*years: int) -> tuple[str, ...]:
    """Source ids of the verified emissions of these years."""
    ids = []
    if any(y < EMISSION_SOURCE_SPLIT for y in years):
        ids.append("eutl_nl")
    if any(y >= EMISSION_SOURCE_SPLIT - 1 for y in years):  # the recent file also carries 2022
        ids.append("eutl_recent")
    return tuple(ids)


def pipeline_sources(year: int, baseline_year: int) -> tuple[str, ...]:
    """Source ids of the pipeline against the gap: emissions, target path, cases and subsidies."""
    return (*emission_sources(year, baseline_year), "targets", *CASE_SOURCES, "sample_subsidies")


def _is_sample(*frames: pd.DataFrame) -> bool:
    return any("is_sample" in f.columns and bool(f["is_sample"].fillna(False).astype(bool).any()) for f in frames)


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
        *_case_figures(inputs),
        *_money_figures(inputs, burn),
        *_pipeline_figures(inputs, result, expected_by_route),
    ]
    return Report(figures, progress, path, result, expected_by_route, burn)


def _selected(inputs: Inputs) -> str:
    return "" if inputs.selection == ALL_SELECTED else f" (selectie: {inputs.selection})"


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


def _case_figures(inputs: Inputs) -> list[Figure]:
    """Case approach (confidential; sample data unless real files are loaded). Same rules as the Casussen page."""
    group, table = "Casusaanpak", inputs.case_table
    open_cases = table[table["is_open"].astype(bool)]
    solved = table[table["status"] == "opgelost"]
    lead = inputs.lead_times[~inputs.lead_times["dates_unknown"].astype(bool)]
    median = float(lead["days"].median()) if not lead.empty else None
    return [
        Figure(
            group,
            "Open casussen",
            float(len(open_cases)),
            formatting.number(len(open_cases)),
            "casussen",
            f"Casussen met status aangemeld, intake of in behandeling{_selected(inputs)}.",
            CASE_SOURCES,
            _is_sample(open_cases),
        ),
        Figure(
            group,
            "Opgeloste casussen",
            float(len(solved)),
            formatting.number(len(solved)),
            "casussen",
            "Casussen met status opgelost (doorverwezen en gestopt tellen niet mee).",
            CASE_SOURCES,
            _is_sample(solved),
        ),
        Figure(
            group,
            "Doorlooptijd aangemeld → opgelost (mediaan)",
            median,
            f"{formatting.number(median)} dagen (n = {len(lead)})" if median is not None else "–",
            "dagen",
            "Mediaan van het aantal dagen tussen 'aangemeld' en 'opgelost' in de statushistorie, over opgeloste "
            "casussen met bekende data.",
            CASE_SOURCES,
            _is_sample(table[table["case_id"].isin(lead["case_id"])]),
        ),
    ]


def _money_figures(inputs: Inputs, burn: pd.DataFrame) -> list[Figure]:
    """Actieplan Cluster 6: the whole programme budget (the sidebar selection does not apply)."""
    group, amount = "Actieplan Cluster 6", float(inputs.budget["amount_eur"])
    last = burn.dropna().iloc[-1] if not burn.dropna().empty else None
    until = f" t/m {int(last['year'])}" if last is not None else ""
    figures = [
        Figure(
            group,
            f"Budget programma t/m {int(inputs.budget['period_end'])}",
            amount,
            formatting.euro(amount),
            "€",
            f"{inputs.budget['budget_name']}, zoals aangekondigd door de Rijksoverheid.",
            ("budgets",),
        )
    ]
    for column, label, definition, sources in (
        ("committed_eur", f"Toegezegd{until}", "Som van de toegekende bedragen van de Actieplan-instrumenten.", ()),
        ("paid_eur", f"Betaald{until}", "Som van de uitbetaalde bedragen van de Actieplan-instrumenten.", ()),
        ("remaining_eur", "Nog vrij", "Programmabudget min het toegezegde bedrag.", ("budgets",)),
    ):
        value = float(last[column]) if last is not None else None
        figures.append(
            Figure(
                group,
                label,
                value,
                formatting.euro(value),
                "€",
                definition,
                ("sample_subsidies", *sources),
                inputs.actieplan_sample_rows > 0,
            )
        )
    return figures


def _pipeline_figures(inputs: Inputs, result: dict | None, expected_by_route: pd.Series) -> list[Figure]:
    group, sample = "Pijplijn", _is_sample(inputs.cases, inputs.grants)
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


def kind(figure: Figure) -> str:
    return SAMPLE_MARK if figure.sample else PUBLIC


def _exact(value: float | None) -> str:
    """The exact number for the CSV as Dutch Excel reads it: no thousands separator, decimal comma, whole
    numbers without ',0', others to at most 6 decimals."""
    if value is None or pd.isna(value):
        return ""
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:.6f}".rstrip("0").replace(".", ",")


def figures_table(figures: list[Figure], source_lines: dict[str, str]) -> pd.DataFrame:
    """onderdeel, cijfer, waarde (Dutch text), getal (exact), eenheid, definitie, bron, soort."""
    return pd.DataFrame(
        [
            {
                "onderdeel": f.group,
                "cijfer": f.label,
                "waarde": f.text,
                "getal": _exact(f.value),
                "eenheid": f.unit,
                "definitie": f.definition,
                "bron": " · ".join(source_lines[s] for s in f.sources if s in source_lines),
                "soort": kind(f),
            }
            for f in figures
        ]
    )


def source_numbers(figures: list[Figure], source_lines: dict[str, str]) -> dict[str, int]:
    """source_id -> footnote number [1], [2], ... in order of first use (the same on screen and in Markdown)."""
    used = dict.fromkeys(s for f in figures for s in f.sources if s in source_lines)
    return {source_id: number for number, source_id in enumerate(used, start=1)}


def _refs(figure: Figure, numbers: dict[str, int]) -> str:
    return " ".join(f"[{n}]" for n in sorted(numbers[s] for s in figure.sources if s in numbers))


def display_table(figures: list[Figure], numbers: dict[str, int]) -> pd.DataFrame:
    """The figures for on screen: onderdeel (on the first row of its group only), cijfer, waarde, definitie,
    bron (footnote numbers), soort."""
    return pd.DataFrame(
        [
            {
                "onderdeel": f.group if i == 0 or figures[i - 1].group != f.group else "",
                "cijfer": f.label,
                "waarde": f.text,
                "definitie": f.definition,
                "bron": _refs(f, numbers),
                "soort": kind(f),
            }
            for i, f in enumerate(figures)
        ]
    )


def data_version(load_log: pd.DataFrame, sources: pd.DataFrame) -> DataVersion:
    """The newest load and the sha256 of each file as last loaded. load_log: as the table load_log.
    sources: source_id, file, is_sample (queries.meta.freshness)."""
    ok = load_log[load_log["outcome"] == "ok"].sort_values("load_id")
    latest = ok.drop_duplicates("source_file", keep="last").sort_values("source_file")
    fingerprint = hashlib.sha256(
        "\n".join(f"{row.source_file} {row.sha256}" for row in latest.itertuples()).encode()
    ).hexdigest()[:12]
    by_file = sources.set_index("file")
    files = pd.DataFrame(
        {
            "bestand": latest["source_file"],
            "bron": latest["source_file"].map(by_file["source_id"]).fillna("–"),
            "soort": [_file_kind(f, by_file["is_sample"].get(f)) for f in latest["source_file"]],
            "rijen": latest["rows"],
            "geladen": latest["loaded_at"].map(_utc),
            "sha256": latest["sha256"].str[:12],
        }
    ).reset_index(drop=True)
    last = ok.iloc[-1] if not ok.empty else None
    return DataVersion(
        int(last["load_id"]) if last is not None else None,
        pd.Timestamp(last["loaded_at"]) if last is not None else None,
        fingerprint,
        files,
    )


def _file_kind(file: str, is_sample: bool | None) -> str:
    """Sample or public: from the sources table, else from the folder (sample/ is the shipped sample; raw/ and
    reference/ hold the shipped public data; anything else is a file someone loaded)."""
    if is_sample is not None and not pd.isna(is_sample):
        return SAMPLE_MARK if is_sample else PUBLIC
    if file.startswith("sample/"):
        return SAMPLE_MARK
    return PUBLIC if file.startswith(("raw/", "reference/")) else "eigen bestand"


def _utc(moment) -> str:
    return pd.Timestamp(moment).strftime("%d-%m-%Y %H:%M UTC") if pd.notna(moment) else "–"


def version_lines(version: DataVersion) -> list[str]:
    """The data version as short lines of text (without the per-file list)."""
    return [
        f"Laatste lading: nr. {version.load_id}, {_utc(version.loaded_at)}",
        f"Vingerafdruk van de gegevens: {version.fingerprint} (sha256 over de sha256 van alle geladen bestanden)",
    ]


def csv_frame(table: pd.DataFrame, version: DataVersion, context: dict[str, str]) -> pd.DataFrame:
    """The figures table with the report context and the data version appended as rows of 'Gegevensversie'."""
    rows = [{"onderdeel": "Rapport", "cijfer": key, "waarde": value} for key, value in context.items()]
    rows += [
        {
            "onderdeel": "Gegevensversie",
            "cijfer": "laatste lading",
            "waarde": f"nr. {version.load_id}",
            "getal": _exact(version.load_id),
        },
        {"onderdeel": "Gegevensversie", "cijfer": "geladen op", "waarde": _utc(version.loaded_at)},
        {"onderdeel": "Gegevensversie", "cijfer": "vingerafdruk", "waarde": version.fingerprint},
    ]
    rows += [
        {
            "onderdeel": "Gegevensversie",
            "cijfer": f"sha256 {f.bestand}",
            "waarde": f.sha256,
            "getal": _exact(f.rijen),
            "eenheid": "rijen",
            "bron": f.bron,
            "soort": f.soort,
        }
        for f in version.files.itertuples()
    ]
    return pd.concat([table, pd.DataFrame(rows)], ignore_index=True)


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(report: Report, title: str, context: dict[str, str], source_lines: dict[str, str], version: DataVersion) -> str:
    """The key figures as Markdown to paste into a letter: a table with numbered sources, definitions,
    the sources, and the data version. Sample figures say VOORBEELDDATA in the table itself."""
    number = source_numbers(report.figures, source_lines)
    lines = [f"# {title}", ""]
    lines += [f"- {key}: {value}" for key, value in context.items()]
    lines.append("")
    if report.has_sample:
        lines += [
            f"> **LET OP: {SAMPLE_MARK}.** Cijfers gemarkeerd met **{SAMPLE_MARK}** komen uit een gegenereerde "
            "voorbeeldset, niet uit echte casus- of subsidiebestanden. Niet publiceren.",
            "",
        ]
    lines += ["| Onderdeel | Cijfer | Waarde | Bron |", "|---|---|---|---|"]
    for f in report.figures:
        value = f"{f.text} **{SAMPLE_MARK}**" if f.sample else f.text
        lines.append(f"| {_cell(f.group)} | {_cell(f.label)} | {_cell(value)} | {_refs(f, number)} |")
    lines += ["", "## Definities", ""]
    lines += [f"- **{_cell(f.label)}**: {f.definition}" for f in report.figures]
    lines += ["", "## Bronnen", ""]
    lines += [f"- [{n}] {source_lines[s]}" for s, n in number.items()]
    lines += ["", "## Gegevensversie", ""]
    lines += [f"- {line}" for line in version_lines(version)]
    lines += ["", "| Bestand | Bron | Soort | Rijen | Geladen | sha256 (12) |", "|---|---|---|---|---|---|"]
    lines += [
        f"| {f.bestand} | {f.bron} | {f.soort} | {formatting.number(f.rijen)} | {f.geladen} | `{f.sha256}` |"
        for f in version.files.itertuples()
    ]
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1100px;margin:2em auto;color:#222;line-height:1.4}
table{border-collapse:collapse;width:100%;margin:1em 0;font-size:14px}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}.sample{background:#fff3cd}.mark{color:#8a4b00;font-weight:bold}
.warning{background:#fff3cd;border:1px solid #e0b400;padding:.6em 1em}.caption{color:#666;font-size:13px}
"""


def html_report(
    report: Report,
    title: str,
    context: dict[str, str],
    source_lines: dict[str, str],
    version: DataVersion,
    charts: list[tuple[str, object, str]],
) -> str:
    """A standalone HTML file (works offline): context, key figures, charts (plotly.js embedded once),
    sources and data version. charts: (heading, plotly Figure, caption)."""
    esc = html.escape
    parts = [f"<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>{esc(title)}</title>"]
    parts.append(f"<style>{_CSS}</style></head><body><h1>{esc(title)}</h1><ul>")
    parts += [f"<li>{esc(key)}: {esc(value)}</li>" for key, value in context.items()]
    parts.append("</ul>")
    if report.has_sample:
        parts.append(
            f"<p class='warning'><b>LET OP: {SAMPLE_MARK}.</b> Gemarkeerde cijfers komen uit een gegenereerde "
            "voorbeeldset, niet uit echte casus- of subsidiebestanden. Niet publiceren.</p>"
        )
    numbers = source_numbers(report.figures, source_lines)
    parts.append(
        "<h2>Kerncijfers</h2><table><tr><th>Onderdeel</th><th>Cijfer</th><th>Waarde</th><th>Definitie</th><th>Bron</th></tr>"
    )
    for f in report.figures:
        mark = f" <span class='mark'>{SAMPLE_MARK}</span>" if f.sample else ""
        parts.append(
            f"<tr class='{'sample' if f.sample else ''}'><td>{esc(f.group)}</td><td>{esc(f.label)}</td>"
            f"<td>{esc(f.text)}{mark}</td><td>{esc(f.definition)}</td><td>{_refs(f, numbers)}</td></tr>"
        )
    parts.append("</table><h2>Bronnen</h2><ol class='caption'>")
    parts += [f"<li>{esc(source_lines[s])}</li>" for s in numbers]
    parts.append("</ol>")
    for index, (heading, figure, caption) in enumerate(charts):
        parts.append(f"<h2>{esc(heading)}</h2>")
        parts.append(figure.to_html(full_html=False, include_plotlyjs=index == 0, config={"displaylogo": False}))
        parts.append(f"<p class='caption'>{esc(caption)}</p>")
    parts.append("<h2>Gegevensversie</h2><ul>")
    parts += [f"<li>{esc(line)}</li>" for line in version_lines(version)]
    parts.append("</ul>")
    parts.append(version.files.to_html(index=False, border=0, escape=True))
    parts.append("</body></html>")
    return "\n".join(parts)


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


def print_ready(figure, width: int = 150):
    """Make a chart's source line (the 'Bron: ...' annotation the builders add) fit a PNG for a letter:
    wrap it at `width` characters and widen the bottom margin to hold every line. Returns the figure."""
    for note in figure.layout.annotations:
        if not str(note.text or "").startswith("Bron:"):
            continue
        lines = textwrap.wrap(note.text.replace("<br>", " · "), width)
        note.text = "<br>".join(lines)
        bottom = figure.layout.margin.b or 0
        figure.update_layout(margin=dict(b=max(bottom, -(note.yshift or 0) + 14 * len(lines) + 10)))
    return figure


def selection_text(sectors=(), provinces=(), routes=(), statuses=()) -> str:
    """The sidebar selection in words, e.g. 'sector: glas, keramisch; provincie: Gelderland'."""
    parts = [
        f"{name}: {', '.join(values)}"
        for name, values in (("sector", sectors), ("provincie", provinces), ("route", routes), ("casusstatus", statuses))
        if values
    ]
    return "; ".join(parts) or ALL_SELECTED
