"""Citation formats derived from the CSL-JSON record (:mod:`build_scripts.export.citation`).

- **GB/T 7714-2015**, the Chinese national standard for references;
- **BibTeX**, escaped so that every character survives LaTeX and parsers alike;
- **RIS**, for Zotero, EndNote and Citavi;
- **CSL-JSON**, the record itself.

Each function reads only the record, so the formats cannot disagree.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from build_scripts.export.citation import ARCHIVE_NAME

# --------------------------------------------------------------------------- GB/T 7714-2015

#: Document type codes (GB/T 7714-2015, appendix B, table B.1): newspaper N, report R, electronic bulletin EB;
#: every cited copy is read online, carrier code OL (table B.2).
GBT_CODES = {"article-newspaper": "N", "report": "R"}
#: What the standard wants but no source states, in square brackets as the standard writes information
#: the cataloguer supplies (as 8.4.1.3 writes [出版地不详] and 8.4.2 [出版者不详]).
UNKNOWN_NEWSPAPER = "[报纸名不详]"
#: What stands for the access date (8.4.4: YYYY-MM-DD) until the reader's browser fills it in when copying.
ACCESS_DATE_PLACEHOLDER = "引用日期"


@dataclass(frozen=True)
class Slot:
    """A place in a citation filled when it is copied: ``accessed`` (today) or ``paragraph`` (its number)."""

    name: str


ACCESSED = Slot("accessed")
PARAGRAPH = Slot("paragraph")


def gbt_names(record: dict) -> str:
    """Up to three responsible persons or bodies, then 等 (8.1.2); none: the entry starts with the title (8.1.3)."""
    names = [name.get("literal") or " ".join(filter(None, (name.get("family"), name.get("given"))))
             for name in record.get("author", [])]
    return ", ".join(names[:3]) + (", 等" if len(names) > 3 else "")


def gbt_title(record: dict) -> str:
    """题名: 其他题名信息 (4.1, 4.4): the subtitle after a colon and a space."""
    short = record.get("title-short")
    title = record["title"]
    if short and title.startswith(short + "："):
        return f"{short}: {title[len(short) + 1:]}"
    return title


def gbt_date(record: dict) -> str:
    """The date as the standard writes it: YYYY-MM-DD (8.4.3.2, GB/T 7408); an estimated date in brackets (8.4.3.3)."""
    if "issued" not in record:
        return ""
    parts = record["issued"]["date-parts"][0]
    text = "-".join(f"{int(p):02d}" if n else f"{int(p):04d}" for n, p in enumerate(parts))
    return f"[{text}]" if record["issued"].get("circa") else text


def gbt_source(record: dict, code: str) -> str:
    """Where the report was published: the newspaper (4.4), the issuing body as publisher (4.1), or nothing.

    An online resource with no known place or publisher omits them (8.4.1.3,
    8.4.2); a newspaper article cannot do without its newspaper, so an
    unknown one is stated as unknown.
    """
    if code == "N":
        return record.get("container-title") or UNKNOWN_NEWSPAPER
    if code == "R":
        return record.get("publisher") or record.get("container-title") or ""
    return record.get("container-title") or ""


def gbt7714_pieces(record: dict, paragraph: bool = False) -> list[str | Slot]:
    """A GB/T 7714-2015 reference as text pieces and the slots the copy buttons fill.

    主要责任者. 题名: 其他题名信息[类型/OL]. 出处, 日期: 引文位置[引用日期]. 获取和访问路径.
    The type is N (newspaper, 4.4), R (report, 4.1) or EB (the archive's
    electronic edition, 4.8); the locator of a paragraph is 第N段 where a
    printed source has its page (8.5), and its URL ends ``#pN``.
    """
    code = GBT_CODES.get(record["type"], "EB")
    names = gbt_names(record)
    pieces: list[str | Slot] = [f"{names}. " if names else "", f"{gbt_title(record)}[{code}/OL]. "]
    published = ", ".join(filter(None, (gbt_source(record, code), gbt_date(record))))
    pieces.append(published)
    if paragraph:
        pieces += [": 第" if published else "第", PARAGRAPH, "段"]
    pieces += ["[", ACCESSED, "]"]
    if record.get("URL"):
        pieces += [". ", record["URL"]] + (["#p", PARAGRAPH] if paragraph else [])
    pieces.append(".")
    return [piece for piece in pieces if piece != ""]


def fill(pieces: list[str | Slot], values: dict[str, str]) -> str:
    return "".join(values[piece.name] if isinstance(piece, Slot) else piece for piece in pieces)


def gbt7714(record: dict, accessed: str | None = None, paragraph: int | None = None) -> str:
    """The reference as text; without ``accessed`` the access date is a placeholder the reader's copy fills.

    >>> record = {"id": "x", "type": "article-newspaper", "title": "题", "author": [{"literal": "甲"}],
    ...           "issued": {"date-parts": [[2021]], "circa": True}, "URL": "https://example.org/reports/x/"}
    >>> gbt7714(record, "2025-01-10", paragraph=3)
    '甲. 题[N/OL]. [报纸名不详], [2021]: 第3段[2025-01-10]. https://example.org/reports/x/#p3.'
    """
    values = {"accessed": accessed or ACCESS_DATE_PLACEHOLDER, "paragraph": str(paragraph)}
    return fill(gbt7714_pieces(record, paragraph is not None), values)


def gbt7714_template(record: dict, paragraph: bool = False) -> str:
    """The pieces as JSON for the page's copy buttons: strings, and ``{"slot": name}`` where a value goes."""
    return json.dumps([{"slot": p.name} if isinstance(p, Slot) else p for p in gbt7714_pieces(record, paragraph)],
                      ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- BibTeX

LATEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                  "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
LATEX_RE = re.compile("|".join(re.escape(ch) for ch in LATEX_SPECIALS))


def latex_escape(text: str) -> str:
    r"""Text as LaTeX prints it literally: ``~ ^ \`` as text symbols, never accents or line breaks.

    >>> print(latex_escape(r"50% & $5 #1 a_b {x} ~ ^ \ "))
    50\% \& \$5 \#1 a\_b \{x\} \textasciitilde{} \textasciicircum{} \textbackslash{} 
    """
    return LATEX_RE.sub(lambda match: LATEX_SPECIALS[match.group(0)], text)


def bibtex_key(record: dict) -> str:
    """The report id, stable by design: a report keeps its id for good, so a key never changes.

    >>> bibtex_key({"id": "000-97fd27dffeb8dc41-01"}), bibtex_key({"id": "a b,c"})
    ('000-97fd27dffeb8dc41-01', 'a-b-c')
    """
    return re.sub(r"[^A-Za-z0-9:._-]+", "-", str(record["id"])).strip("-")


def bibtex_name(name: dict) -> str:
    """A name braced whole, so BibTeX neither splits a Chinese or organisation name nor reads 'and' in it."""
    literal = name.get("literal") or ", ".join(filter(None, (name.get("family"), name.get("given"))))
    return "{" + latex_escape(literal) + "}"


def bibtex_entry_type(record: dict) -> tuple[str, list[tuple[str, str]]]:
    """``@article`` in a named newspaper, ``@techreport`` from a named body, ``@misc`` otherwise."""
    if record["type"] == "article-newspaper" and record.get("container-title"):
        return "article", [("journal", record["container-title"])]
    if record["type"] == "report" and record.get("publisher"):
        return "techreport", [("institution", record["publisher"])] + (
            [("type", record["genre"])] if record.get("genre") else [])
    source = record.get("container-title") or record.get("publisher")
    return "misc", [("howpublished", source)] if source else []


def bibtex(record: dict) -> str:
    r"""A BibTeX entry; uncertain dates keep their EDTF in biblatex's ``date`` and are said so in ``note``.

    >>> print(bibtex({"id": "x", "type": "article", "title": "a_b{c}", "language": "zh-CN"}))
    @misc{x,
      title = {{a\_b\{c\}}},
      language = {chinese}
    }
    """
    kind, source_fields = bibtex_entry_type(record)
    fields: list[tuple[str, str]] = []
    if record.get("author"):
        fields.append(("author", " and ".join(bibtex_name(n) for n in record["author"])))
    fields.append(("title", "{" + latex_escape(record["title"]) + "}"))
    fields += [(key, latex_escape(value)) for key, value in source_fields]
    if "issued" in record:
        parts = record["issued"]["date-parts"][0]
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
        circa = "?" if record["issued"].get("circa") else ""
        fields.append(("date", "-".join(f"{int(p):02d}" if n else str(p) for n, p in enumerate(parts)) + circa))
    if record.get("URL"):
        fields.append(("url", record["URL"]))
    if record.get("language"):
        fields.append(("language", "chinese" if record["language"].startswith("zh") else record["language"]))
    notes = [f"{record['archive']}, {record['archive_location']}" if record.get("archive") else "",
             record.get("note", "")]
    if any(notes):
        fields.append(("note", latex_escape(". ".join(n.rstrip(".") for n in notes if n) + ".")))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields)
    return f"@{kind}{{{bibtex_key(record)},\n{body}\n}}"


