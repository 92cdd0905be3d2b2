"""Step 2 of the report: the figures the pages and the terminal show, as pandas DataFrames or small plain values.

Pure functions of a :class:`~antq.report.cycle.Cycle` (or its :class:`~antq.report.cycle.YearRun`): they select,
count and arrange what the library computed, and never format. Shares of titled units come from the C++ roll-ups
and totals (``title_share``), level ids and labels from the rules, vocabularies from :mod:`antq.model`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import duty_states, levels, roles, territory_kinds
from .cycle import Cycle, YearRun

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "Named",
    "Heatmap",
    "ChartPart",
    "OrgChartPlan",
    "Breakdown",
    "HeadInputs",
    "Commendation",
    "ModelFigures",
    "Caveats",
    "CaveatGroup",
    "Assumed",
    "CAVEAT_TOPICS",
    "graph_caveats",
    "caveats",
    "clauses",
    "responsibility_counts",
    "assignees",
    "recipients",
    "references",
    "dates",
    "reach_counts",
    "unreached",
    "forwarding_samples",
    "load_by_level",
    "most_loaded",
    "coordination_counts",
    "coordination_gaps",
    "accountability",
    "example_chain",
    "monitors",
    "unmonitored",
    "capability_flags",
    "heatmap",
    "org_chart",
    "input_origin",
    "classification_levels",
    "subjects",
    "chart_subject",
    "breakdown",
    "dossiers",
    "head_inputs",
    "commendation",
    "models",
    "follow_up_by_clause",
    "duty_state_counts",
    "monitoring",
    "monitoring_by_clause",
    "overdue",
    "assumptions",
    "span_by_level",
    "forwarding_cut_points",
    "workload",
]


# Roles that make a unit work on a task; "inform" only sends it the text.
WORKING_ROLES = tuple(r for r in roles if r != "inform")


@dataclass(frozen=True)
class Named:
    """Something the rules define, by id and by the label people read."""

    id: str
    label: str


def _frame(rows: Any, columns: list[str]) -> "pandas.DataFrame":
    import pandas as pd

    return pd.DataFrame(list(rows), columns=columns)


def _units_table(cycle: Cycle, ids: list[str]) -> "pandas.DataFrame":
    """unit, name, kind, level of ``ids``, in that order."""
    return cycle.units.loc[list(ids)].rename_axis("unit").reset_index()


# ---- the directive ---------------------------------------------------------------------------------------


def clauses(cycle: Cycle) -> "pandas.DataFrame":
    """One row per task, in the directive's order: clause, title, summary."""
    return _frame(((t.clause, t.title, t.summary) for t in cycle.directive.tasks), ["clause", "title", "summary"])


def responsibility_counts(cycle: Cycle) -> "pandas.DataFrame":
    """One row per (clause, role) that some unit holds, tasks in the directive's order and roles in the core's:
    clause, role, units, and the units per level (one column per level of antq.model.levels)."""
    rows = []
    for task in cycle.directive.tasks:
        for role in roles:
            held = cycle.holders[(task.clause, role)]
            if held:
                per_level = cycle.units.loc[held, "level"].value_counts()
                rows.append([task.clause, role, len(held), *(int(per_level.get(lvl, 0)) for lvl in levels)])
    return _frame(rows, ["clause", "role", "units", *levels])


def assignees(cycle: Cycle) -> "pandas.DataFrame":
    """One row per unit holding a role in a clause: clause, role, unit, name; each (clause, role) in the order the
    core lists its units."""
    names = cycle.units["name"]
    rows = ((clause, role, unit, names[unit]) for (clause, role), held in cycle.holders.items() for unit in held)
    return _frame(rows, ["clause", "role", "unit", "name"])


def recipients(cycle: Cycle) -> "pandas.DataFrame":
    """The recipients list (nơi nhận): recipient, units (how many units of the graph it designates, or "outside the
    graph"), note."""
    return _frame(((label, "outside the graph" if units is None else len(units), note)
                   for label, units, note in cycle.recipients), ["recipient", "units", "note"])


def references(cycle: Cycle) -> "pandas.DataFrame":
    """The texts the directive cites, then those it does not cite but that give context: kind, number, date (""
    when unknown), title, cited (bool), note."""
    ordered = sorted(cycle.directive.references, key=lambda r: not r.cited)
    return _frame(((r.kind, r.number, r.date, r.title, r.cited, r.note) for r in ordered),
                  ["kind", "number", "date", "title", "cited", "note"])


