"""The sources are sacred: the project's seeds are the shared seeds, and nothing writes to them."""

from __future__ import annotations

import hashlib

import pytest

from build_scripts.pipeline import ROOT, run

SHARED = ROOT.parent / "shared" / "seeds"


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.skipif(not SHARED.is_dir(), reason="no ../shared/seeds beside this checkout")
def test_seed_texts_are_the_shared_seeds_byte_for_byte():
    ours = {k: v for k, v in digests(ROOT / "seeds").items() if k.endswith(".txt")}
    assert ours == digests(SHARED)


def test_the_pipeline_never_writes_to_seeds(tmp_path):
    before = digests(ROOT / "seeds")
    mtimes = {p.name: p.stat().st_mtime_ns for p in (ROOT / "seeds").iterdir()}
    run()
    assert digests(ROOT / "seeds") == before
    assert {p.name: p.stat().st_mtime_ns for p in (ROOT / "seeds").iterdir()} == mtimes
