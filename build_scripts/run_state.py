"""Whether a pipeline run has anything to do, and what the last run made: decided before the pipeline is imported.

A run with nothing changed (same code, data files, library versions, seeds,
sidecars and URL settings, and its output still in place) only reads
``.cache/pipeline.json``; importing the pipeline's stages and their regular
expressions costs more than that, so ``python -m build_scripts`` asks here
first (issue 13: a re-run with nothing changed within half a second).
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.site.urls import (
    DATA_DIR,
    FIGURES_DIR,
    GLOSSARY_DIR,
    METHOD_DIR,
    REGIONS_DIR,
    REPORTS_DIR,
    REVIEW_DIR,
    SOURCES_DIR,
    TOPICS_DIR,
)
from build_scripts.text.formats import SEED_SUFFIXES, SIDECAR_SUFFIX, tool_versions

#: The archive's folder: ``seeds/``, ``docs/``, ``.cache/`` and ``mkdocs.yml`` are in it.
ROOT = Path(__file__).resolve().parent.parent

@dataclass
class Summary:
    """What a pipeline run did, and the home page's summary for the MkDocs hook."""

    reports: int
    paragraphs: int
    edits: int
    notes: int
    seconds: float
    written: int
    home: str = field(default="", repr=False)
    cached: bool = False
    seeds_reused: int = 0
    seeds: int = 0

    def __str__(self):
        state = "nothing changed" if self.cached else (
            f"{self.seeds_reused} of {self.seeds} seeds unchanged; {self.written} files written")
        return (f"{self.reports} reports, {self.paragraphs} paragraphs, {self.edits} edits, "
                f"{self.notes} editorial notes; {state}; {self.seconds:.2f} s")


#: The folders of ``docs/`` the pipeline writes and owns (the rest of ``docs/`` is written by hand).
OWNED = (REPORTS_DIR, SOURCES_DIR, DATA_DIR, REGIONS_DIR, TOPICS_DIR, GLOSSARY_DIR, FIGURES_DIR, REVIEW_DIR, METHOD_DIR)


def package_digest(suffixes: tuple[str, ...]) -> bytes:
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in suffixes and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


#: The code this process runs: read once, so a module edited under ``mkdocs serve`` (which keeps the
#: modules it imported) cannot label output of the old code as the new code's.
CODE_DIGEST = package_digest((".py",))


def code_fingerprint() -> str:
    """A hash of the pipeline's code, its data files and the extraction libraries' versions: output made otherwise is never reused."""
    return hashlib.sha256(CODE_DIGEST + package_digest((".yml", ".yaml", ".json", ".txt"))
                          + tool_versions().encode() + word_tool_versions().encode()).hexdigest()


def word_tool_versions() -> str:
    """jieba's and pypinyin's versions (word boundaries, tags, pinyin): output made with others is never reused."""
    from importlib.metadata import version

    return f"jieba {version('jieba')}; pypinyin {version('pypinyin')}"


def run_key(seeds_dir: Path, site_url: str | None, directory_urls: bool) -> str:
    """Everything the output depends on: code, every seed (of any format) and sidecar (name and bytes), the URL settings."""
    digest = hashlib.sha256(settings_key(site_url, directory_urls).encode())
    for path in sorted(seeds_dir.iterdir()):
        if path.is_file() and path.suffix.lower() in (*SEED_SUFFIXES, SIDECAR_SUFFIX):
            digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def settings_key(site_url: str | None, directory_urls: bool) -> str:
    """The code and the site settings: what every cached result depends on besides its own inputs."""
    return code_fingerprint() + repr((site_url, directory_urls))


def owned_files(docs_dir: Path) -> dict[str, int]:
    return {p.relative_to(docs_dir).as_posix(): p.stat().st_size
            for folder in OWNED if (docs_dir / folder).is_dir()
            for p in sorted((docs_dir / folder).rglob("*")) if p.is_file()}


def state_file(root: Path) -> Path:
    return root / ".cache" / "pipeline.json"


def unchanged_run(root: Path, key: str, docs_dir: Path, started: float) -> Summary | None:
    """The last run's summary when its key (:func:`run_key`) is ``key`` and its output is in place; otherwise None."""
    path = state_file(root)
    if not path.exists():
        return None
    state = json.loads(path.read_text(encoding="utf-8"))
    if state["key"] != key or state["files"] != owned_files(docs_dir):
        return None
    return Summary(**state["summary"], seconds=time.perf_counter() - started, written=0, home=state["home"],
                   cached=True)


def save_run(root: Path, key: str, docs_dir: Path, counts: dict, home: str) -> None:
    """Record what a run depended on (its key, taken before it read anything) and made, for :func:`unchanged_run`."""
    path = state_file(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"key": key, "summary": counts, "home": home,
                                "files": owned_files(docs_dir)}, ensure_ascii=False), encoding="utf-8")
