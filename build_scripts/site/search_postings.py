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


def encoded(value: int) -> str:
    out: list[str] = []
    varint(value, out)
    return "".join(out)


def varint_table(largest: int) -> list[str]:
    """The varints of 0 … ``largest``, made once per index: the loops below only look them up."""
    return [encoded(value) for value in range(largest + 1)]


class Postings:
    """Postings strings under construction, one per key, appended field by field in document order.

    The index of 3,000 reports has millions of groups: the loop is written for speed, with
    varints from a table.
    """

    def __init__(self, table: list[str]):
        self.chunks: dict[str, list[str]] = defaultdict(list)
        self.last: dict[str, tuple[int, int]] = {}
        self.table = table

    def add_field(self, doc: int, field: int, groups: Iterable[tuple[str, str]]) -> None:
        """One field's groups, (key, numbers already encoded): each led by where it is.

        Where: the document delta and the field, or after a group of the same document
        a zero and the field delta.
        """
        chunks, last, table = self.chunks, self.last, self.table
        here = (doc, field)
        for key, numbers in groups:
            previous = last.get(key)
            if previous is None or previous[0] != doc:
                where = table[doc - (previous[0] if previous else 0)] + table[field]
            else:
                where = table[0] + table[field - previous[1]]
            last[key] = here
            chunks[key].append(where + numbers)

    def strings(self) -> dict[str, str]:
        return {key: "".join(chunks) for key, chunks in self.chunks.items()}


def position_groups(positions: list[int], table: list[str]) -> str:
    """Count, first position, then deltas: how one field's positions of a gram are written.

    >>> decode(position_groups([3, 10, 12], varint_table(12)))
    [3, 3, 7, 2]
    """
    return table[len(positions)] + table[positions[0]] + "".join(
        [table[b - a] for a, b in zip(positions, positions[1:])])


def index_fields(docs: list[list[str]]) -> tuple[dict[str, str], dict[str, str]]:
    """Gram postings (with positions) and character postings (with counts) of folded fields, per document.

    The index of 3,000 reports has millions of groups: the loops are written for speed.

    >>> grams, chars = index_fields([["甲乙甲乙"], ["", "乙甲"]])
    >>> decode(grams["甲乙"]), decode(grams["乙甲"]), decode(chars["乙"])
    ([0, 0, 2, 0, 2], [0, 0, 1, 1, 1, 1, 1, 0], [0, 0, 2, 1, 1, 1])
    """
    table = varint_table(max([len(docs), *(len(text) + 1 for fields in docs for text in fields),
                              *(len(fields) for fields in docs)]))
    grams, chars = Postings(table), Postings(table)
    for doc, fields in enumerate(docs):
        for field, text in enumerate(fields):
            where: dict[str, list[int]] = defaultdict(list)
            for position, pair in enumerate(map(str.__add__, text, text[1:])):
                where[pair].append(position)
            grams.add_field(doc, field, [(pair, position_groups(positions, table))
                                         for pair, positions in where.items()])
            chars.add_field(doc, field, [(char, table[count]) for char, count in Counter(text).items()])
    return grams.strings(), chars.strings()


def shards(postings: dict[str, str], target: int = SHARD_BYTES) -> list[dict[str, str]]:
    """Postings split by ``shard_of`` into as many shards as keep one near ``target`` bytes, keys sorted."""
    size = sum(len(k.encode()) + len(v) + 6 for k, v in postings.items())
    count = max(1, -(-size // target))
    split: list[dict[str, str]] = [{} for _ in range(count)]
    for gram in sorted(postings):
        split[shard_of(gram, count)][gram] = postings[gram]
    return split
