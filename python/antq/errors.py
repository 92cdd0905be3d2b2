"""The exceptions antq raises.

Each derives from :class:`Error` and, where one fits, from the builtin a Python user would catch:
a missing unit is a :class:`KeyError`, bad input a :class:`ValueError`. Every error carries ``tag``
(a stable reason such as ``"duplicate_id"``) and ``where`` (a file and JSON pointer, or a unit id).
"""

from __future__ import annotations

__all__ = ["Error", "NotFoundError", "InvalidInputError", "WrongTypeError", "HierarchyError", "StaleViewError",
           "IoError", "GraphInUseError"]


class Error(Exception):
    """Base of every antq error. ``str(e)`` reads ``"<tag>: <where>: <what>"``."""

    def __init__(self, message: str, tag: str = "", where: str = "") -> None:
        super().__init__(message)
        self.tag = tag
        self.where = where

    def __str__(self) -> str:
        # KeyError would quote the message; the message is already meant for people.
        return str(self.args[0]) if self.args else ""


class NotFoundError(Error, KeyError):
    """A unit, tie or name that was asked for does not exist."""


class InvalidInputError(Error, ValueError):
    """Input that cannot be accepted: a malformed file, a wrong type, a bad value."""


class WrongTypeError(InvalidInputError, TypeError):
    """An argument of a type the call does not take (tag ``wrong_type``); where pybind11 refused the arguments, the
    message shows the Python signature. Also a ``TypeError``, as Python's own functions raise for a wrong type. A value
    of the wrong type inside a file or a DataFrame is bad data: an :class:`InvalidInputError` tagged ``wrong_type``."""


class HierarchyError(InvalidInputError):
    """Input that would break the hierarchy: a cycle, containment at the wrong level."""


class StaleViewError(Error, RuntimeError):
    """A view or iterator was used after its graph changed."""


class IoError(Error, OSError):
    """A file could not be read or written."""


class GraphInUseError(Error, RuntimeError):
    """A graph was changed while another thread ran a long call on it (evaluate, compile, an analysis, a writer),
    or read by such a call while another thread changed it. Nothing was changed: retry once the other call is done."""



# The Python layer's own errors, worded as the core's: "<tag>: <where>: <what>". Internal to the package.
def _bad_input(tag: str, where: str, what: str) -> InvalidInputError:
    """Input that cannot be accepted, such as a malformed value in a DataFrame cell."""
    return InvalidInputError(f"{tag}: {where}: {what}", tag, where)


def _wrong_type(where: str, what: str) -> WrongTypeError:
    """An argument of a type the call does not take."""
    return WrongTypeError(f"wrong_type: {where}: {what}", "wrong_type", where)
