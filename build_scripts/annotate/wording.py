"""Facts about Chinese wording that term scanning, pinyin and candidate discovery share; a leaf module."""

from __future__ import annotations

HAN = "\u4e00-\u9fff"


NUMERALS = "一二三四五六七八九十百千万两双"


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


QUOTE_MARKS = "“”‘’「」『』\""


def normalise(text: str) -> str:
    """A candidate or form without quotation marks and surrounding space, for comparison.

    >>> normalise('“456”工作法')
    '456工作法'
    """
    return "".join(ch for ch in text if ch not in QUOTE_MARKS).strip()
