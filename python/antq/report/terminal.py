"""The terminal summary of a report, written from its figures."""

from __future__ import annotations

from ..model import duty_states, levels
from . import figures as fig
from .cycle import ASSESSMENTS, PROGRESS, REGISTRY, Cycle, YearRun
from .formats import per_level, percent

__all__ = ["summary", "year_summary", "caveat_lines"]

_UNREACHED_SHOWN = 20  # the page lists them all
_MONITORS_SHOWN = 20  # beyond, the lowest level's monitor views are added up per clause; the page lists them all


def summary(cycle: Cycle) -> str:
    """The directive, who holds which role per clause and level, the analyses, and the year when there is one."""
    d = cycle.directive
    names = cycle.units["name"]
    lines = [
        f"{d.kind.capitalize()} {d.number or '(number unknown)'}: {d.title}",
        f"issued by {names[d.issuer]}, signed by {names[d.signer]}; year {d.year}",
    ]
    caveats = fig.caveats(cycle)
    if caveats.any:
        lines += ["", f"NOT ALL FACT: {caveats.headline}", *caveat_lines(caveats)]
    lines += ["", "Responsibilities per clause and role (units per level):"]
    for row in fig.responsibility_counts(cycle).to_dict("records"):
        lines.append(f"  {row['clause']:>7} {row['role']:<10} {row['units']:>5}  ({per_level(row)})")
    reach = fig.reach_counts(cycle)
    lines += [
        "",
        f"Reach: {reach['recipients']} recipient units; {reach['bound']} bound units, {reach['unreached']} not reached "
        "through forwarding ties",
    ]
    unreached = fig.unreached(cycle)
    shown = unreached.head(_UNREACHED_SHOWN)
    lines += [f"  unreached: {u} {name}" for u, name in zip(shown["unit"], shown["name"])]
    if len(unreached) > _UNREACHED_SHOWN:
        lines.append(f"  ... and {len(unreached) - _UNREACHED_SHOWN} more (see the HTML report)")
    coordination = fig.coordination_counts(cycle)
    lines += [
        f"Load: most loaded units: {', '.join(fig.most_loaded(cycle)['name'][:5])}",
        f"Coordination: {coordination['pairs']} required pairs, {coordination['gaps']} without any tie",
        f"Oversight: {len(fig.monitors(cycle))} monitor(s); {len(cycle.oversight['unmonitored'])} bound units no one "
        "monitors",
        f"Capability flags: {len(fig.capability_flags(cycle))}",
    ]
    if cycle.year is not None:
        lines += ["", year_summary(cycle.year)]
    return "\n".join(lines)


def caveat_lines(caveats: fig.Caveats) -> list[str]:
    """The caveats by what they concern, with counts: a heading per topic, then each assumption once, with the
    rules' subjects it is assumed for in brackets. Every line of ``caveats.lines`` is counted and its words shown."""
    if not caveats.lines:
        return []
    rules = f"; the rules' values from rules '{caveats.rules}'" if caveats.rules else ""
    out = [f"  {len(caveats.lines)} assumptions and synthetic inputs behind the figures, by what they concern{rules}:"]
    for group in caveats.groups:
        out.append(f"  {group.label} ({group.count}):")
        out += [f"    - {e.text}" + (f" [{'; '.join(e.subjects)}]" if e.subjects else "") for e in group.entries]
    return out


def _from_example(year: YearRun, what: str) -> str:
    """Where the input ``what`` is the seeded example, words saying so, for a line whose figures come from it: read on
    its own, the line still says they are not facts."""
    return f" (from the synthetic example's {what})" if what in year.synthetic else ""


def year_summary(year: YearRun) -> str:
    """Titles and classification per subject, heads, commendation, models, and the follow-up with the monitors'
    view."""
    class_levels = fig.classification_levels(year)
    lines = [f"Evaluation {year.year} under rules '{year.rules.id}'; input: {fig.input_origin(year)}"]
    for row in fig.subjects(year).to_dict("records"):
        by_level = " / ".join(f"{k.label} {row[f'level_{k.id}']}" for k in class_levels if row.get(f"level_{k.id}"))
        share = percent(row["title_share"])
        titled = f"{row['passed']} titled ({share}), " if share else ""
        lines.append(f"  {row['subject']:<17} {row['units']:>5} units: {titled}late {row['late']}, "
                     f"missing {row['missing']}, excluded {row['excluded']}; {by_level}")
    heads = fig.head_inputs(year)
    proposals = fig.commendation(year)
    lines.append(f"Heads' assessments, input from results (assumed thresholds){_from_example(year, ASSESSMENTS)}: "
                 + ", ".join(f"{c.id} {heads.totals[c.id]}" for c in heads.contributions)
                 + f" ({sum(heads.synthetic.values())} of the heads synthetic posts)"
                 + f"; commendation proposals: {int(proposals.collectives['collectives'].sum())} collectives, "
                 f"{len(proposals.individuals)} individuals")
    registry = fig.models(year)
    by_status = registry.by_status.set_index("status")["models"]
    lines.append(f"Models{_from_example(year, REGISTRY)}: {registry.in_force['models']} in force "
                 f"({registry.in_force['points']} sites (điểm), "
                 f"{registry.in_force['teams']} teams); {by_status.get('formal', 0)} nominal (hình thức), "
                 f"{by_status.get('dissolved', 0)} dissolved")
    states = fig.duty_state_counts(year)
    undated = f"undated duties due {year.undated_due}, assumed" if year.undated_due else "undated duties never due"
    lines.append(f"Follow-up on {year.as_of} ({undated}){_from_example(year, PROGRESS)}: "
                 f"{sum(states.values())} duties: "
                 + ", ".join(f"{s} {states[s]}" for s in duty_states))
    views = fig.monitoring(year)
    shown, summed = views, views.iloc[0:0]
    present = [lvl for lvl in levels if lvl in set(views["level"])]
    if len(views) > _MONITORS_SHOWN and len(present) > 1:  # the lowest level's monitors, added up per clause
        shown, summed = views[views["level"] != present[-1]], views[views["level"] == present[-1]]
    for view in shown.to_dict("records"):
        lines.append(f"  {view['monitor']} (clause {view['clause']}) watches {view['targets']} units: "
                     f"{view['duties']} duties, {view['overdue']} overdue")
    for row in fig.monitoring_by_clause(summed).to_dict("records"):
        lines.append(f"  {row['monitors']} {present[-1]} monitors (clause {row['clause']}) watch {row['targets']} units "
                     f"in all: {row['duties']} duties, {row['overdue']} overdue (each one on the evaluation page)")
    return "\n".join(lines)