def dates(cycle: Cycle) -> "pandas.DataFrame":
    """The directive's dated events: date, event, note."""
    return _frame(((e.date, e.title, e.note) for e in cycle.directive.events), ["date", "event", "note"])


def reach_counts(cycle: Cycle) -> dict[str, int]:
    """recipients (units on the list), bound (units bound by a task), unreached (bound units no forwarding reaches)."""
    reach = cycle.reach
    return {"recipients": len(reach["recipients"]), "bound": len(reach["bound"]), "unreached": len(reach["unreached"])}


def unreached(cycle: Cycle) -> "pandas.DataFrame":
    """Bound units no forwarding tie reaches: unit, name, kind, level."""
    return _units_table(cycle, cycle.reach["unreached"])


def forwarding_samples(cycle: Cycle) -> "pandas.DataFrame":
    """One bound People's Committee per level with its forwarding path from a recipient: unit, level, path (the
    names along it, recipient first)."""
    bound = _units_table(cycle, cycle.reach["bound"])
    committees = bound[bound["kind"] == "peoples_committee"]
    paths = cycle.reach["paths"]
    rows = []
    for level in levels:
        reached = (u for u in committees.loc[committees["level"] == level, "unit"] if u in paths)
        unit = next(reached, None)
        if unit is not None:
            rows.append([unit, level, [cycle.units.at[p, "name"] for p in paths[unit]]])
    return _frame(rows, ["unit", "level", "path"])


def load_by_level(cycle: Cycle) -> "pandas.DataFrame":
    """Role counts per level (levels holding any role): level, then one column per role."""
    by_level = cycle.load["by_level"]
    return _frame(([lvl, *(by_level[lvl][r] for r in roles)] for lvl in levels
                   if lvl in by_level and any(by_level[lvl].values())), ["level", *roles])


def most_loaded(cycle: Cycle) -> "pandas.DataFrame":
    """The most loaded units, most first: unit, name, kind, then one column per role."""
    per_unit = cycle.load["units"]
    return _frame(([u, cycle.units.at[u, "name"], cycle.units.at[u, "kind"], *(per_unit[u][r] for r in roles)]
                   for u in cycle.load["most_loaded"]), ["unit", "name", "kind", *roles])


def coordination_counts(cycle: Cycle) -> dict[str, int]:
    """pairs (a lead and a coordinator of one task in one territory) and gaps (pairs with no tie of any kind)."""
    return {"pairs": len(cycle.coordination), "gaps": sum(1 for pair in cycle.coordination if pair["gap"])}


def coordination_gaps(cycle: Cycle) -> "pandas.DataFrame":
    """Pairs without a tie, counted by lead_kind, partner_kind, level (the lead's): sorted by those."""
    gaps = [pair for pair in cycle.coordination if pair["gap"]]
    frame = _frame(((cycle.units.at[p["lead"], "kind"], cycle.units.at[p["partner"], "kind"],
                     cycle.units.at[p["lead"], "level"]) for p in gaps), ["lead_kind", "partner_kind", "level"])
    counts = frame.groupby(["lead_kind", "partner_kind", "level"]).size()
    return counts.rename("pairs").reset_index().sort_values(["lead_kind", "partner_kind", "level"], ignore_index=True)


def accountability(cycle: Cycle) -> "pandas.DataFrame":
    """Per clause and level: lead_units, and headed (those with a head post)."""
    rows = []
    for task in cycle.directive.tasks:
        for level, pairs in cycle.task_accountability[task.clause].items():
            rows.append([task.clause, level, len(pairs), sum(1 for _, head in pairs if head)])
    return _frame(rows, ["clause", "level", "lead_units", "headed"])


def example_chain(cycle: Cycle) -> "pandas.DataFrame":
    """The example unit's chain of superiors, the unit first: unit, name, head, head_name (None without a head post)."""
    chain = cycle.example_chain
    if chain is None:
        return _frame([], ["unit", "name", "head", "head_name"])
    names = cycle.units["name"]
    return _frame(((u, names[u], h, names[h] if h else None) for u, h in zip(chain["chain"], chain["chain_heads"])),
                  ["unit", "name", "head", "head_name"])


