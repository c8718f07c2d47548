"""Accessibility (WCAG 2.1 AA) of what the project controls in Streamlit's look, checked with axe-core in
tests/e2e/test_accessibility_browser.py.

The colours live in Streamlit's theme (.streamlit/config.toml, [theme]), not in an injected stylesheet: a
stylesheet sent with st.html or st.markdown reaches the browser after the page's first elements (Streamlit
loads the HTML renderer on demand), so captions were drawn at low contrast for a second or more on every
page load, and axe caught them there now and then. The theme arrives before any element.

- Captions and other secondary text are drawn at 60 % opacity of textColor: 3.9:1 on white with
  Streamlit's default #2f2d2b, 5.7:1 with black.
- The selected option of pills and segmented controls (map layers, colour choice) is primaryColor on a
  10 % tint of it: 4.47:1 with the default red #c53948, 6.3:1 with a darker red of the same hue.

tests/test_a11y.py reads the theme from config.toml and checks these ratios with the WCAG formula.
"""

from __future__ import annotations

TEXT_COLOUR = "#000000"
PRIMARY_COLOUR = "#a61b2b"
CAPTION_OPACITY = 0.6  # Streamlit's caption: textColor at this opacity
TINT_OPACITY = 0.1  # Streamlit's selected-pill background: primaryColor at this opacity on the background
AA_NORMAL_TEXT = 4.5
AA_LARGE_TEXT = 3.0  # also non-text contrast (chart marks, focus rings)


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def blend(colour: str, opacity: float, background: str = "#ffffff") -> str:
    """The colour seen when `colour` is drawn at `opacity` over `background`."""
    mixed = [c * opacity + b * (1 - opacity) for c, b in zip(_rgb(colour), _rgb(background), strict=True)]
    return "#" + "".join(f"{round(value * 255):02x}" for value in mixed)


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str = "#ffffff") -> float:
    """WCAG 2.1 contrast ratio, 1 to 21."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
