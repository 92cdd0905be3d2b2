"""The evaluation part of the main job: a year's titles and classification, heads and commendation, the
self-managed models and the follow-up of the directive, printed and written as ``evaluation.html`` beside the
directive report. Without records, reports or a registry of the user's, a seeded synthetic example year is used
and the page says so."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from . import evaluation as ev
from ._core import Subject
from ._html import STYLE, esc, table
from .directive import Responsibilities
from .graph import OrgGraph
from .models import ModelRegistry, example_registry

__all__ = ["EvaluationPages"]

_LIST_LIMIT = 200  # rows listed inline; the CSV files hold every row
_LEVEL_COLOURS = ("#2e7d32", "#9ccc65", "#ffca28", "#e53935")


class EvaluationPages:
    """A year evaluated on a graph, with the models registry and the follow-up of a compiled directive."""

    def __init__(
        self,
        graph: OrgGraph,
        responsibilities: Responsibilities,
        *,
        rules: ev.EvaluationRules | None = None,
        assessments: ev.Assessments | None = None,
        progress: ev.ProgressReports | None = None,
        registry: ModelRegistry | None = None,
        as_of: str | None = None,
        seed: int = 2024,
        say: Callable[[str], None] | None = None,
    ) -> None:
        say = say or (lambda message: None)
        started = time.perf_counter()
        self.graph = graph
        self.year = responsibilities.directive.year
        self.seed = seed
        self.rules = rules if rules is not None else ev.default_rules()
        self.synthetic: list[str] = []
        if assessments is None:
            assessments = ev.example_assessments(graph, self.rules, self.year, seed)
            self.synthetic.append("assessment records")
        if assessments.year != self.year:
            from .errors import InvalidInputError

            raise InvalidInputError(
                f"wrong_year: {assessments.source or 'assessments'}: the records are for {assessments.year}, the directive "
                f"for {self.year}", "wrong_year", assessments.source or "assessments")
        self.assessments = assessments
        self.evaluation = ev.evaluate(graph, assessments, self.rules)
        say(f"evaluated {len(self.evaluation)} units for {self.year} in {time.perf_counter() - started:.2f} s")
        # Clauses without a date are taken as due by the last dossier deadline of the year (15/12).
        self.as_of = as_of or f"{self.year}-12-31"
        self.undated_due = f"{self.year}-12-15"
        if progress is None:
            progress = ev.example_progress(responsibilities, self.as_of, seed, self.undated_due)
            self.synthetic.append("progress reports")
        self.progress = progress
        self.follow_up = ev.follow_up(responsibilities, progress, self.as_of, self.undated_due)
        if registry is None:
            registry = example_registry(graph, self.year, seed)
            self.synthetic.append("models registry")
        self.registry = registry
        say(f"followed up {len(self.follow_up)} duties and {len(registry)} models")

    # ---- figures --------------------------------------------------------------------------------

    def level_ids(self) -> list[str]:
        ids: list[str] = []
        for subject in self.rules.subjects:
            for level in subject.classification.levels if subject.classification else []:
                if level.id not in ids:
                    ids.append(level.id)
        return ids

    def level_label(self, level_id: str) -> str:
        for subject in self.rules.subjects:
            for level in subject.classification.levels if subject.classification else []:
                if level.id == level_id:
                    return level.label
        return level_id

    def origin(self) -> str:
        if not self.synthetic:
            return "the records, reports and registry given"
        return f"synthetic example ({', '.join(self.synthetic)}; seed {self.seed})"

    # ---- terminal -------------------------------------------------------------------------------

    def summary(self) -> str:
        e = self.evaluation
        lines = [f"Evaluation {self.year} under rules '{self.rules.id}'; input: {self.origin()}"]
        for row in e.summary().to_dict("records"):
            levels = " / ".join(f"{self.level_label(k)} {row[f'level_{k}']}" for k in self.level_ids() if row.get(f"level_{k}"))
            titled = "" if row["title_share"] != row["title_share"] else (
                f"{row['passed']} titled ({100 * row['title_share']:.1f}%), ")
            lines.append(f"  {row['subject']:<17} {row['units']:>5} units: {titled}late {row['late']}, "
                         f"missing {row['missing']}, excluded {row['excluded']}; {levels}")
        grades = e.heads["grade"].value_counts()
        proposals = e.commendations["type"].value_counts()
        lines.append("Heads: " + ", ".join(f"{g.id} {int(grades.get(g.id, 0))}" for g in self.rules.heads.grades)
                     + f"; commendation proposals: {int(proposals.get('collective', 0))} collectives, "
                     f"{int(proposals.get('individual', 0))} individuals")
        counts = self.registry.counts()
        lines.append(f"Models: {counts['models']} in force ({counts['points']} points, {counts['teams']} teams); "
                     f"{counts['by_status']['formal']['models']} formal, {counts['by_status']['dissolved']['models']} dissolved")
        states = self.follow_up.duties["state"].value_counts()
        lines.append(f"Follow-up on {self.as_of} (undated duties due {self.undated_due}): {len(self.follow_up)} duties: "
                     + ", ".join(f"{s} {int(states.get(s, 0))}" for s in ev.DUTY_STATES))
        for view in self.follow_up.monitoring().to_dict("records"):
            lines.append(f"  {view['monitor']} (clause {view['clause']}) watches {view['targets']} units: "
                         f"{view['duties']} duties, {view['overdue']} overdue")
        return "\n".join(lines)

    # ---- the page -------------------------------------------------------------------------------

    def write(self, folder: str | os.PathLike[str]) -> Path:
        """Writes ``evaluation.html`` with ``evaluation.png`` and the CSV / JSON files it links; returns the page."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        e = self.evaluation
        results = e.results
        results.to_csv(out / "evaluation_results.csv", index=False)
        e.heads.to_csv(out / "heads.csv", index=False)
        e.commendations.to_csv(out / "commendations.csv", index=False)
        self.follow_up.overdue().to_csv(out / "overdue.csv", index=False)
        self.registry.to_pandas().to_csv(out / "models.csv", index=False)
        self.assessments.save(out / "assessments.json")
        self.progress.save(out / "progress.json")
        self.registry.save(out / "models.json")
        districts = self._districts()
        self._chart(districts, out / "evaluation.png")
        page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Đánh giá phong trào {self.year}</title><style>{STYLE}</style></head>
