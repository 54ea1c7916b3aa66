"""The bad-input suite: every odd seed ends in a correct page or a clear error naming the file."""

from __future__ import annotations

import json
import shutil

import pytest

from build_scripts.errors import ArchiveError
from build_scripts.pipeline import ROOT, run

PARAGRAPH = "锡林郭勒盟各级党组织认真落实从严治党责任，推动基层党建全面进步、全面过硬，取得明显成效。"


def records(project):
    return {r["id"]: r for r in json.loads((project / "docs" / "data" / "reports.json").read_text(encoding="utf-8"))}


@pytest.mark.parametrize("name, data, words", [
    ("empty.txt", b"", ["empty.txt", "is empty"]),
    ("binary.txt", bytes(range(256)) * 8, ["binary.txt", "cannot be decoded"]),
    ("utf16-junk.txt", b"\xff\xfe" + "\x00\x01党".encode("utf-16-le"), ["utf16-junk.txt", "cannot be decoded"]),
])
def test_unusable_files_give_a_clear_error(project_copy, name, data, words):
    (project_copy / "seeds" / name).write_bytes(data)
    with pytest.raises(ArchiveError) as caught:
        run(root=project_copy)
    assert all(word in str(caught.value) for word in words) and "Fix:" in str(caught.value)


@pytest.mark.parametrize("name, data, encoding", [
    ("gb.txt", f"标题\n\n{PARAGRAPH}\n".encode("gb18030"), "gb18030"),
    ("u16.txt", f"标题\n\n{PARAGRAPH}\n".encode("utf-16"), "utf-16"),
    ("bom.txt", b"\xef\xbb\xbf" + f"标题\n\n{PARAGRAPH}\n".encode(), "utf-8-sig"),
    ("crlf.txt", f"标题\r\n\r\n{PARAGRAPH}\r\n".encode(), "utf-8"),
    ("带 空格 name.txt", f"标题\n\n{PARAGRAPH}\n".encode(), "utf-8"),
])
def test_odd_but_valid_files_become_correct_pages(project_copy, name, data, encoding):
    (project_copy / "seeds" / name).write_bytes(data)
    run(root=project_copy)
    [record] = records(project_copy).values()
    assert record["source"]["encoding"] == encoding
    assert record["title"] == "标题" and record["paragraphs"][0]["text"] == PARAGRAPH
    assert (project_copy / "docs" / "reports" / f"{record['id']}.md").is_file()
    assert " " not in record["id"] and record["id"].isascii()


def test_five_megabyte_single_paragraph(project_copy):
    text = "标题\n\n" + PARAGRAPH[:-1] * (5_000_000 // (3 * len(PARAGRAPH))) + "。\n"
    (project_copy / "seeds" / "huge.txt").write_text(text, encoding="utf-8")
    summary = run(root=project_copy)
    [record] = records(project_copy).values()
    assert summary.reports == 1 and len(record["paragraphs"][0]["text"]) > 1_500_000


def test_removed_seed_takes_its_page_and_nothing_else(project_copy):
    for name in ("003_d6548c407ea27bf5.txt", "004_1e4098aa4da3de56.txt"):
        shutil.copy(ROOT / "seeds" / name, project_copy / "seeds")
    run(root=project_copy)
    reports_dir = project_copy / "docs" / "reports"
    kept = (reports_dir / "004-1e4098aa4da3de56.md").read_bytes()
    (project_copy / "seeds" / "003_d6548c407ea27bf5.txt").unlink()
    run(root=project_copy)
    assert sorted(p.name for p in reports_dir.iterdir()) == ["004-1e4098aa4da3de56.bib", "004-1e4098aa4da3de56.md",
                                                              "004-1e4098aa4da3de56.ris", "index.md"]
    assert (reports_dir / "004-1e4098aa4da3de56.md").read_bytes() == kept
    assert list(records(project_copy)) == ["004-1e4098aa4da3de56"]
    assert not (project_copy / "docs" / "sources" / "003-d6548c407ea27bf5.md").exists()


def test_two_seeds_with_the_same_id_name_both_files(project_copy):
    (project_copy / "seeds" / "a.txt").write_text(f"标题\n\n{PARAGRAPH}\n", encoding="utf-8")
    (project_copy / "seeds" / "b.txt").write_text(f"标题\n\n{PARAGRAPH}\n", encoding="utf-8")
    (project_copy / "seeds" / "b.yml").write_text("id: a\n", encoding="utf-8")
    with pytest.raises(ArchiveError) as caught:
        run(root=project_copy)
    assert "b.txt" in str(caught.value) and "a.txt" in str(caught.value) and "'id'" in str(caught.value)


def test_every_bad_seed_and_sidecar_is_reported_together(tmp_path):
    """Two broken seeds and a broken sidecar: one run names all three, so an editor fixes them in one pass."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "001_empty.txt").write_bytes(b"")
    (seeds / "002_bad.txt").write_bytes(b"\xff\xfe\x00\xd8 broken")
    (seeds / "003_ok.txt").write_text("题目\n\n正文第一段，内容完整。\n", encoding="utf-8")
    (seeds / "003_ok.yml").write_text("date: [not, a, date]\n", encoding="utf-8")
    with pytest.raises(ArchiveError) as caught:
        run(root=tmp_path, seeds_dir=seeds, docs_dir=tmp_path / "docs")
    message = str(caught.value)
    assert "3 problems" in message
    assert "001_empty.txt" in message and "002_bad.txt" in message and "003_ok.yml" in message
