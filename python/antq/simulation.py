"""Simulations on an OrgGraph: the directive cascade and incident escalation (Monte Carlo, C++ threads, the GIL
released).

``cascade`` sends a document from its issuers along ``forwards`` ties; each hop's delay, each unit's processing
capacity and its probability of failing to forward are data, set by selectors. ``escalation`` lets incidents arise
in communes and villages, queue at the responsible body and go up the chain of command; rates, handling times,
servers, escalation probabilities and thresholds are data, set by selectors. The models' assumptions, and what they
are not, are in docs/simulation.md.
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

__all__ = ["cascade", "Cascade", "escalation", "Escalation"]

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


def _run_options(reps: Any, seed: Any, threads: Any, max_memory_bytes: Any) -> None:
    for name, value in (("reps", reps), ("seed", seed), ("threads", threads), ("max_memory_bytes", max_memory_bytes)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise _core_error("wrong_type", name, f"expected an int, found {type(value).__name__}")
    if seed < 0 or seed >= 2**63:
        raise _core_error("bad_value", "seed", "expected an int in [0, 2**63)")


def _number_rules(rules: Iterable[Mapping[str, Any]] | None, name: str, field: str) -> list[tuple[Selector, float]]:
    return [(s, _number(v, f"{name}[{i}].{field}")) for i, (s, v) in enumerate(_rules(rules, name, field))]


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
    _run_options(reps, seed, threads, max_memory_bytes)
    capacity_rules = _number_rules(capacities, "capacities", "per_day")
    failure_rules = _number_rules(failures, "failures", "p")
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


class Escalation:
    """The figures of an escalation run: ``to_pandas()`` (one row per incident), ``backlog_frame()`` (incidents at
    each level over time), ``per_level()`` (each replication's figures per level) and ``summary()`` (means over
    replications with 95% confidence intervals). ``levels`` are the levels of the bodies simulated, lowest first;
    ``backlog`` is the same as an array (replications × sample_times × levels)."""

    def __init__(self, core: _core.EscalationResult) -> None:
        self._core = core

    @property
    def reps(self) -> int:
        return self._core.reps

    @property
    def levels(self) -> list[str]:
        return self._core.levels

    @property
    def stations(self) -> list[str]:
        """Ids of the bodies simulated: the responsible bodies and the chain of command above them."""
        return self._core.stations

    @property
    def sample_times(self) -> "npt.NDArray[np.float64]":
        return self._core.sample_times

    @property
    def backlog(self) -> "npt.NDArray[np.uint32]":
        return self._core.backlog

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per incident that arose after the warm-up: ``rep``, ``territory`` (where it arose), ``handler``
        (the last body it reached), ``escalations`` (times passed up), ``arrival`` (day it arose), ``response``
        (days to resolution; NaN: still open at the horizon)."""
        return frame(self._core._incidents())

    def backlog_frame(self) -> "pandas.DataFrame":
        """One row per replication, sample time and level: ``rep``, ``time``, ``level``, ``backlog`` (incidents
        waiting or in handling at the level's bodies)."""
        return frame(self._core._backlog())

    def per_level(self) -> "pandas.DataFrame":
        """One row per replication and level: ``served``, ``decision_wait`` (mean days before handling began),
        ``sojourn`` (mean days at the level), ``utilisation`` (busy share of server time), ``escalated``."""
        return frame(self._core._figures())

    def summary(self) -> "pandas.DataFrame":
        """Per level and measure of ``per_level()``, and the response time over all levels: ``mean`` over
        replications, ``ci_low`` and ``ci_high`` (95%, Student's t), ``reps`` (replications with a value)."""
        return frame(self._core._summary())

    def __repr__(self) -> str:
        return f"<antq.simulation.Escalation of {self.reps} replications over levels {', '.join(self.levels)}>"


def escalation(
    graph: _core.OrgGraph,
    rates: Iterable[Mapping[str, Any]],
    service: Mapping[str, Any],
    *,
    responsible: str = "police",
    services: Iterable[Mapping[str, Any]] | None = None,
    servers: int = 1,
    staffing: Iterable[Mapping[str, Any]] | None = None,
    escalation: float = 0.0,
    escalations: Iterable[Mapping[str, Any]] | None = None,
    threshold: float = math.inf,
    thresholds: Iterable[Mapping[str, Any]] | None = None,
    horizon: float = 365.0,
    warm_up: float = 0.0,
    step: float = 1.0,
    reps: int = 1,
    seed: int = 0,
    threads: int = 1,
    max_memory_bytes: int = DEFAULT_MAX_MEMORY_BYTES,
) -> Escalation:
    """Simulates ``reps`` replications of incident escalation over ``horizon`` days.

    ``rates`` are rules ``{"select": selector, "per_day": r}``: incidents arise at the communes and villages picked
    as a Poisson process of rate r a day (other units picked are ignored; a later rule wins). Each goes to its
    responsible body: the body of kind ``responsible`` serving the territory, else the one serving the nearest
    territory above it. A body handles ``servers`` incidents at once (``staffing`` rules ``{"servers": c}``), first
    come first served, each for a time from ``service`` (a distribution as in ``cascade``; ``services`` rules
    ``{"service": ...}``). A handled incident goes up the chain of command (the body's superior of the same kind
    along ``directs``) with probability ``escalation`` (``escalations`` rules ``{"p": p}``); one arriving while
    ``threshold`` or more wait goes up at once (``thresholds`` rules ``{"waiting": n}``). What happens before
    ``warm_up`` is not counted; backlog is sampled every ``step`` days. Replication r draws from its own stream
    (seed, r): the results are the same whatever ``threads``. A run whose results would exceed ``max_memory_bytes``
    is refused before it starts. Errors name the field (``staffing[0].servers``, ``horizon``).
    """
    if graph is None:
        raise _core_error("wrong_type", "graph", "expected an antq.OrgGraph, found None")
    if rates is None or isinstance(rates, (str, Mapping)):
        raise _core_error("wrong_type", "rates", 'expected a list of rules {"select": ..., "per_day": ...}')
    if not isinstance(responsible, str):
        raise _core_error("wrong_type", "responsible", "expected a kind of body such as 'police'")
    _run_options(reps, seed, threads, max_memory_bytes)
    core = _core._escalation(
        graph,
        _number_rules(rates, "rates", "per_day"),
        responsible,
        service,
        _rules(services, "services", "service"),
        _number(servers, "servers"),
        _number_rules(staffing, "staffing", "servers"),
        _number(escalation, "escalation"),
        _number_rules(escalations, "escalations", "p"),
        _number(threshold, "threshold"),
        _number_rules(thresholds, "thresholds", "waiting"),
        _number(horizon, "horizon"),
        _number(warm_up, "warm_up"),
        _number(step, "step"),
        reps,
        seed,
        threads,
        max_memory_bytes,
    )
    return Escalation(core)
