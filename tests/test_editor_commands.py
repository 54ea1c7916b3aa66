"""The editors' loop: ``python -m build_scripts add FILE…``, build, ``review``, sidecar."""

from __future__ import annotations

import shutil

import pytest

from build_scripts import __main__ as cli
from build_scripts.annotate.places import Gazetteer
from build_scripts.annotate.review import review_items
from build_scripts.errors import ArchiveError
from build_scripts.pipeline import reports_from_seed
from build_scripts.text.ingest import read_seed
from tests.conftest import ROOT

LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(ROOT / "seeds" / "004_1e4098aa4da3de56.txt", folder / "004_1e4098aa4da3de56.txt")
    return folder


def test_add_copies_byte_for_byte_under_the_next_numbers(seeds, capsys):
    files = [LAYOUTS / "web-02.txt", LAYOUTS / "lead-02.txt"]
    assert cli.add(files, seeds) == 0
    assert (seeds / "005_web-02.txt").read_bytes() == files[0].read_bytes()
    assert (seeds / "006_lead-02.txt").read_bytes() == files[1].read_bytes()  # GB18030, kept as it is
    out = capsys.readouterr().out
    assert "锡林郭勒：“红色网格”织密城市基层治理网" in out and "date 2018-07-02" in out


def test_add_stops_on_a_bad_file_before_copying_anything(seeds, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ArchiveError, match="empty.txt"):
        cli.add([LAYOUTS / "web-02.txt", empty], seeds)
    assert sorted(p.name for p in seeds.iterdir()) == ["004_1e4098aa4da3de56.txt"]


def test_seed_names_are_url_safe():
    assert cli.seed_name(7, ROOT / "报告 A.txt") == "007_a.txt"
    assert cli.seed_name(12, ROOT / "新闻.TXT") == "012_report.txt"


def test_review_names_what_fell_back_and_the_sidecar_that_settles_it(tmp_path):
    seed = tmp_path / "bare.txt"
    seed.write_text("全旗党员积极参加活动，效果很好。\n\n党员们纷纷表示要继续努力。\n", encoding="utf-8")
    (report,) = reports_from_seed(read_seed(seed), Gazetteer())
    items = {item.what: item for item in review_items(report)}
    assert {"title", "date", "regions"} <= set(items)
    assert items["title"].sidecar == 'title: "…"'
    assert "date:" in items["date"].sidecar


def test_a_fully_read_report_needs_no_review(tmp_path):
    shutil.copy(LAYOUTS / "wire-01.txt", tmp_path / "wire-01.txt")
    (report,) = reports_from_seed(read_seed(tmp_path / "wire-01.txt"), Gazetteer())
    assert review_items(report) == []
