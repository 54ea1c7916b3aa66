"""Furniture of bulletins and magazines: mastheads with an issue, compiler lines, rules, notes and credits.

A 工作简报 / 工作动态 opens with its name, the issue (第12期, 2021年第5期（总第87期）),
the compiling office and the date on one line padded with spaces, and a rule
line (━━━━); a magazine page opens with its name and issue (党的建设 2020年第11期)
and a column label (基层视点).  None of it is the report's text: the name is
the publication, the issue dates the article by its year, the compiler issues
it.  Around the report stand an editors' note (【编者按】), a credit naming the
office that supplied the text (（X供稿）), a note on the author
(（作者系…）, （作者单位：…）) and a keywords line — furniture too, each
carrying what it says into metadata.
"""

from __future__ import annotations

import re

from build_scripts.model import Line, Unit
from build_scripts.text.dates import date_line
from build_scripts.text.furniture import _explode, _furniture
from build_scripts.text.layout import ends_sentence
from build_scripts.text.news_furniture import furniture_fields

ISSUE = (r"(?:(?P<year>(?:19|20)\d{2})[ \u3000]?年)?第[ \u3000]?(?P<number>\d{1,4})[ \u3000]?期"
         r"(?:[ \u3000]*[（(]总第[ \u3000]?\d{1,5}[ \u3000]?期[）)])?|总第[ \u3000]?\d{1,5}[ \u3000]?期")
ISSUE_LINE_RE = re.compile(f"^(?:《?(?P<name>[\u4e00-\u9fff]{{2,16}}?)》?[ \u3000]*)?(?:{ISSUE})$")
NAME_LINE_RE = re.compile(r"^《?(?P<name>[\u4e00-\u9fff]{2,16})》?$")
COMPILER_RE = re.compile(r"^(?P<issuer>[\u4e00-\u9fff（）()]{2,30}?)(?:编印|编发|主办|编)?[ \u3000]+(?P<date>\S{6,16})$")
RULE_LINE_RE = re.compile(r"^[━─═—―\-_=~～*＊·•]{3,}$")
COLUMN_RE = re.compile(r"^(?:栏目[：:][ \u3000]*)?(?P<column>[\u4e00-\u9fff]{2,8})$")
EDITORS_NOTE_RE = re.compile(r"^(?:[【\[［〔](?:编者按|编者的话|编者)[】\]］〕][：:]?|编者按[：:])")
PROVIDER_RE = re.compile(r"^[（(](?:供稿(?:单位)?[：:][ \u3000]*(?P<after>[^（）()]{2,30})|"
                         r"(?P<before>[^（）()：:]{2,30}?)[ \u3000]*供稿)[）)]$")
AUTHOR_NOTE_RE = re.compile(r"^[（(]作者(?:系|为|是|单位[：:]|简介[：:])[ \u3000]*(?P<office>[^（）()]{2,60}?)[）)]$")
KEYWORDS_RE = re.compile(r"^[【\[]?(?:关键词|关键字|主题词)[】\]]?[：:]?[ \u3000]*(?P<words>\S.*)$")
SOURCE_ISSUE_RE = re.compile(
    rf"(?:来源|稿源|出处|原载|刊于)[：:][ \u3000]*《(?P<publication>[^《》]{{1,24}})》[ \u3000]*(?:{ISSUE})")
HEAD_LINE_MAX = 48           # characters: a masthead line is no longer than this


def issue_fields(match: re.Match) -> dict:
    """What an issue says: the issue as printed and, when it names one, its year.

    >>> issue_fields(ISSUE_LINE_RE.match('2021年第5期（总第87期）'))
    {'issue': '2021年第5期（总第87期）', 'issue_year': 2021}
    >>> issue_fields(ISSUE_LINE_RE.match('第12期'))
    {'issue': '第12期'}
    """
    text = match.group(0)
    if match.groupdict().get("name"):
        text = text[match.end("name"):].lstrip("》 \u3000")
    if match.groupdict().get("publication"):
        text = text[text.index("》") + 1:].strip(" \u3000")
    fields = {"issue": text}
    if match.group("year"):
        fields["issue_year"] = int(match.group("year"))
    return fields


def compiler_line(text: str) -> dict | None:
    """The compiling office and date of a bulletin (``中共X旗委组织部编　　　2020年7月3日``), else None.

    >>> compiler_line('中共准格尔旗委组织部　　　二〇二一年四月十二日')
    {'issuer': '中共准格尔旗委组织部', 'date': '2021-04-12'}
    >>> compiler_line('今年以来 全旗发展党员2021年') is None
    True
    """
    m = COMPILER_RE.match(text)
    reading = date_line(m.group("date")) if m else None
    if reading is None or reading.edtf.count("-") != 2:
        return None
    return {"issuer": m.group("issuer"), "date": reading.edtf}


