"""Resources once: a pipeline run parses each data file once and loads one tokenizer dictionary.

The run is cold (its own ``.cache/``), so every stage that reads words or data
runs: seeds are remade and the figures are tagged.  Reads are counted where the files are opened as text (every YAML
data file is parsed from ``Path.read_text``); dictionary loads where
:class:`~build_scripts.annotate.segmenter.Words` loads jieba's dictionary,
taggers where the part-of-speech tagger and its tag table are made.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from build_scripts.annotate import segmenter
from build_scripts.annotate.segmenter import Words
from build_scripts.pipeline import run
from build_scripts.text.ingest import DATA_DIR
from tests.conftest import ROOT

RESOURCE_FILES = ("gazetteer.yml", "glossary.yml", "topics.yml", "figures.yml")


def test_a_run_reads_each_data_file_once_and_loads_one_tokenizer(tmp_path, monkeypatch):
    reads: Counter = Counter()
    read_text = Path.read_text

    def counted(self, *args, **kwargs):
        if self.parent == DATA_DIR:
            reads[self.name] += 1
        return read_text(self, *args, **kwargs)

    taggers: list = []
    make_tagger = segmenter._tagger_over

    def counted_tagger(view):
        taggers.append(view)
        return make_tagger(view)

    monkeypatch.setattr(Path, "read_text", counted)
    monkeypatch.setattr(segmenter, "_tagger_over", counted_tagger)
    monkeypatch.setattr(Words, "loads", 0)
    summary = run(root=tmp_path, seeds_dir=ROOT / "seeds", docs_dir=tmp_path / "docs")
    assert summary.reports >= 5 and summary.seeds_reused == 0
    assert Words.loads == 1, "one jieba dictionary per run"
    assert len(taggers) == 1, "one part-of-speech tagger per run"
    assert {name: reads[name] for name in RESOURCE_FILES} == dict.fromkeys(RESOURCE_FILES, 1)
    assert max(reads.values()) == 1, f"a data file read more than once: {reads}"


def test_the_tagger_reads_the_dictionary_s_tags_once_and_jieba_s_own_tagger_reads_none():
    """Importing jieba.posseg makes a module-level tagger that would read all 349,046 tags again (0.45 s)."""
    code = ("from build_scripts.annotate.segmenter import standalone_words; "
            "t = standalone_words().tagger; import jieba.posseg as p; "
            "print(len(p.dt.word_tag_tab), len(t.word_tag_tab), t.word_tag_tab['党员'], "
            "[tuple(w) for w in t.cut('党员中心户带头')])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    jiebas, ours, tag = out.split(" ", 3)[:3]
    assert jiebas == "0" and int(ours) > 349046 and tag == "n", out  # jieba's tags and the archive's words
    assert "('党员中心户', 'n')" in out, out


def test_a_run_with_nothing_to_remake_loads_no_tokenizer(tmp_path, monkeypatch):
    """The dictionary loads on first use: a re-run that finds nothing changed never touches it."""
    run(root=tmp_path, seeds_dir=ROOT / "seeds", docs_dir=tmp_path / "docs")
    monkeypatch.setattr(Words, "loads", 0)
    assert run(root=tmp_path, seeds_dir=ROOT / "seeds", docs_dir=tmp_path / "docs").cached
    assert Words.loads == 0


def test_the_command_with_nothing_to_do_imports_no_stage(tmp_path):
    """``python -m build_scripts`` decides from ``.cache/pipeline.json`` alone that nothing changed.

    Importing the stages (their regular expressions, jsonschema, the page
    modules) costs several times the check itself; a fresh interpreter shows
    which modules the command loaded.
    """
    project = tmp_path / "project"
    for name in ("build_scripts", "seeds"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    code = ("import sys; from build_scripts.__main__ import main; main([]); "
            "print(sorted(m for m in sys.modules if m.startswith('build_scripts.')))")
    first = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True)
    assert "0 of 5 seeds unchanged" in first.stdout and "build_scripts.text.rules" in first.stdout
    second = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True)
    summary, loaded = second.stdout.splitlines()
    assert "nothing changed" in summary
    stages = [m for m in ast.literal_eval(loaded) if m.split(".")[1] in ("annotate", "export") or m in (
        "build_scripts.pipeline", "build_scripts.text.rules", "build_scripts.text.passes", "build_scripts.site.report_page")]
    assert stages == []
