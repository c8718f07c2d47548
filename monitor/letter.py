"""The drafted text of the progress letter (voortgangsbrief), in a neutral Kamerbrief register.

Every number comes from the report's key figures (monitor.report.build), looked up by their figure key
(monitor.snapshots.figure_key), so the text follows the figures and says the same as the tables. The
caveats (an incomplete year, sample data, a selection) are stated in words, and no sentence claims the
target is met on an incomplete year or on sample data. Plain Python: no Streamlit, no SQL.

The text is a list of Sections; `as_text` makes the editable plain text ('## heading' lines between
paragraphs) and `parse_text` reads an edited text back for the Word document.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from monitor import config, formatting
from monitor.completeness import note as incompleteness_note
from monitor.progress import NO_VERDICT, ON_TRACK, TOO_SLOW, WRONG_WAY
from monitor.report import Inputs, Report
from monitor.report_model import ALL_SELECTED, SAMPLE_MARK, Figure
from monitor.snapshots import figure_key

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
GROUP_PHRASES = {"Casusaanpak": "de casusaanpak", "Actieplan Cluster 6": "het Actieplan-budget", "Pijplijn": "de pijplijn"}
ACTION_LINE_GROUP, SCHEDULE_LABEL = "Actielijn ", "Schema op"  # monitor.action_report's figure group and label
UNCHANGED = 0.05  # a change that rounds to 0,0 % is "no change" in words


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]
    sample: bool = False  # rests on sample data: marked VOORBEELDDATA wherever it is shown


def dutch_date(day) -> str:
    """25 november 2026."""
    day = pd.Timestamp(day)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def count(n: float | int | None, singular: str, plural: str) -> str:
    """'1 installatie', '173 installaties', '0 casussen' (Dutch thousands separator)."""
    n = 0 if n is None or pd.isna(n) else int(round(n))
    return f"{formatting.number(n)} {singular if n == 1 else plural}"


def _listing(items: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


class _Figures:
    """The report's figures by key, for one year and baseline."""

    def __init__(self, report: Report, year: int, baseline_year: int):
        self.by_key: dict[str, Figure] = {}
        for f in report.figures:  # the report's own figures come first; a later figure with the same label does not replace them
            self.by_key.setdefault(figure_key(f.label, year, baseline_year), f)

    def get(self, key: str) -> Figure | None:
        return self.by_key.get(key)

    def value(self, key: str) -> float | None:
        f = self.by_key.get(key)
        return None if f is None or f.value is None or pd.isna(f.value) else float(f.value)

    def sample(self, *keys: str) -> bool:
        return any(self.by_key[k].sample for k in keys if k in self.by_key)


def _change_clause(pct: float | None, delta_t: float | None, against: str) -> str | None:
    """'12,3 % (0,56 Mt) minder dan in het basisjaar 2019', '… meer …' or 'evenveel als …'."""
    if pct is None:
        return None
    if abs(pct) < UNCHANGED:
        return f"evenveel als {against}"
    size = formatting.percent(abs(pct) / 100, signed=False)
    tonnes = f" ({formatting.tonnes(abs(delta_t))})" if delta_t is not None else ""
    return f"{size}{tonnes} {'minder' if pct < 0 else 'meer'} dan {against}"


def _emissions(f: _Figures, inputs: Inputs, incomplete: str | None) -> Section:
    y, b, ref = inputs.year, inputs.baseline_year, inputs.reference_year
    now = (
        f.value("Uitstoot Cluster 6 in {jaar}")
        if f.get("Uitstoot Cluster 6 in {jaar}")
        else f.value("Uitstoot de selectie in {jaar}")
    )
    if now is None:
        return Section("Uitstoot", (f"Over {y} zijn nog geen geverifieerde emissies van Cluster 6 bekend.",))
    where = "" if inputs.selection == ALL_SELECTED else f" (selectie: {inputs.selection})"
    first = (
        f"In {y} stootten {count(f.value('Installaties met uitstoot in {jaar}'), 'installatie', 'installaties')} "
        f"van {count(f.value('Bedrijven met uitstoot in {jaar}'), 'bedrijf', 'bedrijven')} in Cluster 6{where} samen "
        f"{formatting.tonnes(now)} CO₂-equivalent uit."
    )
    clauses = [
        _change_clause(
            f.value("Verandering t.o.v. {basis} (basisjaar)"),
            f.value("Verandering t.o.v. {basis} in tonnen"),
            f"in het basisjaar {b}",
        )
        if b < y
        else None,
        _change_clause(
            f.value(f"Verandering t.o.v. {ref} (begin ETS-fase 3)"),
            f.value(f"Verandering t.o.v. {ref} in tonnen"),
            f"in {ref}, het begin van ETS-fase 3",
        )
        if ref < y and ref != b
        else None,
    ]
    clauses = [c for c in clauses if c]
    paragraphs = [first + (f" Dat is {_listing(clauses)}." if clauses else "")]
    if incomplete:
        paragraphs.append(f"Let op: {incomplete}")
    return Section("Uitstoot", tuple(paragraphs))


