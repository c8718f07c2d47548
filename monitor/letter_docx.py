"""The progress letter as a Word document (python-docx): title, date, the (edited) drafted text, real Word
tables with Dutch headers and number formats, the key charts as images with their source lines, and an
annex with definitions, sources and the data version. Everything that rests on sample data says
VOORBEELDDATA. Same letter => same bytes (fixed document properties and zip timestamps)."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from monitor.letter import dutch_date
from monitor.letter_tables import (
    TEXT,
    Letter,
    Table,
    data_files,
    key_figures,
    pipeline,
    printed,
    sectors,
    since_last,
    sources,
    stable_zip,
)
from monitor.report_export import source_numbers, version_lines
from monitor.report_model import SAMPLE_MARK

SAMPLE_FILL = "FFF3CD"
MARK_COLOUR = RGBColor(0x8A, 0x4B, 0x00)
AUTHOR = "Cluster 6 Monitor"
CHAR_CM, PAD_CM = 0.19, 0.4  # width of a character of 8,5 pt text, and a cell's padding


def _shade(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _mark(paragraph, text: str = SAMPLE_MARK) -> None:
    run = paragraph.add_run(f" {text}")
    run.bold = True
    run.font.color.rgb = MARK_COLOUR


def add_table(doc, table: Table, number: int, drop: tuple[str, ...] = ()) -> None:
    """A real Word table: caption 'Tabel n', header row repeated on every page, numbers right-aligned in
    Dutch formatting, sample rows shaded and marked."""
    caption = doc.add_paragraph(style="Caption")
    caption.add_run(f"Tabel {number}. {table.name}").bold = True
    if any(table.sample_rows):
        _mark(caption, f"(geel = {SAMPLE_MARK})")
    frame = table.frame.drop(columns=list(drop))
    columns = list(frame.columns)
    word = doc.add_table(rows=1, cols=len(columns))
    word.style = "Table Grid"
    word.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(word.rows[0].cells, columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(name).bold = True
        _shade(cell, "E8E8E8")
    _repeat_header(word.rows[0])
    for index, row in enumerate(frame.itertuples(index=False)):
        cells = word.add_row().cells
        sample = index < len(table.sample_rows) and table.sample_rows[index]
        for cell, name, value in zip(cells, columns, row, strict=True):
            kind = table.formats.get(name, TEXT)
            cell.text = printed(value, kind)
            if kind != TEXT:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if sample:
                _shade(cell, SAMPLE_FILL)
    widths = _widths(frame, columns, table.formats)
    word.autofit = False
    table_width = word._tbl.tblPr.find(qn("w:tblW"))
    if table_width is None:
        table_width = OxmlElement("w:tblW")
        word._tbl.tblPr.append(table_width)
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(int(sum(w.twips for w in widths))))
    for column, width in zip(word.columns, widths, strict=True):
        column.width = width
    for row in word.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8.5)
    if table.note:
        doc.add_paragraph(table.note, style="Caption")


def _chars(text: str) -> float:
    """Text length in average characters: capitals are wider."""
    return len(text) + 0.4 * sum(c.isupper() for c in text)


def _widths(frame, columns: list[str], formats: dict[str, str], total_cm: float = 16.5) -> list:
    """Column widths that fit the page: each column as wide as its longest text (capped), and where that is
    too wide in total, the long columns give way first; no column narrower than its longest word."""
    natural, minimum = [], []
    for name in columns:
        texts = [str(name)] + [printed(v, formats.get(name, TEXT)) for v in frame[name].tolist()]
        longest_word = max((_chars(w) for t in texts for w in t.split()), default=4)
        minimum.append(CHAR_CM * longest_word + PAD_CM)
        natural.append(max(CHAR_CM * min(60, max(_chars(t) for t in texts)) + PAD_CM, minimum[-1]))
    if sum(minimum) >= total_cm:
        widths = [w * total_cm / sum(minimum) for w in minimum]
    else:
        excess = max(0.0, sum(natural) - total_cm)
        room = [n - m for n, m in zip(natural, minimum, strict=True)]
        widths = [n - excess * r / sum(room) if sum(room) else n for n, r in zip(natural, room, strict=True)]
        widths = [w * total_cm / sum(widths) for w in widths]
    return [Cm(w) for w in widths]


def _source(doc, text: str) -> None:
    """A chart's or table's source line: small and grey, under it."""
    run = doc.add_paragraph().add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def build(letter: Letter, images: dict[str, bytes], missing: dict[str, str]) -> bytes:
    """The DOCX bytes. images: chart name -> PNG (monitor.chart_images.render); missing: name -> reason."""
    doc = Document()
    styles = doc.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(10.5)
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.2)
    doc.add_heading(letter.title, level=0)
    doc.add_paragraph(f"Datum: {dutch_date(letter.sent_on)}")
    context = doc.add_paragraph()
    for key, value in letter.context.items():
        context.add_run(f"{key}: ").bold = True
        context.add_run(f"{value}\n")
    if letter.has_sample:
        warning = doc.add_paragraph()
        run = warning.add_run(
            f"LET OP: {SAMPLE_MARK}. Gemarkeerde delen rusten op een gegenereerde voorbeeldset, niet op echte "
            "casus- of subsidiebestanden. Niet publiceren."
        )
        run.bold = True
        run.font.color.rgb = MARK_COLOUR

    for section in letter.sections:
        heading = doc.add_heading(section.heading or "Brief", level=1)
        if section.sample:
            _mark(heading)
        for text in section.paragraphs:
            doc.add_paragraph(text)

    numbers = source_numbers(letter.report.figures, letter.source_lines)
    doc.add_heading("Tabellen", level=1)
    add_table(doc, key_figures(letter, numbers), 1, drop=("Getal", "Eenheid"))  # 'Waarde' prints them
    tables = [t for t in (sectors(letter), pipeline(letter), since_last(letter)) if t is not None]
    for number, table in enumerate(tables, start=2):
        add_table(doc, table, number)

    if letter.charts:
        doc.add_heading("Grafieken", level=1)
        for name, (heading, _, source) in letter.charts.items():
            doc.add_paragraph(heading, style="Heading 2")
            if name in images:
                doc.add_picture(io.BytesIO(images[name]), width=Cm(16.5))
            else:
                gap = doc.add_paragraph()
                gap.add_run(f"Afbeelding ontbreekt: {missing.get(name, 'niet gemaakt')}.").italic = True
            _source(doc, source)
        if missing:
            doc.add_paragraph(
                f"Ontbrekende afbeeldingen ({len(missing)}): " + "; ".join(letter.charts[n][0] for n in missing) + "."
            )

    doc.add_page_break()
    doc.add_heading("Bijlage A. Definities", level=1)
    for f in letter.report.figures:
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{f.label}: ").bold = True
        paragraph.add_run(f.definition)
        if f.sample:
            _mark(paragraph)
    doc.add_heading("Bijlage B. Bronnen", level=1)
    add_table(doc, sources(letter, numbers), len(tables) + 2)
    doc.add_heading("Bijlage C. Gegevensversie", level=1)
    for line in version_lines(letter.version):
        doc.add_paragraph(line, style="List Bullet")
    add_table(doc, data_files(letter), len(tables) + 3)

    moment = dt.datetime.combine(letter.sent_on, dt.time())
    core = doc.core_properties
    core.author = core.last_modified_by = AUTHOR
    core.title = letter.title
    core.created = core.modified = core.last_printed = moment
    core.revision = 1
    core.comments = f"Gegevensversie {letter.version.fingerprint}"
    buffer = io.BytesIO()
    doc.save(buffer)
    return stable_zip(buffer.getvalue(), moment)