<body>
<h1>Evaluation of the movement, {self.year}</h1>
<p>Graph: {esc(self.graph.name)}. Rules: <strong>{esc(self.rules.title)}</strong> (<code>{esc(self.rules.id)}</code>).
Input: <strong>{esc(self.origin())}</strong>{' — figures illustrate the method, not Hải Dương' if self.synthetic else ''}.
Files: <a href="assessments.json">assessments.json</a>, <a href="progress.json">progress.json</a>,
<a href="models.json">models.json</a>, <a href="evaluation_results.csv">evaluation_results.csv</a>,
<a href="heads.csv">heads.csv</a>, <a href="commendations.csv">commendations.csv</a>,
<a href="overdue.csv">overdue.csv</a>, <a href="models.csv">models.csv</a>. <a href="index.html">Back to the directive.</a></p>
<nav><a href="#subjects">by unit type</a> · <a href="#districts">by {esc(self.breakdown_level())}</a> · <a href="#dossiers">late and missing dossiers</a> ·
<a href="#heads">heads</a> · <a href="#commendation">commendation</a> · <a href="#models">models</a> ·
<a href="#follow-up">follow-up</a> · <a href="#assumptions">assumptions</a></nav>
<h2 id="subjects">Titles and classification by unit type</h2>
{self._subject_table()}
<h2 id="districts">Titles and classification per {esc(self.breakdown_level())}</h2>
{districts[0]}
<img id="evaluation-chart" src="evaluation.png" alt="residential areas per district by level, and title shares">
{self._dossiers()}
{self._heads()}
{self._commendation()}
{self._models()}
{self._follow_up()}
{self._assumptions()}
<script>
  window.addEventListener("load", () => {{
    document.body.dataset.chartWidth = document.getElementById("evaluation-chart").naturalWidth;
  }});
