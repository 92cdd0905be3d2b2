"""data/hai_duong_2024.json and its licence notice are what data/tools/make_hai_duong_2024.py makes from the
administrative list in ../shared/data/vn-admin (skipped where that folder is not beside the repository)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data"
VN_ADMIN = ROOT.parent / "shared" / "data" / "vn-admin"
GENERATOR = DATA / "tools" / "make_hai_duong_2024.py"

needs_vn_admin = pytest.mark.skipif(
    not (VN_ADMIN / "pre2025_3tier" / "mongo_data_vn_unit.json").is_file(),
    reason="the administrative list ../shared/data/vn-admin is not beside the repository",
)


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("regenerated") / "hai_duong_2024.json"
    subprocess.run([sys.executable, str(GENERATOR), "--vn-admin", str(VN_ADMIN), str(out)], check=True)
    return out


@needs_vn_admin
def test_the_shipped_graph_is_what_the_generator_makes(regenerated):
    assert regenerated.read_bytes() == (DATA / "hai_duong_2024.json").read_bytes()


@needs_vn_admin
def test_the_licence_notice_travels_with_the_graph(regenerated):
    notice = (regenerated.parent / "LICENSE-vn-admin.txt").read_text(encoding="utf-8")
    assert notice == (DATA / "LICENSE-vn-admin.txt").read_text(encoding="utf-8")
    assert "MIT License" in notice and "Thang Le Quoc" in notice
    assert "LICENSE-vn-admin.txt" in (DATA / "README.md").read_text(encoding="utf-8")


@needs_vn_admin
def test_every_coded_commune_has_its_name_in_the_list():
    # The test's own reading of the list, independent of the generator: a commune with a GSO code from the
    # pre-2025 list carries the list's name for that code, up to where the tone mark sits.
    from unicodedata import normalize

    def key(name: str) -> str:
        return " ".join("".join(sorted(syllable)) for syllable in normalize("NFD", name).casefold().split())

    listed = {}
    for province in json.loads((VN_ADMIN / "pre2025_3tier" / "mongo_data_vn_unit.json").read_text(encoding="utf-8")):
        if province["Code"] == "30":
            for district in province["District"]:
                for ward in district["Ward"] or []:
                    listed[ward["Code"]] = ward["Name"]
    graph = json.loads((DATA / "hai_duong_2024.json").read_text(encoding="utf-8"))
    communes = [u for u in graph["units"] if u["kind"] == "commune"]
    from_list = [u for u in communes if u["attributes"].get("gso_list") == "2025-03-01"]
    assert len(communes) == 235 and len(from_list) >= 180
    for unit in from_list:
        assert unit["id"] in listed, unit["id"]
        assert key(unit["name"]) == key(listed[unit["id"]]), (unit["id"], unit["name"], listed[unit["id"]])
    # Placeholders say why; none of them borrows a code.
    for unit in communes:
        if unit["attributes"].get("synthetic"):
            assert not unit["id"].isdigit() and "01/12/2024" in unit["attributes"]["placeholder"]


def test_the_generator_refuses_a_missing_list(tmp_path):
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--vn-admin", str(tmp_path), str(tmp_path / "out.json")],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "administrative list is not at" in result.stderr
    assert not (tmp_path / "out.json").exists()
