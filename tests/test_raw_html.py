"""Long generated lists are raw HTML: the same HTML Markdown would make, seed text still shown literally."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import markdown
import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from build_scripts.site import hooks
from build_scripts.site.markup import (
    html_link,
    html_list,
    html_text,
    md_escape,
    page_link,
    page_url,
    raw,
    relative_url,
)

EXTENSIONS = ["attr_list", "def_list", "md_in_html", "tables", "pymdownx.superfences"]
TEXTS = ["<script>alert(1)</script>", "1. 第一 # *强调* `代码` [链接](x) \\ |表|", "A & B &amp; “引号” 'x' \"y\"",
         "—— 2019年 1+N 50%", "<!-- 注释 -->", "-->"]


def rendered(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize("text", TEXTS)
def test_html_text_is_what_markdown_makes_of_escaped_text(text):
    assert rendered(md_escape(text)) == f"<p>{html_text(text)}</p>"


def built(source: str) -> str:
    """A page's HTML as the build makes it: raw blocks set aside by the hook, Markdown, blocks put back."""
    page = SimpleNamespace(file=SimpleNamespace(src_uri="topics/x.md"))
    return hooks.on_page_content(rendered(hooks.on_page_markdown(source, page, None, None)), page, None, None)


@pytest.mark.parametrize("text", TEXTS)
def test_html_lists_are_what_markdown_makes_of_lists(text):
    tight = html_list([html_text(text), "<mark>两委</mark>" + html_text(text)])
    assert built("\n".join(["## 甲", "", *tight, "### 乙", "", "正文"])) == rendered(
        f"## 甲\n\n- {md_escape(text)}\n- <mark>两委</mark>{md_escape(text)}\n\n### 乙\n\n正文")
    loose = html_list([[html_text(text), "第二段"], ["一段"]])
    assert built("\n".join(["## 甲", "", *loose])) == rendered(f"## 甲\n\n- {md_escape(text)}\n\n    第二段\n\n- 一段")


PAGES = ["index.md", "tags.md", "reports/index.md", "reports/a-1.md", "topics/x.md", "glossary/index.md",
         "glossary/三会一课.md", "sources/s.md", "a/b/c.md"]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_links_are_the_urls_mkdocs_writes(directory_urls):
    for target, page in itertools.product(PAGES, PAGES):
        to, here = (File(p, "/docs", "/site", directory_urls) for p in (target, page))
        assert page_url(target, directory_urls) == to.url
        assert page_link(target, page, directory_urls) == get_relative_url(to.url, here.url)
        assert page_link(f"{target}#p3", page, directory_urls).endswith("#p3")
    assert html_link("reports/a.md#p1", "topics/x.md", directory_urls, "<b>") == (
        '<a href="../../reports/a/#p1">&lt;b&gt;</a>' if directory_urls else '<a href="../reports/a.html#p1">&lt;b&gt;</a>')


def test_the_hook_sets_raw_html_aside_and_puts_it_back():
    page = SimpleNamespace(file=SimpleNamespace(src_uri="topics/x.md"))
    blocks = [html_list(["<a href='#a'>一</a>"])[0], html_list([["二", "三"]])[0]]
    source = f"# 标题\n\n{blocks[0]}\n正文 *强调*\n\n<pre>{blocks[1]}</pre>\n"
    aside = hooks.on_page_markdown(source, page, None, None)
    assert "<ul>" not in aside and "<li>" not in aside
    html = hooks.on_page_content(rendered(aside), page, None, None)
    assert html == ("<h1>标题</h1>\n<ul>\n<li><a href='#a'>一</a></li>\n</ul>\n<p>正文 <em>强调</em></p>\n"
                    "<pre><ul>\n<li>\n<p>二</p>\n<p>三</p>\n</li>\n</ul></pre>")
    assert hooks.on_page_markdown("# 无\n", page, None, None) == "# 无\n"


@pytest.mark.parametrize("url, other", [
    ("reports/a/", "topics/t/"), ("reports/a/", "reports/b/"), ("./", "reports/a/"), ("x.html", "a/b.html"),
    ("a/b/c.html", "a/d.html"), ("a/../b/", "c/"), ("../../x/", "y/"), ("reports/", "reports/"),
    ("glossary/两委/", "reports/002/"), ("data/reports.csv", "data/index.html")])
def test_relative_urls_follow_mkdocs_rule(url, other):
    """The pipeline's own link rule gives what MkDocs gives (MkDocs stays out of the pipeline)."""
    assert relative_url(url, other) == get_relative_url(url, other)


@pytest.fixture(scope="module")
def corpus_items():
    from build_scripts.annotate.glossary import load_glossary
    from build_scripts.pipeline import ROOT, build_reports

    return load_glossary(), [report.items for report in build_reports(ROOT / "seeds")]


def test_report_paragraphs_in_raw_html_are_what_markdown_makes_of_them(corpus_items):
    """Every paragraph and caption of the corpus (linked terms, lost-quote marks, seed text shown literally)
    and the test texts: the raw HTML of the report page equals Markdown's rendering of the paragraph as
    Markdown (the link targets as written; ``page_link`` gives MkDocs' URLs, tested above)."""
    from build_scripts.site.glossary_pages import term_html
    from build_scripts.site.report_page import marked_text

    glossary, reports = corpus_items
    checked = 0
    for items in reports + [[SimpleNamespace(kind="paragraph", text=text) for text in TEXTS]]:
        as_markdown, as_html = set(), set()
        for item in items:
            if item.kind == "heading":
                continue
            markdown_text = marked_text(item.text, item.kind, glossary, as_markdown)
            raw_html = marked_text(item.text, item.kind, glossary, as_html,
                                   lambda entry, shown: term_html(entry, shown, f"../glossary/{entry.slug}.md"))
            expected = rendered(f'{markdown_text}\n{{: #p1 .{item.kind} data-lines="1-2" }}')
            assert built(raw(f'<p class="{item.kind}" data-lines="1-2" id="p1">{raw_html}</p>')) == expected
            checked += 1
    assert checked > 100 and as_markdown == as_html
