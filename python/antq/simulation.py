"""Simulations on an OrgGraph: the directive cascade (Monte Carlo, C++ threads, the GIL released).

``cascade`` sends a document from its issuers along ``forwards`` ties; each hop's delay, each unit's processing
capacity and its probability of failing to forward are data, set by selectors. The models' assumptions, and what
they are not, are in docs/simulation.md.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence, Union

from . import _core
from ._core import Selector
from ._frames import frame
from .errors import Error, InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import numpy.typing as npt
    import pandas

__all__ = ["cascade", "Cascade"]

SelectorLike = Union[Selector, Mapping[str, Any], str]
DEFAULT_MAX_MEMORY_BYTES = 2**31


def _selector(value: SelectorLike) -> Selector:
    if isinstance(value, Selector):
        return value
    return Selector.from_json(dict(value) if isinstance(value, Mapping) else value)


def _rules(rules: Iterable[Mapping[str, Any]] | None, name: str, field: str) -> list[tuple[Selector, Any]]:
    """``[{"select": selector, field: value}, ...]`` as (Selector, value) pairs, each place named on error."""
    out: list[tuple[Selector, Any]] = []
    for i, rule in enumerate(rules or []):
        where = f"{name}[{i}]"
        if not isinstance(rule, Mapping):
            raise _core_error("wrong_type", where, f'expected a dict {{"select": ..., "{field}": ...}}')
        unknown = set(rule) - {"select", field}
        if unknown:
            raise _core_error("unknown_field", f"{where}.{sorted(unknown)[0]}", f"a rule has 'select' and '{field}'")
        for key in ("select", field):
            if key not in rule:
                raise _core_error("missing_field", f"{where}.{key}", "every rule needs it")
        try:
            selector = _selector(rule["select"])
        except Error as error:  # say which rule's selector
            raise type(error)(f"{where}.select: {error.args[0]}", error.tag, f"{where}.select") from error
        out.append((selector, rule[field]))
    return out


def _core_error(tag: str, where: str, message: str) -> Exception:
    return InvalidInputError(f"{tag}: {where}: {message}", tag, where)


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _core_error("wrong_type", where, f"expected a number, found {type(value).__name__}")
    return float(value)


class Cascade:
    """The arrival times of a cascade run: ``arrivals`` (replications × units, days, NaN where the document never
    arrived), the ``units`` (ids of every unit the document can reach, the columns) and ``to_pandas()``."""

    def __init__(self, core: _core.CascadeResult) -> None:
        self._core = core

    @property
    def reps(self) -> int:
        return self._core.reps

    @property
    def units(self) -> list[str]:
        return self._core.units

    @property
    def arrivals(self) -> "npt.NDArray[np.float64]":
        return self._core.arrivals

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per replication and unit: ``rep``, ``unit`` (categorical ids), ``arrival`` (days; NaN: never)."""
        return frame(self._core._columns())

    def __repr__(self) -> str:
        return f"<antq.simulation.Cascade of {self.reps} replications over {len(self.units)} units>"


def cascade(
    graph: _core.OrgGraph,
    sources: Sequence[str],
    delay: Mapping[str, Any],
    *,
    delays: Iterable[Mapping[str, Any]] | None = None,
    capacity: float = math.inf,
    capacities: Iterable[Mapping[str, Any]] | None = None,
    failure: float = 0.0,
    failures: Iterable[Mapping[str, Any]] | None = None,
    reps: int = 1,
    seed: int = 0,
    threads: int = 1,
    max_memory_bytes: int = DEFAULT_MAX_MEMORY_BYTES,
) -> Cascade:
    """Simulates ``reps`` replications of a directive cascade from ``sources`` (unit ids) along ``forwards`` ties.

    ``delay`` is every hop's delay in days: ``{"dist": "constant", "value": v}``, ``{"dist": "exponential",
    "mean": m}``, ``{"dist": "lognormal", "mu": m, "sigma": s}`` (of the delay's logarithm) or ``{"dist":
    "empirical", "samples": [...]}``. ``delays``, ``capacities`` and ``failures`` are rules
    ``{"select": selector, "delay" | "per_day" | "p": value}`` for the units picked (a tie's delay is its
    target's; a later rule wins). ``capacity`` is documents processed per day (FIFO; infinity: no wait),
    ``failure`` the probability that a unit does not forward. Replication r draws from its own stream (seed, r):
    the results are the same whatever ``threads``. A run whose results would exceed ``max_memory_bytes`` is
    refused before it starts. Errors name the field (``delays[1].delay.mean``).
    """
    if graph is None:
        raise _core_error("wrong_type", "graph", "expected an antq.OrgGraph, found None")
    if isinstance(sources, str) or not all(isinstance(s, str) for s in sources):
        raise _core_error("wrong_type", "sources", "expected a list of unit ids")
    for name, value in (("reps", reps), ("seed", seed), ("threads", threads), ("max_memory_bytes", max_memory_bytes)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise _core_error("wrong_type", name, f"expected an int, found {type(value).__name__}")
    if seed < 0 or seed >= 2**63:
        raise _core_error("bad_value", "seed", "expected an int in [0, 2**63)")
    capacity_rules = [(s, _number(v, f"capacities[{i}].per_day"))
                      for i, (s, v) in enumerate(_rules(capacities, "capacities", "per_day"))]
    failure_rules = [(s, _number(v, f"failures[{i}].p")) for i, (s, v) in enumerate(_rules(failures, "failures", "p"))]
    core = _core._cascade(
        graph,
        list(sources),
        delay,
        _rules(delays, "delays", "delay"),
        _number(capacity, "capacity"),
        capacity_rules,
        _number(failure, "failure"),
        failure_rules,
        reps,
        seed,
        threads,
        max_memory_bytes,
    )
    return Cascade(core)
