"""A report page's citations: the cite block with its copy buttons, and the metadata embedded in the page's head.

Everything here is derived from the report's CSL-JSON record
(:func:`build_scripts.export.citation.citation_record`): the GB/T 7714,
BibTeX, RIS and CSL-JSON tabs, the templates the copy buttons fill
(``archive.js``), and the Highwire ``citation_*``, Dublin Core, OpenGraph and
schema.org JSON-LD that reference managers and search engines read.

Addresses are the published ones (``SITE_URL``), never the address the page
happens to be read at: a page reached from search (``?h=…``) or opened from
the offline bundle (``file://…``) cites the same URL.
"""

from __future__ import annotations

import functools
import html
import json

from build_scripts.export.citation import (
    ARCHIVE_NAME,
    ARCHIVE_NAME_EN,
    citation_record,
    contributors,
    is_body,
)
from build_scripts.export.citation_formats import (
    bibtex,
    csl_json,
    gbt7714,
    gbt7714_template,
    ris,
)
from build_scripts.model import Report
from build_scripts.site.markup import fence
from build_scripts.site.source_page import MEDIA_TYPES, original_file
from build_scripts.site.urls import GLOSSARY_DIR, SOURCES_DIR


def en(text: str) -> str:
    """English words marked as English for screen readers, hyphenation and search (``lang="en"``)."""
    return f'<span lang="en">{text}</span>'


def address_note(site_url: str | None, offline: bool) -> str:
    """What the citations' address is, said beside them: the published site, or none."""
    if not site_url:
        return ("本次构建未设置 SITE_URL，引文中没有网址。 "
                + en("This build has no SITE_URL (the address the archive is published at), "
                     "so its citations carry no web address."))
    if offline:
        return (f"离线版：引文给出本档案的发布网址 {html.escape(site_url)}，而不是本机上的文件。 "
                + en("This offline copy cites the archive's published address, not the file on this computer."))
    return f"引文网址为本档案的发布网址。 {en('Citations give the archive’s published address.')}"


def cite_block(report: Report, site_url: str | None, offline: bool = False) -> list[str]:
    """The citations in four formats, downloads, and the templates the copy buttons fill.

    The GB/T 7714 text shows 引用日期 where the access date goes; the
    browser fills in the day the reader copies it (``archive.js``).
    """
    record = citation_record(report, site_url)
    lines = [f"## 引用 {en('Cite')} {{ #cite data-search-exclude }}", "",
             f'<div class="cite-block" data-gbt="{html.escape(gbt7714_template(record))}" '
             f'data-gbt-paragraph="{html.escape(gbt7714_template(record, paragraph=True))}" markdown>', "",
             address_note(site_url, offline), "{: .cite-address }", ""]
    for label, language, text in (("GB/T 7714", "text", gbt7714(record)), ("BibTeX", "bibtex", bibtex(record)),
                                  ("RIS", "text", ris(record).replace("\r\n", "\n").rstrip("\n")),
                                  ("CSL-JSON", "json", csl_json(record))):
        block = "\n".join(fence(text, language)).split("\n")
        lines += [f'=== "{label}"', ""] + ["    " + line for line in block] + [""]
    return lines + [
        f"下载 {en('Download')}: [BibTeX]({report.id}.bib){{ .cite-download download }} · "
        f"[RIS]({report.id}.ris){{ .cite-download download }} · "
        f"[{en('the whole archive')}](../data/index.md#reports-bib)", "",
        "引用日期在复制时填入；每段后的“引”按钮给出该段的引文（第N段）。 "
        + en("The access date (引用日期) is filled in when you copy; each paragraph’s 引 button gives "
             "that paragraph’s citation, and its ¶ link is its permalink."), "{: .cite-help }", "",
        "</div>", ""]


def report_files(report: Report, site_url: str | None) -> dict[str, str]:
    """The report's own ``.bib`` and ``.ris``, beside its page in ``docs/reports/``."""
    record = citation_record(report, site_url)
    return {f"{report.id}.bib": bibtex(record) + "\n", f"{report.id}.ris": ris(record)}


