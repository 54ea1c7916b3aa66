"""The per-seed cache never serves stale output: every input it depends on invalidates it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts import pipeline, run_state
from build_scripts.cache import Cache
from build_scripts.pipeline import ROOT, run

SEEDS = ["003_d6548c407ea27bf5.txt", "004_1e4098aa4da3de56.txt"]
PAGE = "docs/reports/003-d6548c407ea27bf5.md"


@pytest.fixture
def project(tmp_path) -> Path:
    """Two real seeds in a fresh project, built once (so the cache is warm)."""
    (tmp_path / "seeds").mkdir()
    for name in SEEDS:
        shutil.copy2(ROOT / "seeds" / name, tmp_path / "seeds" / name)
    build(tmp_path)
    return tmp_path


def build(root: Path) -> pipeline.Summary:
    return run(root=root, seeds_dir=root / "seeds", docs_dir=root / "docs")


def generated(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "docs").rglob("*")) if p.is_file()}


def entries(root: Path) -> list[Path]:
    return sorted((root / ".cache" / "seeds").glob("*"))


def test_output_from_the_cache_is_the_output_made_afresh(project, tmp_path_factory):
    shutil.rmtree(project / "docs")
    summary = build(project)
    assert (summary.seeds_reused, summary.seeds) == (2, 2)
    fresh = tmp_path_factory.mktemp("fresh")
    shutil.copytree(project / "seeds", fresh / "seeds")
    build(fresh)
    assert generated(project) == generated(fresh)


def test_an_edited_seed_is_made_afresh_and_its_page_changes(project):
    seed = project / "seeds" / SEEDS[0]
    seed.write_bytes(seed.read_bytes().replace("党建".encode(), "党的建设".encode(), 1))
    summary = build(project)
    assert (summary.seeds_reused, summary.seeds) == (1, 2)
    assert "党的建设" in (project / PAGE).read_text(encoding="utf-8")


def test_an_added_sidecar_invalidates_its_seed(project):
    (project / "seeds" / SEEDS[0]).with_suffix(".yml").write_text("title: 编者拟定的标题\n", encoding="utf-8")
    assert build(project).seeds_reused == 1
    assert "title: 编者拟定的标题" in (project / PAGE).read_text(encoding="utf-8")


def test_other_code_ignores_the_cache(project, monkeypatch):
    monkeypatch.setattr(run_state, "code_fingerprint", lambda: "other code")
    shutil.rmtree(project / "docs")
    assert build(project).seeds_reused == 0


def test_other_site_settings_ignore_the_cache(project):
    summary = run(root=project, seeds_dir=project / "seeds", docs_dir=project / "docs",
                  site_url="https://example.org/archive/")
    assert summary.seeds_reused == 0
    assert "https://example.org/archive/reports/003-d6548c407ea27bf5/" in (project / PAGE).read_text(encoding="utf-8")


def test_a_removed_seed_leaves_no_page_and_no_cache_entry(project):
    before = entries(project)
    (project / "seeds" / SEEDS[0]).unlink()
    build(project)
    assert not (project / PAGE).exists()
    assert not (project / "docs" / "sources" / "003-d6548c407ea27bf5.md").exists()
    assert len(entries(project)) == len(before) - 1


@pytest.mark.parametrize("damage", [
    lambda data: b"not a pickle at all",
    lambda data: data[:len(data) // 2],
    lambda data: b"",
])
def test_a_damaged_cache_entry_is_rebuilt_not_a_crash(project, damage):
    expected = generated(project)
    for path in entries(project):
        path.write_bytes(damage(path.read_bytes()))
    shutil.rmtree(project / "docs")
    assert build(project).seeds_reused == 0
    assert generated(project) == expected
    assert build(project).cached  # the rewritten entries and state are whole again


def test_an_entry_of_the_wrong_kind_is_a_miss(tmp_path):
    cache = Cache(tmp_path, "salt")
    key = cache.key(b"input")
    cache.remember(key, lambda: ["a list"])
    assert cache.remember(key, lambda: {"a": "dict"}, dict) == {"a": "dict"}
    assert cache.remember(key, lambda: None, dict) == {"a": "dict"} and cache.hits == 1


def test_keys_separate_their_inputs(tmp_path):
    cache = Cache(tmp_path, "salt")
    assert cache.key(b"ab", b"c") != cache.key(b"a", b"bc")
    assert cache.key(b"x") != Cache(tmp_path, "other salt").key(b"x")


def test_seeds_remade_over_several_cores_give_the_same_pages(tmp_path, monkeypatch):
    """Forked workers (used when many seeds are remade) write exactly what one process writes."""
    outputs = {}
    for label, threshold in (("serial", 10_000), ("parallel", 1)):
        root = tmp_path / label
        shutil.copytree(ROOT / "seeds", root / "seeds")
        monkeypatch.setattr(pipeline, "PARALLEL_MIN", threshold)
        run(root=root, docs_dir=root / "docs")
        outputs[label] = {p.relative_to(root / "docs"): p.read_bytes()
                          for p in sorted((root / "docs").rglob("*")) if p.is_file()}
    assert outputs["serial"] and outputs["serial"] == outputs["parallel"]