def _head_lines(units: list[Unit]) -> list[Line]:
    """The lines a masthead can hold: those before the first sentence or long line of the seed."""
    head = []
    for unit in units:
        if unit.kind != "text":
            continue
        for line in unit.lines:
            if ends_sentence(line.text) or len(line.text) > HEAD_LINE_MAX:
                return head
            head.append(line)
    return head


def _masthead_claims(units: list[Unit]) -> dict[int, Unit]:
    """Line number → furniture for the masthead lines: name, issue, compiler line, column label."""
    head = _head_lines(units)
    claims: dict[int, Unit] = {}
    for n, line in enumerate(head):
        m = ISSUE_LINE_RE.match(line.text)
        if not m:
            continue
        name = m.group("name")
        previous = head[n - 1] if n else None
        if not name and previous is not None and previous.number not in claims and NAME_LINE_RE.match(previous.text):
            name = NAME_LINE_RE.match(previous.text).group("name")
            claims[previous.number] = _furniture("masthead", [previous], "periodical_masthead", publication=name)
        fields = issue_fields(m) | ({"publication": name} if m.group("name") else {})
        claims[line.number] = _furniture("masthead", [line], "periodical_masthead", **fields)
        following = head[n + 1] if n + 1 < len(head) else None
        if following is not None and (compiled := compiler_line(following.text)):
            claims[following.number] = _furniture("issuing_line", [following], "compiler_line", **compiled)
    return claims


def _column_label(units: list[Unit], claims: dict[int, Unit]) -> dict[int, Unit]:
    """A short label standing alone right after a magazine's masthead, with the title below it, is the column (栏目).

    A short title with the text right under it is no column: the title must follow the label.

    It names the column the article runs in, not the article: furniture, never a kicker.
    """
    issues = [number for number, unit in claims.items() if unit.fields.get("issue")]
    if not issues:
        return {}
    texts = [u for u in units if u.kind == "text"]
    after = [u for u in texts if u.lines[0].number > max(claims)]
    title_follows = len(after) >= 2 and not any(ends_sentence(line.text) or len(line.text) > HEAD_LINE_MAX
                                                for line in after[1].lines)
    if title_follows and len(after[0].lines) == 1 and after[0].gap_before and (m := COLUMN_RE.match(after[0].lines[0].text)):
        line = after[0].lines[0]
        return {line.number: _furniture("column", [line], "column_label", column=m.group("column"))}
    return {}


def periodical_mastheads(units: list[Unit]) -> list[Unit]:
    """A bulletin's or magazine's masthead — name, issue, compiler and date, column label — leaves the text.

    An issue line (第12期, 2021年第5期（总第87期）, 党的建设 2020年第11期) at the
    head of the seed marks a periodical: the line above it (or the words before
    the issue) is its name, the publication; a line after it giving an office
    and a date (中共X委组织部编　　　2020年7月3日) is the compiler, who issues the
    report, and the bulletin's date; a short label standing alone after the
    masthead is the magazine's column.
    """
    claims = _masthead_claims(units)
    claims |= _column_label(units, claims)
    if not claims:
        return units
    return _explode(units, lambda unit, line: claims.get(line.number))


def rule_lines(units: list[Unit]) -> list[Unit]:
    """A line of nothing but rule characters (━━━━, ————, ====) is a printed rule: layout, not text.

    >>> bool(RULE_LINE_RE.match('━━━━━━━━')), bool(RULE_LINE_RE.match('——')), bool(RULE_LINE_RE.match('一一一'))
    (True, False, False)
    """
    def classify(unit: Unit, line: Line) -> Unit | None:
        return _furniture("page_residue", [line], "rule_line") if RULE_LINE_RE.match(line.text) else None
    return _explode(units, classify)


def editors_notes(units: list[Unit]) -> list[Unit]:
    """A block opening with 【编者按】 (编者按：, 【编者的话】) is the editors' note, not the report's text.

    The bulletin's or paper's editors introduce the report in their own voice;
    the note is kept whole, as furniture the page shows apart.
    """
    out = []
    for unit in units:
        if unit.kind == "text" and EDITORS_NOTE_RE.match(unit.lines[0].text):
            note = _furniture("editors_note", unit.lines, "editors_note")
            note.fields["note"] = EDITORS_NOTE_RE.sub("", note.text, count=1).strip()
            note.gap_before, note.edits = unit.gap_before, unit.edits + note.edits
            out.append(note)
        else:
            out.append(unit)
    return out


