"""Tables as HTML (monitor.html_table, drawn by monitor.ui.table): Dutch cells, escaped text, marks that are
more than a colour, and Streamlit's column settings turned into the table's own."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.testing.v1 import AppTest

from monitor import a11y, formatting, html_table, paging, ui
from tests.shown_tables import parse, tables


def _table(frame: pd.DataFrame, labels: dict | None = None, **kwargs):
    markup = html_table.markup(frame, formatting.columns_for(frame, labels), **kwargs)
    [table] = parse(markup)
    return table, markup


def test_cells_are_written_the_dutch_way_under_dutch_headers():
    frame = pd.DataFrame(
        {"sector": ["glas", "keramisch"], "verified_t_co2": [1234567.4, None], "share": [0.5384, -0.02], "year": [2024, 2023]}
    )
    table, markup = _table(frame, {"share": formatting.Column("aandeel", "percent", 1)})
    assert table.headers == [formatting.COLUMNS["sector"].label, formatting.COLUMNS["verified_t_co2"].label, "aandeel", "jaar"]
    assert table.value.values.tolist() == [["glas", "1.234.567", "53,8 %", "2024"], ["keramisch", "–", "−2,0 %", "2023"]]
    assert markup.count('<th scope="col"') == 4  # header cells a screen reader announces with each cell
    assert '<td class="c6-num">1.234.567</td>' in markup  # numbers right-aligned, on one line
    assert "c6-table-notes" not in markup  # no column explained, no line under the table


def test_text_from_the_data_stays_text():
    hostile = '<img src=x onerror="alert(1)"> **vet** & <script>x()</script>'
    table, markup = _table(pd.DataFrame({"name": [hostile]}))
    assert table.value.iloc[0, 0] == hostile  # shown exactly as loaded
    assert "<img" not in markup and "<script" not in markup and "&lt;img" in markup


def test_a_long_table_scrolls_in_its_own_region_and_every_table_is_named():
    short, short_markup = _table(pd.DataFrame({"n": range(html_table.TALL_ROWS)}))
    _, tall_markup = _table(pd.DataFrame({"n": range(html_table.TALL_ROWS + 1)}))
    assert 'class="c6-table"' in short_markup and "c6-tall" in tall_markup
    _, whole_markup = _table(pd.DataFrame({"n": range(html_table.TALL_ROWS + 1)}), whole=True)
    assert 'class="c6-table"' in whole_markup  # read as a whole: every row at once
    assert 'role="region" tabindex="0"' in short_markup  # the keyboard can reach a region that scrolls
    assert short.label.startswith("Tabel: ")
    named, _ = _table(pd.DataFrame({"n": [1]}), label="Voorbeeld van uw bestand")
    assert named.label == "Voorbeeld van uw bestand"


def test_marked_cells_carry_a_sign_and_a_word_not_only_a_colour():
    frame = pd.DataFrame({"rij": [2, 3], "jaar": ["2024", "twintig"]})
    table, markup = _table(frame, marks={(1, "jaar")})
    assert table.marked == {(1, "jaar")} and table.value.iloc[1, 1] == "twintig"
    assert "c6-mark" in markup and html_table.MARK in markup and '<span class="c6-sr">fout: </span>' in markup


def test_streamlit_column_settings_become_the_tables_own():
    frame = pd.DataFrame({"case_id": ["C-1", "C-2"], "days_in_status": [30, 120], "date_estimated": [True, False]})
    labels, bars, _ = ui._split(
        None,
        {
            "days_in_status": st.column_config.ProgressColumn("dagen in huidige status", format="%d", min_value=0, max_value=120),
            "date_estimated": st.column_config.CheckboxColumn("datum aangenomen"),
            "case_id": st.column_config.TextColumn("casus", width="large", help="De code van de casus"),
        },
        frame,
    )
    table, markup = _table(frame, labels, bars=bars)
    assert table.headers == ["casus", "dagen in huidige status", "datum aangenomen"]
    assert table.value.values.tolist() == [["C-1", "30", "ja"], ["C-2", "120", "nee"]]
    assert 'style="width:25%"' in markup and 'style="width:100%"' in markup  # the bar, hidden from screen readers
    assert 'title="De code van de casus"' in markup
    assert '<p class="c6-table-notes"><b>casus</b>: De code van de casus</p>' in markup  # for keyboard and touch too
    assert "c6-w-large" not in markup  # a narrow table is fitted to the page by the browser
    wide = frame.assign(**{f"extra_{i}": "x" for i in range(html_table.WIDE_COLUMNS - 3)})
    _, wide_markup = _table(wide, labels | {f"extra_{i}": f"extra {i}" for i in range(html_table.WIDE_COLUMNS - 3)})
    assert "c6-w-large" in wide_markup  # a wide one scrolls sideways: its long texts keep a readable width


def test_short_texts_and_codes_stay_on_one_line_long_paths_may_break():
    frame = pd.DataFrame({"case_id": ["VB-079"], "source_file": ["reference/installation_overrides_and_more.csv"]})
    _, markup = _table(frame)
    assert '<td class="c6-nowrap">VB-079</td>' in markup
    assert "reference/<wbr>installation_<wbr>overrides_<wbr>and_<wbr>more.<wbr>csv" in markup


def test_table_colours_meet_wcag_aa():
    for background in ("#ffffff", html_table.HEADER_BACKGROUND, html_table.MARK_BACKGROUND, html_table.SHADE_BACKGROUND):
        assert a11y.contrast("#000000", background) >= a11y.AA_NORMAL_TEXT, background
    assert f"background: {html_table.HEADER_BACKGROUND}" in html_table.CSS and html_table.MARK_BACKGROUND in html_table.CSS
    assert f"background: {html_table.SHADE_BACKGROUND}" in html_table.CSS
    assert a11y.contrast(html_table.NOTES_COLOUR) >= a11y.AA_NORMAL_TEXT and html_table.NOTES_COLOUR in html_table.CSS


def test_a_link_column_shows_links_with_their_text():
    frame = pd.DataFrame({"name": ["A", "B"], "profiel": ["/profiel?installatie=NL_1", None]})
    labels, _, links = ui._split({"profiel": st.column_config.LinkColumn("profiel", display_text="openen")}, None, frame)
    table, markup = _table(frame, labels, links=links)
    assert table.value["profiel"].tolist() == ["openen", ""]  # no address, no link
    assert table.links == {(0, "profiel"): "/profiel?installatie=NL_1"}
    assert '<a href="/profiel?installatie=NL_1" target="_self">openen</a>' in markup
    hostile, _ = _table(pd.DataFrame({"url": ['"><script>x()</script>']}), links={"url": None})
    assert hostile.links == {(0, "url"): '"><script>x()</script>'}  # escaped into the attribute, not markup


def test_shaded_rows_and_marked_cells_stay_with_their_rows_on_every_page_of_a_long_table():
    def script():
        import pandas as pd

        from monitor import paging, ui

        frame = pd.DataFrame({"n": range(250), "soort": ["VOORBEELD" if n % 7 == 0 else "openbaar" for n in range(250)]})
        shaded = set(frame.index[frame["soort"] == "VOORBEELD"])
        ui.table(
            frame, {"n": "nummer"}, key="t", shaded=shaded, marks={(3, "soort"), (2 * paging.PAGE_SIZE + 1, "n")}, label="Lang"
        )

    at = AppTest.from_function(script, default_timeout=30).run()
    for page in (1, 3):
        if page != 1:
            at.number_input(key="tbl_t_page").set_value(page).run()
        [table] = tables(at)
        assert table.shaded == {position for position, row in enumerate(table.rows) if row[1] == "VOORBEELD"}
        assert table.shaded
        assert table.marked == ({(3, "soort")} if page == 1 else {(1, "nummer")})  # the 2nd row of page 3
    assert table.rows[0][0] == str(2 * paging.PAGE_SIZE)  # the third page: the shade followed its rows there
