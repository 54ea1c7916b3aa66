"""Numbers that are not figures, and quantities written in Chinese numerals.

Every run of Arabic digits in a report is either part of a figure or excluded
with a named reason.  Two kinds of reason exist:

* *spans* — a date (2016-05-09, 17-09-21), a clock time (09:30, 9时30分), a
  page label (03版), a phone number (0479-8224567, 拨打12371) or a code
  (〔2019〕12号, 3号楼, 邮编026000, a web address): every digit run inside the
  span is excluded, so a source line copied from a web page (17-09-21 09:30)
  never becomes five figures;
* *runs* — one digit run read in its context: a year (2016年), a month or day
  (7月1日), a cohort (80后), a formula or quoted name (“1+3”), an ordinal
  (第18位), an anniversary (100周年), a section number (1、), part of a Latin
  name (5G).

Chinese numerals (三百余名, 两千多户, 十万元) are read by :func:`chinese_number`;
:func:`is_chinese_quantity` decides when such a numeral counts something.
Single numerals without a place value (一名党员, 五面红旗, 三会一课) name
formulas and programmes in these reports far more often than they count, so
they are never read.  The conversion is a few lines and needs to reject
sequences (一二三产业, 七八十个) and to leave 余/多 to the caller, so it is
written here rather than taken from a library; the tests check it against
cn2an.
"""

from __future__ import annotations

import re

EXCLUSIONS = {
    "year": "a year (2016年, 2016—2018年)",
    "date": "a date, or a month or day (7月1日, 2016-05-09, 17-09-21)",
    "time": "a clock time (09:30, 9时30分)",
    "period": "the length of a running total (3年来, 近5年以来, 连续3年)",
    "page": "a page label (03版)",
    "phone": "a phone number or hotline (0479-8224567, 拨打12371)",
    "code": "a code or number that names (〔2019〕12号, 3号楼, 邮编, a web address)",
    "cohort": "a generation label (80后)",
    "formula": "part of a formula or quoted name (“1+3”, “456”工作法, “光荣在党50年”)",
    "ordinal": "an ordinal or rank (第18位)",
    "anniversary": "an anniversary (100周年)",
    "section_number": "a section number at the start of a paragraph (1、)",
    "name": "part of a name written with Latin letters (5G)",
}

#: Spans whose digits are never figures, tried in this order (a date before a time, a phone number before a code).
SPAN_PATTERNS = (
    ("date", re.compile(r"(?<![\d.])(?:(?:19|20)\d\d|\d\d)([-/.])(?:0?[1-9]|1[0-2])\1"
                        r"(?:0?[1-9]|[12]\d|3[01])(?![\d.])")),
    ("time", re.compile(r"(?<![\d.])(?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?(?![\d.])"
                        r"|(?<![\d.])(?:[01]?\d|2[0-3])[时点](?:(?:[0-5]?\d)分)?(?=[^\d]|$)")),
    ("page", re.compile(r"(?<![\d.第])\d{1,3}版")),
    ("phone", re.compile(r"(?:电话|热线|拨打|手机|传真|联系方式|Tel|TEL)[：:\s]*[\d()（）\-－— ]*\d"
                         r"|(?<![\d.])\d{5,}(?=[^\d，。；]{0,6}热线)"
                         r"|(?<![\d.])[(（]?0\d{2,3}[)）\-－—]?\d{7,8}(?!\d)|(?<![\d.])1[3-9]\d{9}(?!\d)")),
    ("code", re.compile(r"[〔\[［【(（]\d{4}[〕\]］】)）]\s*第?\d+号|(?<![\d.])\d+号|邮编[：:]?\s*\d{6}"
                        r"|(?:https?://|www\.)[\w./\-?=&%#:~+]+|(?<![\d.])\d{12,}")),
)