def provider_credits(units: list[Unit]) -> list[Unit]:
    """A line ``（X供稿）`` (``（供稿：X）``) names the office that supplied the text: a provider, not text.

    >>> PROVIDER_RE.match('（黄河湾镇党委供稿）').group('before'), PROVIDER_RE.match('（供稿：乌兰镇）').group('after')
    ('黄河湾镇党委', '乌兰镇')
    """
    def classify(unit: Unit, line: Line) -> Unit | None:
        m = PROVIDER_RE.match(line.text)
        if not m:
            return None
        return _furniture("credit", [line], "provider_credit", provider=m.group("before") or m.group("after"), what="")
    return _explode(units, classify)


def author_notes(units: list[Unit]) -> list[Unit]:
    """A note ``（作者系X干部）`` / ``（作者单位：X）`` gives the authors' office; it is furniture, not text.

    The office goes to the author lines that name no office of their own.

    >>> AUTHOR_NOTE_RE.match('（作者单位：中共科尔沁右翼前旗委员会组织部）').group('office')
    '中共科尔沁右翼前旗委员会组织部'
    """
    notes = [(line, m.group("office")) for u in units if u.kind == "text" for line in u.lines
             if (m := AUTHOR_NOTE_RE.match(line.text))]
    if not notes:
        return units
    office = notes[0][1]
    for unit in units:
        if unit.kind == "furniture" and unit.fields["furniture"] == "author_line" and not unit.fields.get("office"):
            unit.fields["office"] = office
    claims = {line.number: _furniture("author_note", [line], "author_note", office=found) for line, found in notes}
    return _explode(units, lambda unit, line: claims.get(line.number))


def keywords_lines(units: list[Unit]) -> list[Unit]:
    """A keywords line (关键词：党员积分 嘎查) indexes the article; its words are not text, nor its places the subject."""
    def classify(unit: Unit, line: Line) -> Unit | None:
        m = KEYWORDS_RE.match(line.text)
        return _furniture("keywords", [line], "keywords_line", keywords=m.group("words")) if m else None
    return _explode(units, classify)


def periodical_sources(units: list[Unit]) -> list[Unit]:
    """A source line naming a magazine issue (来源：《实践》2019年第8期) gives the publication and the issue.

    The rest of the line must be furniture too (a posting time, 作者：…):
    the posting time is when a site copied the article, the issue when it
    was published.

    >>> u = periodical_sources([Unit("text", [Line(2, '发布时间：2019-09-03 10:22　来源：《实践》2019年第8期')])])[0]
    >>> u.fields['furniture'], u.fields['publication'], u.fields['issue_year'], u.fields['posted']
    ('source_line', '实践', 2019, '2019-09-03')
    """
    def classify(unit: Unit, line: Line) -> Unit | None:
        m = SOURCE_ISSUE_RE.search(line.text)
        if not m:
            return None
        rest = (line.text[:m.start()] + " " + line.text[m.end():]).strip(" \u3000")
        others = furniture_fields(rest) if rest else {}
        if others is None:
            return None
        fields = {"publication": m.group("publication"), **issue_fields(m)}
        if others.get("date"):
            fields["posted"] = others["date"]
        fields.update({k: v for k, v in others.items() if k in ("authors", "editors") and v})
        unit.fields["display_lines"] = True
        return _furniture("source_line", [line], "periodical_source", **fields)
    return _explode(units, classify)


def periodical_furniture(units: list[Unit]) -> list[Unit]:
    """The periodical passes, in order: mastheads first (they read the seed's head), notes and credits after.

    :func:`author_notes` runs later, once the author lines it completes are found.
    """
    for step in (periodical_mastheads, periodical_sources, keywords_lines, rule_lines, editors_notes,
                 provider_credits):
        units = step(units)
    return units


STRUCTURE_RULES = {
    "periodical_masthead": "Moved a bulletin's or magazine's name and issue (第12期, 2019年第8期) out of the text "
                           "into metadata: the name is the publication, the issue dates the article by its year.",
    "compiler_line": "Moved the bulletin's compiler-and-date line (X编　　2020年7月3日) out of the text: the compiler "
                     "is the issuer, the date the bulletin's.",
    "column_label": "Moved a magazine's column label (栏目, e.g. 基层视点) out of the header: it names the column, "
                    "not the article.",
    "periodical_source": "Moved a source line naming a magazine issue (来源：《实践》2019年第8期) out of the text "
                         "into metadata.",
    "keywords_line": "Moved a keywords line (关键词：…) out of the text.",
    "rule_line": "Moved a printed rule line (━━━━) out of the text.",
    "editors_note": "Moved the editors' note (【编者按】…) out of the report's text; it is shown apart.",
    "provider_credit": "Moved a credit naming the office that supplied the text (（X供稿）) into metadata.",
    "author_note": "Moved a note on the author (（作者系…）, （作者单位：…）) out of the text; it gives the authors' office.",
}
