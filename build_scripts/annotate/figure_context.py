"""Where, when and what kind: each figure's region, year and kind, each with its basis, and its indicator.

**Region.** The nearest thing before a figure in its sentence that says where
it stands: a place name (苏尼特左旗…年纯收入达45万元) or a scope word (全市,
全盟, 全旗, 全区, 全镇 …, from ``scopes`` in ``figures.yml``).  A scope word is
resolved upward from the places around it — those named earlier in the
sentence, the paragraph's home, the report's subject place — to the first of
the level it states, so 全市 in a sentence that names three banners is their
city, never the first banner.  A clause naming several places credits all of
them (``regions``), with their common parent as ``region``, saying so; a
分别 list pairs places with figures in order.  With nothing in the sentence,
the paragraph's home region (:func:`places.paragraph_attribution`) counts,
taken from the report's *subject* place, not the first of its region list.

**Year.** The year of the work the figure reports: the nearest year its
sentence gives it (2016年，…; 截至2018年底; 以2016年为例; 2016年以来 — a running
total from 2016 to the report's year, ``year_from`` 2016), else the year that
opens its paragraph, else the report's reporting year: a duty or work report
dated early in a year reviews the year before, when its text shows it
(a paragraph opening with that year, or plans that follow the review), else
the report's date.

**Kind.** ``achievement`` unless its context makes it a ``target`` (a plan:
力争, 计划, 年底前, 将 as the future, 年内 with a goal, a plans section such
as 下一步 or the next year's measures), a ``standard`` (不低于, 300平方米的要求,
1万元标准, a rule per unit: 每个网格至少…), or an ``average`` (平均, 户均).
Only achievements feed the indicator charts.

The report's subject places and reporting year are read from the report
(``regions`` with their basis, ``reporting_year``), as the annotate stage
found them; a report made without that stage (a test case) has them derived
here, with the evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from build_scripts.annotate.figure_base import (
    FIGURES_FILE,
    Figure,
    ReportFigures,
    comma_bounds,
    Vocabulary,
    figures_data,
    standalone_vocabulary,
)
from build_scripts.annotate.figures import item_figures
from build_scripts.annotate.places import (
    BASIS_LABELS,
    FIRST_SENTENCE_RE,
    Gazetteer,
    paragraph_attribution,
    year_number,
)
from build_scripts.errors import DataFileError
from build_scripts.model import Item, Report

AUTONOMOUS_REGION = "内蒙古自治区"
COUNTRY = "全国"
SENTENCE_END = "。！？；!?;"
REVIEW_DOC_TYPES = ("duty_report", "work_report")
KINDS = {
    "achievement": "实绩 achievement",
    "target": "目标 target or plan",
    "standard": "标准 standard or threshold",
    "average": "平均 average",
}


# --- the report: its subject places and reporting year -------------------------------------------------

def most_specific(gazetteer: Gazetteer, names: list[str]) -> list[str]:
    """``names`` without any that contains another of them (锡林郭勒盟东乌旗 → 东乌珠穆沁旗)."""
    return [n for n in names if not any(gazetteer.regions.get(other) and gazetteer.regions[other].parent == n
                                        for other in names)]


def subject_places(report: Report, gazetteer: Gazetteer) -> tuple[tuple[str, ...], str]:
    """The place or places the report is about, and why.

    From the report's subject regions when the pipeline found them (with their basis);
    else the places its title names (乌审旗、正镶白旗、武川县集中解决…);
    else its byline office or providing body (锡林郭勒盟委书记, 锡林郭勒盟组织部);
    else the place its text names most often; else its first region.
    """
    declared = [n for n in report.regions if n in gazetteer.regions] if report.regions_basis else []
    if declared:
        return tuple(declared), f"the report's subject region ({report.regions_basis})"
    title = most_specific(gazetteer, gazetteer.regions_in(" ".join(filter(None, (report.kicker, report.title,
                                                                                   report.subtitle)))))
    if title:
        return tuple(title), "named in the title"
    byline = [n for a in report.authors for n in gazetteer.regions_in(" ".join(filter(None, (a.office, a.name))))]
    if byline:
        return (byline[0],), "named in the byline"
    counted = Counter(name for item in report.items for _, _, name in gazetteer.mentions(ATOM_RE.sub("", item.text)))
    if counted:
        name, times = counted.most_common(1)[0]
        return (name,), f"the place the text names most often ({times} times)"
    first = next((n for n in report.regions if n in gazetteer.regions), None)
    return ((first,), "the report's first region") if first else ((), "no place named")


OPEN_YEAR_RE = re.compile(r"^(?:在|于|从)?((?:19|20)\d\d)年(?:度|初|底|末|上半年|下半年|全年)?(?!以来|来|至今)")


def reporting_year(report: Report, sections: tuple[str, ...] = ("下一步", "打算")) -> tuple[int | None, str]:
    """The year whose work the report describes, and the evidence.

    The report's metadata wins (``reporting_year``).  A duty or work report
    dated in the first nine months of a year (or by year only) reviews the
    year before when its text shows it: a paragraph opens with that year
    (2016年履行…), or plans follow the review (2017年…措施, 下一步).  Anything
    else describes the year of its date.
    """
    declared = getattr(report, "reporting_year", None)
    if declared:
        basis = getattr(report, "reporting_year_basis", None) or "the report's metadata"
        return int(declared), f"the report's reporting year {declared} ({basis})"
    year = year_number(report)
    dated = f"the report's date ({report.date})"
    if year is None or report.doc_type not in REVIEW_DOC_TYPES:
        return year, dated
    month = re.match(r"\d{4}-(\d\d)", report.date or "")
    if month and int(month.group(1)) >= 10:
        return year, f"{dated}: written late in the year it reviews"
    evidence = []
    for item in report.items:
        opening = OPEN_YEAR_RE.match(item.text)
        if opening and int(opening.group(1)) == year - 1:
            evidence.append(f"{item.id} opens with {year - 1}年")
        elif (opening and int(opening.group(1)) == year) or any(word in item.text for word in sections):
            evidence.append(f"{item.id} sets out plans")
    if not evidence:
        return year, dated
    return year - 1, (f"a {report.doc_type.replace('_', ' ')} dated {report.date} reviews the year before "
                      f"({'; '.join(evidence)})")


@dataclass(frozen=True)
class ReportContext:
    subjects: tuple[str, ...]
    subject_basis: str
    year: int | None
    year_basis: str
    date_year: int | None
    review: bool
    #: the data file's kinds (target, standard, average) and scope words
    kinds: dict = field(repr=False, compare=False)
    scopes: dict = field(repr=False, compare=False)


def report_context(report: Report, gazetteer: Gazetteer, data: dict) -> ReportContext:
    year, basis = reporting_year(report, tuple(data["kinds"]["target"]["sections"]))
    date_year = year_number(report)
    subjects, subject_basis = subject_places(report, gazetteer)
    return ReportContext(subjects, subject_basis, year, basis, date_year,
                         year is not None and date_year is not None and year < date_year,
                         data["kinds"], data["scopes"])


# --- region ------------------------------------------------------------------------------------------

ATOM_RE = re.compile(r"《[^《》]*》|“[^“”]{0,20}”")


def _type_of(gazetteer: Gazetteer, name: str) -> str:
    if name == AUTONOMOUS_REGION:
        return "autonomous_region"
    return gazetteer.regions[name].type if name in gazetteer.regions else "other"


def _chain(gazetteer: Gazetteer, name: str) -> list[str]:
    """``name``, its parent, …, Inner Mongolia."""
    chain = [name]
    while chain[-1] in gazetteer.regions and gazetteer.regions[chain[-1]].parent:
        chain.append(gazetteer.regions[chain[-1]].parent)
    return chain + ([AUTONOMOUS_REGION] if chain[-1] != AUTONOMOUS_REGION else [])


def common_parent(gazetteer: Gazetteer, names: list[str]) -> str:
    """The nearest place containing every one of ``names`` (Inner Mongolia at the top)."""
    chains = [_chain(gazetteer, n) for n in names]
    return next(place for place in chains[0] if all(place in chain for chain in chains))


def _markers(text: str, gazetteer: Gazetteer, scopes: dict) -> list[tuple[int, int, str, str]]:
    """``(start, end, "place"|"scope", name)`` of every place name and scope word in ``text``, in order.

    Names inside a title or a quoted name (《锡林郭勒盟…措施》) say nothing about where a figure stands.
    """
    hidden = [m.span() for m in ATOM_RE.finditer(text)]
    found = [(pos, pos + len(form), "place", name) for pos, form, name in gazetteer.mentions(text)]
    found += [(m.start(), m.end(), "scope", word) for word in scopes for m in re.finditer(re.escape(word), text)]
    found = [m for m in found if not any(a <= m[0] < b for a, b in hidden)]
    return sorted(m for m in found if not any(o[0] <= m[0] and m[1] <= o[1] and o != m for o in found))


def resolve_scope(word: str, bases: list[str], gazetteer: Gazetteer, scopes: dict) -> tuple[str | None, str]:
    """The place a scope word means, looking upward from each base place in turn (全市 from 乌审旗 → 鄂尔多斯市)."""
    types = scopes[word]
    if "country" in types:
        return COUNTRY, f"{word} in its sentence: the whole country"
    if "township" in types:
        base = next((b for b in bases if _type_of(gazetteer, b) not in ("league", "city", "autonomous_region")),
                    bases[0] if bases else None)
        return base, f"{word} in its sentence: a township of {base} (townships are not in the gazetteer)"
    for base in bases:
        for place in _chain(gazetteer, base):
            if _type_of(gazetteer, place) in types:
                return place, f"{word} in its sentence: {place}" + ("" if place == base else f" (that of {base})")
    base = bases[0] if bases else None
    return base, f"{word} in its sentence, but no place of that level contains {base}"


def place_figure(figure: Figure, item: Item, left: int, home: tuple[str | None, str], context: ReportContext,
                 gazetteer: Gazetteer) -> None:
    """Set ``region``, ``regions`` and ``region_basis`` (see the module docstring)."""
    scopes = context.scopes
    if figure.paired_place:
        figure.region, figure.regions = figure.paired_place, [figure.paired_place]
        figure.region_basis = "paired in order with the places listed before 分别"
        return
    text = item.text
    markers = _markers(text[left:figure.start], gazetteer, scopes)
    if markers:
        start, _, what, name = markers[-1]
        if what == "scope":
            earlier = [m[3] for m in reversed(markers[:-1]) if m[2] == "place"]
            homes = [home[0]] if home[0] else []
            region, basis = resolve_scope(name, earlier + homes + list(context.subjects), gazetteer, scopes)
            _credit(figure, [region] if region else [], basis, gazetteer)
            return
        where = "its clause" if comma_bounds(text, figure.start, figure.start)[0] <= left + start else "its sentence"
        _credit(figure, _listed(text[left:figure.start], markers, start, gazetteer), f"named in {where}", gazetteer)
        return
    region, basis = home
    if basis == "report" and len(context.subjects) > 1:
        _credit(figure, list(context.subjects), f"the report's subject places ({context.subject_basis})", gazetteer)
    elif basis == "report":
        _credit(figure, [region] if region else [], f"the report's subject place ({context.subject_basis})",
                gazetteer)
    elif basis == "lead":
        first = FIRST_SENTENCE_RE.match(text).group()
        places = [m for m in _markers(first, gazetteer, scopes) if m[2] == "place"]
        names = _listed(first, places, places[0][0], gazetteer) if places else [region]
        _credit(figure, names if region in names else [region], f"its paragraph's region ({BASIS_LABELS[basis]})",
                gazetteer)
    else:
        _credit(figure, [region] if region else [], f"its paragraph's region ({BASIS_LABELS.get(basis, basis)})",
                gazetteer)


def _listed(text: str, markers: list, start: int, gazetteer: Gazetteer) -> list[str]:
    """The places named in the clause of the place at ``start`` (乌审旗、正镶白旗、武川县把…): all of them."""
    clause_start = comma_bounds(text, start, start)[0]
    return most_specific(gazetteer, list(dict.fromkeys(m[3] for m in markers if m[2] == "place"
                                                       and m[0] >= clause_start)))


def _credit(figure: Figure, names: list[str], basis: str, gazetteer: Gazetteer) -> None:
    """One place, or several with their common parent as the region, saying so."""
    figure.regions = names
    if len(names) > 1:
        parent = common_parent(gazetteer, names)
        figure.region = parent
        figure.region_basis = f"{basis}: {'、'.join(names)} (credited to all; {parent} contains them)"
    else:
        figure.region = names[0] if names else None
        figure.region_basis = basis


# --- year ----------------------------------------------------------------------------------------------

YEAR = r"((?:19|20)\d\d)"
YEAR_PATTERNS = (
    ("range", re.compile(rf"{YEAR}年?[—–\-~～至到]{YEAR}年")),
    ("since", re.compile(rf"(?:自|从)?{YEAR}年(?:以来|来|至今)")),
    ("until", re.compile(rf"(?:截至|截止到|截止|到){YEAR}年(?:底|末|年底|\d{{1,2}}月(?:底|末)?)?")),
    ("example", re.compile(rf"以{YEAR}年为例")),
    ("now", re.compile(r"截至目前|目前|当前|现在|至今")),
    ("years", re.compile(r"(?:近|这)?(\d+|[两三四五六七八九十]+)年(?:来|以来)")),
)
RELATIVE_OPEN_RE = re.compile(r"^(?:自|从)?(去年|今年|本年)(以来)?(?!度)")


def _own_year(text: str, left: int, start: int) -> tuple[str, re.Match | None, int]:
    """The nearest year expression before ``start`` in its sentence: a kind, the match and its end.

    Expressions anywhere before the figure count (截至2018年底, 2016年以来, 以2016年为例, 目前); a plain
    year or 今年/去年 counts only where it opens the sentence or one of its comma clauses (2016年，…;
    去年以来…), not inside a clause (对2015年自治区…提出的26个问题; 上年度自治区点评存在的7个问题).
    """
    sentence = text[left:start]
    found: list[tuple[int, str, re.Match]] = []
    for kind, pattern in YEAR_PATTERNS:
        found += [(m.end(), kind, m) for m in pattern.finditer(sentence)]
    for clause in re.finditer(r"(?:^|[，；：,;:])([^，；：,;:]*)", sentence):
        for kind, pattern in (("open", OPEN_YEAR_RE), ("relative", RELATIVE_OPEN_RE)):
            opening = pattern.match(clause.group(1))
            if opening:
                found.append((clause.start(1) + opening.end(), kind, opening))
    if not found:
        return "", None, -1
    end, kind, match = max(found, key=lambda f: f[0])
    return kind, match, end


def date_figure(figure: Figure, item: Item, left: int, context: ReportContext, plan: bool) -> None:
    """Set ``year``, ``year_from`` and ``year_basis`` (see the module docstring)."""
    kind, match, _ = _own_year(item.text, left, figure.start)
    default = context.year
    if kind == "open":
        figure.year, figure.year_basis = int(match.group(1)), f"{match.group(1)}年 opens its clause or sentence"
    elif kind == "range":
        figure.year_from, figure.year = int(match.group(1)), int(match.group(2))
        figure.year_basis = f"{match.group()} in its sentence"
    elif kind == "since":
        figure.year_from, figure.year = int(match.group(1)), default
        figure.year_basis = f"{match.group()}: a running total from {match.group(1)} to {context.year_basis}"
    elif kind in ("until", "example"):
        figure.year, figure.year_basis = int(match.group(1)), f"{match.group()} in its sentence"
    elif kind == "relative":
        year = context.date_year
        if year is not None and match.group(1) in ("去年", "上年"):
            year -= 1
        figure.year = context.date_year if match.group(2) else year
        figure.year_from = year if match.group(2) else None
        figure.year_basis = f"{match.group()} in its sentence, counted from the report's date"
    elif kind == "years":
        figure.year = default
        figure.year_basis = f"{match.group()}: a running total over those years up to {context.year_basis}"
    else:
        opening = OPEN_YEAR_RE.match(item.text)
        if opening:
            figure.year, figure.year_basis = int(opening.group(1)), f"{opening.group(1)}年 opens its paragraph"
        elif plan and context.review and default is not None:
            figure.year = default + 1
            figure.year_basis = f"a plan: the year after the reporting year ({context.year_basis})"
        else:
            figure.year = default
            figure.year_basis = ("目前 (now) in its sentence: " if kind == "now" else "") + context.year_basis


# --- kind ----------------------------------------------------------------------------------------------

def plan_start(item: Item, context: ReportContext) -> tuple[int, str] | None:
    """Where the plans in a paragraph begin, and why: a paragraph on a year after the reporting year
    (2017年抓基层党建工作主要措施 in a review of 2016), one opening with a plans word (下一步, 问题打算), or
    the words from 下一步 on."""
    target = context.kinds["target"]
    opening = OPEN_YEAR_RE.match(item.text)
    if opening and context.year is not None and int(opening.group(1)) > context.year:
        return 0, f"its paragraph opens with {opening.group(1)}年, after the reporting year {context.year}: plans"
    for word in target["sections"]:
        at = item.text.find(word)
        if at != -1 and (at < 6 or word == "下一步"):
            return at, f"from {word} on, its paragraph sets out plans"
    return None


def kind_of(figure: Figure, item: Item, left: int, plan: tuple[int, str] | None,
            context: ReportContext) -> tuple[str, str]:
    """``(kind, basis)``: target, standard, average or achievement (see the module docstring)."""
    data, text = context.kinds, item.text
    before = text[left:figure.start]
    clause = text[comma_bounds(text, figure.start, figure.start)[0]:figure.start]
    if plan and figure.start >= plan[0]:
        return "target", plan[1]
    marker = _last_marker(before, data["target"]["markers"])
    if marker:
        return "target", f"{marker} before it in its sentence"
    if _future_jiang(before, data["target"]["future_adverbs"]):
        return "target", "将 (will) before it in its sentence"
    within = before.rfind("年内")
    if within != -1 and any(verb in before[within:] for verb in data["target"]["goal_verbs"]):
        return "target", "年内 with a goal before it"
    kind, match, _ = _own_year(text, left, figure.start)
    if kind == "open" and context.year is not None and int(match.group(1)) > context.year:
        return "target", f"{match.group(1)}年 opens its sentence, after the reporting year {context.year}"
    standard = _standard(figure, text, clause, data["standard"])
    if standard:
        return "standard", standard
    marker = _last_marker(clause + (figure.subject or "") + (figure.qualifier or ""), data["average"]["markers"])
    if marker:
        return "average", f"{marker} in its clause or subject"
    return "achievement", "no word of a plan, standard or average"


def _last_marker(text: str, markers: list[str]) -> str | None:
    found = [(text.rfind(m), m) for m in markers if m in text]
    return max(found)[1] if found else None


def _future_jiang(before: str, adverbs: list[str]) -> bool:
    """将 as the future (将进一步压实), not as 把 (将189名…培养成, 将社区办公活动服务经费提高到…)."""
    return any(before.startswith(adverb, m.end()) for m in re.finditer("将", before) for adverb in adverbs)


def _standard(figure: Figure, text: str, clause: str, data: dict) -> str | None:
    """Why the figure is a standard, or None: 不低于2万元, 300平方米的要求, 每面红旗1万元标准, 每个网格里至少设置…,
    or a threshold that picks out what another figure counts (10万元以上的达65.3%, 具有2年以上乡镇工作经历768人)."""
    before = next((w for w in data["before"] if text.endswith(w, 0, figure.start)), None)
    if before:
        return f"{before} before it"
    after = re.match(rf"的?({'|'.join(map(re.escape, data['after']))})", text[figure.end:])
    if after:
        return f"{after.group(1)} right after it"
    each = clause.rfind("每")
    rule = next((w for w in data["per_unit"] if each != -1 and w in clause[each:]), None)
    if rule:
        return f"a rule for each unit (每…{rule})"
    bound = figure.value_to is not None or any(q in (figure.qualifier or "") for q in data["threshold"])
    rest = text[figure.end:comma_bounds(text, figure.start, figure.end)[1]]
    if bound and (rest.startswith("的") or re.search(r"\d", rest)):
        return "a threshold that says which are counted (10万元以上的村…)"
    return None


# --- indicators ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    label_en: str
    rules: tuple[dict, ...]

    def matches(self, figure: Figure, sentence: str, position: int) -> bool:
        for rule in self.rules:
            if (rule["unit"] != figure.unit or figure.comparison
                    or ("position" in rule and rule["position"] != position)):
                continue
            fields = {"subject": figure.subject or "", "clause": figure.clause, "sentence": sentence}
            if all(rule[key].search(fields[key]) for key in fields if key in rule) and not (
                    "not" in rule and rule["not"].search(figure.clause)):
                return True
        return False


def load_indicators(data: dict | None = None, path=FIGURES_FILE) -> tuple[Indicator, ...]:
    """The indicators of ``figures.yml`` (as the run read it), their patterns compiled; a bad pattern names its key."""
    data = figures_data(path) if data is None else data
    out, seen = [], set()
    for n, entry in enumerate(data["indicators"]):
        if entry["id"] in seen:
            raise DataFileError(path, f"indicator id '{entry['id']}' is used twice", "give each indicator its own id",
                                where=f"key 'indicators.{n}.id'")
        seen.add(entry["id"])
        rules = []
        for r, rule in enumerate(entry["rules"]):
            compiled = dict(rule)
            for key in ("subject", "clause", "sentence", "not"):
                if key in rule:
                    try:
                        compiled[key] = re.compile(rule[key])
                    except re.error as error:
                        raise DataFileError(path, f"'{rule[key]}' is not a regular expression ({error})",
                                            "fix the pattern (Python re syntax)",
                                            where=f"key 'indicators.{n}.rules.{r}.{key}'") from None
            rules.append(compiled)
        out.append(Indicator(entry["id"], entry["label"], entry["label_en"], tuple(rules)))
    return tuple(out)


# --- a report's figures -----------------------------------------------------------------------------------

def _bounds(text: str, start: int, marks: str) -> tuple[int, int]:
    left = max((text.rfind(ch, 0, start) for ch in marks), default=-1) + 1
    rights = [i for i in (text.find(ch, start) for ch in marks) if i != -1]
    return left, min(rights, default=len(text))


def report_figures(report: Report, gazetteer: Gazetteer, indicators: tuple[Indicator, ...] | None = None,
                   vocabulary: Vocabulary | None = None) -> ReportFigures:
    """Every figure and excluded digit run of a report, with region, year and kind, matched to indicators.

    ``vocabulary`` and ``indicators`` are the run's (code outside a run gets the standalone ones).
    """
    vocabulary = vocabulary or standalone_vocabulary()
    indicators = load_indicators(vocabulary.data) if indicators is None else indicators
    context = report_context(report, gazetteer, vocabulary.data)
    homes = paragraph_attribution(report, gazetteer, home=context.subjects[0] if context.subjects else None)
    out = ReportFigures()
    for item in report.items:
        found = item_figures(report.id, item, vocabulary)
        plan = plan_start(item, context)
        for figure in found.figures:
            left, right = _bounds(item.text, figure.start, SENTENCE_END)
            place_figure(figure, item, left, homes[item.id], context, gazetteer)
            figure.kind, figure.kind_basis = kind_of(figure, item, left, plan, context)
            date_figure(figure, item, left, context, plan is not None and figure.start >= plan[0])
            figure.indicator = next((i.id for i in indicators
                                     if i.matches(figure, item.text[left:right], figure.position)), None)
        out.figures += found.figures
        out.excluded += found.excluded
    return out


def figures_of(report: Report, gazetteer: Gazetteer, indicators: tuple[Indicator, ...] | None = None,
               vocabulary: Vocabulary | None = None) -> ReportFigures:
    """One report's figures (what the per-seed cache keeps)."""
    return report_figures(report, gazetteer, indicators, vocabulary)
