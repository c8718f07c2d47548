"""Text from loaded files leaves the app as data, never as something that runs: formulas in exports,
Markdown on screen, paths in file names.

- **Formula cells (CSV, XLSX, report exports).** A spreadsheet runs a cell that starts with `=`, `+`, `-`,
  `@`, a tab or a carriage return as a formula (CSV injection, "formula injection"). OWASP's advice: put a
  single quote before such a cell, so it is shown as text. Numbers stay numbers: numeric columns are left
  alone, and a text cell that is a plain number ('-12,5', '+3 %') is not a formula and is kept as it is.
- **Markdown on screen.** Streamlit renders Markdown in st.markdown/st.write/st.caption; a case
  description could place a live link or an external tracking image. Show such text with `as_text` or
  escape it with `escape_markdown` before it goes into Markdown.
- **File names.** `filename_part` makes an id safe to use inside a download's file name.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d.,]*(\s?%)?")
# What makes inline Markdown do something: emphasis, code, links and images, HTML, tables, strikethrough,
# math and Streamlit's :directives:. ('-', '.', '#', '+' only act at the start of a line, where ids never are.)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()<>!|~$:])")


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula, prefixed with a single quote; anything else
    (numbers, dates, empty cells, a text cell that is a plain number) unchanged."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _PLAIN_NUMBER.fullmatch(value.strip()):
        return value
    return "'" + value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells and column names are neutralised; numeric columns untouched."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column].dtype):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(c) for c in out.columns]
    return out


def escape_markdown(text) -> str:
    """`text` with every Markdown control character escaped, so st.markdown shows it literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def filename_part(value, max_length: int = 40) -> str:
    """An id as part of a file name: letters, digits, '-' and '_' only (no path, no quotes, no spaces)."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", str(value)).strip("_")
    return cleaned[:max_length] or "onbekend"
