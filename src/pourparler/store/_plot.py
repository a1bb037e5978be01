"""Draw dyad series: cooperation above the axis, conflict below, per period (matplotlib)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pourparler.store._db import DyadRow

__all__ = ["plot_dyads"]

#: Figure size per dyad panel, inches: wide enough for a year of weeks, short enough to stack.
_PANEL_WIDTH, _PANEL_HEIGHT = 9.0, 3.0
_DPI = 100
#: Edge width of the bars, points: a one-day bar on a multi-year axis stays a visible line.
_BAR_EDGE = 0.8


def _next_period(day: date, by: str) -> date:
    if by == "day":
        return day + timedelta(days=1)
    if by == "week":
        return day + timedelta(days=7)
    if by == "year":
        return date(day.year + 1, 1, 1)
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def plot_dyads(rows: Sequence[DyadRow], path: str | Path, title: str | None = None,
               by: str = "week") -> Path:
    """Write a PNG with one panel per dyad on a true time axis (empty periods are gaps of
    their real length): cooperation (quad classes 1-2) as bars above zero, conflict (3-4)
    below, each bar as wide as its period (``by``), and the mean Goldstein score as points
    joined only across consecutive periods. Returns the path."""
    # the object API with an explicit Agg canvas: no display, no global pyplot state
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    dyads = sorted({(r.source, r.target) for r in rows})
    panels = max(len(dyads), 1)
    fig = Figure(figsize=(_PANEL_WIDTH, _PANEL_HEIGHT * panels), dpi=_DPI)
    FigureCanvasAgg(fig)
    axes = fig.subplots(panels, 1, squeeze=False)[:, 0]
    if not dyads:
        axes[0].text(0.5, 0.5, "no events", ha="center", va="center")
        axes[0].set_axis_off()
    for ax, (source, target) in zip(axes, dyads, strict=False):
        mine = sorted((r for r in rows if (r.source, r.target) == (source, target)),
                      key=lambda r: r.period)
        starts = [r.period for r in mine]
        widths = [(_next_period(d, by) - d).days for d in starts]
        coop = [r.verbal_coop + r.material_coop for r in mine]
        conflict = [-(r.verbal_conflict + r.material_conflict) for r in mine]
        # an edge line keeps a one-day bar visible on an axis of several years
        ax.bar(starts, coop, width=widths, align="edge", color="#2b8cbe",
               edgecolor="#2b8cbe", linewidth=_BAR_EDGE, label="cooperation (quad 1-2)")
        ax.bar(starts, conflict, width=widths, align="edge", color="#e34a33",
               edgecolor="#e34a33", linewidth=_BAR_EDGE, label="conflict (quad 3-4)")
        ax.axhline(0, color="black", linewidth=0.6)
        locator = AutoDateLocator()  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        if starts:
            ax.set_xlim(starts[0], _next_period(starts[-1], by))
        ax.set_ylabel("events")
        ax.set_title(f"{source} → {target}")
        twin = ax.twinx()
        xs: list[date | None] = []
        ys: list[float] = []
        for i, row in enumerate(mine):
            if i and _next_period(mine[i - 1].period, by) != row.period:
                xs.append(None)  # a gap: the line stops and starts again
                ys.append(float("nan"))
            xs.append(row.period + timedelta(days=widths[i] / 2))
            ys.append(row.goldstein_mean)
        twin.plot([x for x in xs if x is not None], [y for y in ys if not math.isnan(y)],
                  linestyle="none", color="#444444", marker="o", markersize=3,
                  label="mean Goldstein")
        _joined(twin, xs, ys)
        twin.set_ylim(-10.5, 10.5)
        twin.set_ylabel("mean Goldstein")
        ax.legend(loc="upper left", fontsize="small")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, format="png")
    return out


def _joined(ax: Any, xs: list[date | None], ys: list[float]) -> None:
    """Draw a line through each run of consecutive periods (None marks a gap)."""
    run_x: list[date] = []
    run_y: list[float] = []
    for x, y in [*zip(xs, ys, strict=True), (None, 0.0)]:
        if x is None:
            if len(run_x) > 1:
                ax.plot(run_x, run_y, color="#444444", linewidth=1)
            run_x, run_y = [], []
        else:
            run_x.append(x)
            run_y.append(y)