</script>
</body></html>
"""
        index = out / "evaluation.html"
        index.write_text(page, encoding="utf-8")
        return index

    def _subject_table(self) -> str:
        levels = self.level_ids()
        rows = []
        for row in self.evaluation.summary().to_dict("records"):
            share = "" if row["title_share"] != row["title_share"] else f"{100 * row['title_share']:.1f}%"
            rows.append([row["label"], row["units"], row["excluded"], row["on_time"], row["late"], row["missing"],
                         row["passed"], share, *[row[f"level_{k}"] for k in levels]])
        return table(["unit type", "units", "excluded", "on time", "late", "missing", "titled", "title share",
                      *[self.level_label(k) for k in levels]], rows, id="subjects-table")

    def breakdown_level(self) -> str:
        """The territory level the page breaks results down by: districts, or provinces or communes where the graph
        has no districts (the two-tier structure)."""
        levels = set(self.evaluation.roll_ups()["level"].astype(str))
        return next((lvl for lvl in ("district", "province", "commune") if lvl in levels), "district")

    def chart_subject(self) -> Subject | None:
        """The classified subject with the most units: the one charted by level."""
        summary = self.evaluation.summary()
        units = dict(zip(summary["subject"], summary["units"]))
        best: Subject | None = None
        for subject in self.rules.subjects:
            if subject.classification and (best is None or units[subject.id] > units[best.id]):
                best = subject
        return best

    def _districts(self) -> tuple[str, list[dict[str, Any]]]:
        e = self.evaluation
        breakdown = self.breakdown_level()
        roll = e.roll_ups(level=breakdown)
        results = e.results
        own = results[results["unit"].isin(set(roll["territory"].astype(str)))].set_index("unit")
        overdue = self.follow_up.roll_ups(level=breakdown).groupby("territory", observed=True)["overdue"].sum()
        titled_subjects = [s for s in self.rules.subjects if s.title]
        charted = self.chart_subject()
        level_columns = [f"level_{k}" for k in self.level_ids()]
        rows, data = [], []
        for territory in roll["territory"].astype(str).drop_duplicates():
            part = roll[roll["territory"] == territory].set_index("subject")
            subjects_here = set(part.index.astype(str))

            def titled(subject: str) -> str:
                if subject not in subjects_here or not part.loc[subject, "eligible"]:
                    return ""
                r = part.loc[subject]
                return f"{r['passed']}/{r['eligible']} ({100 * r['title_share']:.0f}%)"

            by_level = part.loc[charted.id] if charted is not None and charted.id in subjects_here else None
            level = own.loc[territory, "level"] if territory in own.index else None
            models = self.registry.counts_within(self.graph, territory)["models"]
            late_missing = int(part["late"].sum() + part["missing"].sum())
            rows.append([str(part["name"].iloc[0]), *[titled(s.id) for s in titled_subjects],
                         " / ".join(str(int(by_level[c])) for c in level_columns) if by_level is not None else "",
                         self.level_label(level) if isinstance(level, str) else "—", late_missing,
                         int(overdue.get(territory, 0)), models])
            data.append({"name": str(part["name"].iloc[0]),
                         "levels": [int(by_level[c]) for c in level_columns] if by_level is not None else [],
                         "missing": int(by_level["missing"]) if by_level is not None else 0,
                         "shares": {s.id: float(part.loc[s.id, "title_share"]) for s in titled_subjects if s.id in subjects_here}})
        levels = " / ".join(self.level_label(k) for k in self.level_ids())
        charted_label = charted.label if charted is not None else ""
        html = table([breakdown, *[f"{s.label}: titled" for s in titled_subjects], f"{charted_label} by level ({levels})",
                      f"{breakdown}'s own level", "late or missing dossiers", "overdue duties", "models in force"],
                     rows, id="districts-table")
        return html, data

    def _chart(self, districts: tuple[str, list[dict[str, Any]]], path: Path) -> None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        data = districts[1]
        names = [d["name"] for d in data]
        fig, (left, right) = plt.subplots(1, 2, figsize=(12, 0.42 * len(data) + 2.2), sharey=True)
        starts = [0] * len(data)
        for k, level_id in enumerate(self.level_ids()):
            counts = [d["levels"][k] if d["levels"] else 0 for d in data]
            left.barh(names, counts, left=starts, color=_LEVEL_COLOURS[k % len(_LEVEL_COLOURS)], label=self.level_label(level_id))
            starts = [s + c for s, c in zip(starts, counts)]
        left.barh(names, [d["missing"] for d in data], left=starts, color="#bdbdbd", label="no dossier")
        charted = self.chart_subject()
        left.set_title(f"{charted.label if charted else ''} by classification level")
        left.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.04), ncol=5, frameon=False)
        left.invert_yaxis()
        titled = [s for s in self.rules.subjects if s.title]
        width = 0.8 / max(1, len(titled))
        for k, subject in enumerate(titled):
            shares = [100 * d["shares"].get(subject.id, float("nan")) for d in data]
            offset = (k - (len(titled) - 1) / 2) * width
            right.barh([i + offset for i in range(len(data))], shares, height=width, label=subject.label)
        right.set_xlim(0, 100)
        right.set_title('"An toàn về ANTT": % titled')
        right.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.04), ncol=3, frameon=False)
        fig.suptitle(f"{self.year}: {self.origin()}", fontsize=8)
        fig.tight_layout()
        fig.savefig(path, dpi=100)
        plt.close(fig)

    def _dossiers(self) -> str:
        e = self.evaluation
        deadline = {s.id: s.deadline_day(self.year) for s in self.rules.subjects}
        parts = ["<h2 id=\"dossiers\">Late and missing dossiers</h2>"]
        for status in ("late", "missing"):
            rows = e.dossiers(status)
            parts.append(f"<h3>{status.capitalize()}: {len(rows)}</h3>")
            parts.append(table(["unit", "name", "type", "district", "dossier date", "deadline", "decided by"],
                               ([r["unit"], r["name"], r["subject"], r["district"] or "", r["dossier_date"] or "—",
                                 deadline[r["subject"]], r["authority"]] for r in rows.head(_LIST_LIMIT).to_dict("records")),
                               id=f"{status}-dossiers"))
            if len(rows) > _LIST_LIMIT:
                parts.append(f"<p class='muted'>… and {len(rows) - _LIST_LIMIT} more in evaluation_results.csv</p>")
        return "".join(parts)

    def _heads(self) -> str:
        heads = self.evaluation.heads
        grades = [g.id for g in self.rules.heads.grades]
        labels = {g.id: g.label for g in self.rules.heads.grades}
        counts = heads.groupby(["body_kind", "grade"]).size().unstack(fill_value=0).reindex(columns=grades, fill_value=0)
        rows = [[kind, *[int(counts.loc[kind, g]) for g in grades]] for kind in counts.index]
        worst = heads[heads["grade"] == grades[-1]]
        listed = table(["post", "heads", "answers for", "grade"],
                       ([h["post_name"], h["body"], h["unit"], h["grade_label"]] for h in worst.head(_LIST_LIMIT).to_dict("records")))
        return (f"<h2 id=\"heads\">Heads assessed on their unit's results (clause 1)</h2>"
                f"<p class='muted'>{esc(self.rules.heads.assumption)}</p>"
                + table(["body headed", *[labels[g] for g in grades]], rows, id="heads-table")
                + f"<details><summary>{len(worst)} heads graded “{esc(labels[grades[-1]])}”</summary>{listed}</details>")

    def _commendation(self) -> str:
        c = self.evaluation.commendations
        collectives = c[c["type"] == "collective"]
        individuals = c[c["type"] == "individual"]
        by_subject = collectives.groupby("subject").size()
        rows = [[s.label, int(by_subject.get(s.id, 0))] for s in self.rules.subjects]
        listed = table(["post", "name", "for the results of", "proposed to"],
                       ([r["unit"], r["name"], r["for_unit"], r["proposed_to"]] for r in individuals.head(_LIST_LIMIT).to_dict("records")))
        return (f"<h2 id=\"commendation\">Commendation proposals (clause 6)</h2>"
                f"<p class='muted'>{esc(self.rules.commendation.assumption)}</p>"
                + table(["unit type", "collectives proposed"], rows, id="commendation-table")
                + f"<details><summary>{len(individuals)} individuals proposed</summary>{listed}</details>")

    def _models(self) -> str:
        counts = self.registry.counts()
        by_status = table(["status", "models", "points", "teams"],
                          ([s, v["models"], v["points"], v["teams"]] for s, v in counts["by_status"].items()))
        by_type = table(["type", "models", "points", "teams"],
                        ([t, v["models"], v["points"], v["teams"]] for t, v in counts["by_type"].items()))
        frame = self.registry.to_pandas()
        listed = table(list(frame.columns), frame.itertuples(index=False), id="models-table")
        return (f"<h2 id=\"models\">Self-managed models (HD 22/HD-BCA-V05)</h2>"
                f"<p>{counts['models']} models in force, {counts['points']} points (điểm), {counts['teams']} teams (tổ).</p>"
                + by_status + by_type + f"<details><summary>All {len(frame)} models</summary>{listed}</details>")

    def _follow_up(self) -> str:
        f = self.follow_up
        duties = f.duties
        per_clause = duties.groupby(["clause", "state"]).size().unstack(fill_value=0).reindex(columns=list(ev.DUTY_STATES), fill_value=0)
        clause_order = [t for t in dict.fromkeys(duties["clause"])]
        rows = [[c, *[int(per_clause.loc[c, s]) for s in ev.DUTY_STATES]] for c in clause_order]
        overdue = f.overdue()
        listed = table(["unit", "name", "clause", "role", "due", "latest report"],
                       ([r["unit"], r["name"], r["clause"], r["role"], r["due"],
                         f"{r['latest_status']} {r['latest_date']}" if r["latest_status"] else "none"]
                        for r in overdue.head(_LIST_LIMIT).to_dict("records")), id="overdue-table")
        more = (f"<p class='muted'>… and {len(overdue) - _LIST_LIMIT} more in overdue.csv</p>"
                if len(overdue) > _LIST_LIMIT else "")
        views = table(["monitor", "clause", "units watched", "duties", "done", "done late", "open", "overdue"],
                      ([v["monitor"], v["clause"], v["targets"], v["duties"], v["done"], v["done_late"], v["open"], v["overdue"]]
                       for v in f.monitoring().to_dict("records")), id="monitoring-table")
        return (f"<h2 id=\"follow-up\">Follow-up of the directive on {esc(self.as_of)}</h2>"
                f"<p>Duties are due on their assignment's deadline or at the end of its window; clauses without a date "
                f"are taken as due by {esc(self.undated_due)}, the last dossier deadline of the year.</p>"
                + table(["clause", *ev.DUTY_STATES], rows, id="duties-table")
                + "<h3>What the monitors see</h3>" + views
                + f"<h3>Overdue duties: {len(overdue)}</h3>" + listed + more)

    def _assumptions(self) -> str:
        rows: list[Sequence[str]] = []
        for s in self.rules.subjects:
            if s.window.assumed:
                rows.append([s.label, f"window {s.window.from_}–{s.window.to}", s.window.assumption])
            if s.deadline_assumption:
                rows.append([s.label, f"deadline {s.deadline}", s.deadline_assumption])
            for c in s.title.criteria if s.title else []:
                if c.assumed:
                    rows.append([s.label, f"title criterion {c.id}", c.assumption])
            for sc in s.classification.criteria if s.classification else []:
                if sc.assumed:
                    rows.append([s.label, f"{sc.id}: {sc.max_points:g} points", sc.assumption])
            for level in s.classification.levels if s.classification else []:
                if level.assumed:
                    rows.append([s.label, f"{level.label} from {level.min_points:g} points", level.assumption])
        rows.append(["heads", "grades", self.rules.heads.assumption])
        rows.append(["commendation", "who is proposed", self.rules.commendation.assumption])
        return (f"<h2 id=\"assumptions\">Assumptions in the rules</h2><p>Values the sources leave open; a rule file of "
                f"your own replaces them (docs/evaluation.md).</p>" + table(["unit type", "value", "assumption"], rows))
