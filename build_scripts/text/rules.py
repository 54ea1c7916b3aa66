"""Clean: small, pure, named text rules, applied in one fixed order.

Modelled on python-ftfy's fixers: each rule repairs one defect class, says in
its docstring which defect and why, and carries a doctest.  A rule is a
regular expression plus a replacement; :meth:`TextRule.apply` also returns
every change it made, so the report's edit log can show before → after.

Rules never delete Han characters.  Structural repairs that need more than one
line of context (joining hard wraps, moving captions and furniture) live in
:mod:`build_scripts.text.passes`; both kinds are described for readers in
``render.RULE_DESCRIPTIONS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")
FULLWIDTH_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—"
CJK_RE = re.compile(f"[{HAN}{FULLWIDTH_PUNCT}]")
TEXT_KINDS = frozenset({"paragraph", "heading", "caption", "title", "subtitle", "kicker"})
DISPLAY_KINDS = frozenset({"heading", "title", "subtitle", "kicker"})
CONTEXT = 6


@dataclass(frozen=True)
class Change:
    start: int
    end: int
    new: str


@dataclass(frozen=True)
class TextRule:
    """A named repair: ``pattern`` matches a defect, ``replace`` mends one match."""

    name: str
    pattern: re.Pattern
    replace: Callable[[re.Match], str]
    applies_to: frozenset
    __doc__: str

    def __call__(self, text: str) -> str:
        return self.apply(text)[0]

    def apply(self, text: str) -> tuple[str, list[Change]]:
        """Return the repaired text and the changes made, in order."""
        pieces, changes, pos = [], [], 0
        for match in self.pattern.finditer(text):
            new = self.replace(match)
            if new == match.group(0):
                continue
            pieces += [text[pos:match.start()], new]
            pos = match.end()
            changes.append(Change(match.start(), match.end(), new))
        pieces.append(text[pos:])
        return "".join(pieces), changes

    @property
    def description(self) -> str:
        return self.__doc__.strip().split("\n\n")[0].replace("\n", " ")


RULES: list[TextRule] = []


def text_rule(pattern: str, applies_to=TEXT_KINDS):
    """Register the decorated replacement function as the next rule in order."""

    def register(function: Callable[[re.Match], str]) -> TextRule:
        rule = TextRule(function.__name__, re.compile(pattern), function,
                        frozenset(applies_to), function.__doc__)
        RULES.append(rule)
        return rule

    return register


def _neighbour(text: str, index: int, step: int, skip: str = " \u3000\xa0") -> str:
    """The nearest character from ``index`` in direction ``step`` that is not in ``skip``."""
    index += step
    while 0 <= index < len(text) and text[index] in skip:
        index += step
    return text[index] if 0 <= index < len(text) else ""


ENTITY_END_RE = re.compile(r"&#?[A-Za-z0-9]+$")
FULLWIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
RUN_SKIP = " \u3000\xa0,:;?!()"


def _chinese_context(text: str, start: int, end: int) -> bool:
    """Is the span at ``start:end`` next to Chinese text (looking past spaces and a punctuation run)?"""
    before, after = _neighbour(text, start, -1, RUN_SKIP), _neighbour(text, end - 1, 1, RUN_SKIP)
    return bool(CJK_RE.match(before or " ") or CJK_RE.match(after or " "))


@text_rule(r"\([^()\n]*\)|[,:;()?!]")
def fullwidth_punctuation(match: re.Match) -> str:
    """Half-width , : ; ( ) ? ! in Chinese running text become full-width.

    OCR and web copy often leave ASCII punctuation between Han characters
    (002: ``茫茫大草原,一个党支部``).  Brackets are converted as a pair, so
    ``(2019)`` after Chinese text never ends up half converted; a run such
    as ``?!`` is converted whole.  Punctuation between two digits
    (``1,000``, ``10:30``), with no Chinese neighbour, or ending an HTML
    entity (``&gt;``) stays.

    >>> fullwidth_punctuation('茫茫大草原,一个党支部')
    '茫茫大草原，一个党支部'
    >>> fullwidth_punctuation('锡林郭勒发展巡礼(十三)')
    '锡林郭勒发展巡礼（十三）'
    >>> fullwidth_punctuation('发展巡礼(2019)，什么?!')
    '发展巡礼（2019），什么？！'
    >>> fullwidth_punctuation('投入1,000万元，增长29.17%')
    '投入1,000万元，增长29.17%'
    >>> fullwidth_punctuation('see (Smith, 2019)')
    'see (Smith, 2019)'
    >>> fullwidth_punctuation('&gt;这')
    '&gt;这'
    """
    text, start, end, found = match.string, match.start(), match.end(), match.group(0)
    if len(found) > 1:
        inner = found[1:-1]
        if _chinese_context(text, start, end) or CJK_RE.search(inner):
            return "（" + fullwidth_punctuation(inner) + "）"
        return found
    before, after = _neighbour(text, start, -1), _neighbour(text, start, 1)
    if before.isdigit() and after.isdigit():
        return found
    if found == ";" and ENTITY_END_RE.search(text, 0, start):
        return found
    return FULLWIDTH[found] if _chinese_context(text, start, end) else found


@text_rule(f"(?<=[{HAN}])[ \u3000\xa0]+(?=[0-9])|(?<=[0-9%])[ \u3000\xa0]+(?=[{HAN}])")
def remove_space_between_han_and_digit(match: re.Match) -> str:
    """Spaces between a Han character and a digit are layout residue.

    Typesetting pads numbers inside Chinese text (``2016 年``) and a hard wrap
    after a number leaves ``选派 78`` + ``名``.  Chinese text does not space
    numbers, so the space goes; spaces between two Han characters are left
    alone (they may stand for lost quotation marks, see the notes).

    >>> remove_space_between_han_and_digit('2016 年，选派 78名')
    '2016年，选派78名'
    >>> remove_space_between_han_and_digit('达到 75.7% 的标准')
    '达到75.7%的标准'
    >>> remove_space_between_han_and_digit('夯实基层基础 筑牢战斗堡垒')
    '夯实基层基础 筑牢战斗堡垒'
    """
    return ""


@text_rule(f"(?<![{HAN}/])[{HAN}](?:/[{HAN}])+(?![{HAN}/])|(?<![{HAN}])[{HAN}](?:[ \u3000][{HAN}]){{3,}}(?![{HAN}])",
           applies_to=DISPLAY_KINDS)
def restore_spaced_title(match: re.Match) -> str:
    """Letter-spaced or slashed display titles are written as words again.

    Page designers set banner titles one character at a time
    (``启/航/新/征/程``, ``启 航 新 征 程``); copied as text, the separators
    split every word.  Only headings and titles are touched.

    >>> restore_spaced_title('启/航/新/征/程 展/现/新/作/为')
    '启航新征程 展现新作为'
    >>> restore_spaced_title('党 旗 飘 扬')
    '党旗飘扬'
    >>> restore_spaced_title('党\u3000旗\u3000飘\u3000扬')
    '党旗飘扬'
    >>> restore_spaced_title('夯实基层基础 筑牢战斗堡垒')
    '夯实基层基础 筑牢战斗堡垒'
    """
    return re.sub("[/ \u3000]", "", match.group(0))


def clean_text(text: str, kind: str) -> tuple[str, list[tuple[str, str, str]]]:
    """Apply every rule for ``kind`` in order; return text and (rule, before, after) records."""
    records = []
    for rule in RULES:
        if kind not in rule.applies_to:
            continue
        new_text, changes = rule.apply(text)
        for change in changes:
            records.append((rule.name, *context(text, change)))
        text = new_text
    return text, records


def context(text: str, change: Change, width: int = CONTEXT) -> tuple[str, str]:
    """Before/after snippets of a change with a little surrounding text."""
    left = text[max(0, change.start - width):change.start]
    right = text[change.end:change.end + width]
    return left + text[change.start:change.end] + right, left + change.new + right


LOST_QUOTE_RE = re.compile(f"[{HAN}][ \u3000\xa0]+[{HAN}]")
QUOTED_RE = re.compile(r"“[^”]*”|‘[^’]*’|《[^》]*》")
NOT_A_QUOTE_BEFORE_RE = re.compile(r"(?:讯|电|记者|通讯员|摄影|编辑|作者)$")
NOT_A_QUOTE_AFTER_RE = re.compile(r"[〇○零一二三四五六七八九十]{2,4}年|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日")


def lost_quote_gaps(text: str, kind: str) -> list[tuple[int, int]]:
    """Spans of spaces between Han characters that probably stand for lost quotation marks.

    OCR of 004 lost the quotation marks around terms and left spaces:
    ``五面红旗嘎查村 争创活动`` for “五面红旗嘎查村”争创活动.  In running text
    any such space outside quotation marks is flagged; in headings and titles,
    where a space legitimately separates two phrases, only when one of the
    segments the spaces cut is three characters or fewer.  Nothing is
    changed: the flag becomes an editorial note and a mark on the page.

    >>> lost_quote_gaps('五面红旗嘎查村 争创活动为各村搭建', 'paragraph')
    [(7, 8)]
    >>> lost_quote_gaps('“评星晋级 争创双强六好”', 'paragraph')
    []
    >>> lost_quote_gaps('夯实基层基础 筑牢战斗堡垒', 'heading')
    []
    >>> lost_quote_gaps('做优苏木乡镇党委 龙头 发挥引擎作用', 'heading')
    [(8, 9), (11, 12)]

    No evidence, no note: a space after a news lead (``正北方网讯 近日``), after
    a role word (``记者 张明``) or before a date (``张明 二〇一九年``) is layout.

    >>> lost_quote_gaps('正北方网讯 近日，杭锦旗', 'paragraph'), lost_quote_gaps('记者 张明', 'paragraph')
    ([], [])
    >>> lost_quote_gaps('张明 二〇一九年五月', 'paragraph')
    []
    """
    masked = QUOTED_RE.sub(lambda m: "\0" * len(m.group(0)), text)
    gaps = [(m.start() + 1, m.end() - 1) for m in LOST_QUOTE_RE.finditer(masked)
            if not NOT_A_QUOTE_BEFORE_RE.search(masked[:m.start() + 1])
            and not NOT_A_QUOTE_AFTER_RE.match(masked[m.end() - 1:])]
    if kind in DISPLAY_KINDS and gaps:
        cuts = [0] + [i for gap in gaps for i in gap] + [len(masked)]
        segments = [masked[a:b] for a, b in zip(cuts[::2], cuts[1::2])]
        return gaps if any(len(seg) <= 3 for seg in segments) else []
    return gaps


def possible_lost_quotes(text: str, kind: str) -> list[str]:
    """Snippets around :func:`lost_quote_gaps`: the whole line for titles, context for running text.

    >>> possible_lost_quotes('五面红旗嘎查村 争创活动为各村搭建', 'paragraph')
    ['五面红旗嘎查村 争创活动为各村']
    >>> possible_lost_quotes('做优苏木乡镇党委 龙头 发挥引擎作用', 'heading')
    ['做优苏木乡镇党委 龙头 发挥引擎作用']
    """
    gaps = lost_quote_gaps(text, kind)
    if kind in DISPLAY_KINDS:
        return [text] if gaps else []
    return [context(text, Change(start - 1, end + 1, text[start - 1:end + 1]))[0] for start, end in gaps]


__test__ = {rule.name: rule.__doc__ for rule in RULES}
