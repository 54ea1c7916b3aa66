"""A web page's metadata as evidence: its titles, author, date, publication and editor, each with where it was read.

Nothing here decides what the report's date or author is: the evidence is
listed in order of trust (what the page prints, then what it tells
machines) and :mod:`build_scripts.annotate.extracted` weighs it against the
text and the sidecar.
"""

from __future__ import annotations

import re

from build_scripts.model import Dropped, Evidence
from build_scripts.text.formats.common import find_date, quiet
from build_scripts.text.rules import HAN

TITLE_SPLIT_RE = re.compile(r"\s*(?:_|\||｜|\s-\s|\s–\s|\s—\s)\s*")
FIELD_RE = re.compile(r"(来源|出处|作者|本报记者|记者|通讯员|责任编辑|编辑|发布时间|发布日期|时间|日期)\s*[：:]\s*")
NAMES_RE = re.compile(f"[{HAN}·]{{2,8}}")
#: ``<meta>`` keys by what they state, most specific first (Chinese government sites use ArticleTitle, PubDate …).
META_KEYS = {
    "title": ("og:title", "articletitle", "title", "twitter:title"),
    "author": ("author", "article:author", "dc.creator"),
    "publication": ("contentsource", "source", "og:site_name", "sitename", "application-name"),
}


def meta_tags(tree) -> list[tuple[str, str]]:
    """``(tag, content)`` of every ``<meta name|property>`` in page order, the tag as written (``<meta property="og:title">``)."""
    found = []
    for meta in tree.iter("meta"):
        attribute = next((a for a in ("property", "name", "itemprop") if meta.get(a)), None)
        content = (meta.get("content") or "").strip()
        if attribute and content:
            found.append((f'<meta {attribute}="{meta.get(attribute).strip()}">', content))
    return found


def _key(tag: str) -> str:
    return tag.split('"')[1].lower()


def _meta(tree, keys: tuple[str, ...]) -> list[tuple[str, str]]:
    tags = meta_tags(tree)
    return [(tag, content) for wanted in keys for tag, content in tags if _key(tag) == wanted]


def site_name(tree) -> str | None:
    names = _meta(tree, ("og:site_name", "sitename", "application-name"))
    return names[0][1] if names else None


def page_title(tree) -> str | None:
    """``<title>`` without the site's name: ``标题_北疆党建网`` → ``标题``.

    The site's name is the part the page names as its site, or else the
    last part, where sites put it.
    """
    element = tree.find(".//title")
    if element is None or not (element.text or "").strip():
        return None
    parts = [p for p in TITLE_SPLIT_RE.split(element.text.strip()) if p]
    site = site_name(tree)
    if site and site in parts[1:]:
        parts = parts[:parts.index(site, 1)]
    elif len(parts) > 1:
        parts = parts[:-1]
    return " ".join(parts)


def meta_titles(tree) -> list[str]:
    """The titles a page gives machines, most trusted first."""
    return [content for _, content in _meta(tree, META_KEYS["title"][:2])] + [t for t in [page_title(tree)] if t]


def source_fields(text: str) -> list[tuple[str, str]]:
    """``2021-06-18 来源：北疆党建网　作者：乌日娜`` → ``[("来源", "北疆党建网"), ("作者", "乌日娜")]``.

    A field's value runs to the next label or to a wide gap.

    >>> source_fields("2021-06-18 09:30　来源：北疆党建网　作者：乌日娜 张强")
    [('来源', '北疆党建网'), ('作者', '乌日娜 张强')]
    """
    marks = list(FIELD_RE.finditer(text))
    fields = []
    for mark, following in zip(marks, marks[1:] + [None]):
        value = text[mark.end():following.start() if following else len(text)]
        value = re.split(r"\u3000|\s{2,}", value.strip())[0].strip(" []【】()（）")
        if value:
            fields.append((mark.group(1), value))
    return fields


def page_evidence(tree, html_text: str, dropped: list[Dropped], title: str) -> list[Evidence]:
    """Every fact the page states about its article, most trusted first within each field."""
    evidence = [Evidence("title", content, tag, "metadata") for tag, content in _meta(tree, META_KEYS["title"][:2])]
    if page_title(tree):
        evidence.append(Evidence("title", page_title(tree), "<title> without the site's name", "metadata"))
    source_lines = [d for d in dropped if d.kind == "source line"]
    for line in source_lines:
        for label, value in source_fields(line.text):
            if label in ("来源", "出处"):
                evidence.append(Evidence("publication", value, f"the page's source line “{line.text}”", "stated"))
            elif label in ("作者", "本报记者", "记者", "通讯员"):
                evidence += [Evidence("author", name, f"the page's source line “{line.text}”", "stated", label)
                             for name in NAMES_RE.findall(value)]
    for tag, content in _meta(tree, META_KEYS["author"]):
        evidence += [Evidence("author", name, f'{tag[:-1]} content="{content}">', "metadata", "author")
                     for name in NAMES_RE.findall(content)]
    evidence += [Evidence("publication", content, tag, "metadata") for tag, content in _meta(tree, META_KEYS["publication"])]
    evidence += date_evidence(tree, html_text, source_lines)
    for line in dropped:
        if line.kind == "editor tag":
            evidence += [Evidence("editor", value, f"editor tag “{line.text}”", "stated")
                         for _, value in source_fields(line.text.strip("[]【】()（）"))]
    return evidence


def date_evidence(tree, html_text: str, source_lines: list[Dropped]) -> list[Evidence]:
    """The page's publication date: htmldate's reading of its markup, with the tag it stands in; else the source line."""
    import htmldate

    with quiet("htmldate", "dateparser"):
        found = htmldate.find_date(html_text, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    if found:
        compact = found.replace("-", "")
        for tag, content in meta_tags(tree):
            if found in content or compact in re.sub(r"\D", "", content)[:8]:
                return [Evidence("date", found, f'{tag[:-1]} content="{content}"> (read by htmldate)', "metadata")]
        for element in tree.iter("time"):
            if found in (element.get("datetime") or ""):
                return [Evidence("date", found, f'<time datetime="{element.get("datetime")}"> (read by htmldate)',
                                 "metadata")]
    for line in source_lines:
        if stated := find_date(line.text):
            return [Evidence("date", stated[0], f"the page's source line “{line.text}”", "stated")]
    if found:
        return [Evidence("date", found, "htmldate's reading of the page's markup", "metadata")]
    return []
