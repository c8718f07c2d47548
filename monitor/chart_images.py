"""Charts as PNG images for the Word letter, offline: plotly's static export (kaleido) drives the system
Chromium (monitor.config.browser_path); nothing is downloaded and MathJax (a CDN) is switched off. Without
a browser, or when a render fails, the chart is returned as missing with the reason, and the document says so.
"""

from __future__ import annotations

import asyncio
import logging

from monitor import config

WIDTH, HEIGHT, SCALE = 1000, 560, 2
NO_BROWSER = "geen Chromium gevonden voor de statische export (installeer Debians pakket 'chromium' of zet C6_BROWSER)"


async def _render(figures: list, browser: str) -> list[bytes]:
    import kaleido  # imported here: the app starts without it

    opts = {"format": "png", "width": WIDTH, "height": HEIGHT, "scale": SCALE}
    async with kaleido.Kaleido(n=1, path=browser, mathjax=False, timeout=60) as k:
        return [await k.calc_fig(figure, opts=opts) for figure in figures]


def _run(coroutine):
    """asyncio.run, also where this thread already runs an event loop (then in a thread of its own)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def render(charts: dict[str, object]) -> tuple[dict[str, bytes], dict[str, str]]:
    """name -> plotly Figure  =>  (name -> PNG bytes, name -> why it is missing). One browser for all.
    Each image is a copy with its source line wrapped for the image's width (report_export.print_ready):
    on screen the same figure keeps the lines that fit a 1024 px page."""
    import plotly.graph_objects as go

    from monitor import report_export

    browser = config.browser_path()
    if browser is None:
        return {}, dict.fromkeys(charts, NO_BROWSER)
    try:
        printed = [report_export.print_ready(go.Figure(figure)) for figure in charts.values()]
        images = _run(_render(printed, str(browser)))
    except Exception as error:  # a broken browser must not take the letter down: the document names what is missing
        logging.getLogger(__name__).warning("statische export mislukt: %s", error)
        return {}, dict.fromkeys(charts, f"statische export mislukt ({type(error).__name__}: {error})"[:300])
    return dict(zip(charts, images, strict=True)), {}
