"""Pinyin for glossary terms: jieba's words, pypinyin's syllables, standard spelling and spacing."""

from __future__ import annotations

from build_scripts.annotate.segmenter import standalone_words
from build_scripts.annotate.wording import NUMERALS, is_han, normalise


def syllables(text: str) -> list[str]:
    """Tone-marked syllables of Han characters; other runs (digits, Latin) are kept as written.

    >>> syllables('光荣在党50年')
    ['guāng', 'róng', 'zài', 'dǎng', '50', 'nián']
    """
    from pypinyin import Style, pinyin

    return [s[0] for s in pinyin(normalise(text), style=Style.TONE, errors="default", strict=False)]


def join_syllables(parts: list[str]) -> str:
    """Join the syllables of one word, with an apostrophe before a, o, e (standard pinyin spelling).

    >>> join_syllables(['dǎng', 'yuán'])
    'dǎngyuán'
    >>> join_syllables(['tiān', 'ān'])
    "tiān'ān"
    """
    word = parts[0] if parts else ""
    for part in parts[1:]:
        bare = strip_tones(part)[:1]
        word += ("'" if bare in ("a", "o", "e") and word[-1:].isalpha() else "") + part
    return word


def pinyin_words(term: str, splitter=None) -> list[str]:
    """Words for pinyin spacing: jieba's words, with long compounds split and numerals set apart.

    A word of four or more characters is split after two characters when
    both halves are dictionary words (第一书记 → 第一 书记); a leading numeral
    stands alone (四个意识 → 四 个 意识), as formulas are read numeral by
    numeral.

    >>> pinyin_words('第一书记'), pinyin_words('四个意识')
    (['第一', '书记'], ['四', '个', '意识'])
    """
    splitter = splitter or standalone_words().plain  # the run's tokenizer's plain dictionary, or outside a run
    words, queue = [], list(splitter.lcut(term, HMM=False))
    while queue:
        word = queue.pop(0)
        if len(word) >= 2 and word[0] in NUMERALS and is_han(word[1]):
            queue[:0] = [word[0], word[1:]]
        elif len(word) >= 4 and all(is_han(c) for c in word) and splitter.FREQ.get(word[:2]) \
                and splitter.FREQ.get(word[2:]):
            queue[:0] = [word[:2], word[2:]]
        else:
            words.append(word)
    return words


PUNCTUATION_PINYIN = {"、": ",", "，": ",", "；": ";", "：": ":"}


def generated_pinyin(term: str, known: dict[str, str] | None = None, splitter=None) -> str:
    """Pinyin for a term, one word per :func:`pinyin_words` word (四议两公开 → sì yì liǎng gōngkāi).

    ``known`` maps other terms to their curated pinyin, used where they occur
    inside this one (党员中心户+协会 reuses dǎngyuán zhōngxīnhù).  Digits and
    Latin letters are kept and joined (1+3); 、 becomes a comma.  An entry's
    ``pinyin`` key overrides all this.

    >>> generated_pinyin('书记抓、抓书记'), generated_pinyin('1+N'), generated_pinyin('五个一')
    ('shūjì zhuā, zhuā shūjì', '1+N', 'wǔ gè yī')
    >>> generated_pinyin('党员中心户+协会', {'党员中心户': 'dǎngyuán zhōngxīnhù'})
    'dǎngyuán zhōngxīnhù + xiéhuì'
    """
    text = normalise(term)
    pieces: list[tuple[str, bool]] = []  # (pinyin or symbol, is_han)
    position = 0
    inner = sorted(((s, e, p) for s, e, p in _known_spans(text, known or {}) if (s, e) != (0, len(text))))
    for start, end, curated in inner + [(len(text), len(text), None)]:
        for word in pinyin_words(text[position:start], splitter) if start > position else []:
            if any(is_han(c) for c in word):
                pieces.append((join_syllables(syllables(word)), True))
            elif word.strip():
                pieces.append((PUNCTUATION_PINYIN.get(word, word), False))
        if curated:
            pieces.append((curated, True))
        position = end
    out = ""
    for n, (piece, han) in enumerate(pieces):
        if n == 0:
            out = piece
        elif piece in PUNCTUATION_PINYIN.values():
            out += piece
        elif not han and not pieces[n - 1][1]:
            out += piece
        else:
            out += " " + piece
    return out


def _known_spans(text: str, known: dict[str, str]) -> list[tuple[int, int, str]]:
    """Leftmost-longest occurrences of curated-pinyin terms inside ``text``."""
    spans, i = [], 0
    forms = sorted(known, key=len, reverse=True)
    while i < len(text):
        form = next((f for f in forms if text.startswith(f, i)), None)
        if form:
            spans.append((i, i + len(form), known[form]))
            i += len(form)
        else:
            i += 1
    return spans


TONE_TABLE = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm")


def strip_tones(text: str) -> str:
    """Pinyin without tone marks, lower case, for sorting and letters.

    >>> strip_tones('Lǜ Ā')
    'lv a'
    """
    return text.lower().translate(TONE_TABLE)
