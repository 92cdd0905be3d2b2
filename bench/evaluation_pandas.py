"""The yearly evaluation run in pandas: what a user without antq writes.

Same semantics as antq's ``evaluate`` (src/evaluation.cpp), with the rules read from the same JSON
(``json.loads`` of an ``antq.evaluation_rules`` document), the graph from the units / ties DataFrames and the
records from four DataFrames (``antq.evaluation.assessment_tables``: records, criteria_met, scores,
incidents):

* every unit a subject's selector picks gets a result; a unit picked twice is an error; the first matching
  exclusion excludes it;
* authority: the People's Committee (first ``serves`` in-tie of kind peoples_committee) of the territory
  containing a territory subject, or of the territory a body serves; the classifier is the same body (rule sets
  naming other deciders, or subjects decided where the unit's manager serves, are refused), and so is the body
  proposing a commendation (``proposed_by``, antq's classification decider of the deciding territory);
* a record must name a picked, non-excluded unit, once; its dossier is on time on or before the subject's
  deadline, an error before its window opens; criteria met must be plain title criteria of the subject, once;
  an incident breaks a plain criterion (an error if also listed as met, or dated outside the window); every
  classification criterion is scored once within [0, max_points];
* the title passes when every criterion is met: the plain ones from the record, a ``share`` one when at least
  ``min_share`` of the named subject's eligible units in the unit's territory passed (met when none is
  eligible); subjects are decided in dependency order, as antq orders them;
* the level is the first whose ``min_points`` the total reaches and, if ``requires_title``, whose title passed;
* roll-ups: a territory subject counts in every territory above it, a body in the territory it serves and
  every territory above;
* heads: the posts heading the bodies of a territory (kinds in ``heads.territory_bodies``), or a body's own
  head, with the first contribution whose conditions hold (a unit without record: the last one);
* commendations: collectives by the rule's level, title and timeliness, individuals by the heads' contribution.

The graph side is a handful of numpy arrays and frames built once from the DataFrames (``build``, timed
apart as the peer's graph build, as antq's ``from_pandas`` is): unit positions, the containing territory,
the served territory, the head, the ``serves`` and ``heads`` ties, and each territory's chain of territories
above it. Every graph step of the run is then a one-hop lookup or a climb of at most four levels, which are
array indexing and merges in pandas; walking a NetworkX graph per unit would be the per-row Python loop a
pandas user avoids, so no NetworkX graph is built.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

TERRITORY_KINDS = frozenset(("nation", "province", "district", "commune", "village"))
RESERVED = frozenset(("name", "kind", "level"))  # unit columns that are not free attributes
NONE = -1  # "no unit" in the position arrays


class EvaluationError(ValueError):
    """A record the run cannot use, or a graph it cannot evaluate; ``tag`` is antq's error tag."""

    def __init__(self, tag: str, message: str) -> None:
        super().__init__(f"{tag}: {message}")
        self.tag = tag


def _fail_if(mask, tag: str, what: str, units) -> None:
    """Raises ``tag`` naming the first unit where ``mask`` holds."""
    mask = np.asarray(mask, dtype=bool)
    if mask.any():
        raise EvaluationError(tag, f"{what} ('{np.asarray(units, dtype=object)[mask.argmax()]}')")


# ---- the graph ----------------------------------------------------------------------------------


@dataclass
class Graph:
    ids: pd.Index  # unit id -> position
    units: pd.DataFrame  # by position: id, name, kind, level
    attributes: pd.DataFrame  # by position: one object column per free attribute, NaN where absent
    is_territory: np.ndarray
    parent: np.ndarray  # position of the territory containing a territory
    area: np.ndarray  # a territory itself, the territory a body serves (first serves tie), a post's body's
    head: np.ndarray  # a body's head post (first heads tie)
    serves: pd.DataFrame  # body, territory (positions), in tie order
    heads: pd.DataFrame  # post, body (positions)
    chain: pd.DataFrame  # territory, at: the territory itself and every territory above it


