"""The package's shape: stages as sub-packages, no import cycles, lower stages never import higher ones.

Imports are read from the source with :mod:`ast`, including those inside
functions (a lazy import still ties two modules together), so a cycle cannot
hide behind ``def f(): from … import …``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "build_scripts"
MAX_LINES = 600
#: Stage packages and what each may import besides itself and the shared base modules.
ALLOWED = {
    "text": set(),
    "annotate": {"text"},
    "export": {"text", "annotate", "site.urls", "site.markup", "site.output"},
    "site": {"text", "annotate", "export"},
    "tools": {"text", "annotate", "export", "site", "pipeline"},
}
BASE = {"errors", "model"}
#: Modules that import nothing of the archive but the base: any stage may use them.
LEAVES = {"site.markup", "site.urls", "site.output", "text.layout", "annotate.wording"}
#: The engine's entry point runs the whole pipeline.
ENTRY_POINTS = {"site.hooks": {"pipeline", "run_state"}}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__")


def archive_imports(path: Path) -> set[str]:
    """Every ``build_scripts`` module the file imports, wherever in the file the import stands."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("build_scripts"):
            base = node.module.removeprefix("build_scripts").lstrip(".")
            for alias in node.names:
                candidate = f"{base}.{alias.name}" if base else alias.name
                found.add(candidate if (PACKAGE / (candidate.replace(".", "/") + ".py")).exists() else base)
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("build_scripts.") for a in node.names if a.name.startswith("build_scripts.")}
    return {name for name in found if name}


GRAPH = {module_name(p): archive_imports(p) - {module_name(p)} for p in sorted(PACKAGE.rglob("*.py"))}


def test_the_graph_is_read():
    """The reader finds real edges (a parser that found none would pass every test below)."""
    assert "text.rules" in GRAPH["text.passes"]
    assert "annotate.places" in GRAPH["annotate.metadata"]
    assert "pipeline" in GRAPH["site.hooks"]


def test_no_import_cycles():
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        stack.append(name)
        for target in sorted(GRAPH.get(name, ())):
            if state.get(target) == 1:
                cycle = stack[stack.index(target):] + [target]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if target in GRAPH and not state.get(target):
                visit(target)
        stack.pop()
        state[name] = 2

    for name in GRAPH:
        if not state.get(name):
            visit(name)


@pytest.mark.parametrize("name", sorted(n for n in GRAPH if "." in n and n.split(".")[0] in ALLOWED))
def test_stage_imports_only_lower_stages(name):
    stage = name.split(".")[0]
    allowed = ALLOWED[stage] | BASE | LEAVES | {stage} | ENTRY_POINTS.get(name, set())
    for target in GRAPH[name]:
        assert target in allowed or target.split(".")[0] in allowed, f"{name} imports {target}"


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_leaf_modules_import_nothing_of_the_archive(name):
    assert GRAPH[name] <= BASE, f"{name} imports {GRAPH[name] - BASE}"


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: module_name(p))
def test_no_module_over_the_size_limit(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines: split it by job"
