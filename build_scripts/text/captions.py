"""Photo captions found by what they say, not only by where they stand.

A caption is credited (新华社记者 X 摄, X 摄, （X 摄）) or introduced (图为…,
上图：…).  The credit is furniture naming the photographer, who is recorded
but never an author of the text; the words before it, or the short line
above a credit standing alone, are the caption.
"""

from __future__ import annotations

import re

from build_scripts.model import Edit, Line, Unit
from build_scripts.text.furniture import _explode, _furniture
from build_scripts.text.layout import WRAP_MAX_WIDTH, column_width, edits_on, width
from build_scripts.text.people import is_people, people

CAPTION_LIMIT = 120          # characters: a credited caption is no longer than this
ROLE = r"(?:(?:新华社|本报|本刊|本台)?(?:特约|见习|实习)?(?:记者|通讯员|摄影记者)[ \u3000]*)"
NAMES = r"[\u4e00-\u9fff·]{2,6}(?:[ \u3000、]+[\u4e00-\u9fff·]{2,6})*"
PHOTO_CREDIT_RE = re.compile(
    r"(?P<credit>[（(][ \u3000]*(?P<bracketed>[^（）()]{2,30}?)[ \u3000]*摄(?:影)?[ \u3000]*[）)]"
    f"|(?:^|(?<=[。！？”…\\s\u3000]))(?P<plain>{ROLE}{NAMES}[ \u3000]*|{NAMES}[ \u3000]+)摄(?:影)?"
    f"|(?:^|(?<=[。！？”…\\s\u3000]))摄影[：:][ \u3000]*(?P<labelled>{NAMES}))[ \u3000]*$")
INTRODUCED_RE = re.compile(r"^(?:图为|图：|图:|上图|下图|左图|右图|组图|图[①-⑩]|图\d)")


def photo_credit(text: str) -> re.Match | None:
    """The photo credit ending ``text``, if it ends with one.

    >>> photo_credit('牧民在书屋读书。本报记者 张明 摄').group('credit')
    '本报记者 张明 摄'
    >>> photo_credit('在蒙古包前宣讲。（吴海军 摄）').group('credit'), photo_credit('陈静 摄').group('credit')
    ('（吴海军 摄）', '陈静 摄')
    >>> photo_credit('他们用手机拍摄') is None, photo_credit('牧民们进行拍摄') is None
    (True, True)

    A labelled credit after the caption (``摄影：X``, rule ``labelled_photo_credit``)
    is one too, but not the label inside a sentence:

    >>> photo_credit('党员志愿者装运肉羊。 摄影：杜鹃').group('credit'), photo_credit('他学习摄影：技术') is None
    ('摄影：杜鹃', True)
    """
    m = PHOTO_CREDIT_RE.search(text)
    if not m:
        return None
    return m if is_people(_credited(m)) else None


def _credited(m: re.Match) -> str:
    return m.group("bracketed") or m.group("plain") or m.group("labelled")


def _credit_unit(line: Line, m: re.Match) -> Unit:
    names = [name for name, _ in people(_credited(m), "photographer")]
    credit = _furniture("photo_credit", [line], "photo_credit", photographers=names)
    credit.text = m.group("credit")
    return credit


def _caption_unit(line: Line, text: str, rule: str) -> Unit:
    return Unit("caption", [line], text=text, edits=[Edit(rule, text, text, line=line.number)])


def credited_captions(units: list[Unit]) -> list[Unit]:
    """Lines ending in a photo credit become caption plus credit; a credit alone makes the short line above it a caption."""
    out: list[Unit] = []
    for unit in units:
        if unit.kind != "text":
            out.append(unit)
            continue
        rest: list[Line] = []
        gap = unit.gap_before

        def flush() -> None:
            nonlocal rest, gap
            if rest:
                out.append(Unit("text", rest, gap, fields=dict(unit.fields), edits=edits_on(unit.edits, rest)))
                gap = 0
            rest = []

        for line in unit.lines:
            m = photo_credit(line.text)
            head = line.text[:m.start("credit")].rstrip(" \u3000") if m else ""
            if not m or len(head) > CAPTION_LIMIT:
                rest.append(line)
                continue
            caption = None
            if head:
                caption = _caption_unit(line, head, "credited_caption")
            elif rest and len(rest[-1].text) <= CAPTION_LIMIT:
                above = rest.pop()
                caption = _caption_unit(above, above.text, "credited_caption")
            elif not rest and out and out[-1].kind == "text" and len(out[-1].lines) == 1 \
                    and len(out[-1].lines[0].text) <= CAPTION_LIMIT:
                above = out.pop()
                caption = _caption_unit(above.lines[0], above.lines[0].text, "credited_caption")
                caption.gap_before, caption.edits = above.gap_before, above.edits + caption.edits
            flush()
            if caption is not None:
                caption.gap_before = caption.gap_before or gap
                caption.edits = edits_on(unit.edits, caption.lines) + caption.edits
                out.append(caption)
            credit = _credit_unit(line, m)
            credit.edits = ([] if head else edits_on(unit.edits, [line])) + [
                Edit("photo_credit", line.text[-len(m.group("credit")) - 8:], head[-8:], line=line.number)]
            out.append(credit)
            gap = 0
        flush()
    return out


