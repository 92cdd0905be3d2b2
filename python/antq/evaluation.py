"""The yearly evaluation cycle and the follow-up of a directive.

- Rules as data (JSON format ``"antq.evaluation_rules"``): per evaluated unit type ("subject") the title "An toàn
  về ANTT" (Thông tư 124/2021/TT-BCA, pass/fail criteria and exclusions), the movement classification (Quyết
  định 510/QĐ-BCA-V05, points and levels), windows and dossier deadlines, heads' contributions and commendation.
  :func:`default_rules` is Hải Dương 2024, every unsourced value marked with its assumption.
- :func:`evaluate` runs a year on assessment records (format ``"antq.assessments"``): titles, levels, late and
  missing dossiers, roll-ups per territory, heads' contributions, commendation proposals.
- :func:`follow_up` follows a compiled directive on a day from progress reports (format ``"antq.progress"``). It
  belongs to :mod:`antq.directive` and is offered here too, as the yearly cycle uses it.

The work is done in C++; results come out as pandas DataFrames. Guide: docs/evaluation.md.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from . import _core
from ._core import Assessments, EvaluationRules
from ._frames import frame, html_table, one_of
from ._json import dumps
from .directive import (
    DUTY_STATES,
    FollowUp,
    _translation,
    ProgressReports,
    example_progress,
    follow_up,
    load_progress,
    progress_from_records,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .graph import OrgGraph

__all__ = [
    "EvaluationRules",
    "Assessments",
    "Evaluation",
    "ProgressReports",
    "FollowUp",
    "default_rules",
    "for_structure",
    "translate_rules",
    "default_rules_json",
    "load_rules",
    "rules_from_dict",
    "load_assessments",
    "assessments_from_records",
    "example_assessments",
    "evaluate",
    "load_progress",
    "progress_from_records",
    "example_progress",
    "follow_up",
    "TITLE_OUTCOMES",
    "DOSSIER_STATUSES",
    "DUTY_STATES",
]

#: What becomes of a unit's title (antq.model.title_outcomes).
TITLE_OUTCOMES: tuple[str, ...] = _core.title_outcomes
#: When a dossier came (antq.model.dossier_statuses).
DOSSIER_STATUSES: tuple[str, ...] = _core.dossier_statuses

# ---- rules -------------------------------------------------------------------------------------------------


def default_rules(structure: "str | None" = None) -> EvaluationRules:
    """Hải Dương 2024: TT 124 criteria as far as the sources go, QĐ 510 deadlines (20/11, 30/11, 15/12), and assumed
    points, thresholds (90 / 70 / 50 / 0), head contributions and commendation rule, each with its ``assumption``.

    ``structure`` (a preset id, e.g. ``graph.structure.id``): for ``"two_tier"`` the rules are fitted to it (no district
    subject, no district agencies, the communes decided by the province, an assumption they record;
    docs/restructure.md); ``"three_tier"``, ``"either"`` and None give the rules as written."""
    return _core.default_evaluation_rules(structure)


def translate_rules(rules: EvaluationRules, graph: "OrgGraph",
                    translate: Mapping[str, Any]) -> tuple[EvaluationRules, list[str]]:
    """``rules`` carried onto ``graph`` as ``evaluate(..., translate=...)`` carries them (``levels``, ``ids``,
    ``drop_unmatched``), and what was left out; e.g. to make example records for the rules as they will be run."""
    carried, dropped = _core._translate_rules(rules, graph, *_translation(translate))
    return carried, list(dropped)


def for_structure(rules: EvaluationRules, structure: str) -> EvaluationRules:
    """``rules`` fitted to the structure preset ``structure``: subjects naming only levels it lacks are left out (with
    the share criteria naming them), and those levels are taken out of the other subjects' selectors."""
    return _core._rules_for_structure(rules, structure)


def default_rules_json() -> str:
    """The JSON text of :func:`default_rules` (data/rules/evaluation_hai_duong_2024.json): a starting point for
    a rule file of your own."""
    return _core.default_evaluation_rules_json()


def load_rules(path: "str | os.PathLike[str]", *, max_bytes: int = 2**30) -> EvaluationRules:
    """Reads a rule file. Errors name the file and a JSON pointer (tags in docs/evaluation.md); a file larger than
    ``max_bytes`` is ``too_large``."""
    return EvaluationRules.load(os.fspath(path), max_bytes=max_bytes)


def rules_from_dict(document: Mapping[str, Any], source: str = "<dict>") -> EvaluationRules:
    """A rule set from its JSON form as Python data, e.g. ``json.loads(default_rules_json())`` with a threshold
    changed."""
    return EvaluationRules.loads(dumps(document, source), source)


# ---- records -----------------------------------------------------------------------------------------------


