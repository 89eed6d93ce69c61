"""Charts of the report, drawn with matplotlib at a fixed size and with fixed margins.

Fixed margins instead of ``bbox_inches="tight"`` keep drawing fast and the PNG bytes identical
from run to run. Axis labels use Indonesian number format.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Mapping, Optional, Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from sakip.compute.formatting import fmt_number  # noqa: E402

PALETTE = ("#1f4e79", "#c0504d", "#9bbb59", "#8064a2", "#f79646", "#4bacc6")
plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "axes.spines.top": False,
                     "axes.spines.right": False, "svg.hashsalt": "sakip"})


def axis_format(places: int = 0) -> FuncFormatter:
    return FuncFormatter(lambda value, _pos: fmt_number(Decimal(str(round(value, 6))), places, strip=True))


def _figure(width: float = 7.0, height: float = 3.4):
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes((0.09, 0.16, 0.88, 0.74))
    return fig, ax


def grouped_bars(categories: Sequence[str], series: Mapping[str, Sequence[Optional[Decimal]]], *,
                 ylabel: str = "", places: int = 0, label_places: int = 0, horizontal: bool = False):
    """Side-by-side bars per category, each bar labelled with its value."""
    labels = [_wrap(c, 28 if horizontal else 18) for c in categories]
    if horizontal:
        # labels wrapped at 28 characters fit the 2,5 in left of the axes; each category gets
        # the height its longest label needs (0,15 in a line), the axis title 0,55 in below and
        # a legend 0,45 in above, whatever the number of categories
        lines = max((label.count("\n") + 1 for label in labels), default=1)
        height = max(3.0, max(0.38, 0.15 * lines + 0.12) * len(categories) + 1.2)
    else:
        height = 3.4
    fig, ax = _figure(7.0, height)
    if horizontal:
        bottom, top = 0.55 / height, (0.45 if len(series) > 1 else 0.25) / height
        fig.axes[0].set_position((0.36, bottom, 0.60, 1 - bottom - top))
    n = max(1, len(series))
    width = 0.8 / n
    positions = list(range(len(categories)))
    for i, (name, values) in enumerate(series.items()):
        offsets = [x - 0.4 + width * (i + 0.5) for x in positions]
        heights = [float(v) if v is not None else 0.0 for v in values]
        bars = (ax.barh if horizontal else ax.bar)(offsets, heights, width * 0.92, label=name,
                                                    color=PALETTE[i % len(PALETTE)])
        for bar, value in zip(bars, values):
            if value is None:
                continue
            text = fmt_number(value, label_places)
            if horizontal:
                ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, " " + text,
                        va="center", fontsize=7.5)
            else:
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height(), text, ha="center",
                        va="bottom", fontsize=7.5)
    if horizontal:
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(axis_format(places))
        ax.set_xlabel(ylabel)
    else:
        ax.set_xticks(positions, labels)
        ax.yaxis.set_major_formatter(axis_format(places))
        ax.set_ylabel(ylabel)
    if len(series) > 1:
        anchor = (0.5, 1 + 0.4 / (height * ax.get_position().height)) if horizontal else (0.5, 1.12)
        ax.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=anchor, ncol=n)
    return fig


def line_trend(years: Sequence[int], series: Mapping[str, Sequence[Optional[Decimal]]], *,
               ylabel: str = "", places: int = 2, reference: Optional[tuple[str, Decimal]] = None):
    """Lines over years (target vs realisasi), with an optional horizontal reference line."""
    fig, ax = _figure()
    for i, (name, values) in enumerate(series.items()):
        points = [(y, float(v)) for y, v in zip(years, values) if v is not None]
        if not points:
            continue
        xs, ys = zip(*points)
        ax.plot(xs, ys, marker="o", color=PALETTE[i % len(PALETTE)], label=name,
                linestyle="--" if i else "-")
        for x, value in zip(xs, [v for v in values if v is not None]):
            ax.annotate(fmt_number(value, places), (x, float(value)), textcoords="offset points",
                        xytext=(0, 6), ha="center", fontsize=7.5)
    if reference is not None:
        ax.axhline(float(reference[1]), color="#7f7f7f", linewidth=1, linestyle=":")
        ax.text(years[0], float(reference[1]), f" {reference[0]}", va="bottom", fontsize=7.5, color="#555")
    ax.set_xticks(list(years), [str(y) for y in years])
    ax.yaxis.set_major_formatter(axis_format(places if places <= 1 else 1))
    ax.set_ylabel(ylabel)
    ax.margins(y=0.25)
    ax.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, 1.14), ncol=len(series) + 1)
    return fig


def stacked_bars(categories: Sequence[str], series: dict[str, Sequence[int]], *, ylabel: str = ""):
    """Stacked counts per category (e.g. staff by rank, men and women)."""
    fig, ax = _figure()
    bottoms = [0] * len(categories)
    positions = list(range(len(categories)))
    for i, (name, values) in enumerate(series.items()):
        ax.bar(positions, values, 0.6, bottom=bottoms, label=name, color=PALETTE[i % len(PALETTE)])
        bottoms = [b + v for b, v in zip(bottoms, values)]
    for x, total in zip(positions, bottoms):
        ax.text(x, total, str(total), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(positions, [_wrap(c, 14) for c in categories], fontsize=8)
    ax.set_ylabel(ylabel)
    ax.yaxis.set_major_formatter(axis_format(0))
    ax.legend(frameon=False, fontsize=8, loc="upper right")
    return fig


def _wrap(text: str, width: int) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines[:3]) + ("…" if len(lines) > 3 else "")
