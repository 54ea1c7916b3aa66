"""Shared fixtures: the project root, a strict site build, and a headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"


def mkdocs_build(site_dir: Path, project: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` exactly as a user would, capturing its log."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built strictly once per test session."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    return site


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` on a loopback port; yields the base URL ending in ``/``."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_server(built_site):
    """Serve the built site on a loopback port; yields the base URL."""
    with serve(built_site) as base:
        yield base


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
