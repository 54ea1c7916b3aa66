"""Web pages: the article of a page saved from a browser, without the site printed around it.

trafilatura finds the article's text (its main-content extraction is kept up
and scored on many sites); the page itself is read line by line as a browser
shows it, and each line is the article's (trafilatura kept it), a caption of
one of the article's pictures, the article's heading, or the site's
furniture — navigation, breadcrumb, share bar, source line, editor tag,
related links, footer — which is listed in the extraction record, never
lost in silence.  The title is the article's own heading, not ``<title>``
with the site's name; author, date and publication come from the page's
metadata and source line as evidence with their basis (htmldate reads the
date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from build_scripts.errors import SeedError
from build_scripts.model import Dropped, Extraction
from build_scripts.text.decoding import decode
from build_scripts.text.formats.common import HEADING_NOTE, Block, clean_line, compose, quiet, tool_label
from build_scripts.text.formats.pagemeta import meta_titles, page_evidence
from build_scripts.text.layout import ends_sentence, width
from build_scripts.text.rules import HAN_RE

BLOCK_TAGS = frozenset("""address article aside blockquote body center dd details dialog div dl dt fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr
ul caption""".split())
SKIPPED_TAGS = frozenset("script style noscript template head title iframe object embed svg canvas map".split())
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
CAPTION_MAX = 80          # characters: a picture's caption is no longer than this
MATCH_MIN = 6             # characters: a shorter line counts as the article's only when trafilatura kept it whole
BOLD_HEADING_MAX = 40     # characters: a paragraph all in bold and no longer than this is a section heading

CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
CHARSETS = {"utf-8": "utf-8", "utf8": "utf-8", "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
            "cp936": "gb18030", "gb18030": "gb18030", "euc-cn": "gb18030"}
XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
SPACE_RUN_RE = re.compile(r"[ \t\r\n\f]+")

#: Lines the article container holds that are still the page's furniture, by what they are.
IN_ARTICLE_FURNITURE = [
    ("editor tag", re.compile(r"^[\[【（(]?\s*(?:责任编辑|责编|编辑|审核|审校|校对|初审|复审|终审|监制)\s*[：:]"
                              r"[^\]】）)]{1,30}[\]】）)]?$")),
    ("share bar", re.compile(r"^(?:分享到|分享至|转发到|扫一扫|扫码)")),
    ("page tools", re.compile(r"^[\[【]?\s*(?:打印本页|打印|关闭窗口|关闭|收藏|返回顶部|发表评论)\s*[\]】]?$|字[体号]\s*[：:]\s*[大中小]")),
    ("source line", re.compile(r"^(?:[\d\-/.: ]+\s*)?(?:来源|作者|发布时间|发布日期|浏览次数|点击数)\s*[：:].{0,60}$")),
]
#: Furniture outside the article, recognised by its words or by the element that holds it.
PAGE_FURNITURE = IN_ARTICLE_FURNITURE + [
    ("source line", re.compile(r"^(?:[\d\-/.: ]+\s*)?(?:来源|作者|时间|日期|发布)\s*[：:]")),
    ("breadcrumb", re.compile(r"^(?:当前位置|您的位置|您当前的位置|所在位置|位置)\s*[：:]|(?:首页|主页)\s*[>»＞›]")),
    ("footer", re.compile(r"版权所有|Copyright|©|ICP备|ICP证|公网安备|网站地图|联系我们")),
]
ELEMENT_FURNITURE = [
    ("navigation", re.compile(r"\bnav|menu|daohang", re.I)),
    ("breadcrumb", re.compile(r"crumb|weizhi|location|position", re.I)),
    ("share bar", re.compile(r"share|fenxiang", re.I)),
    ("related links", re.compile(r"relat|xiangguan|recommend|tuijian|hot", re.I)),
    ("footer", re.compile(r"foot|copyright|banquan|bottom", re.I)),
    ("site header", re.compile(r"^header$|^head$|top|logo|banner", re.I)),
]


@dataclass
class PageLine:
    """One line of the page as a browser shows it, with the block element that holds it."""

    text: str
    element: object
    after_image: bool = False
    bold: bool = False

    @property
    def tag(self) -> str:
        return self.element.tag

    @property
    def key(self) -> str:
        return _key(self.text)


def _key(text: str) -> str:
    return re.sub(r"\s", "", text)


NO_ARTICLE = ("has no article that trafilatura can find (no Chinese text in sentences beyond the site's menus "
              "and links: a list, index or empty page?)")
NO_ARTICLE_FIX = "save the article's own page, the one showing its full text, or copy the text into a .txt seed"


def extract_page(path: Path, raw: bytes) -> tuple[str, str, Extraction]:
    """The article's text, the charset the page was read in, and the extraction record.

    An article has sentences: a page whose kept text is only headings and
    link titles (a column's list of articles) has none, and stops.
    """
    text, encoding = decode_page(raw, path)
    tree = _parse(text, path)
    lines = visible_lines(tree)
    kept = article_keys(text, path)
    record = Extraction("html", tool_label("html"))
    blocks = article_blocks(lines, kept, record, path)
    if not any(b.kind == "paragraph" and (ends_sentence(b.text) or len(b.text) > CAPTION_MAX) for b in blocks):
        raise SeedError(path, NO_ARTICLE, NO_ARTICLE_FIX)
    record.evidence = page_evidence(tree, text, record.dropped, blocks[0].text if blocks else "")
    record.notes.insert(0, HEADING_NOTE)
    article, _ = compose(blocks)
    return article, encoding, record


def decode_page(raw: bytes, path: Path) -> tuple[str, str]:
    """A page in the charset it declares (GB2312 and GBK read as their superset GB18030), else as a text seed is read."""
    declared = CHARSET_RE.search(raw[:4096])
    encoding = CHARSETS.get(declared.group(1).decode("ascii").lower()) if declared else None
    if encoding and not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            pass  # the declaration is wrong (a page re-saved as UTF-8 keeps its old <meta>): read the bytes as they are
    return decode(raw, path)


def _parse(text: str, path: Path):
    import lxml.html
    from lxml.etree import ParserError

    try:
        return lxml.html.document_fromstring(XML_DECLARATION_RE.sub("", text))
    except (ParserError, ValueError) as exc:
        raise SeedError(path, f"is not a readable web page ({exc})",
                        "save the page again from the browser (\"Webpage, HTML only\")") from exc


class _Lines:
    """Collects a page's text into lines the way a browser breaks them: at blocks, ``<br>`` and pictures."""

    def __init__(self):
        self.lines: list[PageLine] = []
        self.pieces: list[tuple[str, bool]] = []
        self.element = None
        self.image = False

    def add(self, text: str | None, bold: bool) -> None:
        if text:
            self.pieces.append((text, bold))

    def flush(self) -> None:
        joined = _collapse("".join(text for text, _ in self.pieces))
        if joined:
            bold = all(b for t, b in self.pieces if t.strip())
            self.lines.append(PageLine(joined, self.element, self.image, bold))
            self.image = False
        self.pieces = []


def _collapse(text: str) -> str:
    """Spaces as a browser shows them: runs become one space; a line break between two Han characters vanishes."""
    def space(match: re.Match) -> str:
        before, after = match.string[match.start() - 1:match.start()], match.string[match.end():match.end() + 1]
        wide = before and after and width(before) == 2 and width(after) == 2
        return "" if wide and "\n" in match.group(0) else " "
    return clean_line(SPACE_RUN_RE.sub(space, text))


def _hidden(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return element.get("hidden") is not None or "display:none" in style or "visibility:hidden" in style


def visible_lines(tree) -> list[PageLine]:
    """Every line of text the page shows, in reading order, with its block element."""
    collector = _Lines()
    body = tree.find("body")
    _walk(body if body is not None else tree, tree, collector, False)
    collector.flush()
    return collector.lines


def _walk(element, block, out: _Lines, bold: bool) -> None:
    tag = element.tag if isinstance(element.tag, str) else None
    if tag is None or tag in SKIPPED_TAGS or _hidden(element):
        return
    if tag in BLOCK_TAGS or tag in ("br", "img"):
        out.flush()
        out.element = block = element if tag in BLOCK_TAGS else block
    if tag == "img":
        out.image = True
    bold = bold or tag in ("b", "strong") or "bold" in (element.get("style") or "")
    out.add(element.text, bold)
    for child in element:
        _walk(child, block, out, bold)
        if child.tail:
            if out.element is not block:
                out.flush()
                out.element = block
            out.add(child.tail, bold)
    if tag in BLOCK_TAGS:
        out.flush()


def article_keys(text: str, path: Path) -> tuple[set[str], str]:
    """What trafilatura keeps as the article: each kept element's text and all of it, spaces removed."""
    import trafilatura
    from lxml import etree

    with quiet("trafilatura", "htmldate", "courlan", "justext"):
        xml = trafilatura.extract(text, output_format="xml", include_formatting=True, include_images=True,
                                  include_tables=True, include_comments=False, include_links=False,
                                  deduplicate=False, with_metadata=False)
    main = etree.fromstring(xml.encode("utf-8")).find("main") if xml else None
    if main is None or not HAN_RE.search("".join(main.itertext())):
        raise SeedError(path, NO_ARTICLE, NO_ARTICLE_FIX)
    keys = {_key("".join(element.itertext())) for element in main.iter()}
    return {k for k in keys if k}, _key("".join(main.itertext()))


def _kept(line: PageLine, kept: tuple[set[str], str]) -> bool:
    whole, joined = kept
    return line.key in whole or (len(line.key) >= MATCH_MIN and line.key in joined)


def _ancestors(element) -> list:
    chain = []
    while element is not None:
        chain.append(element)
        element = element.getparent()
    return chain


def _container(elements: list):
    """The innermost element holding every line trafilatura kept: the article's container."""
    common = _ancestors(elements[0])
    for element in elements[1:]:
        chain = set(map(id, _ancestors(element)))
        common = [a for a in common if id(a) in chain]
    return common[0]


def describe(element) -> str:
    """``<div class="breadcrumb">``: where a dropped line stood in the page."""
    attributes = "".join(f' {name}="{element.get(name)}"' for name in ("id", "class") if element.get(name))
    return f"<{element.tag}{attributes}>"


def furniture_kind(line: PageLine, patterns=PAGE_FURNITURE) -> str | None:
    """What piece of the site's furniture a line is, by its words or by the elements holding it."""
    for kind, pattern in patterns:
        if pattern.search(line.text):
            return kind
    if patterns is IN_ARTICLE_FURNITURE:
        return None
    for element in _ancestors(line.element):
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("nav", "footer", "aside", "header"):
            return {"nav": "navigation", "footer": "footer", "aside": "related links", "header": "site header"}[element.tag]
        names = f"{element.get('id') or ''} {element.get('class') or ''}".strip()
        for kind, pattern in ELEMENT_FURNITURE:
            if names and any(pattern.search(name) for name in names.split()):
                return kind
    return None


def _heading_level(line: PageLine) -> int | None:
    return HEADING_TAGS.index(line.tag) + 1 if line.tag in HEADING_TAGS else None


def title_index(lines: list[PageLine], first: int, meta_titles: list[str]) -> int | None:
    """The article's heading: a heading before the text naming the page's title, else the nearest ``<h1>``, ``<h2>``…"""
    candidates = [i for i in range(first + 1) if _heading_level(lines[i]) and furniture_kind(lines[i]) is None]
    named = [i for i in candidates if any(lines[i].key and (lines[i].key in _key(t) or _key(t) in lines[i].key)
                                          for t in meta_titles if t)]
    if named:
        return named[-1]
    for level in (1, 2, 3):
        at_level = [i for i in candidates if _heading_level(lines[i]) == level]
        if at_level:
            return at_level[-1]
    return None


def article_blocks(lines: list[PageLine], kept, record: Extraction, path: Path) -> list[Block]:
    """The article as blocks (heading, paragraphs, captions); every other line goes to ``record.dropped``."""
    kept_at = [i for i, line in enumerate(lines) if _kept(line, kept)]
    if not kept_at:
        raise SeedError(path, "has no article text that matches the page as shown",
                        "save the article's own page again from the browser (\"Webpage, HTML only\")")
    first, last = kept_at[0], kept_at[-1]
    titles = meta_titles(lines[0].element.getroottree())
    at = title_index(lines, first, titles)
    blocks = _header_blocks(lines, at, first, record, titles)
    container = _container([lines[i].element for i in kept_at])
    inside = {id(e) for e in container.iter()}
    levels = sorted({_heading_level(lines[i]) for i in kept_at if _heading_level(lines[i]) and i != at})
    top = max((b.level for b in blocks if b.kind == "heading"), default=1)   # the title's level
    pictures = 0
    for i in range(first, last + 1):
        if i == at:
            continue
        line = lines[i]
        pictures += line.after_image
        block = _article_line(line, _kept(line, kept), id(line.element) in inside, levels, top)
        if isinstance(block, Block):
            blocks.append(block)
        else:
            record.dropped.append(Dropped(block, line.text, describe(line.element)))
    record.dropped[:0] = [Dropped(furniture_kind(line) or "page furniture", line.text, describe(line.element))
                          for line in lines[:first] if line not in _used_header(lines, at, first)]
    record.dropped += [Dropped(furniture_kind(line) or "page furniture", line.text, describe(line.element))
                       for line in lines[last + 1:]]
    if pictures:
        record.notes.append(f"pictures in the article: {pictures} (not kept; a caption under a picture "
                            "follows a gap of two blank lines, where the caption rule reads it)")
    return blocks


def _used_header(lines: list[PageLine], at: int | None, first: int) -> list[PageLine]:
    """The lines before the text that :func:`_header_blocks` made the article's kicker, title and subtitles."""
    if at is None:
        return []
    used = [lines[at]] + [lines[i] for i in range(at + 1, first) if _heading_level(lines[i])
                          and furniture_kind(lines[i]) is None]
    if at > 0 and _kicker(lines[at - 1], lines[at]):
        used.append(lines[at - 1])
    return used


def _kicker(line: PageLine, title: PageLine) -> bool:
    level = _heading_level(line)
    return bool(level) and level > (_heading_level(title) or 1) and furniture_kind(line) is None and line.key != title.key


def _header_blocks(lines: list[PageLine], at: int | None, first: int, record: Extraction,
                   titles: list[str]) -> list[Block]:
    """Kicker (``#``), title, subtitles (bare lines) from the headings around the article's heading.

    A heading printed just above the title in a smaller size is the kicker
    (引题): it goes first one level up, which is how the passes tell a kicker
    from a title.  Without any heading before the text the page's metadata
    title stands in, and the record says so.
    """
    if at is None:
        fallback = next((t for t in titles if HAN_RE.search(t)), None)
        if fallback is None:
            return []
        record.notes.append(f"the page has no heading above the article: the title “{fallback}” is taken from "
                            "its metadata (<meta property=\"og:title\"> or <title> without the site's name)")
        return [Block("heading", fallback, 1)]
    blocks = []
    if at > 0 and _kicker(lines[at - 1], lines[at]):
        blocks.append(Block("heading", lines[at - 1].text, 1))
    blocks.append(Block("heading", lines[at].text, len(blocks) + 1))
    blocks += [Block("header", lines[i].text) for i in range(at + 1, first)
               if _heading_level(lines[i]) and furniture_kind(lines[i]) is None]
    return blocks


def _article_line(line: PageLine, kept: bool, inside: bool, levels: list[int], top: int) -> Block | str:
    """A line between the article's first and last: its block, or the kind of furniture it is."""
    kind = furniture_kind(line, IN_ARTICLE_FURNITURE)
    if kind:
        return kind
    caption = (line.tag == "figcaption" or line.after_image) and len(line.text) <= CAPTION_MAX and (
        line.tag == "figcaption" or "摄" in line.text or not ends_sentence(line.text) or _centred(line.element))
    if caption and inside:
        return Block("caption", line.text)
    if not kept:
        return furniture_kind(line) or "not the article's text (trafilatura)"
    level = _heading_level(line)
    if level:
        return Block("heading", line.text, top + 1 + levels.index(level))
    if line.bold and len(line.text) <= BOLD_HEADING_MAX and not ends_sentence(line.text):
        return Block("heading", line.text, top + 1 + len(levels))
    return Block("paragraph", line.text)


def _centred(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return element.tag == "center" or "text-align:center" in style or (element.get("align") or "").lower() == "center"

