"""DataFrames from the column dicts the compiled core returns. A ``(codes, categories)`` pair becomes a
``pandas.Categorical`` (code -1: missing); ``(codes, categories, "plain")`` a column of plain strings (None where
missing), for values such as dates that are ordered and compared; anything else (a NumPy array, a list) is used
as it is."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any, Iterable, Mapping

if TYPE_CHECKING:  # pragma: no cover
    import pandas


def _column(column: Any) -> Any:
    import numpy as np
    import pandas as pd

    if not isinstance(column, tuple):
        return column
    codes, categories = column[0], column[1]
    if len(column) == 3:
        # Code -1 picks the None appended last.
        return np.array([*categories, None], dtype=object)[codes]
    return pd.Categorical.from_codes(codes, dtype=_categorical_dtype(categories))


#: A few categories (a column of kinds, levels, changes) come back call after call: their dtype is made once.
_DTYPES: dict[tuple[str, ...], Any] = {}


def _categorical_dtype(categories: Any) -> Any:
    import pandas as pd

    key = tuple(categories) if len(categories) <= 64 else None
    dtype = _DTYPES.get(key) if key is not None else None
    if dtype is None:
        # The core's categories are distinct strings: given as an object Index, pandas skips inferring their type.
        dtype = pd.CategoricalDtype(pd.Index(categories, dtype=object))
        if key is not None:
            if len(_DTYPES) >= 256:
                _DTYPES.clear()
            _DTYPES[key] = dtype
    return dtype


def frame(columns: Mapping[str, Any], copy: bool = True) -> "pandas.DataFrame":
    """The DataFrame of ``columns``. ``copy=False`` where every column is a fresh array no one else holds (NumPy
    arrays made by the core): pandas then takes them as they are instead of copying them into one block per type."""
    import pandas as pd

    return pd.DataFrame({name: _column(column) for name, column in columns.items()}, copy=copy)


def one_of(what: str, value: object, allowed: "Iterable[str]") -> None:
    """Refuses a filter value that names nothing (a table filtered on it would be silently empty): an
    :class:`antq.InvalidInputError` tagged ``unknown_<what>`` that lists what is allowed."""
    choices = list(allowed)
    if value in choices:
        return
    from .errors import InvalidInputError

    raise InvalidInputError(f"unknown_{what}: {value!r}: expected one of {', '.join(choices)}", f"unknown_{what}",
                            repr(value))


def html_table(title: str, table: "pandas.DataFrame") -> str:
    """A result's rich display in Jupyter: its title, then the table cut as pandas cuts its own displays, to at most
    ``pandas.get_option("display.max_rows")`` rows (the first and last halves), with the count of rows and
    columns in all beneath it. pandas escapes the cells; the title is escaped here (a unit id may hold '<' or '&')."""
    import pandas as pd

    cells: str = table.to_html(index=False, max_rows=pd.get_option("display.max_rows"), show_dimensions=True)
    return f"<p><b>{html.escape(title)}</b></p>" + cells