def _sector_phrase(row: pd.Series) -> str:
    if row["verdict"] == WRONG_WAY:
        return f"{row['sector']} (uitstoot gestegen met {formatting.percent(row['change'], signed=False)})"
    achieved = formatting.percent(row["achieved_rate"], signed=False)
    if row["needed_rate"] <= 0:
        return f"{row['sector']} ({achieved} per jaar gedaald, al onder de doelwaarde voor {config.TARGET_YEAR})"
    needed = formatting.percent(row["needed_rate"], signed=False)
    return f"{row['sector']} ({achieved} per jaar gedaald, {needed} per jaar nodig)"


def _progress(f: _Figures, report: Report, inputs: Inputs, incomplete: str | None) -> Section:
    y, b, end = inputs.year, inputs.baseline_year, config.TARGET_YEAR
    heading = f"Voortgang naar {end}"
    verdict_figure = f.get(f"Oordeel {inputs.total_label}")
    verdict = verdict_figure.text if verdict_figure else NO_VERDICT
    target, needed, realised = (
        f.value(f"Doelwaarde {end}"),
        f.value(f"Benodigde reductie {{basis}}–{end}"),
        f.value("Gerealiseerde reductie {basis}–{jaar}"),
    )
    if verdict == NO_VERDICT or target is None or needed is None or realised is None:
        return Section(
            heading,
            (
                f"Voor {y} met basisjaar {b} is geen oordeel over de voortgang mogelijk: daarvoor is uitstoot in beide jaren nodig en moet het jaar na het basisjaar liggen.",
            ),
        )
    paragraphs = [
        f"Langs het doelpad '{inputs.target_name}' hoort de uitstoot van Cluster 6 in {end} uit te komen op {formatting.tonnes(target)}: {formatting.tonnes(needed)} minder dan in {b}."
    ]
    gap = report.gap
    if realised > 0:
        share = f.get("Deel van de benodigde reductie gerealiseerd")
        paragraphs[0] += (
            f" Tot en met {y} is daarvan {formatting.tonnes(realised)} gerealiseerd ({share.text if share else '–'} van de benodigde reductie)."
        )
    elif realised < 0:
        paragraphs[0] += f" Tot en met {y} is de uitstoot juist {formatting.tonnes(-realised)} gestegen ten opzichte van {b}."
    else:
        paragraphs[0] += f" Tot en met {y} is de uitstoot niet gedaald ten opzichte van {b}."
    if gap is not None:
        parts = [f"{formatting.tonnes(gap['operating'])} minder bij installaties die nog draaien"]
        if gap["closed"] > 0:
            parts.append(
                f"{formatting.tonnes(gap['closed'])} door sluiting of vertrek uit het ETS van "
                f"{count(gap['closed_count'], 'installatie', 'installaties')}"
            )
        if gap["entered"] > 0:
            parts.append(f"{formatting.tonnes(gap['entered'])} extra uitstoot van nieuwkomers")
        paragraphs[0] += f" Dat saldo bestaat uit {_listing(parts)}."
        if gap["closed"] > 0 and gap["closed"] >= max(realised, 0.0):
            paragraphs[0] += " Sluitingen dragen de hele daling: bij de draaiende installaties is er per saldo geen reductie."
        elif gap["closed"] > 0:
            paragraphs[0] += " Sluitingen zijn geen verduurzaming van draaiende installaties."
    achieved, needed_rate = f.get("Gerealiseerd tempo {basis}–{jaar}"), f.get(f"Benodigd tempo {{jaar}}–{end}")
    if achieved and needed_rate:
        paragraphs.append(
            f"Het gerealiseerde tempo is {achieved.text} (gemiddeld sinds {b}); vanaf {y} is {needed_rate.text} nodig."
        )
    if incomplete:
        paragraphs[-1] += (
            f" Omdat {y} nog onvolledig is, is het oordeel over de koers voorlopig en trekken wij er nog geen conclusie uit."
        )
    elif verdict == ON_TRACK and gap is not None and gap["closed"] >= max(realised, 0.0) > 0:
        paragraphs[-1] += (
            " Dat tempo komt alleen uit sluitingen en zegt daarom niets over de koers van de draaiende installaties."
        )
    elif verdict == ON_TRACK:
        paragraphs[-1] += f" Als dat tempo aanhoudt, ligt Cluster 6 als geheel op koers voor de doelwaarde in {end}."
    elif verdict == TOO_SLOW:
        paragraphs[-1] += f" Dat is te langzaam: bij dit tempo haalt Cluster 6 de doelwaarde in {end} niet."
    elif verdict == WRONG_WAY:
        paragraphs[-1] += f" De uitstoot beweegt de verkeerde kant op: ze is sinds {b} gestegen."
    sectors = report.progress.iloc[:-1]  # the last row is the total (monitor.progress.sector_progress)
    sectors = sectors[sectors["verdict"] != NO_VERDICT]
    on = sectors[sectors["verdict"] == ON_TRACK]
    off = sectors[sectors["verdict"].isin((TOO_SLOW, WRONG_WAY))]
    if not sectors.empty:
        total = count(len(sectors), "sector", "sectoren")
        parts = []
        if not on.empty:
            verb = "ligt" if len(on) == 1 else "liggen"
            parts.append(
                f"Van de {total} {verb} er {len(on)} op koers: {_listing([_sector_phrase(r) for _, r in on.iterrows()])}."
            )
        else:
            parts.append(f"Geen van de {total} ligt op koers.")
        if not off.empty:
            verb = "ligt" if len(off) == 1 else "liggen"
            parts.append(f"Niet op koers {verb} {_listing([_sector_phrase(r) for _, r in off.iterrows()])}.")
        if incomplete:
            parts.append(f"Ook deze oordelen zijn voorlopig, omdat {y} nog onvolledig is.")
        paragraphs.append(" ".join(parts))
    return Section(heading, tuple(paragraphs))


