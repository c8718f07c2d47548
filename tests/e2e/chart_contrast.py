"""WCAG AA contrast (1.4.3) of the text plotly draws inside its SVG: tick labels, axis titles, legend entries,
annotations (source lines, 'basisjaar 2019'), text on bars and in heatmap cells. axe's color-contrast rule
does not look at SVG text, so this measures it in the real browser:

- the text's colour is its computed `fill`, with its fill-opacity and every ancestor's opacity;
- the background is what is drawn under it: the page is photographed with every chart text hidden, and
  each colour that covers at least a quarter of the text's box is a background it must stand out from
  (a label half on a bar and half on white must be legible on both);
- large text (WCAG: at least 24 px, or 18.66 px bold) needs 3:1, other text 4.5:1.

Hover labels appear only under the pointer and are left out.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass

from monitor.a11y import AA_LARGE_TEXT, AA_NORMAL_TEXT, contrast
from tests.e2e.harness import SLOTS_FILLED_JS

# Every piece of text in a chart: an SVG <text> or <tspan> with its own characters (plotly puts lines and
# <b> parts in tspans). Returns its colour, opacity, size, weight and box in page pixels.
COLLECT_JS = """() => {
  const items = [];
  const charts = [...document.querySelectorAll('.js-plotly-plot')];
  charts.forEach((chart, chartIndex) => {
    for (const el of chart.querySelectorAll('svg text, svg tspan')) {
      const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
      if (!own) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const box = el.getBoundingClientRect();
      if (box.width < 1 || box.height < 1) continue;
      if (el.closest('.hoverlayer')) continue;
      let opacity = parseFloat(style.fillOpacity || '1');
      for (let node = el; node && node !== chart; node = node.parentElement) {
        const o = parseFloat(getComputedStyle(node).opacity || '1');
        if (!isNaN(o)) opacity *= o;
      }
      if (opacity === 0) continue;
      items.push({
        chart: chartIndex, text: own.slice(0, 60), fill: style.fill, opacity,
        size: parseFloat(style.fontSize), weight: parseInt(style.fontWeight, 10) || 400,
        box: [box.left + window.scrollX, box.top + window.scrollY, box.width, box.height],
      });
    }
  });
  return items;
}"""
HIDE_ID = "c6-hide-chart-text"
HIDE_JS = f"""(hide) => {{
  const old = document.getElementById('{HIDE_ID}'); if (old) old.remove();
  if (!hide) return;
  const style = document.createElement('style'); style.id = '{HIDE_ID}';
  style.textContent = '.js-plotly-plot svg text {{ visibility: hidden !important; }}';
  document.head.appendChild(style);
}}"""
CHARTS_DRAWN_JS = f"""() => ({SLOTS_FILLED_JS})()
  && [...document.querySelectorAll('.js-plotly-plot')].every((c) => c.querySelector('.main-svg'))
  && !document.querySelector('[data-testid=stSkeleton]')"""
BACKGROUND_SHARE = 0.25


@dataclass
class TextContrast:
    chart: int
    text: str
    colour: str
    background: str
    ratio: float
    needed: float

    def __str__(self) -> str:
        return f"chart {self.chart + 1}: '{self.text}' {self.colour} on {self.background}: {self.ratio:.2f}:1 (needs {self.needed}:1)"


def _hex(rgb) -> str:
    return "#" + "".join(f"{round(c):02x}" for c in rgb[:3])


def _parse_fill(fill: str) -> tuple[float, float, float, float] | None:
    """'rgb(42, 63, 95)' or 'rgba(0, 0, 0, 0.5)' -> (r, g, b, alpha); None for 'none' or a gradient."""
    if not fill.startswith("rgb"):
        return None
    parts = [float(p) for p in fill[fill.index("(") + 1 : fill.index(")")].split(",")]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)  # type: ignore[return-value]


def is_large(size_px: float, weight: int) -> bool:
    """WCAG's large text: 18 pt (24 px), or 14 pt (18.66 px) and bold."""
    return size_px >= 24 or (size_px >= 18.66 and weight >= 700)


def measure(items: list[dict], photo) -> list[TextContrast]:
    """Every text against every colour that covers at least BACKGROUND_SHARE of its box in `photo` (a PIL
    image of the page with the chart texts hidden, in page pixels)."""
    found = []
    for item in items:
        fill = _parse_fill(item["fill"])
        if fill is None:
            continue
        left, top, width, height = item["box"]
        box = photo.crop((int(left), int(top), int(left + width + 0.999), int(top + height + 0.999))).convert("RGB")
        counts = Counter(box.getdata())
        total = sum(counts.values())
        needed = AA_LARGE_TEXT if is_large(item["size"], item["weight"]) else AA_NORMAL_TEXT
        alpha = fill[3] * item["opacity"]
        for colour, count in counts.most_common(4):
            if count / total < BACKGROUND_SHARE:
                break
            seen = [c * alpha + b * (1 - alpha) for c, b in zip(fill[:3], colour, strict=True)]
            ratio = contrast(_hex(seen), _hex(colour))
            found.append(TextContrast(item["chart"], item["text"], _hex(seen), _hex(colour), ratio, needed))
    return found


def chart_text_contrast(page) -> list[TextContrast]:
    """Measure every chart text on the page as it is drawn now (the whole page in one photograph: the
    viewport is grown to the page's height, as tests/e2e/harness.screenshot does)."""
    from PIL import Image

    page.wait_for_function(CHARTS_DRAWN_JS, polling=250)
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain]')].map((el) => el.scrollHeight), 800)"
    )
    original = page.viewport_size
    page.set_viewport_size({"width": original["width"] if original else 1400, "height": min(height + 40, 12_000)})
    try:
        page.wait_for_timeout(400)  # plotly redraws on resize
        page.wait_for_function(CHARTS_DRAWN_JS, polling=250)
        items = page.evaluate(COLLECT_JS)
        page.evaluate(HIDE_JS, True)
        photo = Image.open(io.BytesIO(page.screenshot()))
        page.evaluate(HIDE_JS, False)
    finally:
        if original:
            page.set_viewport_size(original)
    return measure(items, photo)


def low_contrast(page) -> list[str]:
    return [str(found) for found in chart_text_contrast(page) if found.ratio < found.needed]


def assert_chart_text_legible(page) -> None:
    failing = low_contrast(page)
    assert not failing, f"chart text below WCAG AA contrast on {page.url}:\n" + "\n".join(failing)
