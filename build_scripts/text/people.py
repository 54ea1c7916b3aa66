"""People in bylines, datelines and credits: names split right, each with its role.

Role words (本报记者, 记者, 通讯员, 摄) are never names; several names are split
at 、, spaces, commas and 和.  Roles are the archive's codes
(:data:`build_scripts.model.TEXT_ROLES` and ``CONTRIBUTOR_ROLES``).  A leaf
module of the text stage.
"""

from __future__ import annotations

import re

#: Role words as printed, longest first, and the role each names.
ROLE_WORDS = {
    "新华社记者": "reporter", "新华社通讯员": "correspondent", "本报特约记者": "reporter", "本报见习记者": "reporter",
    "本报实习生": "reporter", "本报记者": "reporter", "本报通讯员": "correspondent", "本刊记者": "reporter",
    "特约记者": "reporter", "见习记者": "reporter", "实习记者": "reporter", "实习生": "reporter",
    "融媒体记者": "reporter", "记者": "reporter", "通讯员": "correspondent", "作者": "author",
    "文/图": "author", "图/文": "author", "摄影": "photographer",
    "责任编辑": "editor", "责编": "editor", "编辑": "editor", "审核": "editor", "审校": "editor",
    "校对": "editor", "监制": "editor", "终审": "editor", "初审": "editor", "复审": "editor", "值班编辑": "editor",
}
NAME = "[\u4e00-\u9fff·]{2,6}"
TEXT_ROLE_WORDS = "(?:" + "|".join(sorted((re.escape(w) for w, r in ROLE_WORDS.items()
                                           if r in ("reporter", "correspondent", "author") and "/" not in w),
                                          key=len, reverse=True)) + ")"
ROLE_RE = re.compile("|".join(sorted(map(re.escape, ROLE_WORDS), key=len, reverse=True)))
SEPARATORS = re.compile(r"[ \u3000\xa0、，,及/]+|(?<=[\u4e00-\u9fff]{2})和(?=[\u4e00-\u9fff]{2})")
#: An outlet's name printed before a role word (正北方网记者, 草原全媒·乌兰察布日报 记者): the outlet, never a name.
OUTLET = r"[\u4e00-\u9fff]{2,12}?(?:日报|晚报|新闻网|网|报|社|台|客户端|全媒|融媒)"
OUTLET_BEFORE_ROLE_RE = re.compile(f"^(?P<outlet>{OUTLET}(?:·{OUTLET})*)(?=(?:{ROLE_RE.pattern}))")
#: A run of names and role words: what a byline, a dateline's brackets or a tag holds.
PEOPLE_RE = re.compile(f"(?:(?:{ROLE_RE.pattern})[：:]?[ \u3000]*)?{NAME}"
                       f"(?:(?:[ \u3000\xa0、，,和及]+|[ \u3000]*(?:{ROLE_RE.pattern})[：:]?[ \u3000]*){NAME})*")


def people(text: str, default_role: str = "author") -> list[tuple[str, str]]:
    """(name, role) for every name in a run of names and role words; a role applies to the names after it.

    >>> people('记者 张明 通讯员 王芳')
    [('张明', 'reporter'), ('王芳', 'correspondent')]
    >>> people('记者 赵强、萨仁'), people('本报记者那仁满都拉', 'reporter')
    ([('赵强', 'reporter'), ('萨仁', 'reporter')], [('那仁满都拉', 'reporter')])
    >>> people('乌日娜', 'reporter'), people('记者')
    ([('乌日娜', 'reporter')], [])
    >>> people('通讯员 孟和'), people('记者 乌日娜和张明')
    ([('孟和', 'correspondent')], [('乌日娜', 'reporter'), ('张明', 'reporter')])
    """
    found, role = [], default_role
    for piece in SEPARATORS.split(text.strip()):
        piece = piece[outlet_before_role(piece):]
        while piece:
            m = ROLE_RE.match(piece)
            if m:
                role = ROLE_WORDS[m.group(0)]
                piece = piece[m.end():].lstrip("：: ")
                continue
            inner = ROLE_RE.search(piece)
            ends_piece = inner is not None and inner.end() == len(piece)  # 测试作者: a role word closing a name is part of it
            name = piece[:inner.start()] if inner and inner.start() >= 2 and not ends_piece else piece
            if 2 <= len(name) <= 6 and re.fullmatch(NAME, name):
                found.append((name, role))
            piece = piece[len(name):]
    return found


def outlet_before_role(piece: str) -> int:
    """Rule ``outlet_before_role``: where an outlet's name before a role word ends (0 when there is none).

    Web pages sign a story （正北方网记者 张钰）: the outlet fused to the role
    word was read as a person.  The outlet is the publication's name, not a
    name of a person; a name ending in a role word (测试作者) is not an outlet.

    >>> outlet_before_role('正北方网记者'), outlet_before_role('测试作者'), outlet_before_role('张钰')
    (4, 0, 0)
    >>> people('（正北方网记者 张钰）'.strip('（）'), 'reporter'), people('新华社记者 王明')
    ([('张钰', 'reporter')], [('王明', 'reporter')])
    """
    m = OUTLET_BEFORE_ROLE_RE.match(piece)
    return m.end() if m else 0


def is_people(text: str) -> bool:
    """Whether ``text`` is nothing but names and role words (a bracketed reporter tag, a byline).

    >>> is_people('记者 张明 通讯员 王芳'), is_people('张明'), is_people('2019年')
    (True, True, False)
    """
    return bool(PEOPLE_RE.fullmatch(text.strip())) and bool(people(text))
