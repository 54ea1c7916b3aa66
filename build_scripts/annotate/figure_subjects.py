"""What a figure counts: its subject, found next to it and across the lists it stands in.

A subject is the noun phrase right after a figure (78名副处级后备干部, 1018名在职机关党员),
else the use of money (投资2.5亿元用于…), else the noun phrase right before it (网格2093个),
without the verb that governs it (投资, 组织, 命名), else — for a count of times — the
activity (作出批示11次).  Lists pair in order: A、B分别…X、Y; 781家非公经济组织、512家社会组织…，
覆盖率为52.7%和49.9%; a change (较上年提高33和26个百分点) counts what the figures before it
counted; a figure with no subject, the unit of the one before it and only a verb between
(排查矛盾隐患8700起，化解8348起) counts the same thing.  Each subject says how it was found.
"""

from __future__ import annotations

import re

from build_scripts.annotate.figure_base import (
    DIGITS_RE,
    SENTENCE_END,
    Figure,
    Vocabulary,
    clause_bounds,
    comma_bounds,
    factor_of,
    is_modifier,
    is_noun,
    scaled,
    tokens,
)

PASSIVE_RE = re.compile(r"^(?:[^，。；、被]{0,10}?)(被[^，。；、]{1,6})")
PER_UNIT_RE = re.compile(r"每[个名面户村位][\u4e00-\u9fff]{1,4}$")
PURPOSE_RE = re.compile(r"^[^，。；]{0,6}?用于")


def subject_after(tail: str, vocabulary: Vocabulary) -> str | None:
    """The noun phrase starting right after a figure (``副处级后备干部`` in 78名副处级后备干部、…).

    A word the data file lists as a noun modifier may open it although
    jieba calls it a verb (1018名在职机关党员).  When a clause stands between
    (``27个设立机关党委的市直机关单位``), the nouns after its 的 are the
    subject; a passive (``4人被免职``, ``31人由于考核不称职被下调工资``) is its own subject.
    """
    passive = PASSIVE_RE.match(tail)
    if passive and (passive.start(1) == 0 or not leading_nouns(tokens(tail[:passive.start(1)], vocabulary), vocabulary)):
        return passive.group(1)
    words = tokens(tail[1:] if tail.startswith("的") else tail, vocabulary)
    run = leading_nouns(words, vocabulary)
    if not run and "的" in (w for w, _ in words[:8]):
        after = [w for w, _ in words].index("的") + 1
        run = leading_nouns(words[after:], vocabulary)
    return "".join(run) or None


NOUN_JOINERS = ("和", "及", "或")


def leading_nouns(words: list[tuple[str, str]], vocabulary: Vocabulary) -> list[str]:
    """Nouns and the modifiers between them, from the start; a phrase ends on a noun.

    和/及/或 between two nouns join them (166个非公企业和社会组织), never a noun and a number
    (207个嘎查村党组织和108名…); 与 is "with" (5.4万名党员干部与贫困户结对帮扶).
    """
    run, end = [], 0
    for n, (word, flag) in enumerate(words):
        if is_noun(word, flag, vocabulary):
            run.append(word)
            end = len(run)
        elif is_modifier(word, flag) or (n == 0 and word in vocabulary.noun_modifiers):
            run.append(word)
        elif word in NOUN_JOINERS and end == len(run) and n + 1 < len(words) and is_noun(*words[n + 1], vocabulary):
            run.append(word)
        else:
            break
    return run[:end]