def monitors(cycle: Cycle) -> "pandas.DataFrame":
    """monitor, name, watched (how many units it monitors)."""
    return _frame(((m, cycle.units.at[m, "name"], len(w)) for m, w in cycle.oversight["monitors"].items()),
                  ["monitor", "name", "watched"])


def unmonitored(cycle: Cycle) -> "pandas.DataFrame":
    """Bound units no one monitors, counted by kind and level: kind, level, units (sorted by kind, level)."""
    table = _units_table(cycle, cycle.oversight["unmonitored"])
    counts = table.groupby(["kind", "level"]).size().rename("units").reset_index()
    return counts.sort_values(["kind", "level"], ignore_index=True)


def capability_flags(cycle: Cycle) -> "pandas.DataFrame":
    """Assignments landing on units that cannot hold them: clause, assignment, unit, reason."""
    return _frame(((f["task"], f["assignment"], f["unit"], f["reason"]) for f in cycle.flags),
                  ["clause", "assignment", "unit", "reason"])


@dataclass(frozen=True)
class Heatmap:
    """Tasks × (unit kind, level): rows are clauses in the directive's order, columns (kind, level) pairs ordered by
    level then kind."""

    #: Units of that kind at that level holding a working role (lead, coordinate, advise, monitor) in the clause.
    counts: "pandas.DataFrame"
    #: The same as a share (0..1) of the graph's units of that kind at that level: shares, so 940 mass organisations
    #: do not drown one provincial police.
    shares: "pandas.DataFrame"


def heatmap(cycle: Cycle) -> Heatmap:
    import pandas as pd

    working = cycle.table[cycle.table["role"].isin(WORKING_ROLES)]
    counts = working.groupby(["task", "unit_kind", "unit_level"])["unit"].nunique()
    columns = sorted({(kind, level) for _, kind, level in counts.index}, key=lambda kl: (levels.index(kl[1]), kl[0]))
    grid = (counts.unstack(["unit_kind", "unit_level"])
            .reindex(index=[t.clause for t in cycle.directive.tasks], columns=pd.MultiIndex.from_tuples(columns))
            .fillna(0).astype(int))
    grid.index.name, grid.columns.names = "clause", ["kind", "level"]
    population = pd.Series([cycle.population[level][kind] for kind, level in columns], index=grid.columns)
    return Heatmap(counts=grid, shares=grid / population)


@dataclass(frozen=True)
class ChartPart:
    """A territory charted with the territories below it down to ``levels``; ``below`` territories (of kind
    ``below_kind``) are under it."""

    territory: str
    name: str
    levels: tuple[str, ...]
    below: int
    below_kind: str


@dataclass(frozen=True)
class OrgChartPlan:
    """The org chart: an overview of the issuer's territory and the territories it contains, then one part per
    contained territory with the territories it contains — so a chart stays legible however large the province."""

    overview: ChartPart
    parts: list[ChartPart]


def _chart_part(cycle: Cycle, territory: str) -> ChartPart:
    graph = cycle.graph
    below = graph.children(territory)
    below_levels = [lvl for lvl in levels if lvl in {graph.unit(c).level for c in below}]
    return ChartPart(territory, graph.unit(territory).name, (graph.unit(territory).level, *below_levels), len(below),
                     graph.unit(below[0]).kind if below else "")


def org_chart(cycle: Cycle) -> OrgChartPlan:
    """Raises ValueError when the issuer serves no territory."""
    root = cycle.chart_root
    if root is None:
        raise ValueError(f"the issuer {cycle.directive.issuer!r} serves no territory: nothing to chart")
    return OrgChartPlan(_chart_part(cycle, root), [_chart_part(cycle, t) for t in cycle.graph.children(root)])


# ---- the year ------------------------------------------------------------------------------------------


def input_origin(year: YearRun) -> str:
    """Where the evaluation's inputs come from, e.g. "synthetic example (assessment records, progress reports, models
    registry; seed 2024)"."""
    if not year.synthetic:
        return "the records, reports and registry given"
    return f"synthetic example ({', '.join(year.synthetic)}; seed {year.seed})"


def classification_levels(year: YearRun) -> list[Named]:
    """The classification levels of the rules, best first."""
    return [Named(i, year.rules.level_label(i)) for i in year.rules.level_ids()]