def load_assessments(path: "str | os.PathLike[str]", *, max_bytes: int = 2**30) -> Assessments:
    """Reads a records file (format ``"antq.assessments"``); errors name the file and a JSON pointer; a file larger
    than ``max_bytes`` is ``too_large``."""
    return Assessments.load(os.fspath(path), max_bytes=max_bytes)


def assessments_from_records(year: int, records: Iterable[Mapping[str, Any]], source: str = "records") -> Assessments:
    """Records from Python data: each a dict with ``unit``, ``dossier_date`` and optionally ``criteria_met`` (a
    list of criterion ids), ``scores`` (criterion id -> points), ``proposed_level``, ``incidents`` (dicts with
    ``criterion``, ``date``, ``note``). Dates may be ``datetime.date`` or strings; NumPy numbers are accepted.
    Errors name ``<source>:/records/<i>/<field>`` (NaN or infinity: ``bad_value`` at ``<source>:/records/<i>``)."""
    document = {"format": "antq.assessments", "version": 1, "year": year, "records": list(records)}
    return Assessments.loads(dumps(document, source, "records"), source)


def example_assessments(
    graph: "OrgGraph", rules: EvaluationRules | None = None, year: int = 2024, seed: int = 2024
) -> Assessments:
    """A clearly synthetic year of records for ``graph``: about 2% of units send no dossier, 8% are late, 4% break
    a criterion with an incident; scores around 80%. The same seed gives the same records everywhere."""
    _expect("example_assessments(graph, rules=None, year=2024, seed=2024)", "rules", rules, EvaluationRules, optional=True)
    return _core.example_assessments(graph, default_rules(_structure_of(graph)) if rules is None else rules, year, seed)


def assessment_tables(assessments: Assessments) -> dict[str, "pandas.DataFrame"]:
    """The records as four DataFrames: ``records`` (unit, dossier_date, proposed_level), ``criteria_met`` (unit,
    criterion), ``scores`` (unit, criterion, points), ``incidents`` (unit, criterion, date, note)."""
    import pandas as pd

    return {name: pd.DataFrame(columns) for name, columns in assessments._tables().items()}


# ---- the run -----------------------------------------------------------------------------------------------


