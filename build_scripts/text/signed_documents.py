"""Speeches and duty reports as their authors sign and address them: a closing signature block, a salutation.

A 述职报告 often ends with its signature block set right-aligned under the
text — ``述职人：<office>　<name>`` and the date on the line below — instead of
a byline under the title; a speech opens with a salutation (同志们：) that is a
paragraph of its own, not the first words of the next one.
"""

from __future__ import annotations

import re

from build_scripts.model import Unit
from build_scripts.text.furniture import BYLINE_RE, _explode, _furniture
from build_scripts.text.people import NAME

SIGNATURE_LABEL_RE = re.compile(
    f"^(?P<label>述职人|汇报人|报告人|发言人|讲话人|撰稿人|署名)[：:][ \u3000]*"
    f"(?:(?P<office>[\u4e00-\u9fff（）()]{{2,30}}?)[ \u3000]+)?(?P<name>{NAME})$")
SALUTATION_RE = re.compile(r"^(?:同志们|各位(?:领导|代表|委员|同志|来宾|嘉宾)(?:[、，,]各位[\u4e00-\u9fff]{2,4})*(?:[，,]同志们)?|"
                           r"尊敬的[^，。；！？]{1,24}|女士们[、，,]先生们|朋友们)[：:]$")
DATED_KINDS = ("date_line",)


def signature_line(text: str, dated: bool) -> dict | None:
    """Office and author of a closing signature line: labelled (述职人：…), or office and name above a date.

    >>> signature_line('述职人：中共某旗新兴镇委员会书记　李文博', dated=False)
    {'office': '中共某旗新兴镇委员会书记', 'people': [('李文博', 'author')]}
    >>> signature_line('中共某旗委副书记　那顺', dated=True)['people'], signature_line('中共某旗委副书记　那顺', dated=False)
    ([('那顺', 'author')], None)
    """
    m = SIGNATURE_LABEL_RE.match(text)
    if m is None and dated:
        m = BYLINE_RE.match(text)
    if m is None:
        return None
    fields = {"office": m.group("office")} if m.group("office") else {}
    return fields | {"people": [(m.group("name"), "author")]}


def signature_blocks(units: list[Unit]) -> list[Unit]:
    """The signature block closing a document (述职人：<office> <name>, then its date) is furniture naming the author.

    Only the last line of the text counts, with nothing after it but
    furniture: a signature stands at the very end.  An unlabelled office and
    name counts only above a date line (the date of the signature).
    """
    last = max((i for i, u in enumerate(units) if u.kind == "text"), default=None)
    if last is None:
        return units
    after = units[last + 1:]
    if any(u.kind != "furniture" for u in after):
        return units
    line = units[last].lines[-1]
    fields = signature_line(line.text, dated=bool(after) and after[0].fields["furniture"] in DATED_KINDS)
    if fields is None:
        return units
    claimed = _furniture("signature", [line], "signature_block", **fields)
    return _explode(units, lambda unit, other: claimed if other is line else None)


def is_salutation(text: str) -> bool:
    """A salutation (同志们：, 各位领导、各位代表：) opens a speech as a paragraph of its own.

    It ends with a colon, not a sentence end, but no text continues it: it is
    never joined to the paragraph after it.

    >>> is_salutation('同志们：'), is_salutation('各位领导、各位同志：'), is_salutation('尊敬的各位来宾：')
    (True, True, True)
    >>> is_salutation('同志们，乡村振兴任重道远。'), is_salutation('主要做法如下：')
    (False, False)
    """
    return bool(SALUTATION_RE.match(text.strip()))


STRUCTURE_RULES = {
    "signature_block": "Moved the signature block closing the document (述职人：office and name) out of the text "
                       "into the authors.",
}