def _cases(f: _Figures, inputs: Inputs) -> Section:
    keys = ("Open casussen", "Opgeloste casussen", "Doorlooptijd aangemeld → opgelost (mediaan)")
    open_n, solved_n = f.value(keys[0]), f.value(keys[1])
    median = f.get(keys[2])
    first = (
        f"In de casusaanpak {'loopt' if open_n == 1 else 'lopen'} {count(open_n, 'open casus', 'open casussen')}; "
        f"{count(solved_n, 'casus is', 'casussen zijn')} opgelost."
    )
    if median is not None and median.value is not None:
        first += f" De mediane doorlooptijd van aanmelding tot oplossing is {median.text}."
    paragraphs = [first]
    table = inputs.case_table
    open_cases = table[table["is_open"].astype(bool)]
    if not open_cases.empty:
        top = open_cases["bottleneck"].value_counts().sort_index().sort_values(ascending=False, kind="stable").head(3)
        named = [f"{name} ({n})" for name, n in top.items()]
        paragraphs.append(
            f"Het meest genoemde knelpunt bij de open casussen is {named[0]}."
            if len(named) == 1
            else f"De meest genoemde knelpunten bij de open casussen zijn {_listing(named)}."
        )
        oldest = open_cases.sort_values(["opened_on", "case_id"]).head(3)
        described = [
            f"{r.case_id} ({r.sector}, {r.province}; {r.bottleneck}; aangemeld {pd.Timestamp(r.opened_on):%d-%m-%Y})"
            for r in oldest.itertuples()
        ]
        paragraphs.append(f"Het langst open {'staat' if len(described) == 1 else 'staan'} {_listing(described)}.")
    return Section(
        "Casusaanpak", tuple(paragraphs), f.sample(*keys) or bool(open_cases.get("is_sample", pd.Series(dtype=bool)).any())
    )


def _budget(f: _Figures) -> Section | None:
    budget = next((x for k, x in f.by_key.items() if k.startswith("Budget programma")), None)
    committed = next((x for k, x in f.by_key.items() if k.startswith("Toegezegd")), None)
    paid = next((x for k, x in f.by_key.items() if k.startswith("Betaald")), None)
    remaining = f.get("Nog vrij")
    if budget is None or committed is None or committed.value is None:
        return None
    until = committed.label.removeprefix("Toegezegd").strip()
    text = (
        f"Van het budget van {budget.text} voor het Actieplan Cluster 6 ({budget.label.removeprefix('Budget programma').strip()}) "
        f"is {until} {committed.text} toegezegd en {paid.text if paid else '–'} betaald; {remaining.text if remaining else '–'} is nog vrij."
    )
    return Section("Actieplan Cluster 6", (text,), any(x.sample for x in (committed, paid, remaining) if x))