# --------------------------------------------------------------------------- embedded metadata

@functools.lru_cache(maxsize=1)
def standalone_gazetteer():
    """The gazetteer for code outside a run (a run passes its own)."""
    from build_scripts.annotate.places import Gazetteer
    return Gazetteer()


def iso_date(record: dict) -> str | None:
    """The date as ISO 8601 (``2017``, ``2014-08``, ``2014-08-30``), its uncertainty dropped: those formats have none."""
    if "issued" not in record:
        return None
    parts = record["issued"]["date-parts"][0]
    return "-".join(f"{int(p):02d}" if n else f"{int(p):04d}" for n, p in enumerate(parts))


def highwire(record: dict, report: Report) -> list[tuple[str, str, str]]:
    """Google Scholar's ``citation_*`` tags: title, every author (people and bodies), date, source, language, URL."""
    tags = [("name", "citation_title", record["title"])]
    tags += [("name", "citation_author", name["literal"]) for name in record.get("author", [])]
    if iso_date(record):
        tags += [("name", "citation_publication_date", iso_date(record).replace("-", "/")),
                 ("name", "citation_date", iso_date(record).replace("-", "/"))]
    if record.get("container-title"):
        tags.append(("name", "citation_journal_title", record["container-title"]))
    if record["type"] == "report" and record.get("publisher"):
        tags.append(("name", "citation_technical_report_institution", record["publisher"]))
    if record.get("publisher"):
        tags.append(("name", "citation_publisher", record["publisher"]))
    tags.append(("name", "citation_language", "zh"))
    if record.get("URL"):
        tags += [("name", "citation_public_url", record["URL"]), ("name", "citation_abstract_html_url", record["URL"])]
    return tags


DC_TYPES = {"article-newspaper": "Text.NewspaperArticle", "report": "Text.Report", "article": "Text"}


def dublin_core(record: dict, report: Report) -> list[tuple[str, str, str]]:
    """Dublin Core (``DC.*``): the same facts for library and repository harvesters."""
    tags = [("name", "DC.title", record["title"])]
    tags += [("name", "DC.creator", name["literal"]) for name in record.get("author", [])]
    tags += [("name", "DC.contributor", name["literal"]) for name in record.get("contributor", [])]
    if iso_date(record):
        tags.append(("name", "DC.date", iso_date(record)))
    for key, dc in (("publisher", "DC.publisher"), ("container-title", "DC.source")):
        if record.get(key):
            tags.append(("name", dc, record[key]))
    tags += [("name", "DC.type", DC_TYPES.get(record["type"], "Text")), ("name", "DC.format", "text/html"),
             ("name", "DC.language", "zh-CN"), ("name", "DC.relation.isPartOf", ARCHIVE_NAME)]
    if record.get("URL"):
        tags.append(("name", "DC.identifier", record["URL"]))
    tags += [("name", "DC.coverage", region) for region in report.regions]
    return tags


def opengraph(record: dict, report: Report) -> list[tuple[str, str, str]]:
    tags = [("property", "og:type", "article"), ("property", "og:title", record["title"]),
            ("property", "og:site_name", ARCHIVE_NAME), ("property", "og:locale", "zh_CN")]
    if record.get("URL"):
        tags.append(("property", "og:url", record["URL"]))
    if iso_date(record):
        tags.append(("property", "article:published_time", iso_date(record)))
    tags += [("property", "article:author", name["literal"]) for name in record.get("author", [])]
    return tags


SCHEMA_TYPES = {"article-newspaper": "NewsArticle", "report": "Report", "article": "Article"}


def person_or_body(name: str, body: bool) -> dict:
    return {"@type": "Organization" if body else "Person", "name": name}


def places(report: Report, gazetteer=None) -> list[dict]:
    """The report's regions with the gazetteer's coordinates."""
    found = []
    for name in report.regions:
        region = (gazetteer or standalone_gazetteer()).regions.get(name)
        place = {"@type": "Place", "name": name}
        if region is not None:
            place.update(alternateName=region.english,
                         geo={"@type": "GeoCoordinates", "latitude": region.lat, "longitude": region.lon})
        found.append(place)
    return found


