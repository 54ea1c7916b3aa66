"""The site as MkDocs builds it: strict, reproducible, regenerated from seeds, with clear errors."""

from __future__ import annotations

import filecmp
import json
import shutil

import pytest
from conftest import mkdocs_build
from extra_seeds import NEW_SEED_FILE

from build_scripts.pipeline import ROOT, run

def test_strict_build_has_no_warnings(site_build):
    assert "WARNING" not in site_build.log
    data = json.loads((site_build.site / "data" / "reports.json").read_text(encoding="utf-8"))
    assert len(data) == 12
    assert (site_build.site / "data" / "reports.csv").read_text(encoding="utf-8").count("\n") == 13
    for record in data:
        assert (site_build.site / record["url"] / "index.html").exists()


@pytest.mark.build
def test_two_builds_are_byte_identical(built_site, tmp_path):
    """A second build, later in the session (the pipeline's cache warm by then), equals the shared one."""
    again = tmp_path / "again"
    assert mkdocs_build(again).returncode == 0
    comparison = filecmp.dircmp(built_site, again)

    def differences(cmp):
        found = cmp.diff_files + cmp.left_only + cmp.right_only
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found
    assert differences(comparison) == []
    for path in built_site.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (again / path.relative_to(built_site)).read_bytes()


@pytest.mark.build
def test_broken_anchor_fails_the_strict_build(project_copy, tmp_path):
    """The validation settings really make a bad #anchor an error (so the others are checked)."""
    shutil.copy(ROOT / "seeds" / "003_d6548c407ea27bf5.txt", project_copy / "seeds")
    (project_copy / "docs" / "broken.md").write_text(
        "# Broken\n\n[p1](reports/003-d6548c407ea27bf5.md#p1) and [nope](reports/003-d6548c407ea27bf5.md#nope)\n",
        encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", project=project_copy)
    assert result.returncode != 0
    assert "nope" in result.stderr and "p1'" not in result.stderr


def test_new_gb18030_seed_goes_through_without_code_change(extras):
    """A new report in GB18030 with CRLF line ends, beside the corpus, on the shared strict build of the extras."""
    [record] = [r for r in extras.records.values() if r["source"]["file"] == f"seeds/{NEW_SEED_FILE}"]
    assert record["title"] == "牧区党员中心户织密组织网络"
    assert record["source"]["encoding"] == "gb18030"
    assert [a["name"] for a in record["authors"]] == ["测试作者", "另一作者"]
    assert record["regions"][:2] == ["镶黄旗"]  # the subject, at its most specific level
    texts = {p["kind"]: [] for p in record["paragraphs"]}
    for p in record["paragraphs"]:
        texts[p["kind"]].append(p["text"])
    assert texts["caption"] == ["牧民党员在蒙古包里学习党的政策。"]
    assert texts["paragraph"][0] == ("镶黄旗把党员中心户建设作为加强牧区基层党组织建设的重要抓手，"
                                     "全旗共建立党员中心户120户，实现了嘎查村全覆盖。")
    assert "2020年共培训党员860人次" in texts["paragraph"][1]
    assert len(texts["paragraph"]) == 3
    assert [e["rule"] for e in record["edits"]].count("remove_repeated_paragraph") == 1
    assert (extras.site / record["url"] / "index.html").is_file()
    assert "WARNING" not in extras.log


def test_pipeline_owns_only_its_folders(project_copy):
    hand_written = project_copy / "docs" / "index.md"
    before = hand_written.read_bytes()
    stale = project_copy / "docs" / "reports" / "old-report.md"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_text("stale", encoding="utf-8")
    shutil.copy(ROOT / "seeds" / "004_1e4098aa4da3de56.txt", project_copy / "seeds")
    run(root=project_copy)
    assert not stale.exists()
    assert hand_written.read_bytes() == before
    assert run(root=project_copy).written == 0


@pytest.mark.build
@pytest.mark.parametrize("seed_bytes, sidecar, words", [
    (b"", None, ["900_bad.txt", "is empty"]),
    (b"\xfa\x81\x30\x00\xff\x80", None, ["900_bad.txt", "cannot be decoded"]),
    ("这是一段中文报告。".encode(), "date: 2019年\n", ["900_bad.yml", "key 'date'", "EDTF"]),
    ("这是一段中文报告。".encode(), "id: 004-1e4098aa4da3de56\n", ["900_bad.txt", "already used", "sidecar"]),
])
def test_bad_input_stops_mkdocs_with_a_clear_message(project_copy, tmp_path, seed_bytes, sidecar, words):
    shutil.copy(ROOT / "seeds" / "004_1e4098aa4da3de56.txt", project_copy / "seeds")
    (project_copy / "seeds" / "900_bad.txt").write_bytes(seed_bytes)
    if sidecar:
        (project_copy / "seeds" / "900_bad.yml").write_text(sidecar, encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", project=project_copy)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for word in words:
        assert word in output, output[-2000:]
    assert "Traceback" not in output
