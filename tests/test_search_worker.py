"""The archive's search worker in place of the theme's, and its folding rule agreeing with the index builder's.

The worker's own behaviour (phrases, matching, ranking) is tested by ``node --test tests/js/``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import material
import pytest
from mkdocs.exceptions import Abort

from build_scripts.pipeline import ROOT
from build_scripts.site.hooks import THEME_WORKERS, check_search_worker
from build_scripts.site.search_text import fold

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
FOLD_CASES = json.loads((ROOT / "tests" / "data" / "search_fold.json").read_text(encoding="utf-8"))["cases"]


def node() -> str:
    found = shutil.which("node")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("node is missing in CI: .ci/run must install Debian's nodejs")
        pytest.skip("node not installed")
    return found


def theme(custom_dir: Path) -> SimpleNamespace:
    return SimpleNamespace(theme=SimpleNamespace(custom_dir=str(custom_dir),
                                                 dirs=[str(custom_dir), str(MATERIAL_TEMPLATES)]))


def test_the_installed_theme_ships_the_worker_file_the_override_replaces():
    check_search_worker(theme(OVERRIDES))  # the build runs this check first; it passes for the pinned theme


def test_a_renamed_theme_worker_stops_the_build_with_the_fix(tmp_path):
    """A theme upgrade that renames its worker would silently bring lunr back; the build must stop instead."""
    worker = tmp_path / THEME_WORKERS / "search.0000000.min.js"
    worker.parent.mkdir(parents=True)
    worker.write_text("", encoding="utf-8")
    with pytest.raises(Abort, match="rename the archive's worker to the theme's file name"):
        check_search_worker(theme(tmp_path))


def test_built_site_serves_the_archive_worker(built_site):
    [worker] = (built_site / THEME_WORKERS).glob("search.*.min.js")
    assert worker.read_bytes() == (OVERRIDES / THEME_WORKERS / worker.name).read_bytes()


@pytest.mark.parametrize("case", FOLD_CASES, ids=[c["why"] for c in FOLD_CASES])
def test_folding(case):
    assert fold(case["text"]) == case["folded"]


def test_the_worker_folds_every_text_of_the_site_as_the_index_builder_does(built_site, tmp_path):
    """Index positions are positions in folded text: the JavaScript and Python rules must agree on all of it."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    folder = built_site / index["config"]["archive"]["path"]
    texts = []
    for shard in sorted((folder / "t").glob("*.json")):
        data = json.loads(shard.read_text(encoding="utf-8"))
        texts += [data["h"]] + [item if isinstance(item, str) else item[1] for item in data["i"]]
    for chunk in sorted((folder / "d").glob("*.json")):
        texts += [row[1] for row in json.loads(chunk.read_text(encoding="utf-8"))]
    (tmp_path / "texts.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    [worker] = (OVERRIDES / THEME_WORKERS).glob("search.*.js")
    script = (f"const w = require({json.dumps(str(worker))});"
              f"const texts = require({json.dumps(str(tmp_path / 'texts.json'))});"
              "process.stdout.write(JSON.stringify(texts.map(w.folded)))")
    folded = json.loads(subprocess.run([node(), "-e", script], capture_output=True, text=True, check=True).stdout)
    assert len(texts) > 500  # every title, header and item of the site
    mismatches = [(text, js) for text, js in zip(texts, folded) if fold(text) != js]
    assert mismatches == []
