"""The brief's charts as PNG images, drawn with matplotlib's object API (no pyplot: no global
figure state, safe in the app's threads) in Noto Sans CJK, the 黑体 of charts.

Chosen by measurement (docs/benchmarks.md, "Brief"): four bar charts took 0.7 s to import and
0.2 s each with matplotlib, against 1.7 s each with plotly and kaleido driving Chromium.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from pathlib import Path

from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

# Okabe–Ito: distinguishable in colour-blind vision and in greyscale print.
BLUE, ORANGE, GREEN, VERMILION, GREY, SKY = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#999999",
    "#56B4E9",
)
FAMILY = ["Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"]
WIDTH_IN = 6.3  # the text width of an A4 page with official margins, in inches
DPI = 180
# Names longer than this are cut on an axis (the tables beside the chart give them whole).
LABEL_CHARS = 12


def bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    texts: Sequence[str],
    colours: Sequence[str] | str = BLUE,
    limit: float | None = None,
    legend: Sequence[tuple[str, str]] = (),
) -> bytes:
    """Horizontal bars, first label on top, each with its value written at its end."""
    count = len(labels)
    figure, axes = _figure(0.8 + 0.34 * count)
    positions = list(range(count))[::-1]
    heights = [0.0 if v is None else float(v) for v in values]
    colour_list = [colours] * count if isinstance(colours, str) else list(colours)
    axes.barh(positions, heights, color=colour_list, height=0.62)
    top = limit if limit is not None else max([*heights, 1e-09]) * 1.0
    for y, height, text in zip(positions, heights, texts, strict=True):
        axes.text(height + top * 0.01, y, text, va="center", ha="left", fontsize=8.5)
    axes.set_xlim(0, top * 1.16)
    axes.set_yticks(positions, [_cut(label) for label in labels], fontsize=9)
    axes.tick_params(axis="x", labelsize=8)
    if limit == 1.0:
        axes.xaxis.set_major_formatter(lambda x, _pos: f"{x * 100:.0f}%")
    _plain(axes)
    if legend:
        from matplotlib.patches import Patch

        axes.legend(
            handles=[Patch(color=colour, label=name) for name, colour in legend],
            loc="lower right",
            fontsize=8,
            frameon=False,
        )
    return _png(figure)


def paired_bars(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], str]],
) -> bytes:
    """Two rates per label side by side (town and village coverage), 0–100%."""
    count = len(labels)
    figure, axes = _figure(0.9 + 0.5 * count)
    step = 0.38
    for i, (name, values, colour) in enumerate(series):
        positions = [(count - 1 - j) + (0.5 - i) * step for j in range(count)]
        heights = [0.0 if v is None else float(v) for v in values]
        axes.barh(positions, heights, height=step * 0.9, color=colour, label=name)
        for y, value in zip(positions, values, strict=True):
            text = "—" if value is None else f"{value * 100:.1f}%"
            axes.text((value or 0) + 0.01, y, text, va="center", ha="left", fontsize=7.5)
    axes.set_xlim(0, 1.16)
    axes.set_yticks(list(range(count))[::-1], [_cut(label) for label in labels], fontsize=9)
    axes.xaxis.set_major_formatter(lambda x, _pos: f"{x * 100:.0f}%")
    axes.tick_params(axis="x", labelsize=8)
    axes.legend(loc="lower right", fontsize=8, frameon=False)
    _plain(axes)
    return _png(figure)


@functools.cache
def cjk_font() -> str | None:
    """The file matplotlib draws Chinese with, registering the system's Noto Sans CJK first if
    its font cache was written before the fonts were installed (matplotlib never rescans, and
    would draw every Chinese label as an empty box in DejaVu Sans). None: no CJK font at all."""
    for attempt in range(2):
        for family in FAMILY[:-1]:
            try:
                return str(font_manager.findfont(family, fallback_to_default=False))
            except ValueError:
                continue
        if attempt == 0:
            for path in font_manager.findSystemFonts():
                if Path(path).name.startswith("NotoSansCJK"):
                    font_manager.fontManager.addfont(path)
    return None


def _figure(height: float) -> tuple[Figure, Axes]:
    # Constrained layout fits the labels in one drawing pass (a tight bounding box takes two).
    size = (WIDTH_IN, min(max(height, 1.6), 8.5))
    figure = Figure(figsize=size, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes: Axes = figure.subplots()
    return figure, axes


def _plain(axes: Axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)


def _png(figure: Figure) -> bytes:
    """The chart as an opaque RGB PNG: without an alpha channel the PDF embeds one image, not
    an image and its mask (half the PDF's image work); no "Software" entry, so the same
    figures give the same bytes everywhere."""
    cjk_font()
    for text in figure.findobj(Text):
        text.set_fontfamily(FAMILY)
    canvas = figure.canvas
    canvas.draw()
    pixels = canvas.buffer_rgba()  # type: ignore[attr-defined]
    height, width = pixels.shape[:2]
    image = Image.frombuffer("RGBA", (width, height), pixels, "raw", "RGBA", 0, 1)
    image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI))
    return buffer.getvalue()


def _cut(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