def introduced_captions(units: list[Unit]) -> list[Unit]:
    """A short line introduced as a picture's caption (图为…, 上图：…) is a caption wherever it stands."""
    def classify(unit: Unit, line: Line) -> Unit | None:
        if INTRODUCED_RE.match(line.text) and len(line.text) <= CAPTION_LIMIT:
            return _caption_unit(line, line.text, "introduced_caption")
        return None
    return _explode(units, classify)


REPORTED_SPEECH_RE = re.compile(r"(?:介绍|表示|指出|认为|坦言|告诉记者|说)[，,：:]")
SCENE_MAX = 40               # characters: a scene caption is one sentence no longer than this


def _credits_photos(units: list[Unit]) -> bool:
    return any(u.kind == "furniture" and (u.fields["furniture"] == "photo_credit" or u.fields.get("what") in (
        "图片", "照片", "图文")) for u in units)


def scene_captions(units: list[Unit]) -> list[Unit]:
    """In a report that credits photos, a lone short sentence between paragraphs is a picture's caption.

    Pictures lose their place in a text copy, but not their captions: a
    block of one short sentence (``乌兰花镇一个村的党群服务中心。``) after a
    finished paragraph reads as a caption when the report says it printed
    photos.  Without a photo credit such a block stays a paragraph, and so
    does a sentence reporting what someone said (负责人介绍，…): a caption
    shows a scene, it does not quote an account (rule ``reported_speech_not_caption``).
    """
    if not _credits_photos(units):
        return units
    body_seen, previous = False, None
    for unit in units:
        text = unit.lines[0].text if unit.kind == "text" and len(unit.lines) == 1 else ""
        one_sentence = text and len(text) <= SCENE_MAX and text[-1] in "。！？" and \
            sum(text.count(mark) for mark in "。！？") == 1
        finished = previous is None or previous.kind != "text" or previous.lines[-1].text[-1:] in "。！？”"
        if one_sentence and body_seen and finished and not REPORTED_SPEECH_RE.search(text):
            unit.kind, unit.text = "caption", text
            unit.edits.append(Edit("scene_caption", text, text, line=unit.lines[0].number))
        elif unit.kind == "text" and any(line.text[-1:] in "。！？”" for line in unit.lines):
            body_seen = True
        if unit.kind in ("text", "caption"):
            previous = unit
    return units


def unwrapped_captions(units: list[Unit]) -> list[Unit]:
    """In hard-wrapped text, a line set far wider than the column and ending a sentence is a caption.

    Captions are set in their own measure: copied out of a narrow-column page
    they come as one long line among the wrapped ones.  The line must follow
    a finished sentence, so a paragraph's own line is never taken.
    """
    out: list[Unit] = []
    for unit in units:
        narrow = [line for line in unit.lines if width(line.text) <= WRAP_MAX_WIDTH]
        if unit.kind != "text" or len(narrow) < 3 or len(narrow) == len(unit.lines):
            out.append(unit)
            continue
        column = column_width([width(line.text) for line in narrow])
        at_column = sum(width(line.text) >= column - 4 for line in narrow)
        cut = sum(line.text[-1:] not in "。！？”" for line in narrow)
        wide_lines = len(unit.lines) - len(narrow)
        if unit.fields.get("line_per_paragraph") or at_column < 0.6 * len(narrow) or cut < 0.5 * len(narrow) \
                or wide_lines * 3 > len(unit.lines) or column < 20:
            out.append(unit)  # not a wrapped column with a stray long line: a document set line by line
            continue
        rest, gap = [], unit.gap_before
        for line in unit.lines:
            wide = width(line.text) > max(column + 8, WRAP_MAX_WIDTH) and len(line.text) <= CAPTION_LIMIT
            after_sentence = not rest or rest[-1].text[-1:] in "。！？”"
            if wide and line.text[-1:] in "。！？" and after_sentence:
                if rest:
                    out.append(Unit("text", rest, gap, fields=dict(unit.fields), edits=edits_on(unit.edits, rest)))
                caption = _caption_unit(line, line.text, "unwrapped_caption")
                caption.edits = edits_on(unit.edits, [line]) + caption.edits
                out.append(caption)
                rest, gap = [], 0
            else:
                rest.append(line)
        if rest:
            out.append(Unit("text", rest, gap, fields=dict(unit.fields), edits=edits_on(unit.edits, rest)))
    return out


STRUCTURE_RULES = {
    "unwrapped_caption": "Took a caption set as one long line among hard-wrapped lines out of the running text.",
    "scene_caption": "Took a lone one-sentence caption out of the running text of a report that credits photos.",
    "credited_caption": "Took a photo caption, recognised by its photo credit (… 摄), out of the running text.",
    "photo_credit": "Moved a photo credit (… 摄) out of the caption into metadata; photographers are not authors.",
    "introduced_caption": "Took a caption introduced as one (图为…, 上图：…) out of the running text.",
}
