"""The theme's colours (.streamlit/config.toml) meet WCAG 2.1 AA where Streamlit derives text from them."""

from __future__ import annotations

import tomllib

import pytest

from monitor import a11y
from tests.conftest import ROOT


def theme() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]


def test_contrast_formula_matches_known_pairs():
    assert a11y.contrast("#000000") == pytest.approx(21.0)
    assert a11y.contrast("#ffffff") == pytest.approx(1.0)
    assert a11y.contrast("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes AA on white
    # what axe measured for Streamlit's default caption (#2f2d2b at 60 %): #828180, 3.88:1
    assert a11y.blend("#2f2d2b", a11y.CAPTION_OPACITY) == "#828180"
    assert a11y.contrast("#828180") == pytest.approx(3.88, abs=0.01)


def test_config_theme_is_the_checked_one():
    assert theme()["textColor"].lower() == a11y.TEXT_COLOUR
    assert theme()["primaryColor"].lower() == a11y.PRIMARY_COLOUR


@pytest.mark.parametrize("background", ["#ffffff", "#f8f8f7"])  # main area, sidebar
def test_captions_reach_aa(background):
    caption = a11y.blend(a11y.TEXT_COLOUR, a11y.CAPTION_OPACITY, background)
    assert a11y.contrast(caption, background) >= a11y.AA_NORMAL_TEXT


def test_selected_pill_reaches_aa():
    tint = a11y.blend(a11y.PRIMARY_COLOUR, a11y.TINT_OPACITY)
    assert a11y.contrast(a11y.PRIMARY_COLOUR, tint) >= a11y.AA_NORMAL_TEXT
    assert a11y.contrast(a11y.PRIMARY_COLOUR) >= a11y.AA_NORMAL_TEXT  # primary-coloured text and links on white
