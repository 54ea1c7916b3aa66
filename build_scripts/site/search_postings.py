"""Where each pair of folded characters occurs: the search index, split so a query fetches only its part.

A phrase is found without reading any text: its folded characters are
covered by pairs (*grams*) at offsets 0, 2, 4 … and the last pair, and a
phrase occurs at position *p* of a field when each of its grams occurs at
*p* + its offset.  Positions are exact, so the worker counts every
occurrence in every report before it fetches a single paragraph, and fetches
text only for the results it shows with snippets.  A single character has
no pair: a second, smaller index counts each character per field.

Postings are written as varints in a JSON-safe 64-letter alphabet (5 bits per
letter, the sixth says "more follows"), one group per field that contains the
gram: document delta, field (absolute after a new document, else delta),
the number of positions, then the positions as deltas.  Character postings
have the count instead of positions.  Both are split into shards by a hash
of the gram that the worker computes the same way (``shard_of``); the
number of shards grows with the corpus so a shard stays near
``SHARD_BYTES``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
SHARD_BYTES = 8192
HASH_MULTIPLIER = 65599


def varint(value: int, out: list[str]) -> None:
    """Append ``value`` in the index alphabet: 5 bits per letter, least significant first.

    >>> out = []; varint(5, out); varint(40, out); "".join(out)
    '5e1'
    """
    while value >= 32:
        out.append(ALPHABET[32 | (value & 31)])
        value >>= 5
    out.append(ALPHABET[value])


def decode(text: str) -> list[int]:
    """The numbers of a postings string (tests and tools read the index with it).

    >>> decode('5e1')
    [5, 40]
    """
    numbers, value, shift = [], 0, 0
    for letter in text:
        digit = ALPHABET.index(letter)
        value |= (digit & 31) << shift
        if digit & 32:
            shift += 5
        else:
            numbers.append(value)
            value, shift = 0, 0
    return numbers


def shard_of(gram: str, shards: int) -> int:
    """The shard a gram (one or two folded characters) is in; the worker's ``shardOf`` is the same sum.

    >>> shard_of("党员", 64), shard_of("党", 64)
    (62, 26)
    """
    value = 0
    for char in gram:
        value = value * HASH_MULTIPLIER + ord(char)
    return value % shards


class Postings:
    """Postings strings under construction, one per key, appended field by field in document order."""

    def __init__(self):
        self.chunks: dict[str, list[str]] = defaultdict(list)
        self.last: dict[str, tuple[int, int]] = {}

    def group(self, gram: str, doc: int, field: int, numbers: Iterable[int]) -> None:
        out = self.chunks[gram]
        last_doc, last_field = self.last.get(gram, (0, 0))
        if doc != last_doc or not out:
            varint(doc - last_doc, out)
            varint(field, out)
        else:
            varint(0, out)
            varint(field - last_field, out)
        self.last[gram] = (doc, field)
        for number in numbers:
            varint(number, out)

    def strings(self) -> dict[str, str]:
        return {gram: "".join(chunks) for gram, chunks in self.chunks.items()}


def position_groups(positions: list[int]) -> list[int]:
    """Count, first position, then deltas: how one field's positions of a gram are written.

    >>> position_groups([3, 10, 12])
    [3, 3, 7, 2]
    """
    return [len(positions), positions[0], *(b - a for a, b in zip(positions, positions[1:]))]


def index_fields(docs: Iterable[list[str]]) -> tuple[dict[str, str], dict[str, str]]:
    """Gram postings (with positions) and character postings (with counts) of folded fields, per document.

    >>> grams, chars = index_fields([["甲乙甲乙"], ["", "乙甲"]])
    >>> decode(grams["甲乙"]), decode(grams["乙甲"]), decode(chars["乙"])
    ([0, 0, 2, 0, 2], [0, 0, 1, 1, 1, 1, 1, 0], [0, 0, 2, 1, 1, 1])
    """
    grams, chars = Postings(), Postings()
    for doc, fields in enumerate(docs):
        for field, text in enumerate(fields):
            where: dict[str, list[int]] = defaultdict(list)
            for position, pair in enumerate(map(str.__add__, text, text[1:])):
                where[pair].append(position)
            for pair in sorted(where):
                grams.group(pair, doc, field, position_groups(where[pair]))
            for char, count in sorted(Counter(text).items()):
                chars.group(char, doc, field, (count,))
    return grams.strings(), chars.strings()


def shards(postings: dict[str, str], target: int = SHARD_BYTES) -> list[dict[str, str]]:
    """Postings split by ``shard_of`` into as many shards as keep one near ``target`` bytes, keys sorted."""
    size = sum(len(k.encode()) + len(v) + 6 for k, v in postings.items())
    count = max(1, -(-size // target))
    split: list[dict[str, str]] = [{} for _ in range(count)]
    for gram in sorted(postings):
        split[shard_of(gram, count)][gram] = postings[gram]
    return split
