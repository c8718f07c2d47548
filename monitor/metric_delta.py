"""The delta of an st.metric with a true minus sign, and its arrow and colour taken from the number.

    st.metric("t.o.v. 2019", "−30,8 %", **metric_delta.change(now - base, formatting.tonnes(now - base)))

Streamlit decides the arrow and colour of a text delta from a leading hyphen '-' only (its
`_is_negative_delta`); our deltas are written with the minus sign '−' (monitor.formatting), which Streamlit
would read as a rise. So the direction is set here from the value itself: `delta_arrow` 'down'/'up' and a
fixed colour (green when the change is good, red when it is bad, grey for no change or no judgement).
"""

from __future__ import annotations

import math


def change(value: float | None, text: str | None, *, lower_is_better: bool | None = True) -> dict:
    """Keyword arguments for st.metric: `delta` (the text as written), `delta_arrow` and `delta_color`.
    `lower_is_better`: True for emissions and costs (a fall is green), False for reductions achieved,
    None for a change that is neither good nor bad (grey, the arrow still shows the direction)."""
    if value is None or text is None or (isinstance(value, float) and math.isnan(value)):
        return {"delta": None}
    if value == 0 or not any(digit in text for digit in "123456789"):  # zero as shown ('0 t'): no direction
        return {"delta": text, "delta_arrow": "off", "delta_color": "off"}
    down = value < 0
    if lower_is_better is None:
        colour = "off"
    else:
        colour = "green" if down == lower_is_better else "red"
    return {"delta": text, "delta_arrow": "down" if down else "up", "delta_color": colour}