def non_figure_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, reason)`` of every span of ``text`` whose digits are not figures, left to right.

    >>> non_figure_spans("17-09-21 09:30 来源：本报")
    [(0, 8, 'date'), (9, 14, 'time')]
    >>> non_figure_spans("当前版：03版，咨询电话0479-8224567")
    [(4, 7, 'page'), (10, 24, 'phone')]
    >>> non_figure_spans("网格2093个")
    []
    """
    found: list[tuple[int, int, str]] = []
    for reason, pattern in SPAN_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if not any(s < end and start < e for s, e, _ in found):
                found.append((start, end, reason))
    return sorted(found)


YEAR_AFTER_RE = re.compile(r"(?:年|(?:—|–|－|-|~|～|至|到)(?:19|20)\d\d年)")


def exclusion(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> str | None:
    """Why the digit run ``text[start:end]`` is not a figure, or None when it is one.

    >>> exclusion("2016年以来", 0, 4, [])
    'year'
    >>> exclusion("网格2093个", 2, 6, [])
    >>> exclusion("落实“1+3”制度", 3, 4, [(2, 7)])
    'formula'
    """
    run, before, after = text[start:end], text[start - 1:start] if start else "", text[end:end + 1]
    if re.fullmatch(r"(?:19|20)\d\d", run) and YEAR_AFTER_RE.match(text, end):
        return "year"
    if len(run) <= 2 and "." not in run and (after == "日" or (after == "月" and before != "个")):
        return "date"
    if re.match(r"年(?:来|以来)", text[end:end + 3]) or (before == "续" and text.startswith("年", end)):
        return "period"
    if len(run) == 2 and after == "后" and not before.isdigit():
        return "cohort"
    if before in ("+", "＋") or after in ("+", "＋") or any(a < start and end < b for a, b in quoted):
        return "formula"
    if before == "第":
        return "ordinal"
    if text.startswith("周年", end):
        return "anniversary"
    if start == 0 and after in ("、", ".", "．", ")", "）"):
        return "section_number"
    if (before and before.isascii() and before.isalpha()) or (after and after.isascii() and after.isalpha()):
        return "name"
    return None


# --- Chinese numerals -------------------------------------------------------------------------------

DIGIT_VALUES = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                "九": 9}
PLACE_VALUES = {"十": 10, "百": 100, "千": 1000}
LARGE_VALUES = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "".join(DIGIT_VALUES) + "".join(PLACE_VALUES) + "".join(LARGE_VALUES)
CHINESE_RUN_RE = re.compile(f"[{NUMERAL_CHARS}]+")


def chinese_number(text: str) -> int | None:
    """The integer a Chinese numeral writes, or None when ``text`` is not one well-formed numeral.

    >>> [chinese_number(t) for t in ("三百", "两千", "十", "十万", "一万零一", "三百零四万零五百零六", "一亿一千万")]
    [300, 2000, 10, 100000, 10001, 3040506, 110000000]
    >>> [chinese_number(t) for t in ("一二三", "七八十", "十三五", "百十", "第一", "")]
    [None, None, None, None, None, None]
    """
    total, section, digit, last_place = 0, 0, None, 10_000
    if not text:
        return None
    for ch in text:
        if ch in DIGIT_VALUES:
            if digit is not None:
                return None  # two digits in a row: a sequence (一二三) or a rough range (七八十)
            digit = DIGIT_VALUES[ch] or None  # 零 only holds a place: 一千零五
        elif ch in PLACE_VALUES:
            place = PLACE_VALUES[ch]
            if place >= last_place or (digit is None and not (ch == "十" and section == 0)):
                return None
            section += (1 if digit is None else digit) * place
            digit, last_place = None, place
        elif ch in LARGE_VALUES:
            large = LARGE_VALUES[ch]
            section += digit or 0
            if section == 0 and total == 0 and ch == text[0]:
                section = 1  # 万余 reads as 10,000
            if ch == "亿":
                total = (total + section) * large
            else:
                total += section * large
            section, digit, last_place = 0, None, 10_000
        else:
            return None
    return total + section + (digit or 0)


def is_chinese_quantity(numeral: str, qualified: bool) -> bool:
    """Whether a Chinese numeral before a unit counts something.

    It must have a place value (十, 百, 千, 万, 亿) and, when it is that one
    character alone (十项, 千个, 万名), be qualified by 余 or 多 (十余种, 千余名):
    single numerals name formulas and programmes (一名党员就是一面旗帜, 五面红旗).

    >>> [is_chinese_quantity(n, q) for n, q in (("三百", True), ("两千", False), ("十", True), ("十", False),
    ...                                         ("一", False), ("万", False), ("一二三", False))]
    [True, True, True, False, False, False, False]
    """
    if not any(ch in PLACE_VALUES or ch in LARGE_VALUES for ch in numeral):
        return False
    if len(numeral) == 1 and not qualified:
        return False
    return chinese_number(numeral) is not None
