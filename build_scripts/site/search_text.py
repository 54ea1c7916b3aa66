"""Search text as the worker compares it: folded so punctuation inside a phrase never stops a match.

Researchers type 两学一做学习教育 where the text prints “两学一做”学习教育, and
OCR left spaces where quotation marks were lost.  Both the index and the query
are *folded* the same way before they are compared:

- quotation marks, book-title marks, middle dots, dashes and every kind of
  space are dropped (they are *ignorable*);
- full-width Latin letters and digits become ASCII, ASCII letters lower case,
  and pinyin tone marks are taken off (ǎ → a, ü → v), so ``dǎngyuán`` on a
  glossary page is found by ``dangyuan``;
- every run of letters and digits (a decimal point between digits belongs to
  the run) is preceded by a space, and a run that ends in a digit is
  followed by one.  Spaces occur nowhere else in folded text, so they mark
  word edges: ``1399`` folds to `` 1399 `` and is not found inside
  `` 13990 `` or `` 1.1399 ``; ``gdp`` is found at the start of a word only.

Everything else — Han characters, 、，。（）+ % … — is kept as it is, so a
phrase still never matches merely its parts (党员、中心户 is not 党员中心户).

The worker (``overrides/assets/javascripts/workers/``) has the same rule in
JavaScript; ``tests/data/search_fold.json`` holds cases both must pass, and a
test folds the whole corpus with both and compares.  Positions in the index
are positions in folded text, counted in code points.
"""

from __future__ import annotations

import re
from importlib import resources

QUOTES = "\"'`“”‘’„‚‹›«»「」『』〝〞〟＂＇′″"
TITLE_MARKS = "《》〈〉︽︾︿﹀"
DOTS = ".·•・‧∙⋅･"
DASHES = "-‐‑‒–—―−⁃﹣﹘─－"
SPACES = "\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
         "\u2028\u2029\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff"
COMBINING = "".join(chr(c) for c in range(0x300, 0x370))
IGNORABLE = frozenset(QUOTES + TITLE_MARKS + DOTS + DASHES + SPACES + COMBINING)
BOUNDARY = " "

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛÜ"
PLAIN = "aaaaeeeeiiiioooouuuuvvvvvnnnmaaaaeeeeiiiioooouuuuvvvvv"
CHARACTER_TABLE = {
    **{ord(t): p for t, p in zip(TONED, PLAIN)},
    **{c: chr(c + 0x20) for c in range(ord("A"), ord("Z") + 1)},
    **{c: chr(c - 0xFEE0 + 0x20) for c in range(0xFF21, 0xFF3B)},   # Ａ–Ｚ → a–z
    **{c: chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)},          # ａ–ｚ
    **{c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)},          # ０–９
    0xFF0E: ".",
}


def normal_char(char: str) -> str:
    """One character as compared: ASCII for full-width letters and digits, lower case, no tone mark.

    >>> normal_char("Ｇ"), normal_char("ǎ"), normal_char("Ü"), normal_char("党")
    ('g', 'a', 'v', '党')
    """
    return char.translate(CHARACTER_TABLE)


RUN = r"[0-9a-z]+(?:(?<=[0-9])\.(?=[0-9])[0-9a-z]+)*"
FOLDING = re.compile(f"({RUN})|[{re.escape(''.join(sorted(IGNORABLE)))}]")


def bounded(match: re.Match) -> str:
    """A run of letters and digits between boundaries (after it only when it ends in a digit); ignorables go."""
    run = match.group(1)
    if run is None:
        return ""
    return BOUNDARY + run + (BOUNDARY if run[-1].isdigit() else "")


def fold(text: str) -> str:
    """``text`` as the search compares it (see the module docstring).

    >>> fold("“两学一做”学习教育"), fold("软指标 变 硬任务"), fold("《党章》")
    ('两学一做学习教育', '软指标变硬任务', '党章')
    >>> fold("建立1399户"), fold("占51.9%"), fold("“1+3”制度"), fold("dǎngyuán zhōngxīnhù")
    ('建立 1399 户', '占 51.9 %', ' 1 + 3 制度', ' dangyuan zhongxinhu')
    >>> fold("党员、中心户"), fold("GDP增长"), fold("２０１９年")
    ('党员、中心户', ' gdp增长', ' 2019 年')
    """
    return FOLDING.sub(bounded, text.translate(CHARACTER_TABLE))


def opencc_table() -> dict[str, str]:
    """Traditional (and Hong Kong and Taiwan variant) characters → simplified, from OpenCC's own data.

    OpenCC's ``tw2s`` and ``hk2s`` conversions first turn regional variants into
    its standard traditional forms and then convert them character by character
    (``TSCharacters``); the first candidate is the usual reading.  Only
    characters that change are kept.

    >>> table = opencc_table()
    >>> "".join(table.get(c, c) for c in "黨員中心戶基層黨組織")
    '党员中心户基层党组织'
    """
    folder = resources.files("opencc") / "dictionary"

    def first_candidates(name: str) -> dict[str, str]:
        table = {}
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            source, _, targets = line.partition("\t")
            if len(source) == 1 and targets.split():
                table[source] = targets.split()[0]
        return table

    characters = first_candidates("TSCharacters.txt")
    table = {}
    for variants in ("TWVariantsRev.txt", "HKVariantsRev.txt"):
        for variant, standard in first_candidates(variants).items():
            simplified = characters.get(standard, standard)
            if simplified != variant and len(simplified) == 1:
                table.setdefault(variant, simplified)
    for traditional, simplified in characters.items():
        if simplified != traditional and len(simplified) == 1:
            table[traditional] = simplified
    return dict(sorted(table.items()))
