"""The archive's one tokenizer: jieba's dictionary, loaded once per run, and what each reader of words adds to it.

:class:`Words` holds jieba's dictionary (read from jieba's own cache file with one
``marshal.loads``, four times faster than jieba's ``marshal.load`` of the open file) and
hands out the three vocabularies built over it: plain (pinyin spacing), the
archive's words (glossary terms and places, for :class:`Segmenter`) and the
figures' tagger (the same words as nouns).  The vocabularies stay apart because
each decides word boundaries its readers' output depends on; the dictionary under
them is loaded once, on first use, so a run that needs no words loads nothing.

The segmenter (:class:`Segmenter`) decides whether a glossary term, a topic word or a place name found in a
paragraph stands there as a word, or is only a run of characters inside
other words: 蒙古包 inside 内蒙古包头市, 组织部 inside 组织部分党员, 旗 inside 旗帜,
党组 inside 党组织, 额尔古纳 inside 额尔古纳河.  Matching stays exact and fast
(the scanners' regular expressions); the segmenter only vetoes.
"""

from __future__ import annotations

import bisect
import logging
import marshal
import os
import sys

#: A place's Party committee: 包头市委, 乌审旗委, 锡林郭勒盟委 are the place plus 委.
COMMITTEE = "委"
#: One-character suffixes that make a term a kind of holder or member (贫困|户, 示范|村, 党员|们): still the term.
GROUP_SUFFIXES = ("户", "村", "们", "者")
#: Words of scope a term or place may be fused with (全盟, 全旗, 各旗县): 全盟 is still the league.
SCOPE_PREFIXES = ("全", "各", "本", "该")
PLACE_ENDINGS = ("市", "旗", "县", "盟", "区")


class Segmenter:
    """Word boundaries of a text, and whether a found span stands as a word."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._ends: dict[str, list[int]] = {}

    def word_spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each word of ``text``, cached: every scanner asks about the same paragraphs."""
        spans = self._spans.get(text)
        if spans is None:
            spans, position = [], 0
            for word in self.tokenizer.lcut(text, HMM=False):
                spans.append((position, position + len(word)))
                position += len(word)
            self._spans[text] = spans
            self._ends[text] = [word_end for _, word_end in spans]
        return spans

    def _whole_words(self, text: str) -> bool:
        """Whether ``text`` is one or more dictionary words of two characters or more (学习教育, 书记)."""
        return all(len(word) >= 2 for word in self.tokenizer.lcut(text, HMM=False))

    def _joins_before(self, part: str) -> bool:
        return part in SCOPE_PREFIXES or self._whole_words(part)

    def _joins_after(self, part: str) -> bool:
        if self._whole_words(part) or part in (COMMITTEE, *GROUP_SUFFIXES):
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
        spans = self.word_spans(text)
        first = bisect.bisect_right(self._ends[text], start)  # the first word ending after the span starts
        for index in range(first, len(spans)):
            word_start, word_end = spans[index]
            if word_start >= end:
                break
            if start <= word_start and word_end <= end:
                continue
            if word_start < start and not self._joins_before(text[word_start:start]):
                return False
            if word_end > end and not self._joins_after(text[end:word_end]):
                return False
        return True


class Words:
    """The archive's one tokenizer: one jieba dictionary, three vocabularies over it, each made on first use.

    ``terms`` are the glossary's spellings, ``places`` the gazetteer's
    forms, ``nouns`` and ``splits`` the figures data file's nouns and word
    pairs to cut (解决 问题).  Workers forked after :meth:`prepare` share it all.
    """

    #: Dictionaries loaded in this process: a run loads one (the test of resources counts them).
    loads = 0

    def __init__(self, terms: set[str], places: set[str], nouns: set[str] = frozenset(), splits=()):
        self.terms, self.places, self.nouns, self.splits = set(terms), set(places), set(nouns), tuple(splits)
        self._plain = self._segmenter = self._tagger = None
        self._tags: dict[str, list[tuple[str, str]]] = {}

    def __getstate__(self):
        raise TypeError("Words holds jieba's dictionary: share it by fork, never by pickling")

    @property
    def plain(self):
        """jieba's dictionary as it ships, never changed (pinyin spacing reads its words)."""
        if self._plain is None:
            self._plain = _loaded_tokenizer()
            Words.loads += 1
        return self._plain

    def _view(self):
        """A tokenizer over a copy of the dictionary (a copy costs ~20 ms, a load ~300 ms)."""
        import jieba

        view = jieba.Tokenizer()
        view.FREQ, view.total, view.initialized = self.plain.FREQ.copy(), self.plain.total, True
        return view

    @property
    def segmenter(self) -> Segmenter:
        """The archive's words: glossary terms and places (with a place's committee, 包头市委) as words."""
        if self._segmenter is None:
            view = self._view()
            for word in sorted(self.terms | self.places):
                view.add_word(word)
            for place in sorted(self.places):
                if place.endswith(PLACE_ENDINGS):
                    view.add_word(place + COMMITTEE)
            self._segmenter = Segmenter(view)
        return self._segmenter

    @property
    def tagger(self):
        """A part-of-speech tagger that knows the archive's words as nouns.

        Place names, glossary terms and the data file's nouns are added, so
        嘎查村 or 党员中心户 stay whole; the data file's ``split`` pairs are cut
        (解决 | 问题) so a verb never hides inside a noun.
        """
        if self._tagger is None:
            view = self._view()
            tagger = _tagger_over(view)
            long_terms = {w for w in self.terms | self.places if len(w) > 1}
            for word in sorted(self.nouns | long_terms):
                view.add_word(word, 100000, "n")
            for pair in self.splits:
                view.del_word(pair.replace(" ", ""))
            tagger.makesure_userdict_loaded()
            self._tagger = tagger
        return self._tagger

    def prepare(self) -> None:
        """Make every vocabulary now: before forking workers, so they share them instead of each loading."""
        _ = self.segmenter, self.tagger

    def tags(self, text: str) -> list[tuple[str, str]]:
        """Words of ``text`` with their part-of-speech flags, remembered: the figure readers ask about the same
        clause again and again (900 calls for 544 texts on the seeds), and tagging is jieba's slowest step."""
        tagged = self._tags.get(text)
        if tagged is None:
            tagged = self._tags[text] = [(t.word, t.flag) for t in self.tagger.cut(text)]
        return list(tagged)


