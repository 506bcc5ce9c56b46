"""How the benchmarks print their figures: French numbers and aligned tables (bench/run.py, bench/api.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile (`fraction` 0.95: the p95)."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def num(value: float | int | None, digits: int = 1) -> str:
    """A number the French way: narrow no-break space between thousands, decimal comma; None: a dash."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u202f")
    return f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def ratio(value: float | None) -> str:
    return "—" if value is None else f"×{num(value, 2)}"


def aligned(
    header: Sequence[object],
    rows: Sequence[Sequence[object]],
    right: Callable[[int], bool] = lambda column: column > 1,
) -> list[str]:
    """The header, a rule and the rows, each column as wide as its widest cell; figures (`right(column)`)
    aligned on the right, words on the left."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[object]) -> str:
        return "  ".join(
            str(c).rjust(w) if right(i) else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    first = line(header)
    return [first, "-" * len(first), *(line(r) for r in rows)]
