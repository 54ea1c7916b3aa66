"""One word segmenter for the archive: jieba, taught the glossary's terms and the gazetteer's places, loaded once.

It decides whether a glossary term, a topic word or a place name found in a
paragraph stands there as a word, or is only a run of characters inside
other words: 蒙古包 inside 内蒙古包头市, 组织部 inside 组织部分党员, 旗 inside 旗帜,
党组 inside 党组织, 额尔古纳 inside 额尔古纳河.  Matching stays exact and fast
(the scanners' regular expressions); the segmenter only vetoes.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from build_scripts.errors import DataFileError
from build_scripts.text.ingest import DATA_DIR, read_yaml

#: A place's Party committee: 包头市委, 乌审旗委, 锡林郭勒盟委 are the place plus 委.
COMMITTEE = "委"
#: Words of scope a term or place may be fused with (全盟, 全旗, 各旗县): 全盟 is still the league.
SCOPE_PREFIXES = ("全", "各", "本", "该")
PLACE_ENDINGS = ("市", "旗", "县", "盟", "区")


class Segmenter:
    """Word boundaries of a text, and whether a found span stands as a word."""

    def __init__(self, words: set[str], places: set[str]):
        import jieba

        jieba.setLogLevel(logging.ERROR)
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.check_initialized()
        for word in sorted(words | places):
            self.tokenizer.add_word(word)
        for place in sorted(places):
            if place.endswith(PLACE_ENDINGS):
                self.tokenizer.add_word(place + COMMITTEE)
        self._spans: dict[str, list[tuple[int, int]]] = {}

    def word_spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each word of ``text``, cached: every scanner asks about the same paragraphs."""
        spans = self._spans.get(text)
        if spans is None:
            spans, position = [], 0
            for word in self.tokenizer.lcut(text, HMM=False):
                spans.append((position, position + len(word)))
                position += len(word)
            self._spans[text] = spans
        return spans

    def _whole_words(self, text: str) -> bool:
        """Whether ``text`` is one or more dictionary words of two characters or more (学习教育, 书记)."""
        return all(len(word) >= 2 for word in self.tokenizer.lcut(text, HMM=False))

    def _joins_before(self, part: str) -> bool:
        return part in SCOPE_PREFIXES or self._whole_words(part)

    def _joins_after(self, part: str) -> bool:
        if self._whole_words(part) or part == COMMITTEE:
            return True
        return part.startswith(COMMITTEE) and self._whole_words(part[len(COMMITTEE):])

    def stands_alone(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is a word (or words) here, not a piece of a longer word.

        Each word of the text that reaches over an edge of the span must
        leave, outside the span, whole words of two characters or more
        (党组|书记, 联合党委|委员, 驻村|干部), a place's committee (包头市|委) or
        a word of scope (全|盟); otherwise the span is a piece of that word:
        内|蒙古包 leaves 内, 组织部|分 leaves 分, 旗|帜 leaves 帜.
        """
        for word_start, word_end in self.word_spans(text):
            if word_end <= start or word_start >= end or (start <= word_start and word_end <= end):
                continue
            if word_start < start and not self._joins_before(text[word_start:start]):
                return False
            if word_end > end and not self._joins_after(text[end:word_end]):
                return False
        return True


def _forms(data: dict, key: str, extra: str) -> set[str]:
    return {entry[key] for entry in data} | {form for entry in data for form in entry.get(extra, [])}


@lru_cache(maxsize=1)
def segmenter() -> Segmenter:
    """The archive's segmenter, built once per run from ``glossary.yml`` and ``gazetteer.yml``."""
    glossary = read_yaml(DATA_DIR / "glossary.yml", DataFileError)
    gazetteer = read_yaml(DATA_DIR / "gazetteer.yml", DataFileError)
    return Segmenter(_forms(glossary["terms"], "term", "aliases"), _forms(gazetteer["regions"], "name", "short_forms"))


def standing_matches(pattern, text: str, keep=lambda match: True):
    """``pattern``'s matches in ``text`` that stand as words, leftmost first, not overlapping.

    A match inside another word is skipped and the scan goes on from its
    next character, so a shorter form starting there can still be found.
    """
    words, position = segmenter(), 0
    while (m := pattern.search(text, position)) is not None:
        if keep(m) and words.stands_alone(text, m.start(), m.end()):
            yield m
            position = m.end()
        else:
            position = m.start() + 1