def _forms(entries: list[dict], key: str, extra: str) -> set[str]:
    return {entry[key] for entry in entries} | {form for entry in entries for form in entry.get(extra, [])}


def words_from_data(glossary: dict, gazetteer: dict, figures: dict) -> Words:
    """The tokenizer's vocabularies from the data files as read: glossary spellings, places, figure nouns."""
    return Words(_forms(glossary["terms"], "term", "aliases"), _forms(gazetteer["regions"], "name", "short_forms"),
                 set(figures["nouns"]), tuple(figures["split"]))


_STANDALONE: list[Words] = []


def standalone_words() -> Words:
    """The tokenizer for code outside a pipeline run (tests, editor commands, tools), made the first time it is
    asked for; a run makes its own in its resources and passes it down, so it never reaches this."""
    if not _STANDALONE:
        from build_scripts.errors import DataFileError
        from build_scripts.text.ingest import DATA_DIR, read_yaml

        _STANDALONE.append(words_from_data(*(read_yaml(DATA_DIR / name, DataFileError)
                                             for name in ("glossary.yml", "gazetteer.yml", "figures.yml"))))
    return _STANDALONE[0]


def _loaded_tokenizer():
    """jieba's default tokenizer, its dictionary read from jieba's own cache file in one piece.

    jieba reads the same file with ``marshal.load`` on the open file, which
    is four times slower; without the file jieba builds the dictionary (and
    writes the file) as usual.
    """
    import tempfile

    import jieba

    jieba.setLogLevel(logging.ERROR)
    tokenizer = jieba.Tokenizer()
    try:
        with open(os.path.join(tempfile.gettempdir(), "jieba.cache"), "rb") as stream:
            tokenizer.FREQ, tokenizer.total = marshal.loads(stream.read())
        tokenizer.initialized = True
    except (OSError, ValueError, EOFError, TypeError):
        tokenizer.FREQ, tokenizer.total = {}, 0
    tokenizer.check_initialized()
    return tokenizer


def _tagger_over(view):
    """jieba's part-of-speech tagger over ``view``, its tag table read from jieba's dictionary in one piece.

    jieba's ``POSTokenizer`` reads the dictionary's tags line by line (0.45 s),
    and importing ``jieba.posseg`` does it once more for a module-level
    tagger the archive never uses: the import is made with that tagger's
    dictionary pointed at an empty file, and the table is split out of the
    file's text at once (0.15 s).  The result is the same table.
    """
    import jieba

    if "jieba.posseg" not in sys.modules:
        default, jieba.dt.dictionary = jieba.dt.dictionary, os.devnull
        try:
            import jieba.posseg
        finally:
            jieba.dt.dictionary = default
    from jieba.posseg import POSTokenizer

    tagger = object.__new__(POSTokenizer)
    tagger.tokenizer = view
    with view.get_dict_file() as stream:
        fields = stream.read().decode("utf-8").split()
    tagger.word_tag_tab = dict(zip(fields[0::3], fields[2::3]))
    return tagger


def standing_matches(pattern, text: str, words: Segmenter, keep=lambda match: True):
    """``pattern``'s matches in ``text`` that stand as words, leftmost first, not overlapping.

    A match inside another word is skipped and the scan goes on from its
    next character, so a shorter form starting there can still be found.
    """
    position = 0
    while (m := pattern.search(text, position)) is not None:
        if keep(m) and words.stands_alone(text, m.start(), m.end()):
            yield m
            position = m.end()
        else:
            position = m.start() + 1
