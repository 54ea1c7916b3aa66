"""Assembly: one report from its part of a seed — header, items with stable ids, furniture, edits — and conservation.

What rules derive about the report (date, type, regions) is added by
:mod:`build_scripts.annotate.metadata`; the conservation check then proves
that no Han character of the seed was lost or invented.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from pymdownx.slugs import slugify

from build_scripts.errors import ConservationError, SidecarError
from build_scripts.model import (
    CONTRIBUTOR_ROLES,
    TEXT_ROLES,
    Author,
    Edit,
    Furniture,
    Item,
    Report,
    Seed,
    Unit,
)
from build_scripts.text.composite import Part
from build_scripts.text.document_header import SUBTITLE_DASH_RE
from build_scripts.text.ingest import sidecar_path
from build_scripts.text.passes import BANNER_RE, STRUCTURE_RULES
from build_scripts.text.rules import HAN_RE, RULES

SLUGIFY = slugify(case="lower")


ITEM_KINDS = ("paragraph", "heading", "caption")


def report_id(seed: Seed, position: int, count: int, entry: dict) -> str:
    """Stable ids from the seed's name (or its sidecar ``id``), plus the position in a composite seed.

    A name with no ASCII letters or digits falls back to the seed's SHA-256,
    which never changes because seeds never change.
    """
    if entry.get("id"):
        return entry["id"]
    base = seed.sidecar.get("id") or seed.slug
    return base if count == 1 else f"{base}-{position:02d}"


SEED_WIDE_ONLY_WHEN_SINGLE = ("title", "subtitle")


def sidecar_entries(seed: Seed, count: int) -> list[dict]:
    """Per-report sidecar facts, checked against the reports the seed was split into."""
    path = sidecar_path(seed.path)
    entries: list[dict] = [{} for _ in range(count)]
    if count > 1:
        for key in SEED_WIDE_ONLY_WHEN_SINGLE:
            if key in seed.sidecar:
                raise SidecarError(path, f"'{key}' applies to the whole seed, which holds {count} reports",
                                   "move it under 'reports' with the position of the report it names", where=f"key '{key}'")
    for n, entry in enumerate(seed.sidecar.get("reports", [])):
        position = entry["position"]
        where = f"key 'reports.{n}.position'"
        if position > count:
            raise SidecarError(path, f"position {position} names no report (the seed holds {count})",
                               f"use a position from 1 to {count}", where=where)
        if entries[position - 1]:
            raise SidecarError(path, f"position {position} is given twice", "merge the two entries", where=where)
        entries[position - 1] = {k: v for k, v in entry.items() if k != "position"}
    seed_wide = {k: v for k, v in seed.sidecar.items() if k not in ("reports", "id")}
    return [{**seed_wide, **entry} for entry in entries]


def assign_header(header: list[Unit], display: bool = True) -> tuple[str | None, str | None, str | None, str]:
    """Kicker, title and subtitle from the header lines, with the rule that decided.

    A line ending in a colon is a kicker (``锡林郭勒：``); a series banner
    (``——…(十三)``) or a heading shallower than the next is a kicker too.
    A line opening with a dash (``——在…会议上的讲话``) is the subtitle.  Of
    three display lines the first is the kicker (引题), the second the title
    (主题) and the third the subtitle (副题), as newspapers set them;
    of two display lines (``display``: set as separate lines, not one title
    wrapped) a shorter first line is the kicker; otherwise the first line is
    the title and the rest the subtitle.
    """
    entries = [(u.text, u.level) for u in header if u.text]
    kickers = [t for t, _ in entries if t.endswith(("：", ":"))]
    entries = [(t, lvl) for t, lvl in entries if t not in kickers]
    if len(entries) >= 2 and (BANNER_RE.search(entries[0][0]) and not SUBTITLE_DASH_RE.match(entries[0][0]) or (
            entries[0][1] and entries[1][1] and entries[0][1] < entries[1][1])):
        kickers.append(entries[0][0])
        entries = entries[1:]
    if not entries:
        return (" ".join(kickers) or None), None, None, "no title line before the text"
    basis = "header lines before the text (kicker / title / subtitle by position, level and form)"
    texts = [t for t, _ in entries]
    dashed = next((n for n, t in enumerate(texts) if n and SUBTITLE_DASH_RE.match(t)), None)
    if dashed is not None:
        kickers += texts[:dashed - 1]
        texts = texts[dashed - 1:]
        basis = "header lines before the text: the line opening with a dash is the subtitle, the one above it the title"
    elif len(texts) == 3 and not kickers:
        kickers.append(texts.pop(0))
        basis = "three display lines before the text: kicker (引题), title (主题), subtitle (副题)"
    elif len(texts) == 2 and not kickers and display and len(texts[0]) < len(texts[1]):
        kickers.append(texts.pop(0))
        basis = "two display lines before the text, the first shorter: kicker (引题) and title (主题)"
    title, *rest = texts
    return (" ".join(kickers) or None), title, (" ".join(rest) or None), basis


def unique_slug(text: str, used: set[str]) -> str:
    slug = SLUGIFY(text, "-") or "section"
    candidate, n = slug, 1
    while candidate in used:
        candidate, n = f"{slug}_{n}", n + 1
    used.add(candidate)
    return candidate


#: What the passes note about a unit's layout: not metadata of the furniture.
LAYOUT_FIELDS = ("furniture", "hard_breaks", "indents", "display_lines", "line_per_paragraph")
RESERVED_IDS = {"title", "figures", "apparatus", "edits", "furniture", "notes", "cite", "source"}


def make_report(seed: Seed, position: int, count: int, part: Part, facts: dict) -> Report:
    """Assemble one report from its part of the seed and its sidecar facts (date, type and regions come later)."""
    header = [u for u in part.units if u.kind == "header"]
    kicker, title, subtitle, title_basis = assign_header(header, any(u.fields.get("display_lines") or u.fields.get("line_per_paragraph") for u in header))
    authors, furniture, edits, notes = [], [], [], []
    if part.byline is not None:
        byline = part.byline
        if title:
            kicker = " ".join(filter(None, [kicker, title]))
        title, title_basis = byline.text, "byline block: " + part.evidence[0].split(";")[0]
        authors.append(Author(byline.fields["name"], "author", byline.fields["office"]))
        furniture.append(Furniture("byline", byline.fields["byline"], byline.span,
                                   {"office": byline.fields["office"], "name": byline.fields["name"]}))
        edits += [_attach(e, "title") for e in byline.edits]
    for unit in header:
        edits += [_attach(e, "title") for e in unit.edits]
    if subtitle and (dash := SUBTITLE_DASH_RE.match(subtitle)):
        edits.append(Edit("subtitle_dash", subtitle[:dash.end() + 8], subtitle[dash.end():dash.end() + 8], "title"))
        subtitle = subtitle[dash.end():]

    paragraph_count = sum(u.kind in ITEM_KINDS and u.kind != "heading" for u in part.units)
    items, counter = [], 0
    used_slugs = RESERVED_IDS | {f"p{n}" for n in range(1, paragraph_count + 1)} | {
        f"rule-{rule.replace('_', '-')}" for rule in RULE_DESCRIPTIONS}
    for unit in part.units:
        if unit.kind in ITEM_KINDS:
            if unit.kind == "heading":
                item_id = unique_slug(unit.text, used_slugs)
            else:
                counter += 1
                item_id = f"p{counter}"
            items.append(Item(item_id, unit.kind, unit.text, unit.span, unit.level))
            edits += [_attach(e, item_id) for e in unit.edits]
            notes += [{"paragraph": item_id, "rule": "possible_lost_quotation", "text": snippet}
                      for snippet in unit.fields.get("lost_quotes", [])]
        elif unit.kind == "furniture":
            kind = unit.fields["furniture"]
            fields = {k: v for k, v in unit.fields.items() if k not in LAYOUT_FIELDS}
            furniture.append(Furniture(kind, unit.text, unit.span, fields))
            edits += [_attach(e, None) for e in unit.edits]
            authors += credited_people(unit.fields)
    for unit in header:
        notes += [{"paragraph": "title", "rule": "possible_lost_quotation", "text": snippet}
                  for snippet in unit.fields.get("lost_quotes", [])]

    issuing = next((f for f in furniture if f.fields.get("issuer")), None)
    issuer = facts.get("issuer") or (issuing.fields["issuer"] if issuing else None)
    if issuer and not any(a.role == "issuer" for a in authors):
        authors.append(Author(issuer, "issuer"))
    authors, contributors = credits(authors)
    shown = {"kicker": kicker, "title": title, "subtitle": subtitle}
    for key in ("title", "subtitle"):
        if facts.get(key):
            if shown[key]:
                edits.append(Edit(f"sidecar_{key}", shown[key], facts[key], "title", discarded=True))
            shown[key] = None
    header_lines = [text for text in shown.values() if text]
    title, subtitle = facts.get("title") or title, facts.get("subtitle") or subtitle
    if facts.get("title"):
        title_basis = "sidecar"
    if not title:
        title, title_basis = f"[无题] {seed.name}", "no title found in the seed; editorial placeholder"
    return Report(
        id=report_id(seed, position, count, facts), seed=seed, position=position, title=title,
        items=items, kicker=kicker, subtitle=subtitle, title_basis=title_basis,
        review=["split_uncertain"] if part.uncertain else [],
        authors=authors, contributors=contributors, furniture=furniture, edits=edits, notes=notes, evidence=list(part.evidence),
        publication=facts.get("publication"), issuer=issuer,
        editorial_notes=facts.get("notes"), header_lines=header_lines,
        header_spans=[u.span for u in header] + ([part.byline.span] if part.byline is not None else []),
        page_furniture=[Furniture(u.fields["furniture"], u.text, u.span, {k: v for k, v in u.fields.items()
                                                                           if k not in LAYOUT_FIELDS}) for u in part.page])


def credited_people(fields: dict) -> list[Author]:
    """Everyone a furniture unit credits, with roles: bylines, datelines, tags, source lines, credits.

    >>> credited_people({"people": [("张明", "reporter")], "editors": ["王芳"], "photographers": ["李华"]})
    [Author(name='张明', role='reporter', office=None), Author(name='王芳', role='editor', office=None), Author(name='李华', role='photographer', office=None)]
    """
    office = fields.get("office")
    found = [Author(name, role, office) for name, role in fields.get("people", [])]
    found += [Author(name, "author") for name in fields.get("authors", [])]
    found += [Author(name, "editor") for name in fields.get("editors", [])]
    found += [Author(name, "photographer") for name in fields.get("photographers", [])]
    if fields.get("provider"):
        pictures_only = fields.get("what") in ("图片", "照片")
        found.append(Author(fields["provider"], "photo_provider" if pictures_only else "provider"))
    return found


#: When one name is credited twice for the text, the more specific role wins (作者：X and （记者 X） make X a reporter).
ROLE_PRECEDENCE = ("reporter", "correspondent", "issuer", "provider", "author")


def credits(people: list[Author]) -> tuple[list[Author], list[Author]]:
    """The text's authors (each name once) and the other contributors (editors, photographers), in order.

    A reporter who also took the pictures is an author and a photographer;
    an editor or photographer is never an author for that alone.

    >>> credits([Author("张明", "author"), Author("张明", "reporter"), Author("张明", "photographer")])
    ([Author(name='张明', role='reporter', office=None)], [Author(name='张明', role='photographer', office=None)])
    """
    best: dict[str, Author] = {}
    for person in (p for p in people if p.role in TEXT_ROLES):
        known = best.get(person.name)
        if known is None or ROLE_PRECEDENCE.index(person.role) < ROLE_PRECEDENCE.index(known.role):
            best[person.name] = Author(person.name, person.role, person.office or (known.office if known else None))
    authors = [best[name] for name in dict.fromkeys(p.name for p in people if p.role in TEXT_ROLES)]
    others = list({(p.name, p.role): p for p in people if p.role in CONTRIBUTOR_ROLES}.values())
    return authors, others


def _attach(edit: Edit, paragraph: str | None) -> Edit:
    edit.paragraph = paragraph
    return edit


def han_count(texts) -> Counter:
    return Counter(ch for text in texts if text for ch in HAN_RE.findall(text))


def check_conservation(seed: Seed, reports: list[Report]) -> None:
    """Every Han character of the seed is shown once: in a report's header or text, its furniture, or its edit log.

    ``header_lines`` holds the kicker, title and subtitle as shown when they
    come from the seed; a sidecar replacement leaves the replaced text in a
    discarded edit.

    A missing character means a rule lost text; an extra one means a rule
    injected or duplicated text.  Either stops the build.
    """
    accounted = han_count(
        text for report in reports for text in (
            report.header_lines + [i.text for i in report.items] + [f.text for f in report.furniture]
            + [e.before for e in report.edits if e.discarded]))
    source = han_count([seed.text])
    missing, extra = source - accounted, accounted - source
    if missing or extra:
        def show(counter):
            return "".join(sorted(counter.elements())) or "none"
        raise ConservationError(
            seed.path, f"Han characters not accounted for: missing {show(missing)}; injected {show(extra)}",
            "this is a bug in a cleaning rule: run `python -m build_scripts` and report the seed and this message")


EDITORIAL_RULES = {
    "subtitle_dash": "Took the dash that introduces a subtitle (——在…上的讲话) off the subtitle; the subtitle is shown as such.",
    "sidecar_title": "Replaced the title found in the seed by the sidecar's title; the seed's title is kept here.",
    "sidecar_subtitle": "Replaced the subtitle found in the seed by the sidecar's subtitle; the seed's is kept here.",
}


RULE_DESCRIPTIONS = {**STRUCTURE_RULES, **{rule.name: rule.description for rule in RULES}, **EDITORIAL_RULES}


RULE_ORDER = list(RULE_DESCRIPTIONS)


class RuleLabel(NamedTuple):
    """What readers see of a rule: a Chinese and an English label and whether it changes what the text says.

    The English label reads after a count ("51 line wraps joined"); code
    names stay in the apparatus details and on the method page.  A
    *substantive* rule moves, removes or restores text (captions, repeats,
    titles, furniture); a mechanical one only mends its form (spaces,
    punctuation width, line wraps).
    """

    zh: str
    en: str
    substantive: bool


RULE_LABELS = {
    "page_controls": RuleLabel("移出电子版翻页控件", "E-paper page controls moved out", True),
    "site_navigation": RuleLabel("移出网站导航", "Site menus moved out", True),
    "breadcrumb": RuleLabel("移出网页路径", "Breadcrumb trails moved out", True),
    "source_line": RuleLabel("来源行移入著录", "Source lines moved to the details", True),
    "tool_line": RuleLabel("移出网页工具", "Page tools moved out", True),
    "editor_tag": RuleLabel("移出责任编辑署名", "Editor tags moved out", True),
    "page_footer": RuleLabel("移出网页页脚", "Site footers moved out", True),
    "date_line": RuleLabel("日期行移入著录", "Date lines moved to the details", True),
    "masthead": RuleLabel("报头移入著录", "Mastheads moved to the details", True),
    "wire_dateline": RuleLabel("电头移入著录", "Wire datelines moved to the details", True),
    "news_lead": RuleLabel("消息头移入著录", "News leads moved to the details", True),
    "trailing_tag": RuleLabel("移出文末记者署名", "Closing reporter tags moved out", True),
    "related_links": RuleLabel("移出相关新闻列表", "Lists of other stories moved out", True),
    "disclosure_header": RuleLabel("信息公开栏目移入著录", "Disclosure headers moved to the details", True),
    "credit_tag": RuleLabel("文图署名移入著录", "Text and picture credits moved to the details", True),
    "adjacent_links": RuleLabel("移出上一篇下一篇链接", "Previous and next story links moved out", True),
    "app_prompt": RuleLabel("移出公众号和客户端提示", "App and account prompts moved out", True),
    "wechat_header": RuleLabel("公众号文章头移入著录", "WeChat post headers moved to the details", True),
    "site_name": RuleLabel("网站或公众号名称移入著录", "Site and account names moved to the details", True),
    "column_tag": RuleLabel("移出栏目标签", "Column tags moved out", True),
    "end_mark": RuleLabel("移出文末结束标记", "End marks moved out", True),
    "marked_caption": RuleLabel("“▲”图片说明移出正文", "Captions marked with ▲ moved out of the text", True),
    "outlet_byline": RuleLabel("媒体署名行移入作者", "Bylines led by the outlet moved to the authors", True),
    "scene_caption": RuleLabel("单句图片说明移出正文", "Lone captions moved out of the text", True),
    "credited_caption": RuleLabel("署名图片说明移出正文", "Credited captions moved out of the text", True),
    "photo_credit": RuleLabel("摄影署名移入著录", "Photo credits moved to the details", True),
    "introduced_caption": RuleLabel("“图为”说明移出正文", "Captions introduced by 图为 moved out of the text", True),
    "issuing_body": RuleLabel("发文机关移入著录", "Issuing bodies moved to the details", True),
    "office_byline": RuleLabel("讲话人署名移入作者", "Speaker lines moved to the authors", True),
    "strip_edge_whitespace": RuleLabel("删除行首行尾空格", "Spaces at line ends removed", False),
    "distribution_list": RuleLabel("报送范围移入著录", "Distribution lists moved to the details", True),
    "issuing_line": RuleLabel("印发行移入著录", "Issuing lines moved to the details", True),
    "document_tail": RuleLabel("移出文末附属文字", "Other end matter moved out", True),
    "page_residue": RuleLabel("移出排版残留", "Page numbers and layout residue moved out", True),
    "markdown_heading": RuleLabel("标题标记识为标题", "Heading marks read as headings", True),
    "credit_line": RuleLabel("供稿署名移入著录", "Credit lines moved to the details", True),
    "author_line": RuleLabel("作者行移入作者", "Author lines moved to the authors", True),
    "byline": RuleLabel("署名移入作者", "Bylines moved to the authors", True),
    "join_title_lines": RuleLabel("合并标题行", "Title lines joined", False),
    "join_hard_wraps": RuleLabel("合并硬换行", "Line wraps joined", False),
    "image_gap_caption": RuleLabel("图片空位后的说明移出正文", "Captions after picture gaps moved out of the text", True),
    "unwrapped_caption": RuleLabel("未折行的图片说明移出正文", "Captions set as one long line moved out of the text", True),
    "caption_cluster": RuleLabel("相邻图片说明移出正文", "Follow-on captions moved out of the text", True),
    "caption_fragments": RuleLabel("合并图片说明碎片", "Caption fragments gathered", True),
    "bare_line_heading": RuleLabel("短行识为小标题", "Short lines read as headings", True),
    "join_page_breaks": RuleLabel("合并跨页断段", "Paragraphs joined across page breaks", False),
    "remove_repeated_paragraph": RuleLabel("删除重复段落", "Repeated paragraphs removed", True),
    "fullwidth_punctuation": RuleLabel("标点改为全角", "Punctuation marks made full-width", False),
    "remove_space_between_han_and_digit": RuleLabel("删除汉字与数字间空格", "Spaces between Han characters and digits removed",
                                                    False),
    "restore_spaced_title": RuleLabel("恢复字间加空的标题", "Spaced-out titles restored", True),
    "subtitle_dash": RuleLabel("去除副题前的破折号", "Subtitle dashes removed", False),
    "sidecar_title": RuleLabel("编者订正标题", "Titles corrected by the editors", True),
    "sidecar_subtitle": RuleLabel("编者订正副题", "Subtitles corrected by the editors", True),
    "periodical_masthead": RuleLabel("刊头与期号移入著录", "Bulletin and magazine mastheads moved to the details", True),
    "compiler_line": RuleLabel("编印单位与日期移入著录", "Compiler-and-date lines moved to the details", True),
    "column_label": RuleLabel("栏目名移出标题", "Column labels moved out of the title", True),
    "periodical_source": RuleLabel("期刊来源行移入著录", "Magazine source lines moved to the details", True),
    "keywords_line": RuleLabel("移出关键词行", "Keyword lines moved out", True),
    "rule_line": RuleLabel("移出分隔线", "Rule lines moved out", True),
    "editors_note": RuleLabel("编者按移出正文", "Editors' notes set apart from the text", True),
    "provider_credit": RuleLabel("供稿单位移入著录", "Supplying offices moved to the details", True),
    "author_note": RuleLabel("作者单位移入著录", "Author notes moved to the details", True),
    "signature_block": RuleLabel("文末落款移入作者", "Closing signatures moved to the authors", True),
    "page_number": RuleLabel("移出页码", "Page numbers moved out", True),
    "running_head": RuleLabel("移出页眉", "Running heads moved out", True),
    "second_headline": RuleLabel("同版另一篇报道的标题", "Headlines of the next report on a page", True),
}


#: What readers see for each kind of source furniture (the ``kind`` of :class:`Furniture`).
FURNITURE_LABELS = {
    "byline": "署名 Byline", "author_line": "作者行 Author line", "credit": "供稿署名 Credit line",
    "photo_credit": "摄影署名 Photo credit", "distribution": "报送范围 Distribution list",
    "issuing_line": "印发行 Issuing line", "issuing_body": "发文机关 Issuing body", "page_residue": "排版残留 Layout residue",
    "tail": "文末附属 End matter", "masthead": "报头 Masthead", "source_line": "来源行 Source line",
    "date_line": "日期行 Date line", "editor_tag": "责任编辑 Editor tag", "reporter_tag": "记者署名 Reporter tag",
    "footer": "网页页脚 Site footer", "breadcrumb": "网页路径 Breadcrumb trail", "navigation": "网站导航 Site menu",
    "page_controls": "翻页控件 Page controls", "tools": "网页工具 Page tools", "wire_dateline": "电头 Wire dateline",
    "news_lead": "消息头 News lead", "related_links": "相关新闻 Other stories",
    "column": "栏目 Column", "editors_note": "编者按 Editors' note", "author_note": "作者简介 Author note",
    "keywords": "关键词 Keywords", "signature": "落款 Signature",
    "running_head": "页眉 Running head",
    "disclosure": "信息公开栏目 Disclosure header", "credit_text": "文字署名 Text credit",
    "credit_photo": "图片署名 Picture credit", "adjacent_links": "上一篇下一篇 Previous and next story",
    "app_prompt": "公众号和客户端提示 App prompts", "wechat_header": "公众号文章头 WeChat post header",
    "column_tag": "栏目标签 Column tag", "end_mark": "结束标记 End mark",
}