def subjects(year: YearRun) -> "pandas.DataFrame":
    """One row per subject (evaluated unit type): Evaluation.summary() as the core computes it."""
    return year.evaluation.summary()


def chart_subject(year: YearRun) -> Named | None:
    """The classified subject with the most units: the one charted by level."""
    units = dict(zip(subjects(year)["subject"], subjects(year)["units"]))
    classified = [s for s in year.rules.subjects if s.classification]
    if not classified:
        return None
    best = max(classified, key=lambda s: units.get(s.id, 0))  # the first of equals, as the rules list them
    return Named(best.id, best.label)


@dataclass(frozen=True)
class Breakdown:
    """The year's results per territory of one level.

    ``table`` is indexed by territory id, in the roll-ups' order, with columns: name; per titled subject ``s``:
    ``passed_<s>``, ``eligible_<s>`` and ``title_share_<s>`` (the roll-ups' title_share; NA where the territory has
    no such unit); for the charted subject: ``level_<id>`` per classification level and ``no_dossier``;
    ``own_level`` (the label of the level the territory itself was classified at, None if none),
    ``late_or_missing`` (dossiers of every subject), ``overdue`` (duties), ``models`` (in force)."""

    level: str
    titled: list[Named]
    charted: Named | None
    levels: list[Named]
    table: "pandas.DataFrame"


def breakdown(year: YearRun) -> Breakdown:
    """The year's results per territory of the first level below the issuer's that the graph's structure has and
    the results reach, villages left out: districts in the three-tier structure, communes in the two-tier one."""
    import pandas as pd

    e = year.evaluation
    present = set(e.roll_ups()["level"].astype(str))
    structure = e.graph.structure.levels
    below = structure[structure.index(year.root_level) + 1:-1] if year.root_level in structure else []
    level = next((lvl for lvl in below if lvl in present), year.root_level)
    roll = e.roll_ups(level=level)
    roll = roll.assign(territory=roll["territory"].astype(str), subject=roll["subject"].astype(str),
                       name=roll["name"].astype(str))
    table = roll.drop_duplicates("territory").set_index("territory")[["name"]]

    def of(subject: str | None, column: str) -> "pandas.Series":
        """The roll-ups' ``column`` for ``subject`` per territory of the table; NaN where there is none."""
        rows = roll[roll["subject"] == subject] if subject is not None else roll.iloc[0:0]
        return rows.set_index("territory")[column].reindex(table.index)

    titled = [Named(s.id, s.label) for s in year.rules.subjects if s.title]
    for s in titled:
        table[f"passed_{s.id}"] = of(s.id, "passed").astype("Int64")
        table[f"eligible_{s.id}"] = of(s.id, "eligible").astype("Int64")
        table[f"title_share_{s.id}"] = of(s.id, "title_share").astype(float)
    charted = chart_subject(year)
    class_levels = classification_levels(year)
    charted_id = charted.id if charted is not None else None
    for k in class_levels:
        table[f"level_{k.id}"] = of(charted_id, f"level_{k.id}").astype("Int64")
    table["no_dossier"] = of(charted_id, "missing").astype("Int64")
    results = e.results
    own = results[results["unit"].isin(table.index)].drop_duplicates("unit").set_index("unit")["level"]
    table["own_level"] = [year.rules.level_label(v) if isinstance(v, str) else None
                          for v in own.astype(object).reindex(table.index)]
    table["late_or_missing"] = roll.groupby("territory")[["late", "missing"]].sum().sum(axis=1).reindex(table.index)
    duties = year.follow_up.roll_ups(level=level)
    overdue_duties = duties.assign(territory=duties["territory"].astype(str)).groupby("territory")["overdue"].sum()
    table["overdue"] = overdue_duties.reindex(table.index, fill_value=0).astype(int)
    table["models"] = pd.Series(year.models_in_force, dtype=int).reindex(table.index, fill_value=0)
    return Breakdown(level, titled, charted, class_levels, table)


