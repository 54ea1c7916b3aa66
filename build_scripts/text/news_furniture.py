"""Furniture of news layouts: what e-paper copies, web pages and wire stories print around a report.

A line is furniture when, once every furniture phrase is taken out of it,
nothing but separators is left: page controls (上一版 下一版 放大 缩小),
page labels (第03版：要闻), site navigation (首页 | 新闻 | 党建), breadcrumbs
(当前位置：首页 > 党建), source lines (2016-05-09 10:42 来源：X 作者：Y), tool
lines (打印本页 【字体：大 中 小】), editor tags (责任编辑：X), footers (版权所有…
备案号…) and date lines (2019年03月12日 星期二).  Each phrase kind carries its
metadata (publication, date, authors, editors) into the furniture unit's
fields, so the report keeps what the furniture said.  No phrase list knows
a site: the phrases are the ones every such page uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_scripts.model import Edit, Line, Unit
from build_scripts.text.dates import TIME, WEEKDAY, find_dates
from build_scripts.text.furniture import _explode, _furniture
from build_scripts.text.layout import edits_on
from build_scripts.text.people import NAME, is_people, people

SEPARATOR_RE = re.compile(r"[\s|｜·•/\\>＞»›<《》【】\[\]（）()：:\-—–_=+*#~,，、;；.。]+")
LABEL = r"(?:责任编辑|责编|编辑|审核|审校|校对|监制|终审|初审|复审|值班编辑|来源|稿源|作者|记者|通讯员|发布时间|时间|日期)"
NOT_LABEL = f"(?!{LABEL}[ \u3000：:])(?![\u4e00-\u9fff·]{{2,6}}[：:])"
NAMES = f"{NOT_LABEL}(?P<names>{NAME}(?:[ \u3000、，,]+{NOT_LABEL}{NAME})*)"


@dataclass(frozen=True)
class Phrase:
    """One kind of furniture phrase: its furniture kind and the pattern that finds it."""

    kind: str
    pattern: re.Pattern


def _phrase(kind: str, pattern: str) -> Phrase:
    return Phrase(kind, re.compile(pattern))


#: Furniture phrases in the order they are taken out of a line (longer, more specific phrases first).
PHRASES = [
    _phrase("footer", r"(?:版权所有|Copyright|copyright|COPYRIGHT|©|All Rights Reserved|[\u4e00-\u9fff]{1,2}ICP备|ICP备|"
                      r"公网安备|未经授权|禁止转载|(?:备案号|备案编号|许可证号|新闻热线|联系电话|举报电话|传真|邮箱|地址|邮编|"
                      r"主办单位|主办|承办|协办|技术支持|违法和不良信息举报电话)[：:]).*$"),
    _phrase("breadcrumb", r"(?:您当前的位置|您现在的位置|当前位置|您的位置|所在位置|位置)[：:].*$"),
    _phrase("breadcrumb", r"首页(?:\s*[>＞»›]\s*[^\s>＞»›|]{0,12})+\s*[>＞»›]?"),
    _phrase("breadcrumb", r"^[^>＞»›\s]{1,12}(?:\s*(?:>>|[>＞»›])\s*[^>＞»›\s]{1,12}){2,}$"),
    _phrase("disclosure", r"(?:发布机构|发文机关|发布单位)[：:][ \u3000]*(?P<issuer>[^\s|｜【】\[\]]{2,30})|"
                          r"(?:索引号|主题分类|信息分类|体裁分类|发文字号|文[ \u3000]*号|公开方式|公开范围|有效性)[：:][ \u3000]*"
                          r"[^\s|｜【】\[\]]*"),
    _phrase("credit_text", f"(?:文字|撰稿)[：:][ \u3000]*{NAMES}"),
    _phrase("credit_photo", f"(?:图片|摄影|供图)[：:][ \u3000]*{NAMES}"),
    _phrase("adjacent_links", r"(?:上一篇|下一篇|上一条|下一条)[：:].*$"),
    _phrase("editor_tag", f"(?:{LABEL.replace('|来源|稿源|作者|记者|通讯员|发布时间|时间|日期', '')})[：:][ \u3000]*{NAMES}"),
    _phrase("source", r"(?:信息来源|文章来源|新闻来源|来源|稿源|出处|来自|转自|转载自)[：:][ \u3000]*"
                      r"(?P<publication>[^\s|｜【】\[\]]{2,24})"),
    _phrase("source", f"作者[：:][ \u3000]*{NAMES}"),
    _phrase("date", r"(?:(?:发布|更新|刊发|出版|生成|成文)?(?:时间|日期)[：:][ \u3000]*)"),
    _phrase("date", f"(?:{TIME})|{WEEKDAY}"),
    _phrase("page_controls", r"当前版[：:]\s*[A-Z]?\d{1,2}版|第[A-Z]?\d{1,2}版(?:[：:]\s*[\u4e00-\u9fff·]{1,8})?|"
                             r"[A-Z]?\d{1,2}版[：:]\s*[\u4e00-\u9fff·]{1,8}"),
    _phrase("page_controls", r"往期回顾|上一版|下一版|上一篇|下一篇|上一期|下一期|前一版|后一版|放大|缩小|默认|返回目录|"
                             r"返回首页|版面导航|标题导航|本版标题|版面概览|进入版面|PDF版|pdf版|在线读报|电子版|数字报"),
    _phrase("tools", r"字[体号][：:]?\s*[【\[]?大[】\]]?\s*[【\[]?中[】\]]?\s*[【\[]?小[】\]]?|"
                     r"分享到[：:]?(?:\s*(?:微信|微博|QQ空间|QQ|朋友圈|新浪微博|腾讯微博|人人网|豆瓣))*|"
                     r"扫一扫[^\s|｜【】\[\]]*|用手机[^\s|｜【】\[\]]*|手机看新闻|"
                     r"(?:点击数|点击量|阅读量|阅读数|浏览次数|浏览量|访问量|阅读)[：:]?\s*\d+(?:\.\d+)?[万千]?\+?|"
                     r"打印本页|打印此页|打印此文|打印本文|打印|关闭窗口|关闭本页|关闭|发表评论|我要评论|查看评论|网友评论|我要纠错|"
                     r"纠错|收藏本页|收藏|推荐给朋友|推荐|复制链接|返回顶部|回到顶部|保存本页|参与互动|我要投稿"),    _phrase("app_prompt", r"点击(?:上方)?蓝字[ \u3000]*关注我们|长按(?:识别)?(?:图中)?二维码[^\s]*|阅读原文|"
                          r"(?:打开|下载)[^\s，,]{1,12}(?:客户端|APP|App|app)(?:[，,][^\s]{0,8})?|"
                          r"分享|点赞|在看|赞赏|留言|举报"),
]
#: Which list of a furniture unit a phrase's names go to (the rest are authors of the text).
CREDITED = {"editor_tag": "editors", "credit_photo": "photographers"}
NAVIGATION_RE = re.compile(r"^[^|｜]{1,10}(?:\s*[|｜]\s*[^|｜]{1,10}){2,}$")
NAVIGATION_TOKEN_RE = re.compile(r"^[\u4e00-\u9fffA-Za-z]{1,8}$")
MASTHEAD_RE = re.compile(r"^(?P<publication>[\u4e00-\u9fff]{2,10}(?:日报|晚报|时报|周报|商报|新闻网|新闻|网|报))"
                         r"(?:\s*(?:电子版|数字报|数字版))?$")
#: The furniture kind a line gets from the phrases found in it, most telling first.
KIND_ORDER = ("source_line", "editor_tag", "disclosure", "credit_text", "credit_photo", "footer", "breadcrumb",
              "navigation", "adjacent_links", "page_controls", "tools", "app_prompt", "date_line")
RULE_OF_KIND = {"source_line": "source_line", "editor_tag": "editor_tag", "footer": "page_footer",
                "breadcrumb": "breadcrumb", "navigation": "site_navigation", "page_controls": "page_controls",
                "tools": "tool_line", "date_line": "date_line", "masthead": "masthead",
                "disclosure": "disclosure_header", "credit_text": "credit_tag", "credit_photo": "credit_tag",
                "adjacent_links": "adjacent_links", "app_prompt": "app_prompt"}


def navigation_line(text: str) -> bool:
    """A site's menu: three or more short items set between bars (首页 | 新闻 | 党建 | 视频).

    >>> navigation_line('首页 | 新闻 | 党建 | 视频 | 专题'), navigation_line('党建｜民生｜文化')
    (True, True)
    >>> navigation_line('一、抓班子 | 二、带队伍')
    False
    """
    if not NAVIGATION_RE.match(text):
        return False
    return all(NAVIGATION_TOKEN_RE.match(token.strip()) for token in re.split(r"[|｜]", text) if token.strip())


def furniture_fields(text: str) -> dict | None:
    """What a furniture line holds — kinds found, publication, date, authors, editors — or None for a text line.

    >>> furniture_fields('2016-05-09 10:42 来源：正北方网 作者：张明 编辑：李丽')['kind']
    'source_line'
    >>> f = furniture_fields('【纠错】 【责任编辑：马骏】'); f['kind'], f['editors']
    ('editor_tag', ['马骏'])
    >>> furniture_fields('上一版　下一版')['kind'], furniture_fields('2019年03月12日 星期二')['date']
    ('page_controls', '2019-03-12')
    >>> furniture_fields('今年以来，全旗发展党员120名。') is None
    True
    """
    line = text.strip()
    if not line:
        return None
    kinds: list[str] = []
    fields: dict = {"authors": [], "editors": []}
    if navigation_line(line):
        return {"kind": "navigation", **fields}
    rest = line
    for reading in find_dates(rest):
        fields.setdefault("date", reading.edtf)
        fields.setdefault("date_text", reading.text)
        if reading.note:
            fields.setdefault("date_note", reading.note)
        kinds.append("date")
    for reading in reversed(find_dates(rest)):
        rest = rest[:reading.start] + " " + rest[reading.end:]
    for phrase in PHRASES:
        for m in list(phrase.pattern.finditer(rest))[::-1]:
            kinds.append(phrase.kind)
            groups = m.groupdict()
            if groups.get("publication"):
                fields.setdefault("publication", groups["publication"])
            if groups.get("issuer"):
                fields.setdefault("issuer", groups["issuer"])
            if groups.get("names"):
                key = CREDITED.get(phrase.kind, "authors")
                fields.setdefault(key, [])[:0] = [n for n, _ in people(groups["names"], key.rstrip("s"))]
            rest = rest[:m.start()] + " " + rest[m.end():]
    if not kinds or SEPARATOR_RE.sub("", rest):
        return None
    found = set(kinds)
    if found & {"source"} or (found & {"date"} and found & {"editor_tag"}):
        kind = "source_line"
    elif found == {"date"}:
        kind = "date_line"
    else:
        kind = next(k for k in KIND_ORDER if k in found)
    return {"kind": kind, **fields}


def news_furniture_lines(units: list[Unit]) -> list[Unit]:
    """Lines of page controls, navigation, breadcrumbs, source, tool, editor, footer and date lines leave the text.

    A short line naming a newspaper or news site (内蒙古日报, 锡林郭勒新闻网)
    is its masthead when it stands before any text of the report.
    """
    seen_text = [False]

    def classify(unit: Unit, line: Line) -> Unit | None:
        fields = furniture_fields(line.text)
        if fields is None:
            m = MASTHEAD_RE.match(line.text.strip())
            if m and not seen_text[0]:
                unit.fields["display_lines"] = True
                return _furniture("masthead", [line], "masthead", publication=m.group("publication"))
            seen_text[0] = True
            return None
        kind = fields.pop("kind")
        unit.fields["display_lines"] = True  # the block is a copied page: its other lines are display lines
        return _furniture(kind, [line], RULE_OF_KIND[kind], **{k: v for k, v in fields.items() if v})
    return _explode(units, classify)


STRUCTURE_RULES = {
    "page_controls": "Moved e-paper page controls and page labels (上一版, 放大, 第03版：要闻) out of the text.",
    "site_navigation": "Moved a web site's navigation menu (首页 | 新闻 | …) out of the text.",
    "breadcrumb": "Moved a breadcrumb trail (当前位置：首页 > …) out of the text.",
    "source_line": "Moved the source line (date, 来源, 作者, 编辑) out of the text into metadata.",
    "tool_line": "Moved page tools (打印本页, 字体：大 中 小, 分享到…) out of the text.",
    "editor_tag": "Moved an editor tag (责任编辑：…) out of the text; editors are recorded, not authors.",
    "page_footer": "Moved the site's footer (版权所有, 备案号, 新闻热线) out of the text.",
    "date_line": "Moved a line stating the date out of the text into metadata.",
    "masthead": "Moved the newspaper's or site's name (masthead) out of the text into metadata.",
    "disclosure_header": "Moved a government disclosure header line (索引号, 发布机构, 主题分类, 文号) out of the text; "
                         "the issuing body goes to metadata.",
    "credit_tag": "Moved a text or picture credit (文字：X, 图片：X) out of the text; photographers are not authors.",
    "adjacent_links": "Moved links to the previous and next story (上一篇：…, 下一篇：…) out of the text.",
    "app_prompt": "Moved an app's or public account's prompts (点击蓝字关注我们, 阅读原文, 长按识别二维码, 举报) out of the text.",
}


AGENCIES = ("新华社", "新华网", "人民网", "中新社", "中新网", "中国新闻网", "央视网", "光明网", "中国日报网", "人民日报",
            "新华每日电讯", "央广网", "国际在线", "澎湃新闻", "经济日报", "工人日报", "法治日报", "中国青年网")
WIRE_LEAD_RE = re.compile(
    f"^(?P<agency>{'|'.join(sorted(AGENCIES, key=len, reverse=True))})(?P<place>[\u4e00-\u9fff]{{2,8}}?)"
    r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日电[ \u3000]*(?:[（(][ \u3000]*(?P<people>[^（）()]{1,40}?)[ \u3000]*[）)])?"
    r"[ \u3000]*")
NEWS_LEAD_RE = re.compile(
    r"^(?P<agency>本报|本刊|本台|[\u4e00-\u9fff]{2,12}?(?:日报|晚报|时报|商报|报|新闻网|网|电视台|广播电视台|台))讯"
    r"[ \u3000]*(?:[（(][ \u3000]*(?P<people>[^（）()]{1,40}?)[ \u3000]*[）)])?[ \u3000]*")
TRAILING_TAG_RE = re.compile(
    r"(?P<tag>[（(\[【][ \u3000]*(?:(?P<editor>(?:责任编辑|责编|编辑|审核)[：:])[ \u3000]*)?(?P<people>[^（）()\[\]【】]{2,30}?)"
    r"[ \u3000]*[）)\]】])[ \u3000]*$")


def lead_fields(match: re.Match, kind: str) -> dict:
    """Metadata of a dateline or news lead: agency (the publication), filing place, month and day, reporters."""
    fields = {"agency": match.group("agency"), "people": people(match.group("people") or "", "reporter")}
    if kind == "wire_dateline":
        fields.update(place=match.group("place"), month=int(match.group("month")), day=int(match.group("day")))
    return fields


def news_leads(units: list[Unit]) -> list[Unit]:
    """The dateline or news lead opening the report (新华社呼和浩特5月18日电（记者 X）, 本报讯（记者 X）) is furniture.

    It names the agency or paper, the filing place and the reporters: metadata,
    not text.  The filing place is where the story was sent from, not what it
    is about.  The first line of the seed that opens with one is read, once.
    """
    for index, unit in enumerate(units):
        if unit.kind != "text":
            continue
        for position, line in enumerate(unit.lines):
            for kind, pattern in (("wire_dateline", WIRE_LEAD_RE), ("news_lead", NEWS_LEAD_RE)):
                m = pattern.match(line.text)
                if not m or len(line.text) <= m.end():
                    continue
                lead = _furniture(kind, [line], kind, **lead_fields(m, kind))
                lead.text = m.group(0).rstrip(" \u3000")
                lead.edits = [Edit(kind, line.text[:m.end() + 8], line.text[m.end():m.end() + 8], line=line.number)]
                before, after = unit.lines[:position], [Line(line.number, line.text[m.end():])] + unit.lines[position + 1:]
                pieces = [Unit("text", before, unit.gap_before, fields=dict(unit.fields),
                               edits=edits_on(unit.edits, before))] if before else []
                lead.gap_before = 0 if before else unit.gap_before
                pieces += [lead, Unit("text", after, 0, fields=dict(unit.fields),
                                      edits=[e for e in unit.edits if e.line in {x.number for x in after}])]
                return units[:index] + pieces + units[index + 1:]
    return units


def trailing_tags(units: list[Unit]) -> list[Unit]:
    """A reporter or editor tag closing the text — （记者 X）, (X), [责任编辑：X] — is furniture.

    Web pages close a story with the reporter's name in brackets, at the end
    of the last paragraph or on a line of its own.  Only a bracket holding
    nothing but names and role words counts, and only after a sentence end.
    """
    last_text = max((i for i, u in enumerate(units) if u.kind == "text"), default=-1)
    out = []
    for index, unit in enumerate(units):
        if unit.kind != "text":
            out.append(unit)
            continue
        tags = []
        for position, line in enumerate(unit.lines):
            m = TRAILING_TAG_RE.search(line.text)
            head = line.text[:m.start()].rstrip(" \u3000") if m else ""
            closing = index == last_text and position == len(unit.lines) - 1
            if not m or not is_people(m.group("people")) or (head and (not closing or head[-1] not in "。！？”…")):
                continue
            role = "editor" if m.group("editor") else "reporter"
            tag = _furniture("editor_tag" if role == "editor" else "reporter_tag", [line],
                             "trailing_tag", people=people(m.group("people"), role))
            tag.text = m.group("tag")
            tag.edits = [Edit("trailing_tag", line.text[max(0, m.start() - 8):], head[-8:])]
            tags.append((position, tag, head))
        if not tags:
            out.append(unit)
            continue
        for position, tag, head in tags:
            line = unit.lines[position]
            unit.lines[position] = Line(line.number, head)
        kept = [line for line in unit.lines if line.text]
        if kept:
            out.append(Unit("text", kept, unit.gap_before, fields=dict(unit.fields),
                            edits=edits_on(unit.edits, kept)))
        for _, tag, _ in tags:
            tag.edits = edits_on(unit.edits, [line for line in tag.lines if line not in kept]) + tag.edits
            out.append(tag)
    return out


RELATED_HEADINGS = re.compile(r"^(?:本版标题导航|标题导航|本版导航|相关新闻|相关阅读|相关链接|推荐阅读|延伸阅读|热点新闻|热门文章|"
                              r"猜你喜欢|精彩推荐|往期精彩|往期推荐|往期精选|相关推荐|更多新闻)[：:]?$")


def related_links(units: list[Unit]) -> list[Unit]:
    """A list of other stories' titles under 相关新闻 / 本版标题导航 is the page's furniture, not the report's text.

    The heading and the short lines after it, up to a sentence or a blank
    line, go out together.
    """
    out, open_list = [], None
    for unit in units:
        if unit.kind != "text":
            out.append(unit)
            open_list = None
            continue
        rest = []
        for line in unit.lines:
            if RELATED_HEADINGS.match(line.text.strip()):
                open_list = _furniture("related_links", [line], "related_links")
                out.append(open_list)
            elif open_list is not None and len(line.text) <= 40 and line.text.strip()[-1:] not in "。！？":
                open_list.lines.append(line)
                open_list.text += "\n" + line.text
                open_list.edits[0] = Edit("related_links", open_list.text, "")
            else:
                open_list = None
                rest.append(line)
        if rest:
            out.append(Unit("text", rest, unit.gap_before, fields=dict(unit.fields), edits=edits_on(unit.edits, rest)))
        open_list = None
    return out


STRUCTURE_RULES.update({
    "wire_dateline": "Moved a wire dateline (新华社呼和浩特5月18日电（记者 …）) out of the text into metadata; "
                     "the filing place is not the report's subject.",
    "news_lead": "Moved a news lead (本报讯（记者 …）, X日报讯) out of the text into metadata.",
    "trailing_tag": "Moved a closing reporter or editor tag ((记者 …), [责任编辑：…]) out of the text.",
    "related_links": "Moved a list of other stories (相关新闻, 本版标题导航) out of the text.",
})
