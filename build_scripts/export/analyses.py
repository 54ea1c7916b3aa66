"""The exports of what spans reports: glossary terms, regions, topics and figures as JSON and CSV."""

from __future__ import annotations

import json
from collections import Counter

from build_scripts.annotate.figures import Figure, ReportFigures
from build_scripts.annotate.glossary import Glossary, Occurrence, occurrences
from build_scripts.annotate.places import (
    Gazetteer,
    RegionEntry,
    region_index,
    region_slugs,
)
from build_scripts.annotate.topics import Passage, Topic, topic_passages
from build_scripts.export.tables import csv_text, group_order
from build_scripts.model import Report
from build_scripts.site.urls import GLOSSARY_DIR, REGIONS_DIR, TOPICS_DIR

GLOSSARY_CSV_COLUMNS = ["term", "pinyin", "english", "category", "aliases", "expansion", "related", "definition",
               "occurrences", "reports", "by_region", "by_year", "url"]


def counted(values) -> str:
    """``name:count`` pairs, sorted, unknown last: ``锡林郭勒盟:12; 通辽市:3``."""
    counter = Counter(values)
    return "; ".join(f"{k or 'unknown'}:{counter[k]}" for k in sorted(counter, key=group_order))


def glossary_exports(reports: list[Report], glossary: Glossary,
            found: dict[str, list[Occurrence]] | None = None) -> dict[str, str]:
    """``glossary.json`` (one object per term with its occurrences) and ``glossary.csv`` (one row per term, counts)."""
    found = found or occurrences(reports, glossary)
    records = []
    for entry in glossary.sorted_entries():
        records.append({
            "term": entry.term, "pinyin": entry.pinyin, "english": entry.english, "definition": entry.definition,
            "category": entry.category, "aliases": list(entry.aliases), "expansion": entry.expansion,
            "related": list(entry.related), "url": f"{GLOSSARY_DIR}/{entry.slug}/",
            "occurrences": [{"report": o.report_id, "paragraph": o.paragraph_id, "url": o.url}
                            for o in found[entry.term]],
        })
    rows = []
    for entry, record in zip(glossary.sorted_entries(), records):
        hits = found[entry.term]
        rows.append({**{k: record[k] for k in ("term", "pinyin", "english", "category", "definition", "url")},
                     "aliases": "; ".join(entry.aliases), "expansion": entry.expansion or "",
                     "related": "; ".join(entry.related), "occurrences": len(hits),
                     "reports": len({o.report_id for o in hits}), "by_region": counted(o.region for o in hits),
                     "by_year": counted(o.year for o in hits)})
    return {"glossary.json": json.dumps(records, ensure_ascii=False, indent=1) + "\n",
            "glossary.csv": csv_text(GLOSSARY_CSV_COLUMNS, rows)}


REGION_CSV_COLUMNS = ["name", "type", "parent", "pinyin", "english", "aliases", "lat", "lon", "url", "reports"]


def region_records(reports: list[Report], gazetteer: Gazetteer,
                   index: dict[str, RegionEntry] | None = None) -> list[dict]:
    """One record per gazetteer entry, in gazetteer order; ``url`` is null where no report names the place."""
    index = index or region_index(reports, gazetteer)
    slugs = region_slugs(gazetteer)
    records = []
    for name, region in gazetteer.regions.items():
        entry = index.get(name)
        records.append({
            "name": name, "type": region.type, "parent": region.parent, "pinyin": region.pinyin,
            "english": region.english, "aliases": list(region.short_forms), "lat": region.lat, "lon": region.lon,
            "url": f"{REGIONS_DIR}/{slugs[name]}/" if entry else None,
            "reports": [r.id for r in entry.reports] if entry else [],
        })
    return records


def region_exports(reports: list[Report], gazetteer: Gazetteer,
                   index: dict[str, RegionEntry] | None = None) -> dict[str, str]:
    """``regions.json`` and ``regions.csv`` for ``docs/data/``."""
    records = region_records(reports, gazetteer, index)
    rows = [{**record, "aliases": "; ".join(record["aliases"]), "reports": "; ".join(record["reports"]),
             "parent": record["parent"] or "", "url": record["url"] or ""} for record in records]
    return {"regions.json": json.dumps(records, ensure_ascii=False, indent=1) + "\n",
            "regions.csv": csv_text(REGION_CSV_COLUMNS, rows)}


TOPIC_CSV_COLUMNS = ["topic", "title", "report", "paragraph", "url", "region", "year", "rule", "term"]


def topic_records(reports: list[Report], topics: list[Topic], gazetteer: Gazetteer,
                  passages: dict[str, list[Passage]] | None = None) -> list[dict]:
    passages = passages or topic_passages(reports, topics, gazetteer)
    return [{
        "id": topic.id, "title": topic.title, "title_en": topic.title_en, "url": f"{TOPICS_DIR}/{topic.id}/",
        "introduction": topic.introduction, "rules": [rule.as_dict() for rule in topic.rules],
        "passages": [{"report": p.report_id, "paragraph": p.paragraph_id, "url": p.url, "region": p.region,
                      "year": p.year, "rule": p.rule, "term": p.term} for p in passages[topic.id]],
    } for topic in topics]


def topic_exports(reports: list[Report], topics: list[Topic], gazetteer: Gazetteer,
                  passages: dict[str, list[Passage]] | None = None) -> dict[str, str]:
    """``topics.json`` and ``topics.csv`` (one row per passage) for ``docs/data/``."""
    records = topic_records(reports, topics, gazetteer, passages)
    rows = [{"topic": record["id"], "title": record["title"],
             **{k: p[k] for k in ("report", "paragraph", "url", "rule", "term")}, "region": p["region"] or "",
             "year": "" if p["year"] is None else p["year"]}
            for record in records for p in record["passages"]]
    return {"topics.json": json.dumps(records, ensure_ascii=False, indent=1) + "\n",
            "topics.csv": csv_text(TOPIC_CSV_COLUMNS, rows)}


FIGURE_COLUMNS = ["report", "paragraph", "url", "text", "value", "value_to", "unit", "unit_written", "qualifier",
                  "comparison", "subject", "subject_basis", "region", "regions", "region_basis", "year", "year_from",
                  "year_basis", "kind", "kind_basis", "indicator", "clause"]


EXCLUDED_COLUMNS = ["report", "paragraph", "text", "reason"]


def figure_record(figure: Figure) -> dict:
    """A figure as data: ``regions`` is a list (every place it is credited to)."""
    return {key: list(getattr(figure, key)) if key == "regions" else getattr(figure, key) for key in FIGURE_COLUMNS}


def figures_exports(found: dict[str, ReportFigures]) -> dict[str, str]:
    """``figures.json``/``.csv`` (one object or row per figure) and ``figures-excluded.csv`` for ``docs/data``."""
    figures = [figure_record(f) for r in found.values() for f in r.figures]
    excluded = [{"report": e.report, "paragraph": e.paragraph, "text": e.text, "reason": e.reason}
                for r in found.values() for e in r.excluded]
    rows = [{**record, "regions": "; ".join(record["regions"])} for record in figures]
    return {"figures.json": json.dumps(figures, ensure_ascii=False, indent=1) + "\n",
            "figures.csv": csv_text(FIGURE_COLUMNS, rows),
            "figures-excluded.csv": csv_text(EXCLUDED_COLUMNS, excluded)}
