"""The Annexe 2 table of seed 002, read straight from its text (the reference of the tests)."""

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
ROLE_COLUMNS = slice(7, 11)


def seed_rows() -> list[list[str]]:
    """Every row of the seed's table (header first), cells as written (tabs, spaces, blanks)."""
    text = (DATA / "annexe2_seed_excerpt.txt").read_text(encoding="utf-8")
    rows = []
    for block in text.split("\n\n"):
        cells = [line[1:] for line in block.split("\n") if line.startswith("\t")]
        if cells:
            rows.append(cells)
    return rows


def seed_expected() -> list[dict]:
    """What a reader of the seed understands: axis and step carried down, blank rows ignored."""
    _header, *body = seed_rows()
    expected = []
    axis = step = ""
    for cells in body:
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if cells[0] and cells[0] != axis:
            axis, step = cells[0], ""
        step = cells[1] or step
        expected.append(
            {
                "axis": axis,
                "step": step,
                "name": cells[2],
                "description": cells[3],
                "method": cells[4],
                "objective": cells[5],
                "workload": cells[6],
                "letters": [c.replace("/", "") for c in cells[ROLE_COLUMNS]],
            }
        )
    return expected
