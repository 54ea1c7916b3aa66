"""What a query may mean besides its own characters: glossary terms, places and people, by every name.

Researchers type 锡盟 for 锡林郭勒盟, ``dangyuan zhongxinhu`` for 党员中心户 and
"first secretary" for 第一书记.  The worker reads this lexicon to widen a
query: each *entry* (a glossary term or a gazetteer place) lists its Han
forms — the term and its aliases, the place and its short forms — and is
reached

- from any of its forms (a query that is one form also looks for the others:
  aliases both ways);
- from a *key*: its pinyin (the glossary's own, the gazetteer's romanisation,
  and pypinyin's readings of every form, polyphones included) or its English
  gloss, as lower-case letters and digits only, so ``dǎngyuán zhōngxīnhù``,
  ``dangyuan zhongxinhu`` and ``DangyuanZhongxinhu`` are one key.

People in the bylines are reached by the pypinyin readings of their names.

A form the query did not contain is only counted where it means the entry:
*guards* list the longer words in which it does not — the glossary's
``not_in`` (党组 in 党组织) and, for a place's short form, other places'
names that contain it (克旗 in 鄂托克旗).  What is typed is always searched
as typed, unguarded.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable
from pathlib import Path

from build_scripts.annotate.places import Gazetteer
from build_scripts.errors import DataFileError
from build_scripts.text.ingest import DATA_DIR, read_yaml
from build_scripts.site.search_text import fold, normal_char

TERM, PLACE = "t", "p"
MAX_READINGS = 64  # pypinyin readings per form: polyphones multiply
ARTICLES = ("the", "a", "an")
PLACE_TYPES = {"shi", "qi", "meng", "xian", "qu", "guanliqu", "city", "banner", "league", "county", "district",
               "area"}


def key(text: str) -> str:
    """A pinyin or English key: lower-case ASCII letters and digits, tone marks off, nothing else.

    >>> key("dǎngyuán zhōngxīnhù"), key("Party-member central household"), key("Xilin Gol Meng")
    ('dangyuanzhongxinhu', 'partymembercentralhousehold', 'xilingolmeng')
    """
    return re.sub(r"[^a-z0-9]", "", "".join(normal_char(c) for c in text))


def readings(form: str) -> list[str]:
    """Every pypinyin reading of a Han form as a key, polyphones included (锡林郭勒: guole and guolei).

    >>> readings("锡林郭勒")
    ['xilinguolei', 'xilinguole']
    """
    from pypinyin import Style, pinyin

    syllables = pinyin(form, style=Style.NORMAL, heteronym=True, errors="default")
    return list(dict.fromkeys(key("".join(combo)) for combo in itertools.islice(itertools.product(*syllables),
                                                                                  MAX_READINGS)))


def english_keys(gloss: str) -> list[str]:
    """Keys of an English gloss: all of it, without its parenthesis, each quoted name, without a leading article.

    >>> english_keys('"Northern Frontier Vanguard" project')
    ['northernfrontiervanguardproject', 'northernfrontiervanguard']
    >>> english_keys('the eight-point regulation'), english_keys('first secretary (sent to a village)')
    (['theeightpointregulation', 'eightpointregulation'], ['firstsecretarysenttoavillage', 'firstsecretary'])
    """
    main = re.sub(r"\([^)]*\)", " ", gloss)
    parts = [gloss, main, *re.findall(r'"([^"]+)"', gloss)]
    for part in list(parts):
        words = part.split()
        if len(words) > 1 and words[0].lower() in ARTICLES:
            parts.append(" ".join(words[1:]))
    return [k for k in dict.fromkeys(key(p) for p in parts) if re.search("[a-z]", k)]


def place_keys(pinyin: str, english: str) -> list[str]:
    """A place's romanisation and English name, with and without the word for its type (Xilin Gol / Xilingol).

    >>> place_keys("Xilin Gol Meng", "Xilingol League")
    ['xilingolmeng', 'xilingol', 'xilingolleague']
    """
    keys = []
    for name in (pinyin, english):
        words = name.split()
        keys.append(key(name))
        if len(words) > 1 and key(words[-1]) in PLACE_TYPES:
            keys.append(key(" ".join(words[:-1])))
    return list(dict.fromkeys(keys))


class Lexicon:
    """Entries and the keys that reach them, built once per site build; ``files()`` is what the worker reads.

    The worker fetches ``lexicon`` (entries and guards, a few kilobytes) for
    any query, and the keys only for the first letters of the Latin words
    typed (``k/<letter>``): people, one per byline name, grow with the archive.
    A key maps to codes: 2 × entry (by pinyin) or 2 × entry + 1 (by English
    gloss), or a person's name.
    """

    def __init__(self):
        self.entries: list[tuple[str, list[str]]] = []
        self.keys: dict[str, list[int | str]] = {}
        self.guards: dict[str, list[str]] = {}

    def add(self, kind: str, forms: Iterable[str], pinyin_keys: Iterable[str] = (),
            english: Iterable[str] = ()) -> int:
        number = len(self.entries)
        forms = [f for f in dict.fromkeys(forms) if fold(f)]
        self.entries.append((kind, forms))
        for each in (*pinyin_keys, *(r for form in forms for r in readings(form))):
            self._reach(each, 2 * number)
        for each in english:
            self._reach(each, 2 * number + 1)
        return number

    def add_person(self, name: str) -> None:
        for each in readings(name):
            self._reach(each, name)

    def _reach(self, each: str, code: int | str) -> None:
        """Key → code; keys without a letter are numbers, not names, and are left out."""
        if re.search("[a-z]", each) and code not in self.keys.setdefault(each, []):
            self.keys[each].append(code)

    def guard(self, form: str, blockers: Iterable[str]) -> None:
        found = [b for b in blockers if b != form and fold(form) in fold(b)]
        if found:
            self.guards[form] = sorted(set(self.guards.get(form, [])) | set(found))

    def files(self) -> dict[str, object]:
        """``lexicon`` and one ``k/<letter>`` per first letter of a key, keys sorted."""
        out: dict[str, object] = {"lexicon": {"entries": [[kind, forms] for kind, forms in self.entries],
                                              "guards": dict(sorted(self.guards.items()))}}
        for each in sorted(self.keys):
            out.setdefault(f"k/{each[0]}", {})[each] = self.keys[each]
        return out


def build_lexicon(terms: list[dict], gazetteer: Gazetteer, people: Iterable[str]) -> Lexicon:
    """The lexicon of glossary terms (``glossary.json`` records with ``not_in``), places and byline names."""
    lexicon = Lexicon()
    for term in terms:
        forms = [term["term"], *term.get("aliases", [])]
        lexicon.add(TERM, forms, [key(term["pinyin"])], english_keys(term["english"]))
        for form in forms:
            lexicon.guard(form, term.get("not_in", []))
    place_forms = {name: [name, *region.short_forms] for name, region in gazetteer.regions.items()}
    for name, region in gazetteer.regions.items():
        lexicon.add(PLACE, place_forms[name], place_keys(region.pinyin, region.english))
        others = [form for other, forms in place_forms.items() if other != name for form in forms]
        for form in place_forms[name]:
            lexicon.guard(form, others)
    for name in sorted(set(people)):
        lexicon.add_person(name)
    return lexicon


def byline_names(records: Iterable[dict]) -> list[str]:
    """People named in the reports' bylines (authors, not the offices that provided a text)."""
    return sorted({a["name"] for record in records for a in record["authors"] if a["role"] != "provider"})


def site_lexicon(glossary_export: Path, records: list[dict], gazetteer: Gazetteer | None = None) -> Lexicon:
    """The lexicon from the build's own exports: ``glossary.json`` (with generated pinyin), the gazetteer,
    the bylines of ``reports.json``; ``not_in`` from ``glossary.yml``, which the export leaves out."""
    terms = json.loads(glossary_export.read_text(encoding="utf-8"))
    data = read_yaml(DATA_DIR / "glossary.yml", DataFileError)
    not_in = {t["term"]: t.get("not_in", []) for t in data["terms"]}
    return build_lexicon([{**t, "not_in": not_in.get(t["term"], [])} for t in terms], gazetteer or Gazetteer(),
                         byline_names(records))
