"""Rapportage: exact, reproducible key figures and charts for a progress letter (Kamerbrief), with exports."""

import dataclasses
import datetime as dt
from functools import partial
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from monitor import (
    action_report,
    action_status,
    chart_view,
    completeness,
    config,
    filters,
    letter_ui,
    report,
    report_charts,
    report_export,
    report_inputs,
    sections,
    session,
    ui,
)
from monitor.action_lines import COMPUTED_SOURCES
from monitor.action_lines import LINES as ACTION_LINES
from monitor.export_safety import escape_markdown
from monitor.queries import meta

chosen = filters.current()
viewer = session.viewer()
targets = meta.targets()
target_name = targets.loc[targets["target_id"] == chosen.target_id, "target_name"].iloc[0]
st.title(f"Rapportage: kerncijfers {chosen.year}")
st.caption(
    f"Voor de voortgangsbrief aan de Kamer: elk cijfer met definitie, bron en gegevensversie, zodat het later exact "
    f"te herleiden is. Jaar {chosen.year}, basisjaar {chosen.baseline_year} en doelpad '{target_name}' komen uit de zijbalk."
    + (" " + config.TARGET_DEFAULT_WHY if chosen.target_id == config.TARGET_ID_DEFAULT else "")
)

# 1. Gather the figures from the existing query functions (cases and subsidies through the viewer)
inputs, result = report_inputs.built(chosen, viewer, chosen.year, chosen.baseline_year, chosen.target_id)  # cached
if inputs is None:
    ui.empty()
    st.stop()
source_ids = list(dict.fromkeys(s for f in result.figures for s in f.sources))
titles = meta.freshness().set_index("source_id")["title"]
source_lines = {s: f"{titles.get(s, s)}: {ui.source_line(s)}" for s in source_ids}
version = report_export.data_version(meta.load_log(), meta.freshness())
link_params = {name: st.query_params[name] for name, _ in filters.PARAMS.values() if name in st.query_params}
context = {
    "Rapportagejaar": str(chosen.year),
    "Basisjaar": str(chosen.baseline_year),
    "Doelpad": target_name,
    "Selectie": inputs.selection,
    "Gemaakt op": pd.Timestamp.now(tz="UTC").strftime("%d-%m-%Y %H:%M UTC") + f" (rol {viewer.role})",
    "Opnieuw openen": f"/rapportage?{urlencode(link_params)}",
    "Gegevensversie": f"lading nr. {version.load_id}, vingerafdruk {version.fingerprint}",
}
incomplete = report.incompleteness_note(inputs.completeness, chosen.year)
if incomplete:
    context["Let op"] = incomplete
title = f"Cluster 6 Monitor: kerncijfers {chosen.year}"

# 1b. The action lines' figures join the key figures in every export
key_result = result
key_figures = key_result.figures
actions = action_status.gather(viewer, chosen, dt.date.today())
action_ids = ("action_progress_public", "sample_action_progress", *{s for ids in COMPUTED_SOURCES.values() for s in ids})
action_lines_of_source = action_report.source_lines(actions, {s: f"{titles.get(s, s)}: {ui.source_line(s)}" for s in action_ids})
action_figures = action_report.figures(actions, {s: ui.source_line(s) for s in action_ids})
key_source_lines = source_lines
result = dataclasses.replace(result, figures=[*key_figures, *action_figures])  # exports: key figures + action lines
source_lines = source_lines | action_lines_of_source
table = report_export.figures_table(result.figures, source_lines)


def figures_table(figures: list, numbers: dict, label: str) -> None:
    """Figures with definition and numbered sources; sample-data rows shaded (and marked in the column Soort).
    `label` names the table for a screen reader."""
    shown = report_export.display_table(figures, numbers)
    ui.table(
        shown,
        {name: name.capitalize() for name in shown.columns},
        label=label,
        whole=True,  # copied into the letter: every figure at once, no scrolling region
        shaded=set(shown.index[shown["soort"] == report.SAMPLE_MARK]),
    )


# The sections in tabs: only the open one runs and is sent (monitor.sections); the tab is in the URL (?deel=...)
PARTS = ["Kerncijfers", "Actielijnen", "Brief en downloads", "Grafieken"]
parts = dict(zip(PARTS, sections.tabs(PARTS, keep=letter_ui.KEPT), strict=True))

