"""Shared fixtures: the project root, the strict site builds every test shares, and one headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import extra_seeds
import pytest
from filelock import FileLock

from build_scripts.tools.bench import served as serve  # a folder on a loopback port, as a static host serves it

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"
LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
#: The published address the publishing and citation tests build with.
SITE_URL = "https://example.github.io/nmg-archive/"


def root_lock() -> FileLock:
    """Held by every build that writes the project's own ``docs/``: the suite runs in parallel workers
    (pytest-xdist), and two builds of the project at once would read each other's half-written pages."""
    (ROOT / ".cache").mkdir(exist_ok=True)
    return FileLock(str(ROOT / ".cache" / "tests-root.lock"))


def mkdocs_build(site_dir: Path, project: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` exactly as a user would, capturing its log."""
    with root_lock() if project == ROOT else contextlib.nullcontext():
        return subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
            cwd=project, capture_output=True, text=True, timeout=600,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


def made_once(tmp_path_factory, name: str, make) -> tuple[Path, str]:
    """``make(folder)`` once for the whole run, shared by every worker; returns the folder and what it logged.

    Under pytest-xdist each worker has its own session, so a session fixture
    alone would build the site once per worker; the first worker to get here
    builds it into the run's common temporary folder, the others wait and reuse it.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder, log = base / name, base / f"{name}.log"
    with FileLock(str(base / f"{name}.lock")):
        if not log.exists():
            if folder.exists():
                shutil.rmtree(folder)  # a worker's failed attempt: start again
            log.write_text(make(folder), encoding="utf-8")
    return folder, log.read_text(encoding="utf-8")


@dataclass
class Build:
    """A strict build: the project built, the site folder, MkDocs' log and the records it exported."""

    project: Path
    site: Path
    log: str

    @functools.cached_property
    def records(self) -> dict[str, dict]:
        data = json.loads((self.site / "data" / "reports.json").read_text(encoding="utf-8"))
        return {record["id"]: record for record in data}


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    """The real site, built strictly once per test session and shared by every test that reads it."""
    site, log = made_once(tmp_path_factory, "site", built_strictly)
    return Build(ROOT, site, log)


@pytest.fixture(scope="session")
def built_site(site_build) -> Path:
    """The folder of the shared built site (tests must not write into it: copy it first)."""
    return site_build.site


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The site as published (``SITE_URL`` set), built strictly once per session."""
    return made_once(tmp_path_factory, "published", lambda site: built_strictly(site, env={"SITE_URL": SITE_URL}))[0]


def built_strictly(site: Path, project: Path = ROOT, env: dict | None = None) -> str:
    """Build ``project`` strictly into ``site``; its log, or the test fails with MkDocs' messages."""
    result = mkdocs_build(site, project=project, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory) -> Path:
    """The offline bundle's zip, made once per session."""
    from build_scripts.tools import bundle

    def make(folder: Path) -> str:
        folder.mkdir()
        with root_lock():
            return str(bundle.make_bundle(folder, site_url=SITE_URL))

    return Path(made_once(tmp_path_factory, "dist", make)[1])


@pytest.fixture(scope="session")
def offline_site(offline_zip, tmp_path_factory) -> Path:
    """The offline bundle unzipped, as a reader in the field has it: its one top folder."""
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(folder)
    [site] = [p for p in folder.iterdir() if p.is_dir()]
    return site


@pytest.fixture(scope="session")
def offline_base(offline_site) -> str:
    """The unzipped offline bundle as a file URL ending in ``/``."""
    return offline_site.as_uri() + "/"


@pytest.fixture(scope="session")
def extras(tmp_path_factory) -> Build:
    """One project with the corpus and every extra seed of ``tests/extra_seeds.py``, built strictly once.

    The site tests that need seeds of their own (a new GB18030 report, markup in a seed's body and header
    lines, the layout fixtures, every term marked on a demo page) share this build instead of building
    a project each.
    """
    folder, log = made_once(tmp_path_factory, "extras", extras_project)
    return Build(folder / "project", folder / "project" / "site", log)


def extras_project(folder: Path) -> str:
    """Make and build the extras' project under ``folder``; MkDocs' log."""
    from build_scripts.annotate.glossary import load_glossary
    from build_scripts.pipeline import build_reports
    from build_scripts.site.glossary_pages import link_terms

    folder.mkdir()
    project = copy_project(folder / "project")
    for path in sorted((ROOT / "seeds").iterdir()):
        shutil.copy2(path, project / "seeds" / path.name)
    fixtures = sorted(path.name.removesuffix(".truth.yml") for path in LAYOUTS.glob("*.truth.yml"))
    for n, name in enumerate(fixtures, start=100):
        shutil.copy(LAYOUTS / f"{name}.txt", project / "seeds" / f"{n}_{name}.txt")
    (project / "seeds" / extra_seeds.NEW_SEED_FILE).write_bytes(
        extra_seeds.NEW_SEED.replace("\n", "\r\n").encode("gb18030"))
    for name, text in extra_seeds.INJECTION_FILES.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    glossary = load_glossary()
    demo = ["---", "title: Marked terms", "---", "", "# Marked terms", ""]
    demo += [link_terms(item.text, glossary) + "\n" for report in build_reports(ROOT / "seeds")
             for item in report.items]
    (project / "docs" / "demo").mkdir()
    (project / "docs" / "demo" / "marked.md").write_text("\n".join(demo), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  /review/\n", "  /review/\n  /demo/\n", 1),
                      encoding="utf-8")
    return built_strictly(project / "site", project)


@pytest.fixture(scope="session")
def site_server(built_site):
    """Serve the built site on a loopback port; yields the base URL."""
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def extras_server(extras):
    """Serve the extras' built site on a loopback port; yields the base URL."""
    with serve(extras.site) as base:
        yield base


#: Fixtures that build a site (directly or through another fixture); a test using one is marked ``build``.
BUILD_FIXTURES = {"site_build", "extras", "published_site", "offline_zip", "formats_site"}


def pytest_collection_modifyitems(items):
    """Mark every test that drives Chromium ``browser`` and every test that needs a built site ``build``
    (tests that call ``mkdocs build`` themselves carry the mark in their module), so that
    ``-m "not browser"`` or ``-m "not build"`` selects the quick part of the suite."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "browser" in names:
            item.add_marker(pytest.mark.browser)
        if names & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright; skipped only outside CI when absent."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go, for a person to look at after the run."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the project without seeds, for building sites from test seeds."""
    return copy_project(tmp_path / "project")


def copy_project(target: Path) -> Path:
    """Copy the project's code, pages and settings into ``target``, with an empty ``seeds/``."""
    target.mkdir()
    for name in ("mkdocs.yml", "build_scripts", "docs", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name,
                            ignore=shutil.ignore_patterns("__pycache__", "reports", "data"))
        else:
            shutil.copy2(source, target / name)
    shutil.copytree(ROOT / "build_scripts" / "data", target / "build_scripts" / "data", dirs_exist_ok=True)
    (target / "seeds").mkdir()
    return target