class Evaluation:
    """A year's evaluation of a graph under a rule set. Tables are DataFrames made afresh on each read (about 30 ms
    for 120,000 results): the caller's own, free to change; keep one in a variable to read it again.

    Reading a table after the graph has changed raises :class:`antq.StaleViewError`: evaluate again.
    """

    def __init__(self, core: _core.Evaluation) -> None:
        self._core = core

    def _table(self, name: str) -> "pandas.DataFrame":
        """The core's table ``name``, made afresh for this read (checked against the graph first): the caller's own,
        to change as it likes, with nothing kept that a change could reach."""
        self._core.check_current()
        # Every column is a fresh array the core made for this call: pandas takes them without a copy.
        return frame(getattr(self._core, name)(), copy=False)

    @property
    def rules(self) -> EvaluationRules:
        if "rules" not in self.__dict__:
            self.__dict__["rules"] = self._core.rules  # a copy out of the core: made once
        rules: EvaluationRules = self.__dict__["rules"]
        return rules

    def dropped(self) -> list[str]:
        """What ``evaluate(..., translate={"drop_unmatched": True})`` left out of the rules: one line per subject,
        exclusion or share criterion that matched nothing after translation."""
        return list(self._core.dropped())

    @property
    def year(self) -> int:
        return self._core.year

    @property
    def graph(self) -> "OrgGraph":
        """The graph evaluated."""
        from .graph import OrgGraph

        graph = self._core.graph
        return graph if isinstance(graph, OrgGraph) else OrgGraph._adopt(graph.copy())

    def __len__(self) -> int:
        return len(self._core)

    def __repr__(self) -> str:
        return f"<antq.Evaluation {self.year} under '{self.rules.id}': {len(self)} units>"

    @property
    def results(self) -> "pandas.DataFrame":
        """One row per unit a subject picks: unit, name, kind, district, commune, subject, authority (the body
        recognising the title: the People's Committee of the level that decides, TT 124 Điều 10), classifier (the
        body classifying the movement there: the steering committee 138 under the default rules, clause 6; None
        without classification), excluded (the reason, or None), dossier (on_time / late / missing / excluded),
        dossier_date, title (passed / failed / no_dossier / excluded / not_applicable), failed (the failed criterion
        ids separated by spaces, "" for none),
        incidents, points (NaN without a dossier), level and proposed_level (level ids, or None). Repeated values
        are categorical columns."""
        return self._table("_results")

    def roll_ups(self, level: str | None = None, subject: str | None = None) -> "pandas.DataFrame":
        """Counts per territory and subject: territory, name, level, subject, units, excluded, eligible, on_time,
        late, missing, passed, failed, title_share (passed / eligible; NaN for a subject without title or with
        nothing eligible) and ``level_<id>`` per classification level. A territory subject counts in the territories above it; a body in the
        territory it serves and above. Filter by territory ``level`` ("commune", "district", "province") and
        ``subject`` id."""
        table = self._table("_roll_ups")
        if level is None and subject is None:
            return table
        if level is not None:
            one_of("level", level, _core.levels)
            table = table[table["level"] == level]
        if subject is not None:
            one_of("subject", subject, [s.id for s in self.rules.subjects])
            table = table[table["subject"] == subject]
        return table.reset_index(drop=True)

    @property
    def heads(self) -> "pandas.DataFrame":
        """What the results of the unit a head answers for contribute to his or her assessment (clause 1: the
        results are an input to the assessment, not the assessment): post, post_name, post_synthetic (True when the
        graph marks the head post made up, ``"synthetic": true``), body (headed), body_kind, unit (evaluated),
        subject, contribution, contribution_label and assumption (why the contribution's conditions are assumed;
        None when sourced). Every evaluated body with a head post is here: the heads of agencies, enterprises and
        schools too (clause 1)."""
        return self._table("_heads")

    @property
    def commendations(self) -> "pandas.DataFrame":
        """Proposals: unit (a unit, or a post for an individual), name, type (collective / individual), for_unit
        (whose result earns it), subject, level, proposed_to (the People's Committee deciding on that unit) and
        proposed_by (the steering committee 138 of that territory, which proposes: clause 6; None where it has
        none)."""
        return self._table("_commendations")

    def dossiers(self, status: str) -> "pandas.DataFrame":
        """The results whose dossier is ``status`` ("late", "missing", ...)."""
        if status not in DOSSIER_STATUSES:
            from .errors import InvalidInputError

            raise InvalidInputError(f"bad_status: {status!r}: expected one of {', '.join(DOSSIER_STATUSES)}", "bad_status",
                                    repr(status))
        results = self.results
        return results[results["dossier"] == status].reset_index(drop=True)

    def summary(self) -> "pandas.DataFrame":
        """One row per subject: subject, label, units, excluded, eligible, on_time, late, missing, passed, failed,
        title_share (NaN for a subject without title or with nothing eligible) and ``level_<id>`` per classification
        level, over the whole graph."""
        return self._table("_totals")

    def check_current(self) -> None:
        """Raises :class:`antq.StaleViewError` if the graph changed since the evaluation."""
        self._core.check_current()

    def _repr_html_(self) -> str:
        return html_table(repr(self), self.summary())  # the repr starts with "<antq.Evaluation": escaped


def evaluate(graph: "OrgGraph", assessments: Assessments, rules: EvaluationRules | None = None,
             translate: "Mapping[str, Any] | None" = None) -> Evaluation:
    """Evaluates a year (``assessments.year``) of ``graph`` under ``rules`` (default: :func:`default_rules` for the
    graph's structure preset).

    Every unit a subject picks gets a result; nothing is dropped: a record the run cannot use raises
    :class:`antq.InvalidInputError` or :class:`antq.NotFoundError` naming the record and field (unknown unit,
    duplicate record, score out of range, date outside the window, unknown criterion, ...). A subject needing a
    level the graph's structure lacks (rules for three tiers on a two-tier graph) is ``unmatched_selector``, naming
    every one; ``translate`` carries the rules over as :func:`antq.compile` does a directive (``levels``, ``ids``,
    ``drop_unmatched``; what is left out is listed by ``Evaluation.dropped()``; docs/restructure.md). Rules built
    in code with a window or deadline no year has (``"02-30"``) are ``bad_rule``, naming the subject and field."""
    _expect("evaluate(graph, assessments, rules=None)", "assessments", assessments, Assessments)
    _expect("evaluate(graph, assessments, rules=None)", "rules", rules, EvaluationRules, optional=True)
    chosen = default_rules(_structure_of(graph)) if rules is None else rules
    if translate is None:
        return Evaluation(_core.evaluate(graph, assessments, chosen))
    return Evaluation(_core._evaluate_translated(graph, assessments, chosen, *_translation(translate)))


def _structure_of(graph: object) -> "str | None":
    """The structure preset of ``graph``; None for what is not a graph (the core then says what was expected)."""
    return graph.structure.id if isinstance(graph, _core.OrgGraph) else None


def _expect(signature: str, name: str, value: object, cls: type, optional: bool = False) -> None:
    """A TypeError that shows the Python call, for an argument of the wrong type (often arguments swapped)."""
    if (optional and value is None) or isinstance(value, cls):
        return
    raise TypeError(f"{signature}: {name} must be antq.evaluation.{cls.__name__}, not {type(value).__name__}")
