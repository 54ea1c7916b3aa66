"""Dates as Chinese reports write them, read into EDTF (2016-05-09, 2016-05, 2016).

Web pages, e-papers, wire stories and work reports write one date in many
ways: ``2016-05-09 10:42``, ``2016.5.9``, ``2016/05/09``, ``16-05-09``,
``2016年5月9日 星期一``, ``二〇一六年五月九日``, ``2020年12月``.  One reader
for all of them, so furniture recognition (a line that is only a date) and
the report's date (which line stated it) agree.  A leaf module.

Documented choices:

- A two-digit year (``17-09-21``) is 20YY: the archive's reports are from
  2014–2021, and a two-digit year in a web page's source line is this
  century's.
- A year written last (``07.05.2015``) is read day.month.year, the order of
  the CMS exports that print it; when both first numbers could be a month the
  reading is marked ambiguous, and the basis says so.
- Fullwidth digits (``２０１９年１０月１５日``, as some e-paper exports print
  them) are read as the digits they are: dates are found in a copy with ASCII
  digits in their place, character for character, so what was found is
  quoted from the text as written (:func:`fullwidth_digits_read`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．／－：", "0123456789./-:")
CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "十": 10}
CN = "〇○零一二三四五六七八九十"
WEEKDAY = r"(?:星期|周|礼拜)[一二三四五六日天]"
TIME = r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?|\d{1,2}时\d{1,2}分(?:\d{1,2}秒)?"
YEAR_FIRST = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2}|\d{2})(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d.]*\d)")
YEAR_LAST = re.compile(r"(?<![\d.])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?!\d)")
HAN_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s?年(?:\s?(?P<m>\d{1,2})\s?月(?:\s?(?P<d>\d{1,2})\s?日)?)?")
CN_DATE = re.compile(f"(?P<y>[{CN}]{{4}})年(?:(?P<m>[{CN}]{{1,2}})月(?:(?P<d>[{CN}]{{1,3}})日)?)?")
#: A line that is only a date: with a weekday, a time and a label such as 发布时间 around it.
DATE_LINE = re.compile(
    r"^[\[【（(]?(?:(?:发布|更新|刊发|出版|上传)?(?:时间|日期)[：:]\s*)?"
    r"(?P<date>.+?)"
    f"(?:\\s*{WEEKDAY})?(?:\\s*(?:{TIME}))?(?:\\s*{WEEKDAY})?[\\]】）)]?$")


@dataclass(frozen=True)
class DateReading:
    """A date found in text: where, as written, in EDTF, and anything a reader should know about the reading."""

    start: int
    end: int
    text: str
    edtf: str
    note: str = ""

    @property
    def year(self) -> int:
        return int(self.edtf[:4])


def cn_number(text: str) -> int | None:
    """A Chinese numeral of a date: digit by digit for years (二〇一六), with 十 for months and days (二十一).

    >>> cn_number('二〇一六'), cn_number('十二'), cn_number('二十一'), cn_number('三十'), cn_number('五')
    (2016, 12, 21, 30, 5)
    """
    if any(ch not in CN_DIGITS for ch in text):
        return None
    if "十" not in text:
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    tens, _, units = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)


def _edtf(year: int, month: int | None, day: int | None) -> str | None:
    if not 1900 <= year <= 2099 or (month is not None and not 1 <= month <= 12) \
            or (day is not None and not 1 <= day <= 31):
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")


def fullwidth_digits_read(text: str) -> str:
    """Rule ``fullwidth_digits_read``: fullwidth digits and date separators read as ASCII, one character for one.

    Some e-paper exports set every digit fullwidth; the date readers look for
    ASCII digits and missed them (a date line ``２０１９年１０月１５日`` became
    the kicker).  Only the reading uses the copy: the text is never changed.

    >>> fullwidth_digits_read('２０１９年１０月１５日　星期二')
    '2019年10月15日\u3000星期二'
    >>> fullwidth_digits_read('全旗发展党员120名')
    '全旗发展党员120名'
    """
    return text.translate(FULLWIDTH_DIGITS)


def find_dates(text: str) -> list[DateReading]:
    """Every date in ``text``, in order, read into EDTF; a bare year counts only as ``2019年``.

    >>> [d.edtf for d in find_dates('2016-05-09 10:42 来源：X；2016.5.9；2016/05/09；16-05-09')]
    ['2016-05-09', '2016-05-09', '2016-05-09', '2016-05-09']
    >>> [d.edtf for d in find_dates('二〇一六年五月九日，2020年12月，2019年')]
    ['2016-05-09', '2020-12', '2019']
    >>> find_dates('13.05.2015')[0].edtf, find_dates('07.05.2015')[0].note
    ('2015-05-13', 'ambiguous day and month: read as day.month.year')
    >>> [(d.text, d.edtf) for d in find_dates('２０１９年１０月１５日')]
    [('２０１９年１０月１５日', '2019-10-15')]
    """
    found: list[DateReading] = []
    taken: list[tuple[int, int]] = []
    written, text = text, fullwidth_digits_read(text)

    def add(m: re.Match, year: int, month: int | None, day: int | None, note: str = "") -> None:
        edtf = _edtf(year, month, day)
        if edtf and not any(s < m.end() and m.start() < e for s, e in taken):
            found.append(DateReading(m.start(), m.end(), written[m.start():m.end()], edtf, note))
            taken.append((m.start(), m.end()))

    for m in YEAR_FIRST.finditer(text):
        year = int(m.group("y"))
        add(m, year + 2000 if year < 100 else year, int(m.group("m")), int(m.group("d")),
            "two-digit year read as 20YY" if year < 100 else "")
    for m in YEAR_LAST.finditer(text):
        a, b = int(m.group("a")), int(m.group("b"))
        note = "ambiguous day and month: read as day.month.year" if a <= 12 and b <= 12 else ""
        day, month = (a, b) if a > 12 or note else (b, a)
        add(m, int(m.group("y")), month, day, note)
    for m in HAN_DATE.finditer(text):
        add(m, int(m.group("y")), m.group("m") and int(m.group("m")), m.group("d") and int(m.group("d")))
    for m in CN_DATE.finditer(text):
        year = cn_number(m.group("y"))
        month = cn_number(m.group("m")) if m.group("m") else None
        day = cn_number(m.group("d")) if m.group("d") else None
        if year is not None:
            add(m, year, month, day)
    return sorted(found, key=lambda d: d.start)


def date_line(line: str) -> DateReading | None:
    """The date of a line that is nothing but a date (with weekday, time or a 发布时间 label), else None.

    >>> date_line('2019年03月12日 星期二').edtf, date_line('发布时间：2020/06/15 08:01').edtf
    ('2019-03-12', '2020-06-15')
    >>> date_line('二〇二〇年十二月').edtf, date_line('2019年全旗发展党员120名') is None
    ('2020-12', True)
    """
    m = DATE_LINE.match(line.strip())
    if not m:
        return None
    dates = find_dates(m.group("date"))
    if len(dates) == 1 and dates[0].text == m.group("date").strip():
        return dates[0]
    return None