# 2. Key figures, and the data version they come from
if tab := parts["Kerncijfers"]:
    with tab:
        st.subheader("Kerncijfers")
        if key_result.has_sample:
            ui.sample_notice()
        if incomplete:
            st.warning(
                f"{incomplete} Vermeld dat in de brief of kies {completeness.latest_complete_year(inputs.completeness)}.",
                icon=":material/warning:",
            )
        if chosen.year <= chosen.baseline_year:
            st.info(f"Kies een jaar na het basisjaar ({chosen.baseline_year}) voor de voortgangscijfers.")
        numbers = report_export.source_numbers(key_figures, key_source_lines)
        figures_table(key_figures, numbers, "Kerncijfers")
        st.caption(
            "Geel = voorbeelddata: niet publiceren. Casussen en pijplijn volgen de filters sector, provincie, route en status; "
            "het Actieplan-budget geldt voor het hele programma."
        )
        st.caption("  \n".join(f"\\[{n}\\] {escape_markdown(key_source_lines[s])}" for s, n in numbers.items()))

        st.subheader("Gegevensversie")
        st.markdown(
            "\n".join(f"- {line}" for line in report_export.version_lines(version))
            + f"\n- Opnieuw openen: `{context['Opnieuw openen']}`"
        )
        if box := sections.expander(f"sha256 per bronbestand ({len(version.files)} bestanden)", key="r_files"):
            with box:
                ui.table(version.files)
                ui.download(version.files, "cluster6_gegevensversie.csv")
        st.caption("Zelfde vingerafdruk en zelfde link = zelfde cijfers. Het blok staat ook in elke export.")

# 3. Progress per action line of Actieplan 2.0 (the exports carry it too)
if tab := parts["Actielijnen"]:
    with tab:
        st.subheader("Voortgang per actielijn (Actieplan 2.0)")
        action_numbers = report_export.source_numbers(action_figures, action_lines_of_source)
        st.caption(
            f"Stand op {actions.on:%d-%m-%Y}: per actielijn het oordeel over het schema en de indicatoren (berekend uit "
            "casussen, subsidies en installaties, of geladen als soort action_progress). Details per mijlpaal: pagina Actielijnen."
        )
        for line in ACTION_LINES:
            st.markdown(f"**{escape_markdown(line.name)}**")
            figures_table(
                [f for f in action_figures if f.group == action_report.group(line)], action_numbers, f"Actielijn {line.name}"
            )
        st.caption("  \n".join(f"\\[{n}\\] {escape_markdown(action_lines_of_source[s])}" for s, n in action_numbers.items()))
        if box := sections.expander("Mijlpalen per actielijn", key="r_milestones"):
            with box:
                milestones = action_report.milestone_table(actions)
                ui.table(milestones)
                ui.download(milestones, f"cluster6_actielijnen_mijlpalen_{actions.on:%Y%m%d}.csv")

# 4. Exports (CSV, Markdown, standalone HTML generated on click) and the letter in Word and Excel, compared with
# the previous letter; the regisseur records it as sent
if tab := parts["Brief en downloads"]:
    with tab:
        # the same builders as the tab Grafieken, so the HTML report and the letter embed the figures shown there
        charts = report_charts.build(inputs, result, source_lines)
        html_charts = [(c.heading, c.figure, f"Bron: {c.source}") for c in charts]
        st.subheader("Overnemen in de brief")
        markdown = report_export.markdown(result, title, context, source_lines, version)
        with ui.download_row():
            ui.download(
                report_export.csv_frame(table, version, context), f"cluster6_kerncijfers_{chosen.year}.csv", "Kerncijfers (CSV)"
            )
            st.download_button(
                "Tekst voor de brief (Markdown)",
                markdown.encode("utf-8"),
                file_name=f"cluster6_kerncijfers_{chosen.year}.md",
                mime="text/markdown",
                on_click="ignore",
                icon=":material/description:",
            )
            st.download_button(
                "Rapport met grafieken (HTML, offline)",
                partial(report_export.html_report, result, title, context, source_lines, version, html_charts),
                file_name=f"cluster6_rapport_{chosen.year}.html",
                mime="text/html",
                on_click="ignore",
                icon=":material/article:",
            )
        st.caption(
            "Alle drie bevatten de definities, bronnen, het gegevensversieblok en de markering VOORBEELDDATA. Voor Word: open "
            "het HTML-rapport in de browser en kopieer de tabel; de Markdown-tekst is voor Markdown-editors en Teams."
        )
        if box := sections.expander("Tekst voor de brief bekijken en kopiëren (knop rechtsboven in het vak)", key="r_markdown"):
            with box:
                st.code(markdown, language="markdown", wrap_lines=True)

        letter_charts = {c.name: (c.heading, c.figure, f"Bron: {c.source}") for c in charts}
        letter_ui.show(chosen, viewer, result, inputs, context, source_lines, version, letter_charts)

# 5. The charts
if tab := parts["Grafieken"]:
    with tab:
        charts = report_charts.build(inputs, result, source_lines)
        st.subheader("Grafieken")
        st.caption(
            "Klik op het cameraatje rechtsboven in een grafiek om hem als PNG (dubbele resolutie) op te slaan voor de brief; "
            "bron en laaddatum staan in de grafiek of eronder."
        )
        for heading, figure, data, name, source in charts:
            st.markdown(f"**{heading}**")
            png = {"format": "png", "filename": f"cluster6_{name}_{chosen.year}", "scale": 2}
            chart_view.show(figure, data, config={"toImageButtonOptions": png, "displaylogo": False})
            ui.download(data, f"cluster6_{name}_{chosen.year}.csv")
            st.caption(f"Bron: {escape_markdown(source)}")
