"""The contract casts a column's distinct texts in one pass where it can (free text, plain numbers in range)
and through `_cast` otherwise: for every column of every kind, every text gives exactly `_cast`'s value
(same type) and message."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.contracts import _cast, _cast_texts
from etl.kinds import CONTRACTS

TEXTS = [
    *("", " ", "NA", "n/a", "Null", " NA "),
    *("0", "-0", "+12", "12", "0012", "  42  ", "2004", "2005", "2023", "2031", "2100", "2101"),
    *("12.5", "12,5", "-3,25", "1.234", "1,234", "12.000", "1.2345", "999.999", "0,125", "01,234"),
    *("1.234,5", "1,234.5", "1.234.567", "12,", ".5", "5.", "1e3", "nan", "inf", "€ 12", "1 234", "\u00a012"),
    *("\u0661\u0662", "4999999", "5000001", "20000001", "500000001", "0.5", "1", "1,0", "1.0"),
    *("2024-01-31", "31-01-2024", "45000", "2999-01-01", "ja", "Nee", "true", "x"),
    *("chemie", "Chemie", "  glas ", "onbekend", "casusaanpak", "mijlpaal", "T-001", "NL_106", "a" * 300),
]


@pytest.mark.parametrize(
    "kind, column",
    [(kind, column) for kind, contract in CONTRACTS.items() for column in contract.columns],
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_one_pass_casts_are_exactly_the_cell_casts(kind, column):
    today = dt.date(2026, 6, 1)
    fast = _cast_texts(column, TEXTS, today)
    assert set(fast) == set(TEXTS)
    for text in TEXTS:
        expected = _cast(column, text, today)
        assert fast[text] == expected, text
        assert type(fast[text][0]) is type(expected[0]), text