def dossiers(year: YearRun, status: str) -> "pandas.DataFrame":
    """The results whose dossier is ``status`` (late, missing): unit, name, subject, district (None for units above
    the districts), dossier_date (None when missing), deadline (the subject's, that year), authority."""
    rows = year.evaluation.dossiers(status)
    deadline = {s.id: s.deadline_day(year.year) for s in year.rules.subjects}
    frame = rows[["unit", "name", "subject", "district", "dossier_date", "authority"]].astype(object)
    frame = frame.where(frame.notna(), None)
    frame.insert(5, "deadline", [deadline[str(s)] for s in rows["subject"]])
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class HeadInputs:
    """What the results of what heads head contribute to their assessment (clause 1: an input, not a grade)."""

    contributions: list[Named]
    #: Heads per body kind (index) and contribution id (columns, in the rules' order).
    by_body_kind: "pandas.DataFrame"
    #: The heads whose unit's results give the last contribution: post, post_name, body, unit, contribution_label.
    lowest: "pandas.DataFrame"
    #: Heads per contribution id, every contribution listed.
    totals: dict[str, int]
    assumption: str
    #: Per body kind (as in by_body_kind), the heads whose post the graph marks made up ("synthetic": true).
    synthetic: dict[str, int]


def head_inputs(year: YearRun) -> HeadInputs:
    heads = year.evaluation.heads
    contributions = [Named(c.id, c.label) for c in year.rules.heads.contributions]
    ids = [c.id for c in contributions]
    counts = (heads.groupby(["body_kind", "contribution"], observed=True).size().unstack(fill_value=0)
              .reindex(columns=ids, fill_value=0))
    counts.columns = [str(c) for c in counts.columns]
    counts.index = counts.index.astype(str)
    lowest = heads.loc[heads["contribution"] == ids[-1],
                       ["post", "post_name", "post_synthetic", "body", "unit", "contribution_label"]]
    tally = heads["contribution"].value_counts()
    made_up = heads.groupby("body_kind", observed=True)["post_synthetic"].sum()
    synthetic = {kind: int(made_up.get(kind, 0)) for kind in counts.index}
    return HeadInputs(contributions, counts, lowest.reset_index(drop=True), {g: int(tally.get(g, 0)) for g in ids},
                      year.rules.heads.assumption, synthetic)


@dataclass(frozen=True)
class Commendation:
    """Proposals for commendation (clause 6)."""

    #: Collectives proposed per subject, every subject of the rules listed: subject, label, collectives.
    collectives: "pandas.DataFrame"
    #: Individuals proposed: unit (the post), name, for_unit, proposed_by, proposed_to.
    individuals: "pandas.DataFrame"
    assumption: str


def commendation(year: YearRun) -> Commendation:
    proposals = year.evaluation.commendations
    collectives = proposals[proposals["type"] == "collective"]["subject"].astype(str).value_counts()
    individuals = proposals[proposals["type"] == "individual"]
    return Commendation(
        _frame(((s.id, s.label, int(collectives.get(s.id, 0))) for s in year.rules.subjects),
               ["subject", "label", "collectives"]),
        individuals[["unit", "name", "for_unit", "proposed_by", "proposed_to"]].reset_index(drop=True),
        year.rules.commendation.assumption,
    )


@dataclass(frozen=True)
class ModelFigures:
    """The self-managed models registry (HD 22/HD-BCA-V05)."""

    #: models, points, teams in force (effective or formal).
    in_force: dict[str, int]
    #: status (or type), models, points, teams; dissolved models included.
    by_status: "pandas.DataFrame"
    by_type: "pandas.DataFrame"
    #: One row per model: ModelRegistry.to_pandas().
    registry: "pandas.DataFrame"


def models(year: YearRun) -> ModelFigures:
    counts = year.model_counts

    def per(key: str, name: str) -> "pandas.DataFrame":
        return _frame(([k, v["models"], v["points"], v["teams"]] for k, v in counts[key].items()),
                      [name, "models", "points", "teams"])

    return ModelFigures({k: int(counts[k]) for k in ("models", "points", "teams")}, per("by_status", "status"),
                        per("by_type", "type"), year.registry.to_pandas())


def follow_up_by_clause(year: YearRun) -> "pandas.DataFrame":
    """Duties per clause (index, in the order duties list them) and state (columns, antq.model.duty_states)."""
    duties = year.follow_up.duties
    clause = duties["clause"].astype(str)
    counts = duties.assign(clause=clause, state=duties["state"].astype(str)).groupby(["clause", "state"]).size()
    return (counts.unstack(fill_value=0).reindex(index=list(dict.fromkeys(clause)), columns=list(duty_states),
                                                 fill_value=0).rename_axis(index="clause", columns=None))