def subject_before(head: str, vocabulary: Vocabulary, places: frozenset[str] = frozenset()) -> str | None:
    """The noun phrase ending right before a figure, across link words (网格 in 共划分网格2093个).

    Only the data file's link words (达到, 分别, 共 …) may stand between;
    的 and 和 join nouns (有集体经济收入的嘎查村, 非公企业和社会组织党组织覆盖率).
    A rate per unit (每个社区19万元) and a place that only says whose
    standard it is (达到了自治区300平方米的要求) are stepped over.  A verb
    jieba tags as a noun (投资, 组织, 命名, 培育) never opens the phrase.
    """
    per_unit = PER_UNIT_RE.search(head)
    words = tokens(head[:per_unit.start()] if per_unit else head, vocabulary)
    tokens_before = list(words)
    while True:
        while words and words[-1][0] in vocabulary.links:
            words.pop()
        if words and words[-1][0] in places:
            words.pop()
            continue
        break
    run: list[str] = []
    while words:
        word, flag = words[-1]
        if is_noun(word, flag, vocabulary) or (run and (is_modifier(word, flag) or word in vocabulary.noun_modifiers)):
            run.insert(0, word)
        elif word in ("的", "和", "及", "与") and run and len(words) > 1 and is_noun(*words[-2], vocabulary):
            run.insert(0, word)
        elif word in ("有", "没有") and "的" in run:
            run.insert(0, word)
            break
        elif not run and len(word) == 1 and flag[:1] in "vn" and len(words) > 1 and is_noun(*words[-2], vocabulary):
            run.insert(0, word)  # a one-character head jieba calls a verb: 党建指导站
        else:
            break
        words.pop()
    if "的" in run and run[0] not in ("有", "没有") and words:
        run = run[len(run) - run[::-1].index("的"):]  # (通往)边境哨所的牧区道路: a clause cut short drops out
    while run and words and words[-1][0] == "、":
        k = j = len(words) - 1
        while j > 0 and (is_noun(*words[j - 1], vocabulary) or is_modifier(*words[j - 1])):
            j -= 1
        if j == k or not is_noun(*words[k - 1], vocabulary):
            break
        run = [w for w, _ in words[j:k]] + ["、"] + run  # 召开盟委委员会议、党建领导小组会议36次
        words = words[:j]
    flags = dict(tokens_before)
    while len(run) > 1 and flags.get(run[0]) in ("vn", "t") and run[0] not in vocabulary.nouns:
        run.pop(0)  # a verb jieba tags as a noun, ahead of its object: 培育(自治区级示范嘎查村); a time: 年底
    while run and (run[0] in ("的", "和", "及", "与", "、") or run[0] in vocabulary.verbs or run[0].startswith("（")):
        run.pop(0)  # 投资, 命名(红旗): the action, not the thing counted; a bracket never opens a phrase
    return "".join(run) or None



def runs_of(figures: list[Figure], text: str, vocabulary: Vocabulary) -> list[list[Figure]]:
    """Figures in lists (60%和55%, 33和26个百分点): consecutive figures with only a joiner between."""
    runs: list[list[Figure]] = []
    for figure in figures:
        if runs and text[runs[-1][-1].end:figure.start] in vocabulary.list_joiners:
            runs[-1].append(figure)
        else:
            runs.append([figure])
    return runs


def share_units(run: list[Figure], vocabulary: Vocabulary) -> None:
    """``33和26个百分点``: a bare number in a list takes the unit of the list's last figure."""
    last = run[-1]
    for figure in run[:-1]:
        if figure.unit_written is None and last.unit_written and DIGITS_RE.fullmatch(figure.text):
            figure.value = scaled(figure.text, factor_of(last.unit_written, vocabulary))
            figure.unit, figure.unit_written = last.unit, last.unit_written


def share_subject(run: list[Figure]) -> None:
    """``覆盖率为52.7%和49.9%``: a later figure in a list with no subject of its own shares the first's."""
    for figure in run[1:]:
        if figure.subject is None and run[0].subject_basis == "before":
            figure.subject, figure.subject_basis = run[0].subject, "before"


LIST_WORDS = ("、", "以及", "和", "与", "及")


def _list_before(head: str, vocabulary: Vocabulary) -> list[str]:
    """The items of the list a 分别 closes (``社区活动、服务群众、联系邻里`` in 每名党员每年参与社区活动、…).

    The first item is cut to the size of the others and stripped of scope
    words (全市, 全盟): the list starts where the sentence's own words end.
    """
    items, current = [], ""
    for word, _ in tokens(head, vocabulary):
        if word in LIST_WORDS:
            items.append(current)
            current = ""
        else:
            current += word
    items.append(current)
    if len(items) < 2 or not all(items):
        return []
    items = [_strip_links(item, vocabulary) for item in items]
    words = tokens(items[0], vocabulary)
    size = min(len(tokens(item, vocabulary)) for item in items[1:])
    first = words[-size:] if size < len(words) else words
    extra = words[:len(words) - len(first)]
    while extra and (is_noun(*extra[-1], vocabulary) or is_modifier(*extra[-1])):
        first.insert(0, extra.pop())
    while first and (first[0][0] in vocabulary.places or first[0][0] in vocabulary.not_nouns):
        first.pop(0)
    items[0] = "".join(w for w, _ in first)
    return items if all(items) else []


