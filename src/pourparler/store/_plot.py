"""Draw dyad series: cooperation above the axis, conflict below, per period (matplotlib)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pourparler.store._db import DyadRow

__all__ = ["plot_dyads"]

#: Figure size per dyad panel, inches: wide enough for a year of weeks, short enough to stack.
_PANEL_WIDTH, _PANEL_HEIGHT = 9.0, 3.0
_DPI = 100
#: Most period labels on one axis before they are thinned out (every n-th).
_MAX_LABELS = 24


def plot_dyads(rows: Sequence[DyadRow], path: str | Path, title: str | None = None) -> Path:
    """Write a PNG with one panel per dyad: cooperation (quad classes 1-2) as bars above zero,
    conflict (3-4) below, and the mean Goldstein score as a line. Returns the path."""
    # the object API with an explicit Agg canvas: no display, no global pyplot state
    from matplotlib.backends.backend_agg import FigureCanvasAgg
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
        # one slot per period that has events, labelled by date: bars stay visible whatever
        # the span (a date axis over years makes one-day bars vanish)
        slots = list(range(len(mine)))
        coop = [r.verbal_coop + r.material_coop for r in mine]
        conflict = [-(r.verbal_conflict + r.material_conflict) for r in mine]
        ax.bar(slots, coop, color="#2b8cbe", label="cooperation (quad 1-2)")
        ax.bar(slots, conflict, color="#e34a33", label="conflict (quad 3-4)")
        ax.axhline(0, color="black", linewidth=0.6)
        step = max(1, len(slots) // _MAX_LABELS)
        ax.set_xticks(slots[::step], [r.period.isoformat() for r in mine][::step],
                      rotation=30, ha="right", fontsize="small")
        ax.set_xlim(-0.6, len(slots) - 0.4)
        ax.set_ylabel("events")
        ax.set_title(f"{source} → {target}")
        twin = ax.twinx()
        twin.plot(slots, [r.goldstein_mean for r in mine], color="#444444", marker="o",
                  linewidth=1, label="mean Goldstein")
        twin.set_ylim(-10.5, 10.5)
        twin.set_ylabel("mean Goldstein")
        ax.legend(loc="upper left", fontsize="small")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, format="png")
    return out