def duty_state_counts(year: YearRun) -> dict[str, int]:
    """Duties per state, every state listed."""
    return {state: int(n) for state, n in follow_up_by_clause(year).sum().items()}


def monitoring(year: YearRun) -> "pandas.DataFrame":
    """What each monitor sees: FollowUp.monitoring(), with the monitor's level."""
    views = year.follow_up.monitoring()
    graph = year.evaluation.graph
    return views.assign(level=[graph.unit(m).level for m in views["monitor"]])


def monitoring_by_clause(views: "pandas.DataFrame") -> "pandas.DataFrame":
    """Monitor views (rows of :func:`monitoring`) added up per clause, clauses in the order met: clause, monitors,
    targets, duties, overdue."""
    totals = views.groupby("clause", sort=False).agg(monitors=("monitor", "size"), targets=("targets", "sum"),
                                                     duties=("duties", "sum"), overdue=("overdue", "sum"))
    return totals.reset_index()


def overdue(year: YearRun) -> "pandas.DataFrame":
    """The overdue duties, by due day then unit order: unit, name, clause, role, due, latest_status, latest_date
    (None where the unit never reported)."""
    frame = year.follow_up.overdue()[["unit", "name", "clause", "role", "due", "latest_status", "latest_date"]]
    frame = frame.astype(object)
    return frame.where(frame.notna(), None)


def assumptions(year: YearRun) -> "pandas.DataFrame":
    """Every value the rules assume because the sources leave it open: subject (label, or "heads" /
    "commendation" / "deciders"), part (window, deadline, title criterion, scored criterion, level, decided at,
    heads, contribution, commendation, title, classification), id, value, assumption, and topic: what it concerns
    (the label of its group in :data:`CAVEAT_TOPICS`, as the banner and the terminal group it). Rows come by topic,
    in that order, then in the rules' order."""
    rows: list[list[str]] = []
    for s in year.rules.subjects:
        if s.window.assumed:
            rows.append([s.label, "window", s.id, f"window {s.window.from_}–{s.window.to}", s.window.assumption])
        if s.deadline_assumption:
            rows.append([s.label, "deadline", s.id, f"deadline {s.deadline}", s.deadline_assumption])
        for c in s.title.criteria if s.title else []:
            if c.assumed:
                rows.append([s.label, "title criterion", c.id, f"title criterion {c.id}", c.assumption])
        for sc in s.classification.criteria if s.classification else []:
            if sc.assumed:
                rows.append([s.label, "scored criterion", sc.id, f"{sc.id}: {sc.max_points:g} points", sc.assumption])
        for lvl in s.classification.levels if s.classification else []:
            if lvl.assumed:
                rows.append([s.label, "level", lvl.id, f"{lvl.label} from {lvl.min_points:g} points", lvl.assumption])
    rows.append(["heads", "heads", "contributions", "contributions to heads' assessments", year.rules.heads.assumption])
    for hc in year.rules.heads.contributions:
        if hc.assumed:
            rows.append(["heads", "contribution", hc.id, hc.label, hc.assumption])
    for subject in year.rules.subjects:
        if subject.decided_at.assumed:
            rows.append([subject.label, "decided at", subject.decided_at.rule,
                         f"decided where the {subject.decided_at.rule} is", subject.decided_at.assumption])
    for part, decider in (("title", year.rules.title_decider), ("classification", year.rules.classification_decider)):
        if decider.assumed:
            rows.append(["deciders", part, decider.kind, f"{part} decided by the {decider.kind}", decider.assumption])
    rows.append(["commendation", "commendation", "who", "who is proposed", year.rules.commendation.assumption])
    order = [topic for topic, _ in CAVEAT_TOPICS]
    rows.sort(key=lambda row: order.index(_PART_TOPICS[row[1]]))  # stable: each topic in the rules' order
    return _frame(([*row, _TOPIC_LABELS[_PART_TOPICS[row[1]]]] for row in rows),
                  ["subject", "part", "id", "value", "assumption", "topic"])


# ---- structure (antq.measures) ----------------------------------------------------------------------------