def _strip_links(item: str, vocabulary: Vocabulary) -> str:
    """An item without the link words that end it before 分别 (均, 都)."""
    words = tokens(item, vocabulary)
    while words and words[-1][0] in vocabulary.links:
        words.pop()
    return "".join(w for w, _ in words)


def pair_lists(runs: list[list[Figure]], text: str, vocabulary: Vocabulary) -> None:
    """``A、B分别…X、Y``: X belongs to A and Y to B, in order; one figure after a list belongs to each item.

    Items that are places pair the figures' places (东乌旗和西乌旗分别建成网格120个和95个);
    a list that is the figures' own subject shares its last item's head
    (非公企业和社会组织党组织覆盖率 → 非公企业党组织覆盖率, 社会组织党组织覆盖率);
    other items say whose the counted thing is (苏木、嘎查分别建成党群服务中心56个、800个).
    """
    previous_end = 0
    for run in runs:
        first = run[0]
        left = max(comma_bounds(text, first.start, first.start)[0], previous_end)
        previous_end = run[-1].end
        head = text[left:first.start]
        at = head.rfind("分别")
        items = _list_before(head[:at], vocabulary) if at != -1 else []
        if not items:
            continue
        if len(run) == 1:
            first.subject, first.subject_basis = "、".join(items), "each of a list (分别)"
        elif len(run) == len(items):
            _pair(run, items, head[:at], vocabulary)


def _pair(run: list[Figure], items: list[str], listed: str, vocabulary: Vocabulary) -> None:
    """Pair a 分别 list with its figures: places, the items of a shared subject (whose head and whose leading
    quoted name or modifiers they share), or owners of what each figure counts."""
    places = [vocabulary.gazetteer.regions_in(item) for item in items]
    if all(len(p) == 1 for p in places):
        for figure, place in zip(run, places):
            figure.paired_place = place[0]
        return
    subject = run[0].subject
    if subject and run[0].subject_basis == "before" and items[-1] in subject and any(w in subject for w in LIST_WORDS):
        last_words = [w for w, _ in tokens(items[-1], vocabulary)]
        shared = "".join(last_words[1:]) if len(last_words) > 1 else ""
        first = tokens(items[0], vocabulary)
        prefix = "".join(w for w, _ in first[:-1]) if first and first[0][1] == "nq" else ""
        names = [item + shared for item in items[:-1]] + [
            (prefix if not items[-1].startswith(prefix) else "") + items[-1]]  # “双强六好”…社会党组织
    else:
        names = [item + (figure.subject or "") for item, figure in zip(items, run)]
    for figure, name in zip(run, names):
        figure.subject, figure.subject_basis = name, "paired in order (分别)"


def inherit(runs: list[list[Figure]]) -> None:
    """A change with no subject of its own (较上届降低3岁) counts what the figure before it counted.

    Lists map pairwise: 覆盖率分别达到75%和65%，较上年提高33和26个百分点.
    """
    for before, run in zip(runs, runs[1:]):
        if run[0].comparison and all(f.subject is None for f in run):
            sources = before if len(before) == len(run) else [before[-1]] * len(run)
            for figure, source in zip(run, sources):
                figure.subject, figure.subject_basis = source.subject, "change of the figure before"
                figure.comparison = run[0].comparison



def find_subject(figure: Figure, tail: str, head: str, vocabulary: Vocabulary) -> None:
    """After, else the use of money (用于…), else before, else the activity counted (作出批示11次); with its basis.

    A standard word after a figure (1万元标准) is not what it counts: the
    noun after the verb that follows is (…标准落实工作补贴资金).
    """
    figure.subject = subject_after(tail, vocabulary)
    figure.subject_basis = "after" if figure.subject else None
    standard = next((w for w in vocabulary.standard_words if (figure.subject or "").startswith(w)), None)
    if standard:
        words = tokens(tail[tail.index(standard) + len(standard):], vocabulary)
        while words and (words[0][0] in vocabulary.verbs or words[0][1] in ("v", "a", "l")):
            words.pop(0)
        figure.subject = "".join(leading_nouns(words, vocabulary)) or None
        figure.subject_basis = "after its standard" if figure.subject else None
    purpose = PURPOSE_RE.match(tail)
    if figure.subject is None and purpose and figure.unit == "元":
        figure.subject = "".join(leading_nouns(tokens(tail[purpose.end():], vocabulary), vocabulary)) or None
        figure.subject_basis = "its use (用于…)" if figure.subject else None
    if figure.subject is None:
        figure.subject = subject_before(head, vocabulary, vocabulary.places)
        figure.subject_basis = "before" if figure.subject else None


