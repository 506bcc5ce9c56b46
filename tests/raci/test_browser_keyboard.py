"""The RACI grid without a mouse: one Tab stop in and one out, arrows inside, three cells changed
and announced, and at 390 px a grid that scrolls in its own frame with the activity column pinned."""

import pytest
from playwright.sync_api import expect

from raci.models import Assignment

from .factories import ActionFactory, join_team, small_matrix
from .test_browser_journey import sign_in

FOCUSED = (
    "() => { const a = document.activeElement; return [a.id, !!a.closest('[data-raci-grid]'), a.tagName]; }"
)


@pytest.fixture
def grid_matrix(pilot):
    action = ActionFactory(code="OG-2", title="Les Tilleuls : le DUI")
    join_team(action, pilot)
    return small_matrix(action=action, rows=3, roles=3, letters="R")


def cell_id(matrix, row, role):
    activity = matrix.activities.order_by("order")[row]
    role = matrix.roles.order_by("order")[role]
    return f"raci-cell-{activity.pk}-{role.pk}", activity, role


def letters(activity, role):
    return (
        Assignment.objects.filter(activity=activity, role=role).values_list("letters", flat=True).first()
        or ""
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_keyboard_only_the_pilot_edits_three_cells_and_leaves_the_grid(page, pilot, grid_matrix):
    sign_in(page, pilot)
    page.goto(f"{page.base_url}{grid_matrix.get_absolute_url()}")
    live = page.locator("#raci-live")
    expect(page.get_by_role("grid", name="Matrice RACI")).to_be_visible()

    # From the top of the page: « Aller au contenu », then « Aller à la grille », Enter: in the grid.
    presses = 0
    while not page.evaluate(FOCUSED)[1] and presses < 10:
        page.keyboard.press("Tab")
        presses += 1
        if page.evaluate("document.activeElement.hasAttribute('data-raci-goto')"):
            page.keyboard.press("Enter")
    assert presses <= 3, f"{presses} Tab pour atteindre la grille"
    first, a1, r1 = cell_id(grid_matrix, 0, 0)
    assert page.evaluate(FOCUSED)[0] == first
    # One Tab stop: every other cell is out of the Tab sequence.
    assert page.locator("[data-raci-grid] [tabindex='0']").count() == 1

    # 1. Right arrow, then A: the letter is saved and announced.
    page.keyboard.press("ArrowRight")
    second, a1, r2 = cell_id(grid_matrix, 0, 1)
    assert page.evaluate(FOCUSED)[0] == second
    page.keyboard.press("a")
    expect(live).to_have_text("Activité 1, Rôle 2\u00a0: Approbateur (A) enregistré")
    assert letters(a1, r2) == "A"

    # 2. Down arrow, Enter opens the cell's field, C/I typed, Enter saves.
    page.keyboard.press("ArrowDown")
    third, a2, r2 = cell_id(grid_matrix, 1, 1)
    assert page.evaluate(FOCUSED)[0] == third
    page.keyboard.press("Enter")
    field = page.get_by_role("textbox", name="Lettres de la cellule Activité 2, Rôle 2")
    expect(field).to_be_focused()
    page.keyboard.type("c/i")
    page.keyboard.press("Enter")
    expect(live).to_have_text("Activité 2, Rôle 2\u00a0: Consulté (C), Informé (I) enregistrés")
    assert letters(a2, r2) == "CI"
    expect(page.locator(f"#{third}")).to_be_focused()
    expect(page.locator(f"#{third}")).to_have_text("C/I")

    # Escape cancels a field: nothing is written.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowLeft")
    fourth, a3, r1 = cell_id(grid_matrix, 2, 0)
    assert page.evaluate(FOCUSED)[0] == fourth
    page.keyboard.press("Enter")
    page.keyboard.type("I")
    page.keyboard.press("Escape")
    expect(live).to_have_text("Modification annulée")
    expect(page.locator(f"#{fourth}")).to_be_focused()
    assert letters(a3, r1) == "R"

    # 3. Delete clears the cell.
    page.keyboard.press("Delete")
    expect(live).to_have_text("Activité 3, Rôle 1\u00a0: cellule vidée")
    assert letters(a3, r1) == ""

    # Home and End, then Ctrl+Home: the first cell of the grid, its header.
    page.keyboard.press("End")
    assert page.evaluate(FOCUSED)[0] == cell_id(grid_matrix, 2, 2)[0]
    page.keyboard.press("Home")
    assert page.evaluate(FOCUSED)[0] == fourth
    page.keyboard.press("Control+Home")
    expect(page.get_by_role("columnheader", name="Action", exact=True)).to_be_focused()
    page.keyboard.press("Control+End")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")

    # One Tab leaves the grid; Shift+Tab comes back to the cell left.
    back = page.evaluate(FOCUSED)[0]
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)[1] is False
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUSED)[0] == back
    assert page.locator("[data-raci-grid] [tabindex='0']").count() == 1

    # « Passer la grille » sits just before it and lands after it.
    skip = page.get_by_role("link", name="Passer la grille")
    skip.focus()
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)[0] == back
    skip.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#raci-workload")).to_be_focused()

    page.reload()
    expect(page.locator(f"#{second}")).to_have_text("A")
    expect(page.locator(f"#{third}")).to_have_text("C/I")
    expect(page.locator(f"#{fourth}")).to_have_text("")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_grid_scrolls_in_its_frame_with_the_activity_pinned(page, pilot, grid_matrix):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, pilot)
    page.goto(f"{page.base_url}{grid_matrix.get_absolute_url()}")
    expect(page.get_by_role("grid")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    frame = page.locator("[data-raci-frame]")
    header = page.get_by_role("columnheader", name="Action", exact=True)
    row_header = page.get_by_role("rowheader", name="Activité 3")
    frame.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    assert frame.evaluate("el => el.scrollLeft") > 0, (
        "the grid is wider than the phone: it scrolls in its frame"
    )
    frame_left = frame.bounding_box()["x"]
    for pinned in (header, row_header):
        assert abs(pinned.bounding_box()["x"] - frame_left) <= 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Nothing scrolling under the pinned column shows through it: it is opaque, owns its borders
    # (collapsed borders stay behind a sticky cell, leaving a gap), is hit at both its edges, and
    # the hidden description columns paint nothing.
    row_header.scroll_into_view_if_needed()
    pinned = row_header.evaluate("""cell => {
      const frame = cell.closest('[data-raci-frame]'), r = cell.getBoundingClientRect();
      const f = frame.getBoundingClientRect(), y = r.top + r.height / 2;
      const hit = x => { const e = document.elementFromPoint(x, y); return e === cell || cell.contains(e); };
      return {collapse: getComputedStyle(cell.closest('table')).borderCollapse,
              background: getComputedStyle(cell).backgroundColor, zIndex: getComputedStyle(cell).zIndex,
              edges: [hit(f.left + 0.5), hit(r.right - 0.5)],
              hidden: Array.from(frame.querySelectorAll('.raci-text')).every(c => c.getClientRects().length === 0)};
    }""")
    assert pinned["collapse"] == "separate"
    assert pinned["background"].startswith("rgb(") and int(pinned["zIndex"]) >= 1
    assert pinned["edges"] == [True, True] and pinned["hidden"]

    # Moving right with the keyboard keeps the active cell out from under the pinned column.
    frame.evaluate("el => { el.scrollLeft = 0; }")
    page.get_by_role("link", name="Aller à la grille").focus()
    page.keyboard.press("Enter")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    focused = page.locator(":focus")
    assert focused.bounding_box()["x"] >= header.bounding_box()["x"] + header.bounding_box()["width"] - 2
    assert (
        focused.bounding_box()["x"] + focused.bounding_box()["width"]
        <= frame_left + frame.bounding_box()["width"] + 2
    )