def span_by_level(cycle: Cycle) -> "pandas.DataFrame":
    """Per level holding bodies: bodies, directing, mean_span, max_span, dual_share, max_depth."""
    if cycle.structure is None:
        return _frame([], ["level", "bodies", "directing", "mean_span", "max_span", "dual_share", "max_depth"])
    table = cycle.structure.levels
    table = table[table["bodies"] > 0]
    table = table[["level", "bodies", "directing", "mean_span", "max_span", "dual_share", "max_depth"]]
    return table.round({"mean_span": 2, "dual_share": 3}).reset_index(drop=True)


def forwarding_cut_points(cycle: Cycle, limit: int = 10) -> "pandas.DataFrame":
    """The units whose loss would cut most units off the issuer's forwarding, most first: unit, name, kind, level,
    cut_off (at most ``limit`` rows)."""
    columns = ["unit", "name", "kind", "level", "cut_off"]
    if cycle.forwarding_cuts is None or cycle.forwarding_cuts.units.empty:
        return _frame([], columns)
    top = cycle.forwarding_cuts.units.head(limit)
    ids = top["unit"].astype(str).tolist()
    table = _units_table(cycle, ids)
    table["cut_off"] = top["cut_off"].to_numpy()
    return table[columns]


def workload(cycle: Cycle, limit: int = 10) -> "pandas.DataFrame":
    """The units working on the most tasks, most first: unit, name, kind, tasks, share, exclusivity."""
    columns = ["unit", "name", "kind", "tasks", "share", "exclusivity"]
    if cycle.workload is None or cycle.workload.empty:
        return _frame([], columns)
    top = cycle.workload.assign(unit=cycle.workload["unit"].astype(str))
    top = top.sort_values(["tasks", "unit"], ascending=[False, True]).head(limit)
    top["name"] = [cycle.units.at[u, "name"] for u in top["unit"]]
    top["kind"] = [cycle.units.at[u, "kind"] for u in top["unit"]]
    return top[columns].round({"share": 3, "exclusivity": 2}).reset_index(drop=True)


#: What a caveat concerns, in the order the banner and the terminal list them: (topic id, label).
CAVEAT_TOPICS: tuple[tuple[str, str], ...] = (
    ("synthetic", "synthetic data"),
    ("graph", "the graph's records"),
    ("due_dates", "due dates and evaluation windows"),
    ("title_criteria", "title criteria"),
    ("points", "points of the scored criteria"),
    ("thresholds", "classification thresholds"),
    ("heads", "heads' assessments"),
    ("deciders", "who decides"),
    ("commendation", "commendation"),
)
_TOPIC_LABELS = dict(CAVEAT_TOPICS)
# The topic of each part of the rules' assumptions (assumptions()).
_PART_TOPICS = {
    "window": "due_dates",
    "deadline": "due_dates",
    "title criterion": "title_criteria",
    "scored criterion": "points",
    "level": "thresholds",
    "heads": "heads",
    "contribution": "heads",
    "decided at": "deciders",
    "title": "deciders",
    "classification": "deciders",
    "commendation": "commendation",
}


@dataclass(frozen=True)
class Assumed:
    """One caveat as a group lists it: what is assumed, said once, and the rules' subjects (unit types) it is assumed
    for; none when it concerns the graph, the run or the rules as a whole."""

    text: str
    subjects: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaveatGroup:
    """The caveats of one topic of :data:`CAVEAT_TOPICS`. An assumption the rules make in the same words for several
    subjects is one entry naming them all, and counts once per subject."""

    topic: str
    label: str
    #: How many caveats the group holds: as many as its lines in Caveats.lines.
    count: int
    entries: list[Assumed]


@dataclass(frozen=True)
class Caveats:
    """What the figures rest on that is not a fact about the territory: the banner of every page and the terminal's
    lines. Every entry comes from the data (the graph's attributes, the rules' assumptions) or the run's inputs."""

    #: Whether any part of the graph or of the input is synthetic or assumed.
    any: bool
    #: Real and synthetic units, and the territories made up.
    headline: str
    #: Each assumption behind a printed figure, with where it is recorded, one per line.
    lines: list[str]
    #: Per unit kind and level with synthetic units: kind, level, units, synthetic.
    synthetic_units: "pandas.DataFrame"
    #: The same caveats by what they concern, in the order of CAVEAT_TOPICS (topics without any left out).
    groups: list[CaveatGroup] = field(default_factory=list)
    #: The id of the rules whose assumed values are among them (None without an evaluation).
    rules: str | None = None