# --------------------------------------------------------------------------- RIS

RIS_TYPES = {"article-newspaper": "NEWS", "report": "RPRT"}


def ris(record: dict) -> str:
    """An RIS record (``TY`` … ``ER``), lines ending CRLF as the format specifies.

    Newspaper articles are NEWS with the newspaper in T2, reports RPRT with
    the issuing body in PB, anything else ELEC (the archive's electronic
    edition); the archive is the database read (DB) and the report id its
    accession number (AN).
    """
    lines = [("TY", RIS_TYPES.get(record["type"], "ELEC")), ("ID", str(record["id"]))]
    lines += [("AU", name.get("literal") or ", ".join(filter(None, (name.get("family"), name.get("given")))))
              for name in record.get("author", [])]
    lines += [("A4", name.get("literal", "")) for name in record.get("contributor", [])]
    lines.append(("TI", record["title"]))
    if record.get("title-short"):
        lines.append(("ST", record["title-short"]))
    if record.get("container-title"):
        lines.append(("T2", record["container-title"]))
    if "issued" in record:
        parts = record["issued"]["date-parts"][0]
        lines.append(("PY", str(parts[0])))
        padded = [f"{int(p):02d}" for p in parts[1:]] + [""] * (3 - len(parts))
        lines.append(("DA", "/".join([str(parts[0])] + padded) + ("/circa" if record["issued"].get("circa") else "/")))
    for tag, key in (("PB", "publisher"), ("M3", "genre"), ("LA", "language"), ("UR", "URL"),
                     ("DB", "archive"), ("AN", "archive_location"), ("N1", "note")):
        if record.get(key):
            lines.append((tag, record[key]))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)


# --------------------------------------------------------------------------- CSL-JSON and whole-archive files

def csl_json(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2)


def archive_files(records: list[dict]) -> dict[str, str]:
    """``reports.bib``, ``reports.ris`` and ``reports.csl.json``: every report's citation in one file each."""
    header = f"% {ARCHIVE_NAME}: every report's citation (BibTeX, UTF-8).\n\n"
    return {"reports.bib": header + "\n\n".join(bibtex(r) for r in records) + "\n",
            "reports.ris": "".join(ris(r) + "\r\n" for r in records),
            "reports.csl.json": json.dumps(records, ensure_ascii=False, indent=1) + "\n"}