def _pipeline(f: _Figures, report: Report, incomplete: str | None) -> Section:
    """The pipeline against what is still missing to 2030. The headline words come from the report
    (monitor.pipeline.missing_headline): never 'covered' on an incomplete year, on closures alone or on a
    sample pipeline, which is not netted against the real gap at all."""
    end, gap = config.TARGET_YEAR, report.gap
    expected = f.get("Verwachte reductie uit de pijplijn")
    missing = f.get(f"Ontbreekt nog tot {end}")
    sample = gap["expected_is_sample"] if gap is not None else f.sample("Verwachte reductie uit de pijplijn")
    paragraphs = []
    if expected is not None:
        paragraphs.append(
            f"De casussen en subsidieprojecten in de pijplijn verwachten samen {expected.text} minder uitstoot "
            "(casus en project van hetzelfde bedrijf op dezelfde route één keer geteld)."
            + (" Die verwachting rust op voorbeelddata en telt daarom niet mee in wat er nog ontbreekt." if sample else "")
        )
    if gap is None or missing is None:
        paragraphs.append(f"Een vergelijking met de opgave voor {end} is voor deze keuze van jaar en basisjaar niet mogelijk.")
    elif gap["missing"] > 0:
        without = " zonder de pijplijn" if sample else " na de gerealiseerde reductie en de pijplijn"
        paragraphs.append(f"Tot {end} ontbreekt{without} nog {missing.text}.")
    else:
        paragraphs.append(f"Wat er tot {end} nog ontbreekt: {missing.text}.")
        if not incomplete and gap["missing_operating"] == 0:
            paragraphs[-1] += (
                " Dat is nog geen zekerheid: verwachte reducties zijn schattingen en een deel kan al in de gerealiseerde reductie zitten."
            )
    if gap is not None and gap["not_reported_count"] > 0:
        paragraphs.append(
            f"Van {count(gap['not_reported_count'], 'installatie', 'installaties')} is de uitstoot over het jaar nog niet bekend "
            f"(samen {formatting.tonnes(gap['not_reported'])} in het basisjaar); die telt niet als reductie."
        )
    return Section(f"Pijplijn en opgave {end}", tuple(paragraphs), sample)


def _action_lines(report: Report) -> Section | None:
    """The schedule of each action line of Actieplan 2.0, from the report's action-line figures (added by the
    report page, monitor.action_report): how many lines are behind, then each line's verdict as computed."""
    schedules = [f for f in report.figures if f.group.startswith(ACTION_LINE_GROUP) and f.label.startswith(SCHEDULE_LABEL)]
    if not schedules:
        return None
    on = pd.to_datetime(schedules[0].label.removeprefix(SCHEDULE_LABEL).strip(), format="%d-%m-%Y")
    behind = sum(1 for f in schedules if f.value)
    first = (
        f"Van de {count(len(schedules), 'actielijn', 'actielijnen')} van het Actieplan 2.0 "
        f"{'loopt' if behind == 1 else 'lopen'} er op {dutch_date(on)} {formatting.number(behind)} achter op schema."
        if behind
        else f"Op {dutch_date(on)} loopt geen van de {count(len(schedules), 'actielijn', 'actielijnen')} van het Actieplan 2.0 "
        "achter op schema."
    )
    lines = [f"{f.group.removeprefix(ACTION_LINE_GROUP)}: {f.text}" for f in schedules]
    return Section("Actielijnen Actieplan 2.0", (first, "; ".join(lines) + "."), any(f.sample for f in schedules))


