"""Exports of the Kamerbrief report: the figures as a table, the data version, CSV, Markdown and a
standalone HTML report, and charts made ready to paste. Plain pandas and plotly: no Streamlit, no SQL."""

from __future__ import annotations

import hashlib
import html
import textwrap

import pandas as pd

from monitor import formatting
from monitor.export_safety import neutralise, safe_frame
from monitor.report import Report
from monitor.report_model import PUBLIC, SAMPLE_MARK, DataVersion, Figure


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
    return str(neutralise(text)).replace("|", "\\|").replace("\n", " ")


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
        f"| {_cell(f.bestand)} | {_cell(f.bron)} | {f.soort} | {formatting.number(f.rijen)} | {f.geladen} | `{f.sha256}` |"
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

    def esc(text) -> str:  # escaped for HTML, and no formula when the table is opened in Excel
        return html.escape(str(neutralise(text)))

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
    parts.append(safe_frame(version.files).to_html(index=False, border=0, escape=True))
    parts.append("</body></html>")
    return "\n".join(parts)


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
