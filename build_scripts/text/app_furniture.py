"""Furniture of WeChat posts, news-app copies and portal pages that the news furniture phrases do not cover.

A public-account post opens with the account's name and the post's date (or
a ``原创 <author> <account> <date>`` line) and marks its pictures with ▲; a
wire story closes with （完）, a post with END; a news app signs a story with
its platform and paper before the role words (草原全媒·乌兰察布日报 记者 X); a
portal prints a column tag above the title (【…·基层行】) and its own name
above the menu.  Each is furniture carrying what it says (account or paper
as publication, date, author or issuer), found by its form, never by a site.
"""

from __future__ import annotations

import re

from build_scripts.model import Edit, Line, Unit
from build_scripts.text.dates import TIME, find_dates
from build_scripts.text.document_header import ISSUING_BODY_RE
from build_scripts.text.furniture import _explode, _furniture
from build_scripts.text.layout import CLAUSE_END, ends_sentence
from build_scripts.text.people import OUTLET, TEXT_ROLE_WORDS, is_people, people

CAPTION_LIMIT = 120          # characters: a marked caption is no longer than this
SITE_NAME_MAX = 20           # characters: a site's or account's name is no longer than this

WECHAT_HEADER_RE = re.compile(
    r"^(?:原创|转载)[ \u3000]+(?P<names>[^ \u3000]+(?:[ \u3000]+[^ \u3000]+)?)[ \u3000]*"
    r"(?P<when>(?:19|20)\d{2}(?:年\d{1,2}月\d{1,2}日|-\d{1,2}-\d{1,2}))"
    f"(?:[ \u3000]*(?:{TIME}))?(?:[ \u3000]+(?P<place>[\u4e00-\u9fff]{{2,4}}))?$")
WECHAT_MARK_RE = re.compile(r"点击(?:上方)?蓝字|长按(?:识别)?(?:图中)?二维码|阅读原文|^(?:原创|转载)[ \u3000]|^转自[：:]|"
                            r"^[-—–_ \u3000]*END[-—–_ \u3000]*$")
PICTURE_MARK_RE = re.compile(r"^[▲△↑][ \u3000]*(?P<caption>\S.*)$")
END_LINE_RE = re.compile(r"^[-—–_ \u3000]*(?:END|End|完)[-—–_ \u3000]*$")
END_MARK_RE = re.compile(r"(?<=[。！？”…])[ \u3000]*(?P<mark>[（(【\[][ \u3000]*完[ \u3000]*[）)】\]])[ \u3000]*$")
OUTLET_BYLINE_RE = re.compile(
    f"^(?P<outlet>{OUTLET}(?:·{OUTLET})*)[ \u3000]+(?P<people>{TEXT_ROLE_WORDS}.*)$")
PAPER_RE = re.compile(r"(?:日报|晚报|新闻网|网|报|社|台)$")
COLUMN_TAG_RE = re.compile(r"^【(?!编者按|编者|按语|编后|导读)(?P<column>[^【】。！？，,；;：:]{2,30})】$")


def wechat_header(text: str) -> dict | None:
    """What a WeChat post's header line says: account (the publication), author or issuer, date; else None.

    >>> h = wechat_header('原创 阿荣旗委组织部 阿荣先锋 2021年06月18日 09:12 内蒙古')
    >>> h['publication'], h['issuer'], h['date']
    ('阿荣先锋', '阿荣旗委组织部', '2021-06-18')
    >>> wechat_header('原创 王芳 草原先锋 2022-03-07')['people']
    [('王芳', 'author')]
    >>> wechat_header('原创作品展在旗文化馆开幕，2021年06月18日') is None
    True
    """
    m = WECHAT_HEADER_RE.match(text.strip())
    if not m:
        return None
    *author, account = m.group("names").split()
    fields = {"publication": account, "date": find_dates(m.group("when"))[0].edtf}
    if author and ISSUING_BODY_RE.match(author[0]):
        fields["issuer"] = author[0]
    elif author:
        fields["people"] = people(author[0])
    return fields


def wechat_headers(units: list[Unit]) -> list[Unit]:
    """Rule ``wechat_header``: the ``原创 <author> <account> <date> <time> <IP place>`` line is furniture and metadata.

    The account is the publication, the author field (an office here, so the
    issuer) the author, and the date the post's date; the place closing the
    line is the platform's IP-location stamp, not a place of the report.
    """
    def classify(unit: Unit, line: Line) -> Unit | None:
        fields = wechat_header(line.text)
        return _furniture("wechat_header", [line], "wechat_header", **fields) if fields else None
    return _explode(units, classify)


def _wechat_copy(units: list[Unit]) -> bool:
    return any(WECHAT_MARK_RE.search(line.text) for unit in units for line in unit.lines)