def _since_last(comparison: pd.DataFrame, previous: dict) -> Section:
    """previous: title, sent_on, year of the earlier letter (a row of queries.snapshots.letters)."""
    intro = f"Ten opzichte van de vorige brief ({previous['title']}, {dutch_date(previous['sent_on'])}, over {int(previous['year'])}):"
    shown = comparison[(comparison["vorige_brief"] != "nieuw") & (comparison["eenheid"] != "oordeel")]
    keep = (
        "Uitstoot Cluster 6 in {jaar}",
        "Uitstoot de selectie in {jaar}",
        "Open casussen",
        "Opgeloste casussen",
        "Verwachte reductie uit de pijplijn",
    )
    lines = [
        f"{r.cijfer}: {r.nu}, was {r.vorige_brief} ({r.verschil})"
        for r in shown.itertuples()
        if r.figure_key in keep or r.figure_key.startswith(("Toegezegd", "Betaald"))
    ]
    paragraphs = [intro + " " + "; ".join(lines) + "." if lines else intro + " geen vergelijkbare kerncijfers."]
    revised = comparison[comparison["herzien"] != ""]
    if not revised.empty:
        items = [f"{r.cijfer.split(' in ')[0]} (toen {r.vorige_brief}, nu {r.herzien})" for r in revised.itertuples()]
        paragraphs.append(
            f"Nieuwe gegevens hebben {count(len(items), 'cijfer', 'cijfers')} uit de vorige brief herzien: {_listing(items)}."
        )
    else:
        paragraphs.append("Geen van de cijfers uit de vorige brief is door nieuwe gegevens herzien.")
    return Section("Sinds de vorige brief", tuple(paragraphs))


def _caveats(report: Report, inputs: Inputs, incomplete: str | None) -> Section:
    paragraphs = []
    y = inputs.year
    if incomplete:
        paragraphs.append(f"{y} is nog onvolledig: de uitstoot, de daling en de oordelen over {y} zijn voorlopig (zie Uitstoot).")
    sample_groups = list(dict.fromkeys(f.group for f in report.figures if f.sample))
    if sample_groups:
        named = [GROUP_PHRASES.get(g, g.lower()) for g in sample_groups]
        paragraphs.append(
            f"{SAMPLE_MARK}: de cijfers over {_listing(named)} "
            "komen uit een gegenereerde voorbeeldset, niet uit echte casus- of subsidiebestanden. Ze mogen niet worden gepubliceerd."
        )
    if inputs.selection != ALL_SELECTED:
        paragraphs.append(f"De cijfers gelden voor een selectie ({inputs.selection}), niet voor heel Cluster 6.")
    if not paragraphs:
        paragraphs.append("Alle cijfers rusten op openbare of echte, geladen gegevens over een volledig jaar.")
    return Section("Kanttekeningen bij de cijfers", tuple(paragraphs))


def draft(report: Report, inputs: Inputs, comparison: pd.DataFrame | None = None, previous: dict | None = None) -> list[Section]:
    """The drafted letter: emissions, progress and sectors, cases, budget, pipeline, action lines, since the last
    letter, caveats."""
    f = _Figures(report, inputs.year, inputs.baseline_year)
    incomplete = incompleteness_note(inputs.completeness, inputs.year)
    sections = [
        _emissions(f, inputs, incomplete),
        _progress(f, report, inputs, incomplete),
        _cases(f, inputs),
        _budget(f),
        _pipeline(f, report, incomplete),
        _action_lines(report),
        _since_last(comparison, previous) if comparison is not None and previous is not None else None,
        _caveats(report, inputs, incomplete),
    ]
    return [s for s in sections if s is not None]


def as_text(sections: list[Section]) -> str:
    """Plain text to edit: '## heading' (with [VOORBEELDDATA] when it rests on sample data), paragraphs between blank lines."""
    blocks = []
    for s in sections:
        blocks.append(f"## {s.heading}" + (f" [{SAMPLE_MARK}]" if s.sample else ""))
        blocks += list(s.paragraphs)
    return "\n\n".join(blocks) + "\n"


def parse_text(text: str) -> list[Section]:
    """Read an (edited) text back into sections; text before the first heading goes under an empty heading."""
    sections: list[Section] = []
    heading, paragraphs, sample = "", [], False
    for block in (b.strip() for b in text.replace("\r\n", "\n").split("\n\n")):
        if not block:
            continue
        if block.startswith("## "):
            if heading or paragraphs:
                sections.append(Section(heading, tuple(paragraphs), sample))
            title = block[3:].strip()
            sample = title.endswith(f"[{SAMPLE_MARK}]")
            heading, paragraphs = title.removesuffix(f"[{SAMPLE_MARK}]").strip(), []
        else:
            paragraphs.append(" ".join(line.strip() for line in block.splitlines()))
    if heading or paragraphs:
        sections.append(Section(heading, tuple(paragraphs), sample))
    return sections