def activities(figures: list[Figure], text: str, vocabulary: Vocabulary) -> None:
    """A count of times or cases with no subject yet counts the activity right before it."""
    previous_end = 0
    for figure in figures:
        if figure.subject is None and figure.unit in vocabulary.activity_units:
            head = text[max(clause_bounds(text, figure.start, figure.end)[0], previous_end):figure.start]
            figure.subject = _activity(head, vocabulary)
            figure.subject_basis = "the activity before it" if figure.subject else None
        previous_end = figure.end


def _activity(head: str, vocabulary: Vocabulary) -> str | None:
    """The verbs right before a count of times (学习讨论4.6万余次 → 学习讨论; 宣讲培训覆盖30万人次)."""
    head = vocabulary.before_re.sub("", head)
    words = tokens(head, vocabulary)
    while words and words[-1][0] in vocabulary.links:
        words.pop()
    run = []
    while words and len(run) < 3 and words[-1][1].startswith("v") and words[-1][0] not in vocabulary.links:
        run.insert(0, words.pop()[0])
    return "".join(run) or None


def same_subject_as_before(figures: list[Figure], text: str, vocabulary: Vocabulary) -> None:
    """``排查矛盾隐患8700起，化解8348起``: a figure with no subject, the same unit as the figure before it in its
    sentence and only a verb between, counts the same thing (年报酬最高达2.2万元、最低保证1.5万元)."""
    for before, figure in zip(figures, figures[1:]):
        between = text[before.end:figure.start]
        words = [w for w in tokens(between.strip("，、,"), vocabulary) if w[0].strip()]
        if (figure.subject is None and before.subject and figure.unit == before.unit and len(between) <= 7
                and not any(ch in between for ch in SENTENCE_END) and not any(is_noun(*w, vocabulary) for w in words)):
            figure.subject, figure.subject_basis = before.subject, "the figure before it in its sentence"


def share_heads(figures: list[Figure], text: str, vocabulary: Vocabulary) -> None:
    """``8个旗级、16个镇级特色化党组织创建活动``: a level word standing alone takes the head of the next subject."""
    for first, second in zip(figures, figures[1:]):
        if (first.subject and second.subject and first.subject_basis == second.subject_basis == "after"
                and text[first.end:second.start] in (first.subject + "、", first.subject + "和")):
            head = next((w for w, _ in tokens(second.subject, vocabulary)), "")
            if head != second.subject and head[-1:] == first.subject[-1:]:
                first.subject += second.subject[len(head):]


def pair_with_list_before(runs: list[list[Figure]], text: str, vocabulary: Vocabulary) -> None:
    """``781家非公经济组织、512家社会组织建立党组织，覆盖率为52.7%和49.9%``: a list of figures sharing one
    subject (覆盖率) pairs in order with the list of figures before it in its sentence."""
    for n, run in enumerate(runs):
        shared = run[0].subject
        if len(run) < 2 or run[0].subject_basis != "before" or any(f.subject != shared for f in run):
            continue
        earlier = [f for r in runs[:n] for f in r][-len(run):]
        if len(earlier) != len(run) or any(ch in text[earlier[0].start:run[0].start] for ch in SENTENCE_END):
            continue
        if all(f.subject_basis == "after" and text[f.end:g.start] in (f.subject + "、", f.subject + "和")
               for f, g in zip(earlier, earlier[1:])):
            for figure, source in zip(run, earlier):
                figure.subject, figure.subject_basis = source.subject + shared, "paired in order with the list before"


COUNT_UNITS = ("个", "家", "名", "人", "户", "所", "处")


def split_shared_phrases(figures: list[Figure], vocabulary: Vocabulary) -> None:
    """``855个嘎查村集体经济全部达到5万元以上``: when the phrase after a count is what a later figure in its clause
    measures (嘎查村集体经济 … 5万元), the count counts only the phrase's first noun (855个嘎查村)."""
    for n, figure in enumerate(figures):
        later = [f for f in figures[n + 1:] if f.clause == figure.clause and f.subject_basis == "before"]
        if (figure.subject_basis == "after" and figure.unit in COUNT_UNITS
                and any(f.subject == figure.subject and f.unit != figure.unit for f in later)):
            words = [w for w, _ in tokens(figure.subject, vocabulary)]
            if len(words) > 1:
                figure.subject = words[0]