def glossary_terms(report: Report, glossary, site_url: str | None) -> list[dict]:
    """The glossary terms the report uses, in order of first use, as schema.org ``DefinedTerm``."""
    if glossary is None:
        return []
    from build_scripts.annotate.glossary import find_terms

    seen: dict[str, object] = {}
    for item in report.items:
        for _, _, entry in find_terms(item.text, glossary):
            seen.setdefault(entry.term, entry)
    base = site_url.rstrip("/") + "/" if site_url else ""
    terms = []
    for entry in seen.values():
        term = {"@type": "DefinedTerm", "name": entry.term, "inDefinedTermSet": f"{base}{GLOSSARY_DIR}/"}
        if entry.english:
            term["description"] = entry.english
        if base:
            term["url"] = f"{base}{GLOSSARY_DIR}/{entry.slug}/"
        terms.append(term)
    return terms


def json_ld(record: dict, report: Report, site_url: str | None, glossary=None, gazetteer=None) -> dict:
    """schema.org: the report as NewsArticle, Report or Article, part of the archive, about places and terms.

    ``isBasedOn`` is the seed file the page was made from, with its SHA-256,
    so a reader can check the edition against its exact source.
    """
    base = site_url.rstrip("/") + "/" if site_url else None
    writers = [name["literal"] for name in record.get("author", [])]
    bodies = {a.name for a in report.authors if is_body(a)}
    data: dict = {"@context": "https://schema.org", "@type": SCHEMA_TYPES.get(record["type"], "Article"),
                  "headline": report.title, "name": record["title"], "inLanguage": "zh-CN"}
    if record.get("URL"):
        data.update({"@id": record["URL"], "url": record["URL"], "mainEntityOfPage": record["URL"]})
    if report.subtitle:
        data["alternativeHeadline"] = report.subtitle
    if writers:
        data["author"] = [person_or_body(name, name in bodies) for name in writers]
    others = contributors(report)
    if others:
        data["contributor"] = [person_or_body(a.name, is_body(a)) for a in others]
    if iso_date(record):
        data["datePublished"] = iso_date(record)
        data["temporalCoverage"] = report.date
    if record.get("publisher"):
        data["publisher"] = {"@type": "Organization", "name": record["publisher"]}
    if record.get("genre"):
        data["genre"] = record["genre"]
    archive = {"@type": "WebSite", "name": ARCHIVE_NAME, "alternateName": ARCHIVE_NAME_EN}
    if base:
        archive["url"] = base
    data["isPartOf"] = [archive] + ([{"@type": "Newspaper" if record["type"] == "article-newspaper"
                                      else "Periodical", "name": record["container-title"]}]
                                    if record.get("container-title") else [])
    if places(report, gazetteer):
        data["spatialCoverage"] = places(report, gazetteer)
    terms = glossary_terms(report, glossary, site_url)
    if terms:
        data["about"] = terms
    source = {"@type": "MediaObject", "name": f"seeds/{report.seed.name}",
              "encodingFormat": MEDIA_TYPES[report.seed.format], "sha256": report.seed.sha256}
    if base:
        source["contentUrl"] = f"{base}{SOURCES_DIR}/{original_file(report.seed)}"
        source["url"] = f"{base}{SOURCES_DIR}/{report.seed.slug}/"
    data["isBasedOn"] = source
    return data


def script_json(data: dict) -> str:
    """JSON that cannot end its ``<script>`` element early, whatever the seed's text holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def head_metadata(report: Report, site_url: str | None, glossary=None, gazetteer=None) -> dict:
    """What the page's ``<head>`` carries (``overrides/main.html``): meta tags as (attribute, key, content), JSON-LD."""
    record = citation_record(report, site_url)
    meta = highwire(record, report) + dublin_core(record, report) + opengraph(record, report)
    return {"meta": [list(tag) for tag in meta], "jsonld": script_json(json_ld(record, report, site_url, glossary, gazetteer))}