# A caveat as it is gathered: its topic, its line in Caveats.lines, and its text and subject as a group lists it.
_Caveat = tuple[str, str, str, str | None]


def _grouped(caveats: list[_Caveat]) -> list[CaveatGroup]:
    """The caveats by topic, in the order of CAVEAT_TOPICS; within a topic, each text once, in the order first met,
    with the subjects it is assumed for."""
    groups = []
    for topic, label in CAVEAT_TOPICS:
        mine = [c for c in caveats if c[0] == topic]
        if not mine:
            continue
        subjects: dict[str, list[str]] = {}
        for _, _, text, subject in mine:
            subjects.setdefault(text, [])
            if subject is not None and subject not in subjects[text]:
                subjects[text].append(subject)
        groups.append(CaveatGroup(topic, label, len(mine), [Assumed(t, tuple(s)) for t, s in subjects.items()]))
    return groups


def _graph_caveats(p: dict[str, Any]) -> list[_Caveat]:
    """The caveats a graph's provenance records, each with its topic."""
    caveats: list[_Caveat] = []

    def add(topic: str, line: str) -> None:
        caveats.append((topic, line, line, None))

    if p["code_unknown"]:
        add("graph", f"{p['code_unknown']} real unit(s) without their official code (\"code_known\": false).")
    if p["synthetic_note"]:
        add("synthetic", f"Synthetic in the graph: {p['synthetic_note']}")
    for a in p["assumptions"]:
        add("graph", f"Assumed in the graph: {a}")
    for key, n in p["assumed"]:
        add("graph", f"{n:,} units carry \"{key}\": true.")
    if p["ties_assumed"]:
        add("graph", f"{p['ties_assumed']:,} ties rest on an assumption (their \"assumption\" attribute).")
    return caveats


def graph_caveats(graph: Any, provenance: dict[str, Any] | None = None) -> Caveats:
    """The synthetic units of ``graph`` (by its ``synthetic`` and ``code_known`` attributes) and the assumptions it
    records (its ``assumptions`` attribute, ``<name>_assumed`` units, ties with an ``assumption``)."""
    p = provenance or graph.provenance()
    by_kind = _frame(((c["kind"], c["level"], c["units"], c["synthetic"]) for c in p["by_kind"] if c["synthetic"]),
                     ["kind", "level", "units", "synthetic"])
    territories = [f"{c['level']}s: {c['units'] - c['synthetic']:,} real, {c['synthetic']:,} synthetic"
                   for c in p["by_kind"] if c["kind"] in territory_kinds and c["synthetic"]]
    headline = (f"Graph {graph.name}: {p['units'] - p['synthetic']:,} real units, {p['synthetic']:,} synthetic "
                f"(\"synthetic\": true)" + (f"; {'; '.join(territories)}" if territories else "") + ".")
    found = _graph_caveats(p)
    return Caveats(any=bool(p["any"] or found), headline=headline, lines=[c[1] for c in found],
                   synthetic_units=by_kind, groups=_grouped(found))


def caveats(cycle: Cycle) -> Caveats:
    """The graph's caveats (:func:`graph_caveats`) and, with a year, the inputs made up, the due day of undated duties
    and the rules' assumed values."""
    provenance = cycle.provenance or cycle.graph.provenance()
    base = graph_caveats(cycle.graph, provenance)
    found = _graph_caveats(provenance)
    year = cycle.year
    rules = None
    if year is not None:
        rules = year.rules.id
        if year.synthetic:
            line = f"Evaluation input: {input_origin(year)}; its figures illustrate the method."
            found.append(("synthetic", line, line, None))
        undated = cycle.directive.undated_due
        if year.undated_due and undated:
            line = f"Follow-up: duties whose clause gives no date are taken as due on {year.undated_due}: {undated[1]}"
            found.append(("due_dates", line, line, None))
        subjects = {s.label for s in year.rules.subjects}
        for row in assumptions(year).to_dict("records"):
            text = f"{row['value']}: {row['assumption']}"
            found.append((_PART_TOPICS[row["part"]], f"Rules '{rules}', {row['subject']}: {text}", text,
                          row["subject"] if row["subject"] in subjects else None))
    return Caveats(any=bool(base.any or found), headline=base.headline, lines=[c[1] for c in found],
                   synthetic_units=base.synthetic_units, groups=_grouped(found), rules=rules)
