"""The letter section of the Rapportage page: choose the previous letter, read and edit the drafted text,
download Word and Excel, and (regisseur) record the letter as sent. Streamlit widgets around the plain
builders (monitor.letter, letter_docx, letter_xlsx, snapshots); the page stays a short list of sections."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import partial

import pandas as pd
import streamlit as st

from etl import snapshots as snapshot_store
from monitor import chart_images, config, letter, letter_docx, letter_xlsx, report, report_inputs, sections, snapshots, ui
from monitor.letter_tables import Letter
from monitor.queries import snapshots as snapshot_queries

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RECORDED = "letter_recorded"  # session key: the confirmation shown after recording
PREVIOUS_KEY, DATE_KEY = "letter_previous", "letter_date"
KEPT = (PREVIOUS_KEY, DATE_KEY)  # kept while the reader looks at another tab of Rapportage


def _docx(the_letter: Letter) -> bytes:
    """Built when the button is clicked: the chart images first (a few seconds in Chromium), then the document."""
    images, missing = chart_images.render({name: figure for name, (_, figure, _) in the_letter.charts.items()})
    return letter_docx.build(the_letter, images, missing)


def _record(snapshot: dict, text_key: str, recorded_by: str) -> None:
    """On click, before the rerun: store the letter with the text as it is in the box now."""
    snapshot = {**snapshot, "letter_text": st.session_state.get(text_key, snapshot["letter_text"])}
    number = snapshot_store.record(snapshot, config.db_path(), recorded_by)
    st.session_state.pop(PREVIOUS_KEY, None)  # the next view compares with the letter just recorded
    st.session_state[RECORDED] = (
        f"Vastgelegd als brief nr. {number} ({pd.Timestamp(snapshot['sent_on']):%d-%m-%Y}). De volgende brief vergelijkt hiermee."
    )


def _previous(chosen, viewer, result: report.Report, inputs: report.Inputs):
    """The chosen earlier letter (a row of queries.snapshots.letters) and the comparison, or (None, None)."""
    letters = snapshot_queries.letters()
    if letters.empty:
        st.caption("Nog geen brief vastgelegd als verzonden: de vergelijking met de vorige brief verschijnt na de eerste.")
        return None, None
    labels = {
        int(r.snapshot_id): f"nr. {r.snapshot_id}: {r.title} ({pd.Timestamp(r.sent_on):%d-%m-%Y}, over {r.year})"
        for r in letters.itertuples()
    }
    if st.session_state.get(PREVIOUS_KEY, "unset") not in (None, *labels):  # new, or a kept choice since replaced
        st.session_state[PREVIOUS_KEY] = next(iter(labels))  # the latest letter sent
    chosen_id = st.selectbox(
        "Vergelijken met de vorige brief",
        [None, *labels],
        key=PREVIOUS_KEY,
        format_func=lambda i: "geen" if i is None else labels[i],
        help="Elk kerncijfer naast wat die brief echt rapporteerde, en welke cijfers nieuwe gegevens sindsdien herzagen.",
    )
    if chosen_id is None:
        return None, None
    previous = letters.set_index("snapshot_id").loc[chosen_id].to_dict()
    _, rebuilt = report_inputs.built(chosen, viewer, int(previous["year"]), int(previous["baseline_year"]), previous["target_id"])
    recomputed = rebuilt.figures if rebuilt is not None else None
    comparison = snapshots.compare(
        result.figures,
        inputs.year,
        inputs.baseline_year,
        snapshot_queries.figures(chosen_id),
        recomputed,
        int(previous["year"]),
        int(previous["baseline_year"]),
    )
    if previous["selection"] != inputs.selection:
        st.warning(
            f"De vorige brief gold voor een andere selectie ({previous['selection']}); de verschillen zijn niet één op één."
        )
    return previous, comparison


LETTER_LABEL = "Tekst van de brief ('## ' begint een kop; alinea's tussen lege regels)"


def _edits() -> dict[str, str]:
    """The user's edited letter texts this session, per draft (Streamlit drops a text area's state when it is not
    drawn, e.g. while another year is chosen; this keeps the edits)."""
    return st.session_state.setdefault("letter_edits", {})


def _keep_edits(key: str, text: str, drafted: str) -> None:
    """Remember an edit of this draft; show edits made to drafts of other figures, so a changed filter or new
    data never silently throws away a text the user worked on."""
    edits = _edits()
    if text != drafted:
        edits[key] = text
    else:
        edits.pop(key, None)
    others = [t for k, t in edits.items() if k != key]
    if others:
        with st.expander(f"Uw bewerkte tekst bij andere cijfers ({len(others)})", icon=":material/history:"):
            st.caption(
                "Hierboven staat een nieuw opgestelde tekst, want de cijfers zijn veranderd (een ander jaar, basisjaar, "
                "doelpad of filter, of nieuwe gegevens). Uw eerdere bewerking is bewaard: kies dezelfde instellingen om "
                "ermee verder te werken, of kopieer de tekst hieronder (knop rechtsboven in het blok)."
            )
            for other in others:
                st.code(other, language=None, wrap_lines=True)


def show(
    chosen, viewer, result: report.Report, inputs: report.Inputs, context: dict, source_lines: dict, version, charts: dict
) -> None:
    """charts: name -> (heading, plotly Figure, source line)."""
    st.subheader("De brief: Word en Excel")
    st.caption(
        "Een opgestelde voortgangsbrief in neutrale Kamerbrief-stijl, gemaakt uit de kerncijfers (tab Kerncijfers). Pas de tekst "
        "aan waar nodig; het Word-document neemt uw tekst over, met echte tabellen, de grafieken en een bijlage met "
        "definities, bronnen en gegevensversie. Excel: één blad per tabel, getallen als getallen."
    )
    previous, comparison = _previous(chosen, viewer, result, inputs)
    sections.seed(DATE_KEY, dt.date.today())
    sent_on = st.date_input("Datum van de brief", format="DD-MM-YYYY", key=DATE_KEY)
    drafted = letter.as_text(letter.draft(result, inputs, comparison, previous))
    key = "letter_text_" + hashlib.sha256(drafted.encode()).hexdigest()[:12]  # new figures: a fresh draft
    text = st.text_area(LETTER_LABEL, _edits().get(key, drafted), height=520, key=key)
    _keep_edits(key, text, drafted)
    if comparison is not None:
        with st.expander("Sinds de vorige brief: elk kerncijfer"):
            ui.table(comparison.drop(columns=["figure_key", "verschil_getal", "herzien_getal"]))
    title = f"Voortgangsbrief Cluster 6: kerncijfers {inputs.year}"
    the_letter = Letter(
        title,
        sent_on,
        inputs.year,
        inputs.baseline_year,
        {k: v for k, v in context.items() if k != "Gemaakt op"},  # no clock time: same data and choices, same file
        letter.parse_text(text),
        result,
        source_lines,
        version,
        comparison,
        charts,
    )
    columns = st.columns(2)
    with columns[0]:
        st.download_button(
            "Brief (Word, DOCX)",
            partial(_docx, the_letter),
            file_name=f"cluster6_voortgangsbrief_{inputs.year}.docx",
            mime=DOCX_MIME,
            on_click="ignore",
            icon=":material/description:",
        )
    with columns[1]:
        st.download_button(
            "Bijlage met tabellen (Excel, XLSX)",
            partial(letter_xlsx.build, the_letter),
            file_name=f"cluster6_bijlage_{inputs.year}.xlsx",
            mime=XLSX_MIME,
            on_click="ignore",
            icon=":material/table:",
        )
    if config.browser_path() is None:
        st.caption(f"Grafieken in Word: {chart_images.NO_BROWSER}; het document noemt dan de ontbrekende afbeeldingen.")
    if viewer.records_letters:
        snapshot = snapshots.record(
            result.figures,
            title=title,
            year=inputs.year,
            baseline_year=inputs.baseline_year,
            target_id=inputs.target_id,
            selection=inputs.selection,
            version=version,
            letter_text=text,
            sent_on=sent_on,
        )
        recorded_by = f"{viewer.email} (Rapportage)" if viewer.email else f"demomodus, rol {viewer.role} (Rapportage)"
        st.button(
            "Vastleggen als verzonden",
            icon=":material/send:",
            help="Bewaart cijfers, tekst en gegevensversie van deze brief; de volgende brief vergelijkt ermee.",
            key="record_letter",
            on_click=_record,
            args=(snapshot, key, recorded_by),
        )
        if RECORDED in st.session_state:
            st.success(st.session_state.pop(RECORDED))
    else:
        st.caption("Alleen de clusterregisseur legt een brief vast als verzonden.")
