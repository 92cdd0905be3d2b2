"""DataFrames from the column dicts the compiled core returns. A ``(codes, categories)`` pair becomes a
``pandas.Categorical`` (code -1: missing); ``(codes, categories, "plain")`` a column of plain strings (None where
missing), for values such as dates that are ordered and compared; anything else (a NumPy array, a list) is used
as it is."""

from __future__ import annotations

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
    # The core's categories are distinct strings: given as an object Index, pandas skips inferring their type.
    return pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype=object))


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
