"""RACI pages: the list, the grid editor, its rows and columns, imports, exports and PDF.

Every matrix is fetched through `core.access.object_for` from `raci.access` (what the user
may not see is a 404; a reader who writes gets a 403); its rows and columns through it.

The views by topic: matrices, the grid, rows and columns; `urls.py` imports them from here.
"""

from .columns import (  # noqa: F401
    role_create,
    role_delete,
    role_move,
    role_update,
)
from .grid import (  # noqa: F401
    cell_update,
    matrix_detail,
)
from .matrices import (  # noqa: F401
    matrix_create,
    matrix_delete,
    matrix_export,
    matrix_history,
    matrix_import,
    matrix_list,
    matrix_pdf,
    matrix_reopen,
    matrix_update,
    matrix_validate,
)
from .rows import (  # noqa: F401
    activity_create,
    activity_delete,
    activity_move,
    activity_update,
)