def _first_per_key(n: int, keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Array over positions: the value of the first (key, value) pair per key, NONE for keys without one."""
    out = np.full(n, NONE, dtype=np.int64)
    first = pd.DataFrame({"key": keys, "value": values}).drop_duplicates("key")
    out[first["key"].to_numpy()] = first["value"].to_numpy()
    return out


def build(units: pd.DataFrame, ties: pd.DataFrame) -> Graph:
    """The graph tables from the benchmark's frames (free attributes from the ``attributes`` column)."""
    ids = pd.Index(units["id"])
    if not ids.is_unique:
        raise EvaluationError("duplicate_id", "unit ids must be unique")
    n = len(ids)
    frame = units[["id", "name", "kind", "level"]].reset_index(drop=True)
    attributes = pd.DataFrame(
        [a if isinstance(a, dict) else {} for a in units.get("attributes", pd.Series([None] * n))], dtype=object
    )
    is_territory = frame["kind"].isin(TERRITORY_KINDS).to_numpy()
    source, target = ids.get_indexer(ties["source"]), ids.get_indexer(ties["target"])
    _fail_if((source < 0) | (target < 0), "unknown_unit", "a tie names an unknown unit", ties["source"])
    kind = ties["kind"].to_numpy()
    contains, serves, heads = kind == "contains", kind == "serves", kind == "heads"
    parent = _first_per_key(n, target[contains], source[contains])
    head = _first_per_key(n, target[heads], source[heads])
    area = _first_per_key(n, source[serves], target[serves])
    area[is_territory] = np.flatnonzero(is_territory)
    body_of_post = _first_per_key(n, source[heads], target[heads])
    posts = np.flatnonzero(~is_territory & (area == NONE) & (body_of_post != NONE))
    area[posts] = area[body_of_post[posts]]
    # Every territory with itself and each territory above it: at most one step per level.
    territories = np.flatnonzero(is_territory)
    below, at = [territories], [territories]
    low, up = territories, territories
    while len(low):
        up = parent[up]
        low, up = low[up != NONE], up[up != NONE]
        below.append(low)
        at.append(up)
    return Graph(
        ids=ids,
        units=frame,
        attributes=attributes,
        is_territory=is_territory,
        parent=parent,
        area=area,
        head=head,
        serves=pd.DataFrame({"body": source[serves], "territory": target[serves]}),
        heads=pd.DataFrame({"post": source[heads], "body": target[heads]}),
        chain=pd.DataFrame({"territory": np.concatenate(below), "at": np.concatenate(at)}),
    )


# ---- selectors (antq's selector form, as masks over the units) -----------------------------------


def _names(value) -> list:
    return [value] if isinstance(value, str) else list(value)


def _within(g: Graph, territory: str) -> np.ndarray:
    t = g.ids.get_indexer([territory])[0]
    if t < 0:
        raise EvaluationError("unknown_unit", f"no unit '{territory}'")
    if not g.is_territory[t]:
        raise EvaluationError("not_a_territory", f"'within' needs a territory, not '{territory}'")
    mask = np.zeros(len(g.ids), dtype=bool)
    mask[g.chain.loc[g.chain["at"] == t, "territory"].to_numpy()] = True
    mask[g.serves.loc[mask[g.serves["territory"].to_numpy()], "body"].to_numpy()] = True
    mask[g.heads.loc[mask[g.heads["body"].to_numpy()], "post"].to_numpy()] = True
    return mask


def _attribute(g: Graph, spec: dict) -> np.ndarray:
    mask = np.zeros(len(g.ids), dtype=bool)
    key = spec["key"]
    if key in RESERVED or key not in g.attributes.columns:
        return mask
    values = g.attributes[key].dropna()
    if "equals" in spec:  # equal value and JSON type: 1 is neither true nor 1.0
        want = spec["equals"]
        values = values[values.map(type).eq(type(want)) & values.eq(want)]
    mask[values.index.to_numpy()] = True
    return mask


def select(g: Graph, selector) -> np.ndarray:
    """Boolean mask over unit positions; the keys of an object are ANDed."""
    n = len(g.ids)
    if selector == "all":
        return np.ones(n, dtype=bool)
    mask = np.ones(n, dtype=bool)
    for key, value in selector.items():
        if key in ("kind", "level"):
            part = g.units[key].isin(_names(value)).to_numpy()
        elif key == "id":
            positions = g.ids.get_indexer(_names(value))
            _fail_if(positions < 0, "unknown_unit", "no such unit", _names(value))
            part = np.zeros(n, dtype=bool)
            part[positions] = True
        elif key == "within":
            part = _within(g, value)
        elif key == "attribute":
            part = _attribute(g, value)
        elif key == "all":
            part = np.logical_and.reduce([select(g, s) for s in value])
        elif key == "any":
            part = np.logical_or.reduce([select(g, s) for s in value])
        elif key == "not":
            part = ~select(g, value)
        else:
            raise EvaluationError("unknown_selector", f"unknown selector key '{key}'")
        mask &= part
    return mask


# ---- the rules as arrays --------------------------------------------------------------------------


def _dependency_order(subjects: list[dict]) -> list[dict]:
    """Every subject after the subjects its share criteria name, otherwise in rule order (as antq orders)."""
    ordered: list[dict] = []
    placed: set[str] = set()
    while len(ordered) < len(subjects):
        progress = False
        for s in subjects:
            needs = {c["share"]["subject"] for c in s.get("title", {}).get("criteria", []) if "share" in c}
            if s["id"] not in placed and needs <= placed:
                placed.add(s["id"])
                ordered.append(s)
                progress = True
        if not progress:
            raise EvaluationError("cyclic_rule", "share criteria depend on themselves")
    return ordered


def _day(year: int, month_day: str) -> np.datetime64:
    return np.datetime64(f"{year:04d}-{month_day}", "ns")


@dataclass
class Rules:
    """The rule document as lookup arrays; subjects are numbered in dependency order, criteria and levels by
    their position in ``criterion_ids`` / ``level_ids`` (every id used by any subject)."""

    subjects: list[dict]
    ids: np.ndarray  # subject ids
    first: np.ndarray  # per subject: the window's first day (datetime64)
    last: np.ndarray
    deadline: np.ndarray
    has_title: np.ndarray
    has_classification: np.ndarray
    criterion_ids: pd.Index
    plain_position: np.ndarray  # [subject, criterion]: position among the title criteria, -1 if not plain
    plain: pd.DataFrame  # subject, criterion (id), position: the criteria a record lists or an incident breaks
    n_plain: np.ndarray  # per subject
    shares: list[tuple[int, str, int, int, float]]  # subject, criterion id, position, target subject, min_share
    max_points: np.ndarray  # [subject, criterion]: NaN where the subject does not score it
    n_scored: np.ndarray  # per subject
    level_ids: pd.Index
    level_rank: np.ndarray  # [subject, level]: position in the subject's levels (0 highest), -1 if absent
    levels: list[list[dict]]  # per subject, highest first
    heads: dict
    commendation: dict


def read_rules(document: dict, year: int) -> Rules:
    if "deciders" in document or any(s.get("decided_at", {}).get("rule") == "manager" for s in document["subjects"]):
        raise EvaluationError("unsupported_rule", "this reference decides where the unit is, by its People's Committee")
    subjects = _dependency_order(document["subjects"])
    number = {s["id"]: i for i, s in enumerate(subjects)}
    titles = [s.get("title", {}).get("criteria", []) for s in subjects]
    classifications = [s.get("classification", {}) for s in subjects]
    criterion_ids = pd.Index(sorted({c["id"] for t in titles for c in t}
                                    | {c["id"] for k in classifications for c in k.get("criteria", [])}))
    level_ids = pd.Index(list(dict.fromkeys(lv["id"] for k in classifications for lv in k.get("levels", []))))
    n = len(subjects)
    plain_position = np.full((n, len(criterion_ids)), NONE)
    max_points = np.full((n, len(criterion_ids)), np.nan)
    level_rank = np.full((n, len(level_ids)), NONE)
    plain, shares = [], []
    for i, (criteria, classification) in enumerate(zip(titles, classifications)):
        for k, c in enumerate(criteria):
            if "share" in c:
                shares.append((i, c["id"], k, number[c["share"]["subject"]], float(c["share"]["min_share"])))
            else:
                plain_position[i, criterion_ids.get_loc(c["id"])] = k
                plain.append((i, c["id"], k))
        for c in classification.get("criteria", []):
            max_points[i, criterion_ids.get_loc(c["id"])] = float(c["max_points"])
        for rank, lv in enumerate(classification.get("levels", [])):
            level_rank[i, level_ids.get_loc(lv["id"])] = rank
    windows = [(s["window"]["from"], s["window"]["to"]) for s in subjects]
    return Rules(
        subjects=subjects,
        ids=np.array([s["id"] for s in subjects], dtype=object),
        first=np.array([_day(year - 1 if a > b else year, a) for a, b in windows]),
        last=np.array([_day(year, b) for _, b in windows]),
        deadline=np.array([_day(year, s["deadline"]) for s in subjects]),
        has_title=np.array(["title" in s for s in subjects]),
        has_classification=np.array(["classification" in s for s in subjects]),
        criterion_ids=criterion_ids,
        plain_position=plain_position,
        plain=pd.DataFrame(plain, columns=["subject", "criterion", "position"]),
        n_plain=(plain_position >= 0).sum(axis=1),
        shares=shares,
        max_points=max_points,
        n_scored=(~np.isnan(max_points)).sum(axis=1),
        level_ids=level_ids,
        level_rank=level_rank,
        levels=[k.get("levels", []) for k in classifications],
        heads=document["heads"],
        commendation=document["commendation"],
    )


# ---- the run --------------------------------------------------------------------------------------


@dataclass
class Evaluation:
    results: pd.DataFrame  # antq's results columns, one row per picked unit, in unit order
    roll_ups: pd.DataFrame  # territory, name, level, subject, units ... title_share, one column per level id
    heads: pd.DataFrame  # post, post_name, post_synthetic, body, body_kind, unit, subject, contribution, ...
    commendations: pd.DataFrame  # unit, name, type, for_unit, subject, level, proposed_to, proposed_by


@dataclass
class _Results:
    """Per result (picked unit, in unit order), filled step by step."""

    pos: np.ndarray
    subject: np.ndarray
    exclusion: np.ndarray  # 1 + index of the first matching exclusion, 0 if none
    home: np.ndarray = None  # the territory the result counts in first
    authority: np.ndarray = None
    has_record: np.ndarray = None
    dossier: np.ndarray = None
    dossier_date: np.ndarray = None
    points: np.ndarray = None
    incidents: np.ndarray = None
    proposed_level: np.ndarray = None
    title: np.ndarray = None
    failed: list = None
    level: np.ndarray = None  # level position in rules.level_ids, -1 for none


def _pick_units(g: Graph, rules: Rules) -> _Results:
    n = len(g.ids)
    subject_of = np.full(n, NONE)
    exclusion_of = np.zeros(n, dtype=np.int64)
    for i, s in enumerate(rules.subjects):
        picked = select(g, s["units"])
        _fail_if(picked & (subject_of != NONE), "several_subjects", "a unit picked by two subjects", g.units["id"])
        subject_of[picked] = i
        for e in range(len(s.get("exclusions", [])) - 1, -1, -1):  # the first matching exclusion wins
            exclusion_of[picked & select(g, s["exclusions"][e]["units"])] = e + 1
    pos = np.flatnonzero(subject_of != NONE)
    return _Results(pos=pos, subject=subject_of[pos], exclusion=exclusion_of[pos])


def _find_authorities(g: Graph, res: _Results) -> None:
    pos = res.pos
    res.home = np.where(g.is_territory[pos], g.parent[pos], g.area[pos])
    committees = g.serves[g.units["kind"].to_numpy()[g.serves["body"].to_numpy()] == "peoples_committee"]
    pc_of = _first_per_key(len(g.ids), committees["territory"].to_numpy(), committees["body"].to_numpy())
    authority = np.where(res.home != NONE, pc_of[np.maximum(res.home, 0)], NONE)
    counted = res.exclusion == 0
    ids = g.units["id"].to_numpy()[pos]
    _fail_if(counted & (res.home == NONE), "no_authority", "no territory above it or served by it", ids)
    _fail_if(counted & (authority == NONE), "no_authority", "no People's Committee serves its deciding territory", ids)
    res.authority = np.where(counted, authority, NONE)


def _parse_days(dates: pd.Series) -> np.ndarray:
    days = pd.to_datetime(dates, format="%Y-%m-%d", errors="coerce")
    written = dates.str.fullmatch(r"\d{4}-\d{2}-\d{2}").fillna(False).to_numpy(dtype=bool)
    _fail_if(days.isna().to_numpy() | ~written, "bad_date", "not a date written YYYY-MM-DD", dates)
    return days.to_numpy()


def _criterion_codes(rules: Rules, criteria: pd.Series) -> np.ndarray:
    codes = rules.criterion_ids.get_indexer(criteria)
    _fail_if(codes < 0, "unknown_criterion", "no subject has this criterion", criteria)
    return codes


def _read_records(g: Graph, rules: Rules, res: _Results, tables: dict[str, pd.DataFrame]) -> tuple:
    """Checks the records against graph and rules and fills the dossier, points, incidents and proposed level of
    the results. Returns the criteria met as (result row, criterion code) arrays."""
    records = tables["records"]
    units = records["unit"]
    record_index = pd.Index(units)
    _fail_if(units.duplicated().to_numpy(), "duplicate_record", "a second record", units)
    pos = g.ids.get_indexer(units)
    _fail_if(pos < 0, "unknown_unit", "no unit in the graph", units)
    result_of = np.full(len(g.ids), NONE)
    result_of[res.pos] = np.arange(len(res.pos))
    row = result_of[pos]
    _fail_if(row < 0, "not_evaluated", "picked by no subject of the rules", units)
    _fail_if(res.exclusion[row] > 0, "excluded_unit", "excluded from evaluation", units)
    subject = res.subject[row]
    days = _parse_days(records["dossier_date"])
    _fail_if(days < rules.first[subject], "date_outside_window", "dossier dated before the window opens", units)

    def rows_of(table: pd.DataFrame) -> np.ndarray:
        # The rows of the other tables belong to records: their unit is looked up among the records.
        at = record_index.get_indexer(table["unit"])
        _fail_if(at < 0, "orphan_row", "a row for a unit without record", table["unit"])
        return at

    # Criteria met: plain title criteria of the unit's subject, each once.
    met = tables["criteria_met"]
    met_record = rows_of(met)
    met_code = _criterion_codes(rules, met["criterion"])
    met_subject = subject[met_record]
    _fail_if(rules.plain_position[met_subject, met_code] < 0, "unknown_criterion",
             "not a plain title criterion of the subject", met["unit"])
    met_key = met_record * len(rules.criterion_ids) + met_code
    _fail_if(pd.Series(met_key).duplicated().to_numpy(), "duplicate_criterion", "listed twice", met["unit"])

    # Incidents break a plain criterion inside the window, never one listed as met.
    inc = tables["incidents"]
    inc_record = rows_of(inc)
    inc_code = _criterion_codes(rules, inc["criterion"])
    inc_subject = subject[inc_record]
    _fail_if(rules.plain_position[inc_subject, inc_code] < 0, "unknown_criterion",
             "an incident on no plain title criterion of the subject", inc["unit"])
    inc_days = _parse_days(inc["date"])
    _fail_if((inc_days < rules.first[inc_subject]) | (inc_days > rules.last[inc_subject]), "date_outside_window",
             "an incident outside the window", inc["unit"])
    _fail_if(np.isin(inc_record * len(rules.criterion_ids) + inc_code, met_key), "conflicting_record",
             "a criterion listed as met and broken by an incident", inc["unit"])

    # Scores: every classification criterion of the subject once, within [0, max_points].
    sc = tables["scores"]
    sc_record = rows_of(sc)
    sc_code = _criterion_codes(rules, sc["criterion"])
    sc_subject = subject[sc_record]
    _fail_if(~rules.has_classification[sc_subject], "unexpected_scores", "scores for a subject without classification",
             sc["unit"])
    top = rules.max_points[sc_subject, sc_code]
    _fail_if(np.isnan(top), "unknown_criterion", "no such scored criterion", sc["unit"])
    _fail_if(pd.Series(sc_record * len(rules.criterion_ids) + sc_code).duplicated().to_numpy(), "duplicate_criterion",
             "scored twice", sc["unit"])
    points = sc["points"].to_numpy(dtype=float)
    _fail_if(~np.isfinite(points) | (points < 0) | (points > top), "score_out_of_range",
             "points outside [0, max_points]", sc["unit"])
    _fail_if(np.bincount(sc_record, minlength=len(records)) < rules.n_scored[subject], "missing_score",
             "a criterion without score", units)
    total = np.bincount(sc_record, weights=points, minlength=len(records))

    # Proposed levels: one the subject has.
    proposed = records["proposed_level"].to_numpy(dtype=object)
    given = pd.notna(proposed) & (proposed != "")
    level_code = rules.level_ids.get_indexer(np.where(given, proposed, ""))
    known = (level_code >= 0) & (rules.level_rank[subject, np.maximum(level_code, 0)] >= 0)
    _fail_if(given & ~known, "unknown_level", "a proposed level the subject does not have", units)

    n = len(res.pos)
    res.has_record = np.zeros(n, dtype=bool)
    res.has_record[row] = True
    on_time = np.zeros(n, dtype=bool)
    on_time[row] = days <= rules.deadline[subject]
    res.dossier = np.select([res.exclusion > 0, ~res.has_record, on_time], ["excluded", "missing", "on_time"], "late")
    res.dossier = res.dossier.astype(object)
    res.dossier_date = np.full(n, None, dtype=object)
    res.dossier_date[row] = records["dossier_date"].to_numpy(dtype=object)
    res.points = np.full(n, np.nan)
    res.points[row] = total
    res.incidents = np.zeros(n, dtype=np.int64)
    np.add.at(res.incidents, row[inc_record], 1)
    res.proposed_level = np.full(n, None, dtype=object)
    res.proposed_level[row] = np.where(given, proposed, None)
    return row[met_record], met_code


def _roll_up(g: Graph, rules: Rules, res: _Results, rows: np.ndarray) -> pd.DataFrame:
    """One subject's counts per territory: counted per home territory first, then added to every territory
    from the home up (the chain holds each territory itself and those above it)."""
    home = res.home[rows]
    dossier, title, level = res.dossier[rows], res.title[rows], res.level[rows]
    counts = pd.DataFrame({
        "territory": home,
        "units": 1,
        **{d: dossier == d for d in ("excluded", "on_time", "late", "missing")},
        "passed": title == "passed",
        "failed": title == "failed",
        **{lv: level == k for k, lv in enumerate(rules.level_ids)},
    })[home != NONE]
    per_home = counts.groupby("territory").sum()
    spread = per_home.merge(g.chain, left_index=True, right_on="territory")
    return spread.drop(columns="territory").groupby("at").sum().astype(np.int64)


def _title_share(roll_up: pd.DataFrame) -> pd.Series:
    """passed / eligible per territory; 1 where nothing is eligible."""
    eligible = roll_up["units"] - roll_up["excluded"]
    return (roll_up["passed"] / eligible.where(eligible > 0)).fillna(1.0)


def _decide(g: Graph, rules: Rules, res: _Results, met_row: np.ndarray, met_code: np.ndarray) -> dict:
    """Title, failed criteria and level of every result, subject by subject (a share criterion reads the
    roll-up of a subject decided before); returns the roll-ups per subject number."""
    n = len(res.pos)
    judged = res.has_record  # excluded units have no record
    titled = rules.has_title[res.subject]
    res.title = np.select([res.exclusion > 0, ~titled, ~judged], ["excluded", "not_applicable", "no_dossier"],
                          "passed").astype(object)

    # Plain criteria: a record listing all of them (each once, all valid) meets them all; only the others
    # need the anti-join against every criterion of their subject.
    met_count = np.bincount(met_row, minlength=n)
    short = np.flatnonzero(judged & titled & (met_count < rules.n_plain[res.subject]))
    expected = pd.DataFrame({"row": short, "subject": res.subject[short]}).merge(rules.plain, on="subject")
    listed = pd.DataFrame({"row": met_row, "criterion": rules.criterion_ids.to_numpy()[met_code]})
    expected = expected.merge(listed, on=["row", "criterion"], how="left", indicator=True)
    failed = [expected.loc[expected["_merge"] == "left_only", ["row", "criterion", "position"]]]
    res.title[short] = "failed"

    res.level = np.full(n, NONE)
    roll_ups: dict[int, pd.DataFrame] = {}
    for i in range(len(rules.subjects)):
        rows = np.flatnonzero(res.subject == i)
        for subject, criterion, position, target, min_share in rules.shares:
            if subject != i:
                continue
            pos = res.pos[rows]
            territory = np.where(g.is_territory[pos], pos, g.area[pos])
            share = _title_share(roll_ups[target]).reindex(territory).fillna(1.0).to_numpy()
            broken = rows[judged[rows] & (share + 1e-12 < min_share)]
            failed.append(pd.DataFrame({"row": broken, "criterion": criterion, "position": position}))
            res.title[broken] = "failed"
        passed = res.title[rows] == "passed"
        points = res.points[rows]
        conditions = [judged[rows] & (points >= lv["min_points"]) & (passed | (not lv.get("requires_title", False)))
                      for lv in rules.levels[i]]
        codes = rules.level_ids.get_indexer([lv["id"] for lv in rules.levels[i]])
        res.level[rows] = np.select(conditions, codes, NONE) if conditions else NONE
        roll_ups[i] = _roll_up(g, rules, res, rows)

    failed = pd.concat(failed).sort_values(["row", "position"])
    rows, starts = np.unique(failed["row"].to_numpy(), return_index=True)
    res.failed = [""] * n  # the failed criteria, space-separated, as antq's table has them
    for row, names in zip(rows, np.split(failed["criterion"].to_numpy(), starts[1:])):
        res.failed[row] = " ".join(names)
    return roll_ups


def _at_least(rules: Rules, res: _Results, rows: np.ndarray, level_id: str | None) -> np.ndarray:
    """Rated ``level_id`` or above; always true without a level asked or for a subject without classification."""
    if level_id is None:
        return np.ones(len(rows), dtype=bool)
    subject = res.subject[rows]
    floor = rules.level_rank[subject, rules.level_ids.get_loc(level_id)]
    rank = np.where(res.level[rows] != NONE, rules.level_rank[subject, np.maximum(res.level[rows], 0)], NONE)
    return ~rules.has_classification[subject] | ((rank != NONE) & (rank <= floor))


def _holds_title(res: _Results, rows: np.ndarray) -> np.ndarray:
    return np.isin(res.title[rows], ("passed", "not_applicable"))


def _heads(g: Graph, rules: Rules, res: _Results) -> pd.DataFrame:
    """Posts heading a territory's bodies (territory subjects) or the unit itself (bodies), with the contribution
    of its results to their assessment."""
    rows = np.flatnonzero(res.exclusion == 0)
    grades = rules.heads["contributions"]
    conditions = []
    for grade in grades[:-1]:  # the last grade is what is left
        ok = res.has_record[rows] & _at_least(rules, res, rows, grade.get("min_level"))
        if grade.get("requires_title"):
            ok &= _holds_title(res, rows)
        if grade.get("on_time"):
            ok &= res.dossier[rows] == "on_time"
        conditions.append(ok)
    grade = np.select(conditions, [x["id"] for x in grades[:-1]], grades[-1]["id"])
    counted = pd.DataFrame({"row": rows, "pos": res.pos[rows], "contribution": grade})
    territory = g.is_territory[counted["pos"].to_numpy()]
    kinds = g.units["kind"].to_numpy()
    serving = g.serves[np.isin(kinds[g.serves["body"].to_numpy()], rules.heads["territory_bodies"])]
    heads = pd.concat([
        counted[territory].merge(serving, left_on="pos", right_on="territory").drop(columns="territory"),
        counted[~territory].assign(body=counted["pos"][~territory]),
    ]).sort_values("row", kind="stable")
    heads["post"] = g.head[heads["body"].to_numpy()]
    heads = heads[heads["post"] != NONE]
    ids, names = g.units["id"].to_numpy(), g.units["name"].to_numpy()
    # A post the graph marks "synthetic": true (a made-up head).
    made_up = (g.attributes["synthetic"].map(lambda v: v is True).to_numpy(dtype=bool)
               if "synthetic" in g.attributes.columns else np.zeros(len(ids), dtype=bool))
    labels = {x["id"]: x["label"] for x in grades}
    assumptions = {x["id"]: x.get("assumption") for x in grades}
    return pd.DataFrame({
        "post": ids[heads["post"]], "post_name": names[heads["post"]], "post_synthetic": made_up[heads["post"]],
        "body": ids[heads["body"]],
        "body_kind": kinds[heads["body"]], "unit": ids[heads["pos"]],
        "subject": rules.ids[res.subject[heads["row"]]], "contribution": heads["contribution"].to_numpy(),
        "contribution_label": heads["contribution"].map(labels).to_numpy(),
        "assumption": heads["contribution"].map(assumptions).to_numpy(), "row": heads["row"].to_numpy(),
    })


def _level_names(rules: Rules, level: np.ndarray) -> np.ndarray:
    return np.append(rules.level_ids.to_numpy(dtype=object), None)[np.where(level != NONE, level, len(rules.level_ids))]


def _unit_ids(g: Graph, positions: np.ndarray) -> np.ndarray:
    """Ids of the units at ``positions``; None for NONE."""
    return np.append(g.units["id"].to_numpy(), None)[np.where(positions != NONE, positions, len(g.ids))]


def _commendations(g: Graph, rules: Rules, res: _Results, heads: pd.DataFrame) -> pd.DataFrame:
    rule = rules.commendation
    rows = np.flatnonzero(res.has_record)  # excluded units have no record
    ok = _at_least(rules, res, rows, rule.get("min_level"))
    if rule.get("requires_title"):
        ok &= _holds_title(res, rows)
    if rule.get("on_time"):
        ok &= res.dossier[rows] == "on_time"
    rows = rows[ok]
    ids, names = g.units["id"].to_numpy(), g.units["name"].to_numpy()
    collectives = pd.DataFrame({
        "unit": ids[res.pos[rows]], "name": names[res.pos[rows]], "type": "collective",
        "for_unit": ids[res.pos[rows]], "subject": rules.ids[res.subject[rows]],
        "level": _level_names(rules, res.level[rows]), "proposed_to": _unit_ids(g, res.authority[rows]),
        "proposed_by": _unit_ids(g, res.authority[rows]),
    })
    heads = heads[heads["contribution"] == rule["head_contribution"]]
    of = heads["row"].to_numpy()
    individuals = pd.DataFrame({
        "unit": heads["post"].to_numpy(), "name": heads["post_name"].to_numpy(), "type": "individual",
        "for_unit": heads["unit"].to_numpy(), "subject": heads["subject"].to_numpy(),
        "level": _level_names(rules, res.level[of]), "proposed_to": _unit_ids(g, res.authority[of]),
        "proposed_by": _unit_ids(g, res.authority[of]),
    })
    return pd.concat([collectives, individuals], ignore_index=True)


def _territory_at(g: Graph, area: np.ndarray, level: str) -> np.ndarray:
    """Per area: the id of the territory at ``level`` at or above it; None when there is none."""
    chain = g.chain[g.units["level"].to_numpy()[g.chain["at"].to_numpy()] == level]
    found = pd.Series(chain["at"].to_numpy(), index=chain["territory"].to_numpy()).reindex(area)
    return _unit_ids(g, found.fillna(NONE).to_numpy(dtype=np.int64))


def _results_frame(g: Graph, rules: Rules, res: _Results) -> pd.DataFrame:
    pos = res.pos
    area = np.where(g.is_territory[pos], pos, g.area[pos])
    reason = np.full(len(pos), None, dtype=object)
    for i, s in enumerate(rules.subjects):
        for e, exclusion in enumerate(s.get("exclusions", [])):
            reason[(res.subject == i) & (res.exclusion == e + 1)] = exclusion["reason"]
    return pd.DataFrame({
        "unit": g.units["id"].to_numpy()[pos], "name": g.units["name"].to_numpy()[pos],
        "kind": g.units["kind"].to_numpy()[pos], "district": _territory_at(g, area, "district"),
        "commune": _territory_at(g, area, "commune"), "subject": rules.ids[res.subject],
        "authority": _unit_ids(g, res.authority),
        "classifier": _unit_ids(g, np.where(rules.has_classification[res.subject], res.authority, NONE)),
        "excluded": reason, "dossier": res.dossier,
        "dossier_date": res.dossier_date, "title": res.title, "failed": res.failed, "incidents": res.incidents,
        "points": res.points, "level": _level_names(rules, res.level), "proposed_level": res.proposed_level,
    })


def _roll_up_frame(g: Graph, rules: Rules, roll_ups: dict[int, pd.DataFrame]) -> pd.DataFrame:
    parts = []
    for i, counts in roll_ups.items():
        frame = counts.reset_index().rename(columns={"at": "territory"})
        frame["subject"] = i
        frame["eligible"] = frame["units"] - frame["excluded"]
        # No share where the subject has no title or nothing inside is eligible (the share criterion reads 1 there).
        share = _title_share(counts).to_numpy()
        frame["title_share"] = np.where(frame["eligible"].to_numpy() > 0, share, np.nan) if rules.has_title[i] else np.nan
        parts.append(frame)
    rolled = pd.concat(parts, ignore_index=True).sort_values(["territory", "subject"])
    where = rolled["territory"].to_numpy()
    counts = ("units", "excluded", "eligible", "on_time", "late", "missing", "passed", "failed", "title_share")
    return pd.DataFrame({
        "territory": g.units["id"].to_numpy()[where], "name": g.units["name"].to_numpy()[where],
        "level": g.units["level"].to_numpy()[where], "subject": rules.ids[rolled["subject"].to_numpy()],
        **{c: rolled[c].to_numpy() for c in counts},
        **{f"level_{c}": rolled[c].to_numpy() for c in rules.level_ids},
    })


def evaluate(g: Graph, rules_document: dict, tables: dict[str, pd.DataFrame], year: int) -> Evaluation:
    """The year's run: results, roll-ups, heads and commendations as DataFrames."""
    rules = read_rules(rules_document, year)
    res = _pick_units(g, rules)
    _find_authorities(g, res)
    met_row, met_code = _read_records(g, rules, res, tables)
    roll_ups = _decide(g, rules, res, met_row, met_code)
    heads = _heads(g, rules, res)
    return Evaluation(
        results=_results_frame(g, rules, res),
        roll_ups=_roll_up_frame(g, rules, roll_ups),
        heads=heads.drop(columns="row"),
        commendations=_commendations(g, rules, res, heads),
    )
