"""Dutch number formatting: 1.234.567, 61,6 Mt, -12,3 %, € 1,2 mln."""

from __future__ import annotations

import math


def _dutch(text: str) -> str:
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def number(value: float | None, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return _dutch(f"{value:,.{decimals}f}")


def tonnes(value: float | None) -> str:
    """Tonnes CO2 as Mt (one decimal) from 1 Mt, kt below."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if abs(value) >= 1_000_000:
        return f"{number(value / 1_000_000, 2)} Mt"
    if abs(value) >= 1_000:
        return f"{number(value / 1_000, 1)} kt"
    return f"{number(value)} t"


def percent(fraction: float | None, decimals: int = 1, signed: bool = True) -> str:
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return "–"
    sign = "+" if signed and fraction > 0 else ""
    return f"{sign}{number(fraction * 100, decimals)} %".replace("-", "−")


def euro(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if abs(value) >= 1_000_000:
        return f"€ {number(value / 1_000_000, 1)} mln"
    return f"€ {number(value)}"
