"""mkdocs serve: an edited seed rebuilds once, because the pipeline's own writes to docs/ are not watched."""

from __future__ import annotations

from types import SimpleNamespace

from build_scripts.run_state import OWNED
from build_scripts.site import hooks


class Server:
    """Records what the hook asks MkDocs' live-reload server to watch."""

    def __init__(self, watched: dict[str, bool]):
        self.watched = watched

    def watch(self, path: str, recursive: bool = True) -> None:
        self.watched[path] = recursive

    def unwatch(self, path: str) -> None:
        del self.watched[path]


def test_serve_watches_hand_written_docs_but_not_the_generated_folders(tmp_path):
    docs = tmp_path / "docs"
    for folder in (*OWNED, "stylesheets", "javascripts"):
        (docs / folder).mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    server = Server({str(docs): True, str(tmp_path / "mkdocs.yml"): True})
    assert hooks.on_serve(server, SimpleNamespace(docs_dir=str(docs)), None) is server
    assert server.watched == {str(docs): False, str(tmp_path / "mkdocs.yml"): True,
                              str(docs / "javascripts"): True, str(docs / "stylesheets"): True}
