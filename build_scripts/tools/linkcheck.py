"""``python -m build_scripts.tools.linkcheck SITE_DIR [SITE_URL]``: every internal link, anchor and asset of a built site resolves.

Checks every HTML page's ``href``/``src`` (and ``url(...)`` in stylesheets):
the target file exists, a ``#fragment`` names an id or name on the target
page, and nothing points to another host — the archive must work offline.
MkDocs' own validation covers Markdown links; this covers what the theme,
raw HTML and templates add, for the served site and the offline bundle alike.
A canonical link names the page's published address and is never fetched:
it is checked as a link into the site when the site's ``SITE_URL`` is given,
and otherwise (the offline bundle, which names its published address) only
required to be such an address, not a file on disk.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
                   ("iframe", "src"), ("audio", "src"), ("video", "src"), ("object", "data")}
CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
ALLOWED_SCHEMES = {"data", "mailto", "javascript", "blob"}


@dataclass(frozen=True)
class Problem:
    page: str
    target: str
    reason: str

    def __str__(self):
        return f"{self.page}: {self.target}: {self.reason}"


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.canonical: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for key in ("id", "name"):
            if attributes.get(key):
                self.ids.add(attributes[key])
        if tag == "link" and "canonical" in (attributes.get("rel") or "").split() and attributes.get("href"):
            self.canonical.append(attributes["href"])
            return
        for name, value in attrs:
            if (tag, name) in LINK_ATTRIBUTES and value:
                self.links.append(value)
        if attributes.get("style"):
            self.links += CSS_URL_RE.findall(attributes["style"])


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def _resolve(site: Path, page: Path, target: str) -> Path:
    path = unquote(urlsplit(target).path)
    base = site if path.startswith("/") else page.parent
    resolved = (base / path.lstrip("/")).resolve() if path else page
    return resolved / "index.html" if resolved.is_dir() else resolved


def check_site(site: Path, site_url: str | None = None) -> list[Problem]:
    """All problems in a built site, in a stable order.

    Links to the site's own published address (``site_url``: canonical
    links; its path: the 404 page's root-relative links) are checked as links
    into the site folder.
    """
    site = site.resolve()
    pages = {path: _parse(path) for path in sorted(site.rglob("*.html"))}
    problems = []
    sources = [(path, page.links + [c for c in page.canonical if site_url or not urlsplit(c).scheme.startswith("http")])
               for path, page in pages.items()]
    sources += [(path, CSS_URL_RE.findall(path.read_text(encoding="utf-8", errors="replace")))
                for path in sorted(site.rglob("*.css"))]
    for path, links in sources:
        where = path.relative_to(site).as_posix()
        for link in links:
            for prefix in filter(None, (site_url, site_url and urlsplit(site_url).path)):
                if link.startswith(prefix):
                    link = "/" + link[len(prefix):]
                    break
            parts = urlsplit(link)
            if parts.scheme in ALLOWED_SCHEMES:
                continue
            if parts.scheme or parts.netloc:
                problems.append(Problem(where, link, "points outside the site"))
                continue
            target = _resolve(site, path, link)
            if site not in target.parents and target != site:
                problems.append(Problem(where, link, "leaves the site folder"))
            elif not target.is_file():
                problems.append(Problem(where, link, "no such file"))
            elif parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in pages[target].ids:
                    problems.append(Problem(where, link, f"no anchor #{unquote(parts.fragment)} there"))
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (1, 2):
        print("usage: python -m build_scripts.tools.linkcheck SITE_DIR [SITE_URL]", file=sys.stderr)
        return 2
    problems = check_site(Path(args[0]), args[1] if len(args) == 2 else None)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
