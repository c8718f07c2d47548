"""A metric's delta written with a minus sign keeps its arrow and colour: monitor.metric_delta sets them from
the number, since Streamlit reads only a leading hyphen as a fall. Checked against Streamlit's own logic."""

from __future__ import annotations

import pytest
from streamlit.elements.metric import _determine_delta_color_and_direction
from streamlit.proto.Metric_pb2 import Metric as MetricProto

from monitor import formatting, metric_delta

DOWN, UP, NONE = MetricProto.MetricDirection.DOWN, MetricProto.MetricDirection.UP, MetricProto.MetricDirection.NONE
GREEN, RED, GRAY = MetricProto.MetricColor.GREEN, MetricProto.MetricColor.RED, MetricProto.MetricColor.GRAY


def drawn(kwargs: dict) -> tuple:
    """(direction, colour) as Streamlit draws the delta: its colour rule, then the arrow if one is given."""
    result = _determine_delta_color_and_direction(kwargs.get("delta_color", "normal"), kwargs["delta"])
    arrow = {"down": DOWN, "up": UP, "off": NONE}.get(kwargs.get("delta_arrow", "auto"), result.direction)
    return arrow, result.color


def test_streamlit_reads_a_minus_sign_as_a_rise():
    """Why the module exists: without an explicit arrow, '−1,7 Mt' would be drawn as a rise in red."""
    assert drawn({"delta": "−1,69 Mt", "delta_color": "inverse"}) == (UP, RED)


@pytest.mark.parametrize(
    ("value", "lower_is_better", "expected"),
    [
        (-1_690_000, True, (DOWN, GREEN)),  # emissions fell: good
        (250_000, True, (UP, RED)),  # emissions rose: bad
        (-5_000, False, (DOWN, RED)),  # a reduction achieved fell: bad
        (5_000, None, (UP, GRAY)),  # neither good nor bad
        (0.2, True, (NONE, GRAY)),  # '0 t' as shown: no direction
    ],
)
def test_arrow_and_colour_follow_the_number(value, lower_is_better, expected):
    text = formatting.tonnes(value)
    kwargs = metric_delta.change(value, text, lower_is_better=lower_is_better)
    assert kwargs["delta"] == text and "-" not in text
    assert drawn(kwargs) == expected


def test_no_figure_no_delta():
    assert metric_delta.change(None, None) == {"delta": None}
    assert metric_delta.change(float("nan"), "–") == {"delta": None}
