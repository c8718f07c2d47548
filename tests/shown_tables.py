"""The tables a page shows, read from their HTML (monitor.html_table) as a reader sees them: headers and
the text of every cell, with the marked cells, links and shaded rows apart. For AppTest: `tables(at)` or `tables(expander)`."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pandas as pd


@dataclass
class Table:
    label: str
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    marked: set[tuple[int, str]] = field(default_factory=set)  # (row position, header) of marked cells
    links: dict[tuple[int, str], str] = field(default_factory=dict)  # (row position, header) -> the link's address
    shaded: set[int] = field(default_factory=set)  # positions of shaded rows (e.g. sample data)
    html: str = ""

    @property
    def value(self) -> pd.DataFrame:
        """The cells' text under their headers (numbers as shown: '1.234,5')."""
        return pd.DataFrame(self.rows, columns=self.headers, dtype=object)


class _Reader(HTMLParser):
    """Tables in the markup: the text of th and td, without what only decorates (aria-hidden) or only a
    screen reader hears (.c6-sr)."""

    def __init__(self):
        super().__init__()
        self.tables: list[Table] = []
        self._row: list[str] = []
        self._shaded = False
        self._cell: list[str] | None = None
        self._marked, self._href = False, None
        self._skip = 0  # depth inside a skipped span
        self._label = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div" and "c6-table" in classes:
            self._label = attrs.get("aria-label", "")
        elif tag == "table":
            self.tables.append(Table(self._label))
        elif tag in ("th", "td"):
            self._cell, self._marked, self._href = [], "c6-mark" in classes, None
        elif tag == "a" and self._cell is not None:
            self._href = attrs.get("href")
        elif tag == "tr":
            self._row, self._shaded = [], "c6-shade" in classes
        elif tag == "span" and (self._skip or attrs.get("aria-hidden") == "true" or "c6-sr" in classes):
            self._skip += 1

    def handle_endtag(self, tag):
        if self._skip and tag == "span":
            self._skip -= 1
        elif tag in ("th", "td") and self._cell is not None:
            text = "".join(self._cell).strip()
            table = self.tables[-1]
            if tag == "th":
                table.headers.append(text)
            else:
                if self._marked:
                    table.marked.add((len(table.rows), table.headers[len(self._row)]))
                if self._href:
                    table.links[(len(table.rows), table.headers[len(self._row)])] = self._href
                self._row.append(text)
            self._cell = None
        elif tag == "tr" and self._row:
            if self._shaded:
                self.tables[-1].shaded.add(len(self.tables[-1].rows))
            self.tables[-1].rows.append(self._row)
            self._row = []

    def handle_data(self, data):
        if self._cell is not None and not self._skip:
            self._cell.append(data)


def parse(markup: str) -> list[Table]:
    reader = _Reader()
    reader.feed(markup)
    for table in reader.tables:
        table.html = markup
    return reader.tables


def tables(node) -> list[Table]:
    """Every table under an AppTest (or one of its blocks: an expander, a tab), in page order."""
    found = []
    for element in node.get("html"):
        body = element.proto.body
        if "c6-table" in body:
            found.extend(parse(body))
    return found


def number(text: str) -> float:
    """A number as shown ('1.234,5', '−3', '53,8 %') as a float; a missing one ('–', '') as NaN."""
    cleaned = str(text).replace("%", "").replace("€", "").strip().replace(".", "").replace(",", ".").replace("−", "-")
    return float(cleaned) if cleaned not in ("", "–", "-") else float("nan")


def numbers(column: pd.Series) -> pd.Series:
    return column.map(number)
