"""The engine boundary: the pipeline needs no MkDocs, and Zensical builds the generated docs/.

Material for MkDocs reaches end of life on 5 May 2027; Zensical (same team)
is its successor.  MIGRATION.md says what moving would take; these tests
keep the way open: only ``build_scripts.site.hooks`` imports MkDocs, and
the Markdown the pipeline writes builds with Zensical into report pages
with their paragraph ids.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from build_scripts.pipeline import run
from tests.conftest import ROOT

ZENSICAL_CONFIG = """site_name: 内蒙古基层党建报告注释档案
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
markdown_extensions:
  - attr_list
  - md_in_html
  - def_list
  - tables
  - pymdownx.superfences
  - pymdownx.tabbed
"""


def test_the_pipeline_runs_without_mkdocs():
    code = ("import sys, build_scripts.pipeline, build_scripts.__main__; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.build
def test_zensical_builds_the_generated_docs(project_copy):
    zensical = shutil.which("zensical", path=str(ROOT / ".venv" / "bin")) or shutil.which("zensical")
    assert zensical, "zensical is in requirements-dev.txt: install it with the test command"
    for path in (ROOT / "seeds").iterdir():
        shutil.copy(path, project_copy / "seeds" / path.name)
    run(root=project_copy)
    (project_copy / "zensical.yml").write_text(ZENSICAL_CONFIG, encoding="utf-8")
    (project_copy / "mkdocs.yml").unlink()
    shutil.move(project_copy / "zensical.yml", project_copy / "mkdocs.yml")
    result = subprocess.run([zensical, "build"], cwd=project_copy, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (project_copy / "site" / "reports" / "002-2778e66e9170e371" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h1 id="title">让党旗在北疆草原高高飘扬', page)
    assert len(re.findall(r'id="p\d+"', page)) >= 20
    assert (project_copy / "site" / "sources" / "002-2778e66e9170e371" / "index.html").exists()
