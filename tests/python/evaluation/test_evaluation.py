"""antq.evaluation: rules as data, the evaluation run, its tables, and the follow-up of a directive."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

import antq
from antq import evaluation as ev

ROOT = Path(__file__).resolve().parents[3]
RULE_FILE = ROOT / "data" / "rules" / "evaluation_hai_duong_2024.json"

# A commune with two villages, its district and province, the People's Committees and steering committees 138, a
# lower-secondary and a primary school run by the district, an upper-secondary school run by the provincial
# department of education, the National Assembly delegation, and a head.
SMALL_JSON = {
    "format": "antq.orggraph",
    "version": 1,
    "name": "small",
    "units": [
        {"id": "30", "name": "Hải Dương", "kind": "province"},
        {"id": "296", "name": "Bình Giang", "kind": "district"},
        {"id": "10945", "name": "Kẻ Sặt", "kind": "commune"},
        {"id": "10945-v1", "name": "Thôn 1", "kind": "village"},
        {"id": "10945-v2", "name": "Thôn 2", "kind": "village"},
        {"id": "30.pc", "name": "UBND tỉnh", "kind": "peoples_committee"},
        {"id": "296.pc", "name": "UBND huyện", "kind": "peoples_committee"},
        {"id": "10945.pc", "name": "UBND thị trấn", "kind": "peoples_committee"},
        {"id": "30.sc138", "name": "BCĐ 138 tỉnh", "kind": "steering_committee"},
        {"id": "296.sc138", "name": "BCĐ 138 huyện", "kind": "steering_committee"},
        {"id": "10945.sc138", "name": "BCĐ 138 thị trấn", "kind": "steering_committee"},
        {"id": "30.dept.education", "name": "Sở Giáo dục và Đào tạo", "kind": "department", "level": "province"},
        {"id": "30.na_delegation", "name": "Đoàn ĐBQH tỉnh", "kind": "agency", "level": "province",
         "attributes": {"national_assembly": True}},
        {"id": "296.school", "name": "THPT Bình Giang", "kind": "school", "level": "district",
         "attributes": {"school_level": "upper_secondary"}},
        {"id": "10945.pc.head", "name": "Chủ tịch UBND thị trấn", "kind": "post", "level": "commune"},
        {"id": "10945.thcs", "name": "THCS Kẻ Sặt", "kind": "school", "level": "commune",
         "attributes": {"school_level": "lower_secondary"}},
        {"id": "10945.th", "name": "Tiểu học Kẻ Sặt", "kind": "school", "level": "commune",
         "attributes": {"school_level": "primary"}},
    ],
    "ties": [
        {"source": "30", "target": "296", "kind": "contains"},
        {"source": "296", "target": "10945", "kind": "contains"},
        {"source": "10945", "target": "10945-v1", "kind": "contains"},
        {"source": "10945", "target": "10945-v2", "kind": "contains"},
        {"source": "30.pc", "target": "30", "kind": "serves"},
        {"source": "296.pc", "target": "296", "kind": "serves"},
        {"source": "10945.pc", "target": "10945", "kind": "serves"},
        {"source": "10945.pc.head", "target": "10945.pc", "kind": "heads"},
        {"source": "10945.thcs", "target": "10945", "kind": "serves"},
        {"source": "10945.th", "target": "10945", "kind": "serves"},
        {"source": "30.sc138", "target": "30", "kind": "serves"},
        {"source": "296.sc138", "target": "296", "kind": "serves"},
        {"source": "10945.sc138", "target": "10945", "kind": "serves"},
        {"source": "30.dept.education", "target": "30", "kind": "serves"},
        {"source": "30.na_delegation", "target": "30", "kind": "serves"},
        {"source": "296.school", "target": "296", "kind": "serves"},
        {"source": "30.pc", "target": "30.dept.education", "kind": "directs"},
        {"source": "30.dept.education", "target": "296.school", "kind": "directs"},
        {"source": "296.pc", "target": "10945.thcs", "kind": "directs"},
        {"source": "296.pc", "target": "10945.th", "kind": "directs"},
    ],
}


@pytest.fixture
def small() -> antq.OrgGraph:
    return antq.loads(json.dumps(SMALL_JSON))


def perfect(rules: ev.EvaluationRules, unit: str, subject: str, year: int = 2024) -> dict:
    """A record meeting every plain criterion with full points, filed on the deadline."""
    s = rules.subject(subject)
    record: dict = {"unit": unit, "dossier_date": s.deadline_day(year)}
    if s.title:
        record["criteria_met"] = [c.id for c in s.title.criteria if c.share is None]
    if s.classification:
        record["scores"] = {c.id: c.max_points for c in s.classification.criteria}
    return record


def small_records(rules: ev.EvaluationRules) -> list[dict]:
    return [
        perfect(rules, "10945-v1", "residential_area"),
        perfect(rules, "10945-v2", "residential_area"),
        perfect(rules, "10945", "commune"),
        perfect(rules, "10945.thcs", "school"),
        perfect(rules, "296", "district"),
        perfect(rules, "296.school", "school"),
        perfect(rules, "30.dept.education", "agency"),
    ]


def test_default_rules_load_and_match_the_data_file():
    rules = ev.default_rules()
    assert rules == ev.load_rules(RULE_FILE)
    assert ev.default_rules_json() == RULE_FILE.read_text(encoding="utf-8")
    assert [s.id for s in rules.subjects] == ["residential_area", "commune", "agency", "enterprise", "school", "district"]
    village = rules.subject("residential_area")
    assert village.window.first_day(2024) == "2023-11-01" and village.window.last_day(2024) == "2024-10-31"
    assert [s.deadline_day(2024) for s in rules.subjects] == ["2024-11-20", "2024-11-30", "2024-11-30", "2024-11-30", "2024-11-30", "2024-12-15"]
    assert [lvl.min_points for lvl in village.classification.levels] == [90, 70, 50, 0]
    assert all(lvl.assumed for lvl in village.classification.levels)
    assert [c.assumed for c in village.title.criteria] == [False, False, False, True, True]
    assert rules.subject("commune").title.criteria[-1].share.min_share == pytest.approx(0.7)
    assert [e.reason for e in rules.subject("school").exclusions] == ["trường tiểu học, mầm non, nhà trẻ (TT 124 Điều 1(2)b)"]
    with pytest.raises(antq.NotFoundError):
        rules.subject("hamlet")


def test_small_graph_known_answers(small):
    rules = ev.default_rules()
    e = ev.evaluate(small, ev.assessments_from_records(2024, small_records(rules)))
    r = e.results.set_index("unit")
    assert r.loc["10945-v1", "title"] == "passed" and r.loc["10945-v1", "level"] == "xuat_sac"
    assert r.loc["10945-v1", "authority"] == "10945.pc"
    assert r.loc["10945", "authority"] == "296.pc"
    assert r.loc["296", "authority"] == "30.pc" and r.loc["296", "title"] == "not_applicable"
    # Who decides follows who manages (TT 124 Điều 10); the steering committee 138 there classifies (clause 6).
    assert r.loc["10945.thcs", "authority"] == "296.pc" and r.loc["10945.thcs", "classifier"] == "296.sc138"
    assert r.loc["296.school", "authority"] == "30.pc" and r.loc["296.school", "classifier"] == "30.sc138"
    assert r.loc["10945-v1", "classifier"] == "10945.sc138" and r.loc["296", "classifier"] == "30.sc138"
    assert r.loc["30.na_delegation", "title"] == "excluded" and "TT 124 Điều 2(2)" in r.loc["30.na_delegation", "excluded"]
    assert pd.isna(r.loc["30.na_delegation", "authority"])
    assert r.loc["10945.th", "title"] == "excluded"
    assert r.loc["10945.th", "excluded"].startswith("trường tiểu học")
    assert math.isnan(r.loc["10945.th", "points"])
    heads = e.heads
    assert heads.to_dict("records") == [
        {"post": "10945.pc.head", "post_name": "Chủ tịch UBND thị trấn", "post_synthetic": False, "body": "10945.pc",
         "body_kind": "peoples_committee",
         "unit": "10945", "subject": "commune", "contribution": "completed_well", "contribution_label": rules.heads.contributions[0].label,
         "assumption": rules.heads.contributions[0].assumption}
    ]
    c = e.commendations
    assert set(c.loc[c["type"] == "collective", "unit"]) == {"10945-v1", "10945-v2", "10945", "10945.thcs", "296.school", "30.dept.education", "296"}
    assert c.loc[c["type"] == "individual", "unit"].tolist() == ["10945.pc.head"]


def test_a_user_rule_file_overriding_a_threshold_changes_the_outcome(small, tmp_path):
    rules = ev.default_rules()
    records = small_records(rules)
    records[0]["scores"]["security_results"] = 35  # 85 points
    assert ev.evaluate(small, ev.assessments_from_records(2024, records)).results.set_index("unit").loc["10945-v1", "level"] == "kha"
    document = json.loads(ev.default_rules_json())
    document["subjects"][0]["classification"]["levels"][0]["min_points"] = 85
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    lower = ev.load_rules(path)
    assert lower != rules
    e = ev.evaluate(small, ev.assessments_from_records(2024, records), lower)
    assert e.results.set_index("unit").loc["10945-v1", "level"] == "xuat_sac"
    # Lowering the communes' share to one half lets a commune with one of two villages titled pass.
    records[1]["criteria_met"] = records[1]["criteria_met"][1:]
    assert ev.evaluate(small, ev.assessments_from_records(2024, records)).results.set_index("unit").loc["10945", "title"] == "failed"
    document["subjects"][1]["title"]["criteria"][3]["share"]["min_share"] = 0.5
    e = ev.evaluate(small, ev.assessments_from_records(2024, records), ev.rules_from_dict(document))
    assert e.results.set_index("unit").loc["10945", "title"] == "passed"


@pytest.mark.parametrize(
    ("edit", "error", "tag", "where"),
    [
        (lambda rs: rs[0].update(unit="nowhere"), antq.NotFoundError, "unknown_unit", "records:/records/0/unit"),
        (lambda rs: rs.append(dict(rs[0])), antq.InvalidInputError, "duplicate_record", "records:/records/7/unit"),
        (lambda rs: rs[2]["scores"].update(models=25), antq.InvalidInputError, "score_out_of_range", "records:/records/2/scores/models"),
        (lambda rs: rs[2]["scores"].update(models=-0.5), antq.InvalidInputError, "score_out_of_range", "records:/records/2/scores/models"),
        (lambda rs: rs[2]["scores"].pop("models"), antq.InvalidInputError, "missing_score", "records:/records/2/scores"),
        (lambda rs: rs[2]["scores"].update(charm=1), antq.InvalidInputError, "unknown_criterion", "records:/records/2/scores/charm"),
        (lambda rs: rs[0]["criteria_met"].append("luck"), antq.InvalidInputError, "unknown_criterion", "records:/records/0/criteria_met/5"),
        (lambda rs: rs[0].update(dossier_date="2023-10-31"), antq.InvalidInputError, "date_outside_window", "records:/records/0/dossier_date"),
        (lambda rs: rs[0].update(incidents=[{"criterion": "crime_contained", "date": "2024-11-02"}]), antq.InvalidInputError,
         "date_outside_window", "records:/records/0/incidents/0/date"),
        (lambda rs: rs[0].update(incidents=[{"criterion": "crime_contained", "date": "2024-05-02"}]), antq.InvalidInputError,
         "conflicting_record", "records:/records/0/incidents/0/criterion"),
        (lambda rs: rs[0].update(dossier_date="2024-11-31"), antq.InvalidInputError, "bad_date", "records:/records/0/dossier_date"),
        (lambda rs: rs.append(perfect(ev.default_rules(), "10945.th", "school")), antq.InvalidInputError, "excluded_unit", "records:/records/7/unit"),
        (lambda rs: rs.append({"unit": "10945.pc", "dossier_date": "2024-11-01"}), antq.InvalidInputError, "not_evaluated", "records:/records/7/unit"),
        (lambda rs: rs[4].update(proposed_level="gold"), antq.InvalidInputError, "unknown_level", "records:/records/4/proposed_level"),
        (lambda rs: rs[4].update(scores="many"), antq.InvalidInputError, "wrong_type", "records:/records/4/scores"),
        (lambda rs: rs[4].update(colour="red"), antq.InvalidInputError, "unknown_field", "records:/records/4/colour"),
    ],
)
def test_bad_records_name_their_place(small, edit, error, tag, where):
    records = small_records(ev.default_rules())
    edit(records)
    with pytest.raises(error) as caught:
        ev.evaluate(small, ev.assessments_from_records(2024, records))
    assert caught.value.tag == tag
    assert caught.value.where == where


def test_a_rule_file_with_an_unknown_criterion_names_it(tmp_path):
    document = json.loads(ev.default_rules_json())
    document["subjects"][1]["title"]["criteria"][3]["share"]["subject"] = "hamlet"
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(antq.InvalidInputError) as caught:
        ev.load_rules(path)
    assert caught.value.tag == "unknown_criterion"
    assert caught.value.where == f"{path}:/subjects/1/title/criteria/3/share/subject"
    with pytest.raises(antq.InvalidInputError, match="unknown_level"):
        document = json.loads(ev.default_rules_json())
        document["heads"]["contributions"][1]["min_level"] = "platinum"
        ev.rules_from_dict(document)
    with pytest.raises(antq.IoError):
        ev.load_rules(tmp_path / "missing.json")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[" * 100_000,
        '{"format": "antq.assessments", "version": 1, "year": 2024, "records": [{"unit": "1", "dossier_date": "2024-11-01"}',
        '{"format": "antq.assessments", "version": 1, "year": 99999, "records": []}',
        '{"format": "antq.assessments", "version": 1, "year": 2024, "records": [{"unit": "1", "dossier_date": "2024-11-01", "scores": {"a": 1e400}}]}',
        '{"format": "antq.assessments", "version": 1, "year": 2024, "records": [{"unit": "1", "dossier_date": "2024-11-01", "scores": {"a": 18446744073709551616}}]}',
        '{"format": "antq.assessments", "version": 2, "year": 2024, "records": []}',
        '{"format": "antq.assessments", "version": 1, "year": 2024, "records": {}}',
    ],
)
def test_hostile_record_files_are_refused(text):
    with pytest.raises(antq.InvalidInputError):
        ev.Assessments.loads(text, "hostile.json")


@pytest.fixture(scope="module")
def year() -> ev.Evaluation:
    graph = antq.datasets.hai_duong_2024()
    return ev.evaluate(graph, ev.example_assessments(graph, seed=11))


def test_the_example_year_on_the_default(year):
    results = year.results
    assert len(results) == 1176 + 235 + 31 + 12 + 247 + 12
    assert (results["excluded"].notna()).sum() == 2  # the armed-forces department, the National Assembly delegation
    counts = results["dossier"].value_counts()
    assert 0 < counts["missing"] < len(results) * 0.05
    assert 0 < counts["late"] < len(results) * 0.15
    assert set(results["title"]) <= set(ev.TITLE_OUTCOMES)
    # Every result with a level has points reaching that level's threshold and below the one above.
    rules = year.rules
    for subject in rules.subjects:
        levels = subject.classification.levels
        part = results[(results["subject"] == subject.id) & results["level"].notna()]
        for _, row in part.iterrows():
            k = [lvl.id for lvl in levels].index(row["level"])
            assert row["points"] >= levels[k].min_points
            if k > 0 and not levels[k - 1].requires_title:
                assert row["points"] < levels[k - 1].min_points
    assert year.summary()["units"].sum() == len(results)


def test_roll_ups_agree_with_a_count_by_hand(year):
    results = year.results
    villages = results[results["subject"] == "residential_area"]
    by_district = villages.groupby("district").agg(units=("unit", "size"), passed=("title", lambda t: (t == "passed").sum()),
                                                   missing=("dossier", lambda d: (d == "missing").sum()))
    roll = year.roll_ups(level="district", subject="residential_area").set_index("territory")
    assert len(roll) == 12
    for district, row in by_district.iterrows():
        assert roll.loc[district, "units"] == row["units"]
        assert roll.loc[district, "passed"] == row["passed"]
        assert roll.loc[district, "missing"] == row["missing"]
        assert roll.loc[district, "title_share"] == pytest.approx(row["passed"] / row["units"])
    communes = year.roll_ups(level="district", subject="commune")
    assert communes["units"].sum() == 235
    province = year.roll_ups(level="province").set_index("subject")
    assert province.loc["residential_area", "units"] == 1176
    assert province.loc["commune", "passed"] == (results[results["subject"] == "commune"]["title"] == "passed").sum()
    level_columns = ["level_xuat_sac", "level_kha", "level_trung_binh", "level_yeu"]
    assert (province[level_columns].sum(axis=1) <= province["units"]).all()


def test_heads_and_commendations_on_the_default(year):
    heads = year.heads
    assert set(heads["contribution"]) <= {"completed_well", "completed", "not_completed"}
    results = year.results.set_index("unit")
    for _, h in heads.iterrows():
        r = results.loc[h["unit"]]
        if r["dossier"] == "missing":
            assert h["contribution"] == "not_completed"
        if h["contribution"] == "completed_well":
            assert r["level"] == "xuat_sac" and r["dossier"] == "on_time"
    commune_heads = heads[(heads["subject"] == "commune") & (heads["body_kind"] == "peoples_committee")]
    assert len(commune_heads) == 235
    # Clause 1: "Người đứng đầu cơ quan, đơn vị": the heads of the enterprises and schools too, each on its own
    # unit's result; the embedded graph made them up with their units, and the table says so.
    for kind, count in (("enterprise", 12), ("school", 247)):
        own = heads[heads["body_kind"] == kind]
        assert len(own) == count and (own["unit"].astype(str) == own["body"].astype(str)).all()
        assert own["post_synthetic"].all()
    district_chair = heads[heads["post"] == "296.pc.head"]  # Chủ tịch UBND huyện Bình Giang, a real post
    assert len(district_chair) == 1 and not district_chair["post_synthetic"].any()
    assert heads["post_synthetic"].dtype == bool
    c = year.commendations
    collectives = c[c["type"] == "collective"]
    assert (collectives["level"] == "xuat_sac").all()
    assert set(collectives["for_unit"]) <= set(results.index[results["dossier"] == "on_time"])
    assert set(c.loc[c["type"] == "individual", "unit"]) == set(heads.loc[heads["contribution"] == "completed_well", "post"])


def test_who_decides_on_the_default_follows_who_manages(year):
    r = year.results.set_index("unit")
    # Hand-checked in data/hai_duong_2024.json: 10987.school (THCS Nhân Quyền) is directed by 296.pc, 292.school
    # (THPT Kinh Môn) by 30.dept.education, 296.agency by 296.pc; the communes' residential areas by their commune.
    assert (r.loc["10987.school", "authority"], r.loc["10987.school", "classifier"]) == ("296.pc", "296.sc138")
    assert (r.loc["292.school", "authority"], r.loc["292.school", "classifier"]) == ("30.pc", "30.sc138")
    assert r.loc["296.agency", "authority"] == "296.pc"
    assert r.loc["296.enterprise", "authority"] == "296.pc"
    assert r.loc["10987", "authority"] == "296.pc" and r.loc["10987", "classifier"] == "296.sc138"
    # Every upper-secondary school is decided by the province, every lower-secondary school by its district.
    schools = year.results[year.results["subject"] == "school"]
    upper = schools["unit"].str.fullmatch(r"\d{3}\.school")  # one THPT per district-level unit
    assert upper.sum() == 12 and (schools.loc[upper, "authority"] == "30.pc").all()
    assert (schools.loc[~upper, "authority"] == schools.loc[~upper, "district"].astype(str) + ".pc").all()
    # The National Assembly delegation is left out of the agency subject, with the citation.
    na = r.loc["30.na_delegation"]
    assert na["subject"] == "agency" and na["title"] == "excluded" and "TT 124 Điều 2(2)" in na["excluded"]
    assert not (year.heads["body"] == "30.na_delegation").any()


def test_a_school_nobody_manages_is_an_error(small):
    graph = antq.loads(json.dumps({**SMALL_JSON, "ties": [t for t in SMALL_JSON["ties"] if t["target"] != "296.school"
                                                           or t["kind"] != "directs"]}))
    with pytest.raises(antq.InvalidInputError, match=r"no_manager: unit '296.school': subject 'school' is decided where"):
        ev.evaluate(graph, ev.assessments_from_records(2024, []))


def test_rules_say_who_decides_and_what_heads_get_is_an_input():
    rules = ev.default_rules()
    assert rules.subject("school").decided_at.rule == "manager" and rules.subject("school").decided_at.assumed
    assert rules.subject("residential_area").decided_at.rule == "territory"
    assert not rules.subject("residential_area").decided_at.assumed
    assert rules.title_decider.kind == "peoples_committee"
    assert rules.classification_decider.kind == "steering_committee" and "clause 6" in rules.classification_decider.source
    assert all(c.assumed for c in rules.heads.contributions)
    assert "clause 1" in rules.heads.source
    document = json.loads(ev.default_rules_json())
    document["subjects"][4]["decided_at"] = {"rule": "owner", "source": "x"}
    with pytest.raises(antq.InvalidInputError, match=r"bad_rule: mine.json:/subjects/4/decided_at/rule"):
        ev.rules_from_dict(document, "mine.json")


def test_records_round_trip_through_files(tmp_path):
    graph = antq.datasets.hai_duong_2024()
    records = ev.example_assessments(graph, seed=5)
    path = tmp_path / "year.json"
    records.save(path)
    back = ev.load_assessments(path)
    assert back == records and back.source == str(path)
    assert ev.example_assessments(graph, seed=5) == records
    assert ev.example_assessments(graph, seed=6) != records
    tables = ev.assessment_tables(records)
    assert len(tables["records"]) == len(records)
    assert set(tables["scores"]["unit"]) <= set(tables["records"]["unit"])


def test_an_evaluation_goes_stale_when_its_graph_changes(small):
    e = ev.evaluate(small, ev.assessments_from_records(2024, small_records(ev.default_rules())))
    e.check_current()
    small.add_unit("10945-v3", "Thôn 3", "village")
    with pytest.raises(antq.StaleViewError):
        e.check_current()
    # An orphan village has no level above to decide on it.
    with pytest.raises(antq.InvalidInputError, match="no_authority: unit '10945-v3'"):
        ev.evaluate(small, ev.assessments_from_records(2024, small_records(ev.default_rules())))
    small.add_tie("10945", "10945-v3", "contains")
    e2 = ev.evaluate(small, ev.assessments_from_records(2024, small_records(ev.default_rules())))
    small.add_unit("10945-v4", "Thôn 4", "village")
    with pytest.raises(antq.StaleViewError):
        _ = e2.results


def test_follow_up_of_the_default_directive():
    graph = antq.datasets.hai_duong_2024()
    table = antq.compile(antq.datasets.directive_2024(), graph)
    reports = ev.example_progress(table, "2024-12-31", seed=3)
    f = ev.follow_up(table, reports, "2024-12-31")
    duties = f.duties
    assert set(duties["state"]) <= set(ev.DUTY_STATES)
    overdue = f.overdue()
    assert len(overdue) > 0
    assert overdue["due"].notna().all() and (overdue["due"] < "2024-12-31").all()
    assert list(overdue["due"]) == sorted(overdue["due"])
    monitoring = f.monitoring()
    police = monitoring[monitoring["monitor"] == "30.police"].iloc[0]
    assert police["targets"] == 265 and police["clause"] == "closing"
    view = f.monitor_view("30.police")
    assert len(view) == police["overdue"]
    assert set(view["kind"]) <= {"department", "peoples_committee"}
    with pytest.raises(antq.NotFoundError):  # a unit that monitors nothing
        f.monitor_view("296.police")
    roll = f.roll_ups(level="province")
    assert roll["duties"].sum() == len(duties[duties["level"] != "nation"])
    # Undated duties become due on the day given.
    later = ev.follow_up(table, reports, "2024-12-31", undated_due="2024-12-15")
    assert len(later.overdue()) > len(overdue)


def test_bad_progress_reports_name_their_place():
    graph = antq.datasets.hai_duong_2024()
    table = antq.compile(antq.datasets.directive_2024(), graph)
    did = table.directive.id

    def run(report: dict) -> None:
        ev.follow_up(table, ev.progress_from_records(did, [report]), "2024-12-31")

    with pytest.raises(antq.NotFoundError, match="reports:/reports/0/unit"):
        run({"unit": "nowhere", "clause": "1", "status": "done", "date": "2024-05-01"})
    with pytest.raises(antq.NotFoundError, match="unknown_clause"):
        run({"unit": "30.pc", "clause": "9", "status": "done", "date": "2024-05-01"})
    with pytest.raises(antq.InvalidInputError, match="not_assigned"):
        run({"unit": "30.police", "clause": "closing", "status": "done", "date": "2024-05-01"})
    with pytest.raises(antq.InvalidInputError, match="date_after_as_of"):
        run({"unit": "30.pc", "clause": "1", "status": "done", "date": "2025-01-01"})
    with pytest.raises(antq.InvalidInputError, match="bad_status"):
        run({"unit": "30.pc", "clause": "1", "status": "finished", "date": "2024-05-01"})
    with pytest.raises(antq.InvalidInputError, match="wrong_directive"):
        ev.follow_up(table, ev.progress_from_records("other", []), "2024-12-31")


def test_records_from_python_data_with_numpy_dates_and_bad_values(small):
    import datetime

    import numpy as np

    rules = ev.default_rules()
    records = small_records(rules)
    records[0]["dossier_date"] = datetime.date(2024, 11, 20)
    records[2]["scores"] = {k: np.float64(v) for k, v in records[2]["scores"].items()}
    records[4]["dossier_date"] = pd.Timestamp("2024-12-15")
    e = ev.evaluate(small, ev.assessments_from_records(2024, records))
    r = e.results.set_index("unit")
    assert r.loc["10945-v1", "dossier"] == "on_time" and r.loc["10945", "level"] == "xuat_sac"
    records[3]["scores"]["models"] = float("nan")
    with pytest.raises(antq.InvalidInputError) as caught:
        ev.assessments_from_records(2024, records)
    assert caught.value.tag == "bad_value" and caught.value.where == "records:/records/3"
    records[3]["scores"]["models"] = object()
    with pytest.raises(antq.InvalidInputError, match="records:/records/3"):
        ev.assessments_from_records(2024, records)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"format": "antq.assessments", "version": 1, "year": 2024, "records": [], "records": []}', "y.json:/records"),
        ('{"format": "antq.assessments", "version": 1, "year": 2024, "records": [{"unit": "1", "dossier_date": "2024-11-01", '
         '"scores": {"a": 999, "a": 1}}]}', "y.json:/records/0/scores/a"),
    ],
)
def test_a_member_named_twice_is_refused(text, where):
    with pytest.raises(antq.InvalidInputError) as caught:
        ev.Assessments.loads(text, "y.json")
    assert caught.value.tag == "duplicate_key" and caught.value.where == where


# --- one argument order, natural Python types, clean errors -------------------------------------------------------


def test_evaluate_takes_graph_records_rules_in_every_layer(small):
    rules = ev.default_rules()
    records = ev.assessments_from_records(2024, small_records(rules))
    by_position = ev.evaluate(small, records, rules)
    by_keyword = ev.evaluate(graph=small, assessments=records, rules=rules)
    core = antq._core.evaluate(small, records, rules)
    assert by_position.results.equals(by_keyword.results)
    assert len(core) == len(by_position)
    with pytest.raises(TypeError) as info:
        antq._core.evaluate(small, rules, records)  # the old order: the error shows the order to use
    assert "graph" in str(info.value) and "assessments" in str(info.value)


@pytest.mark.parametrize(
    "kwargs, tag, where",
    [
        ({"seed": -1}, "number_out_of_range", "seed"),
        ({"seed": 2**70}, "number_out_of_range", "seed"),
        ({"seed": "1"}, "wrong_type", "seed"),
        ({"seed": True}, "wrong_type", "seed"),
        ({"year": 0}, "bad_year", "year"),
        ({"year": 2**40}, "bad_year", "year"),
        ({"year": 2024.0}, "wrong_type", "year"),
    ],
    ids=["seed -1", "seed 2**70", "seed str", "seed bool", "year 0", "year 2**40", "year float"],
)
def test_example_assessments_names_a_bad_seed_or_year(small, kwargs, tag, where):
    with pytest.raises(antq.InvalidInputError) as info:
        ev.example_assessments(small, **kwargs)
    assert (info.value.tag, info.value.where) == (tag, where)


def test_example_assessments_takes_the_largest_seed_and_numpy_integers(small):
    np = pytest.importorskip("numpy")
    assert ev.example_assessments(small, seed=2**64 - 1).dumps()
    assert ev.example_assessments(small, seed=np.int64(5)).dumps() == ev.example_assessments(small, seed=5).dumps()


def test_swapped_arguments_show_the_python_call(small):
    rules = ev.default_rules()
    records = ev.assessments_from_records(2024, small_records(rules))
    with pytest.raises(TypeError, match=r"evaluate\(graph, assessments, rules=None\): assessments must be"):
        ev.evaluate(small, rules, records)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"example_assessments\(graph, rules=None, year=2024, seed=2024\)"):
        ev.example_assessments(small, records)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs, tag, allowed",
    [({"level": "huyện"}, "unknown_level", "district"), ({"subject": "village"}, "unknown_subject", "residential_area")],
    ids=["level huyện", "subject village"],
)
def test_roll_ups_refuse_a_filter_that_names_nothing(small, kwargs, tag, allowed):
    rules = ev.default_rules()
    year = ev.evaluate(small, ev.assessments_from_records(2024, small_records(rules)), rules)
    with pytest.raises(antq.InvalidInputError) as info:
        year.roll_ups(**kwargs)
    assert info.value.tag == tag and allowed in str(info.value)
    assert len(year.roll_ups(level="district", subject="residential_area")) > 0


def test_follow_up_roll_ups_refuse_a_filter_that_names_nothing(compiled):
    reports = antq.directive.example_progress(compiled, "2024-09-30")
    follow = antq.directive.follow_up(compiled, reports, "2024-09-30")
    with pytest.raises(antq.InvalidInputError) as info:
        follow.roll_ups(level="xã")
    assert info.value.tag == "unknown_level" and "commune" in str(info.value)
    with pytest.raises(antq.InvalidInputError) as info:
        follow.roll_ups(clause="9")
    assert info.value.tag == "unknown_clause" and "expected one of 1, 2," in str(info.value)


def test_the_html_of_an_evaluation_shows_its_title(small):
    rules = ev.default_rules()
    year = ev.evaluate(small, ev.assessments_from_records(2024, small_records(rules)), rules)
    page = year._repr_html_()
    assert "&lt;antq.Evaluation" in page and "<antq." not in page


def test_the_html_of_an_evaluation_is_cut_to_the_display_option(small):
    import pandas as pd

    rules = ev.default_rules()
    year = ev.evaluate(small, ev.assessments_from_records(2024, small_records(rules)), rules)
    subjects = len(year.summary())
    assert subjects > 2
    with pd.option_context("display.max_rows", 2):
        page = year._repr_html_()
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    assert body.count("<tr") == 2 + 1 and f"{subjects} rows × " in page
    with pd.option_context("display.max_rows", subjects):
        page = year._repr_html_()
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    assert body.count("<tr") == subjects and f"{subjects} rows × " in page