def site_names(units: list[Unit]) -> list[Unit]:
    """Rule ``site_name``: the short line opening a copied page, right above its menu or breadcrumb, is the site's name.

    A portal prints its name (多伦县人民政府) above the menu; a WeChat copy
    prints the account's name above the post's date.  That line is the
    masthead: furniture naming the hosting site or account, which is the
    publication when no source line credits another.  Only the seed's
    first line counts, and above a date only in a copy showing WeChat
    furniture (END, 阅读原文, 长按识别二维码, 转自：), since a news page's
    title may stand right above its date.
    """
    if len(units) < 2 or units[0].kind != "text" or len(units[0].lines) != 1 or units[1].kind != "furniture":
        return units
    name, below = units[0].lines[0].text, units[1].fields["furniture"]
    plain = len(name) <= SITE_NAME_MAX and not any(ch in CLAUSE_END for ch in name) and " " not in name
    above_menu = below in ("navigation", "breadcrumb") or (below == "date_line" and _wechat_copy(units))
    if not plain or not above_menu or units[1].gap_before:
        return units
    masthead = _furniture("masthead", units[0].lines, "site_name", publication=name)
    masthead.edits = units[0].edits + masthead.edits
    return [masthead] + units[1:]


def marked_captions(units: list[Unit]) -> list[Unit]:
    """Rule ``marked_caption``: a line opening with a picture marker (▲ 网格党小组成员入户宣讲) is that picture's caption.

    Public-account posts point at the picture above with ▲; the marker is
    layout, not caption text, and is recorded in the edit.
    """
    def classify(unit: Unit, line: Line) -> Unit | None:
        m = PICTURE_MARK_RE.match(line.text)
        if not m or len(m.group("caption")) > CAPTION_LIMIT:
            return None
        caption = m.group("caption").rstrip(" \u3000")
        return Unit("caption", [line], text=caption, edits=[Edit("marked_caption", line.text, caption, line=line.number)])
    return _explode(units, classify)


def end_marks(units: list[Unit]) -> list[Unit]:
    """Rule ``end_mark``: an end marker — （完） after the last sentence, a line END — is furniture, not text.

    Wire stories close with （完）, posts with END; neither belongs to the
    report's words.  The bracket counts only after a sentence end.
    """
    units = _explode(units, lambda unit, line: _furniture("end_mark", [line], "end_mark")
                     if END_LINE_RE.match(line.text) else None)
    out = []
    for unit in units:
        out.append(unit)
        last = unit.lines[-1] if unit.kind == "text" else None
        m = END_MARK_RE.search(last.text) if last else None
        if m:  # a story closes a block: the bracket ends its last line
            head = last.text[:m.start()]
            unit.lines[-1] = Line(last.number, head)
            mark = _furniture("end_mark", [last], "end_mark")
            mark.text = m.group("mark")
            mark.edits = [Edit("end_mark", head[-8:] + last.text[m.start():], head[-8:], line=last.number)]
            out.append(mark)
    return out


def outlet_bylines(units: list[Unit]) -> list[Unit]:
    """Rule ``outlet_byline``: a byline led by the outlet (草原全媒·乌兰察布日报 记者 X 通讯员 Y) is furniture.

    News apps put their platform and paper before the role words.  The
    people keep their roles; the paper (the last name of the outlet that
    names a paper, site or agency) is the publication.  Like an author line,
    it stands among the header lines, not inside running text.
    """
    def classify(unit: Unit, line: Line) -> Unit | None:
        m = OUTLET_BYLINE_RE.match(line.text)
        before = [other for other in unit.lines if other.number < line.number]
        in_header = not any(re.search("[，。；！？,;]", other.text) for other in before)
        if not m or not is_people(m.group("people")) or (len(unit.lines) > 2 and not in_header):
            return None
        papers = [name for name in m.group("outlet").split("·") if PAPER_RE.search(name)]
        fields = {"people": people(m.group("people"))}
        if papers:
            fields["publication"] = papers[-1]
        return _furniture("author_line", [line], "outlet_byline", **fields)
    return _explode(units, classify)


def column_tags(units: list[Unit]) -> list[Unit]:
    """Rule ``column_tag``: a bracketed column or series tag above the title (【…·基层行】) is furniture.

    It names the series the page files the story under, not the story: not
    its kicker.  Only a tag before the report's first sentence counts; an
    editor's note (【编者按】) is not a column tag.
    """
    started = [False]

    def classify(unit: Unit, line: Line) -> Unit | None:
        if COLUMN_TAG_RE.match(line.text) and not started[0]:
            return _furniture("column_tag", [line], "column_tag", column=COLUMN_TAG_RE.match(line.text).group("column"))
        started[0] = started[0] or ends_sentence(line.text)
        return None
    return _explode(units, classify)


STRUCTURE_RULES = {
    "wechat_header": "Moved a WeChat post's header line (原创 author account date) out of the text into metadata.",
    "site_name": "Moved the site's or account's name above the page's menu or date out of the text into metadata.",
    "marked_caption": "Took a caption marked with a picture pointer (▲ …) out of the running text; the marker is layout.",
    "end_mark": "Moved an end marker ((完), END) out of the text.",
    "outlet_byline": "Moved a byline led by the outlet's name (… 日报 记者 X) out of the text into the authors.",
    "column_tag": "Moved a bracketed column or series tag (【…】) above the title out of the text.",
}
