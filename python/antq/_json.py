"""Python data to antq's JSON formats: what the ``*_from_records`` and ``rules_from_dict`` helpers hand the C++
readers, so that every check and every error comes from one reader."""

from __future__ import annotations

import datetime
import json
from typing import Any, Mapping

__all__ = ["dumps"]


def iso_date(value: Any) -> Any:
    """A date as antq's formats write it: a ``datetime.date`` (or a ``datetime`` at midnight) as ``YYYY-MM-DD``;
    anything else as given, for the core to take or refuse (a ``datetime`` with a time of day included)."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _plain(value: Any) -> Any:
    """What json.dumps cannot take itself: NumPy scalars, and dates (as YYYY-MM-DD)."""
    if isinstance(value, datetime.datetime) and value.time() != datetime.time():
        return value.isoformat()
    if isinstance(value, datetime.date):
        return iso_date(value)
    if hasattr(value, "item") and callable(value.item):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not a JSON value")


def dumps(document: Mapping[str, Any], source: str, list_name: str | None = None) -> str:
    """``document`` as JSON text; a value JSON cannot hold (NaN, infinity, an object) is an
    :class:`antq.InvalidInputError` naming the item of ``list_name`` that holds it."""
    from .errors import InvalidInputError

    def text(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, default=_plain)

    try:
        return text(document)
    except (ValueError, TypeError) as error:
        where = source
        for i, item in enumerate(document.get(list_name, []) if list_name else []):
            try:
                text(item)
            except (ValueError, TypeError):
                where = f"{source}:/{list_name}/{i}"
                break
        raise InvalidInputError(f"bad_value: {where}: {error}", "bad_value", where) from None
