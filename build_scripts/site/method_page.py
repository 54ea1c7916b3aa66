"""The method page: every rule, document type, role and basis by its plain label and its code name.

Report pages show readers plain labels (合并硬换行 Line wraps joined); the
code names that the data exports, the apparatus details and the source carry
(``join_hard_wraps``, ``newspaper_feature``) are explained here, once, from
the registries themselves, so the page cannot fall behind the rules.
"""

from __future__ import annotations

from collections import Counter

from build_scripts.annotate.metadata import DOC_TYPE_LABELS, DOC_TYPES
from build_scripts.model import Report
from build_scripts.site.markup import bilingual, generated_comment, md_escape
from build_scripts.site.report_page import BASIS_LABELS, ROLE_LABELS
from build_scripts.text.assemble import FURNITURE_LABELS, RULE_DESCRIPTIONS, RULE_LABELS, RULE_ORDER



def rules_table(reports: list[Report], substantive: bool) -> list[str]:
    counts = Counter(edit.rule for report in reports for edit in report.edits)
    lines = ["| 规则 Rule | 代码 Code | 做什么 What it does | 修改 Edits |", "| --- | --- | --- | ---: |"]
    for rule in RULE_ORDER:
        label = RULE_LABELS[rule]
        if label.substantive == substantive:
            lines.append(f'| {md_escape(label.zh)} <span lang="en">{md_escape(label.en)}</span> | `{rule}` | '
                         f'<span lang="en">{md_escape(RULE_DESCRIPTIONS[rule])}</span> | {counts[rule]} |')
    return lines + [""]


def method_markdown(reports: list[Report]) -> str:
    """The method page, with each rule's count of edits over the whole archive."""
    lines = ["---", "title: 编辑方法 Method", "generated_by: build_scripts", "---", "",
             generated_comment("build_scripts/ (the rule registries)"), "",
             '# 编辑方法 <span lang="en">Method</span> { #title }', "",
             "本页列出整理报告时使用的每一条规则及其代码名。报告页只显示中英文名称；代码名见于各报告编辑说明的详细内容、"
             "数据文件和源代码。", "",
             '<span lang="en">Every rule used to edit the reports, with the code name it carries in the data, the '
             "apparatus details and the source code. Report pages show only the plain labels. A rule is never applied "
             "to one file only: each is a named, tested function, and every change it makes is listed in the "
             "apparatus of the report it was made in. No Han character of a source disappears without a record: "
             "a check on every build counts each one in the text, the furniture or the edit log.</span>", "",
             '## 实质修改 <span lang="en">Substantive edits</span> { #substantive }', "",
             '<span lang="en">Rules that move, remove or restore text: captions taken out of the running text, '
             "page furniture moved to the details, repeated paragraphs removed, titles restored or corrected by "
             "the editors.</span>", ""]
    lines += rules_table(reports, True)
    lines += ['## 格式修改 <span lang="en">Mechanical edits</span> { #mechanical }', "",
              '<span lang="en">Rules that mend only the form of the text: spaces, the width of punctuation marks, '
              "lines broken by the page's layout.</span>", ""]
    lines += rules_table(reports, False)
    lines += ['## 文献类型 <span lang="en">Document types</span> { #doc-types }', "",
              "| 类型 Type | 代码 Code | 如何判定 How it is recognised |", "| --- | --- | --- |"]
    lines += [f"| {bilingual(DOC_TYPE_LABELS[code])} | `{code}` | <span lang=\"en\">{md_escape(DOC_TYPES[code])}</span> |"
              for code in DOC_TYPE_LABELS]
    lines += ["", '## 署名角色 <span lang="en">Roles</span> { #roles }', "", "| 角色 Role | 代码 Code |", "| --- | --- |"]
    lines += [f"| {bilingual(label)} | `{code}` |" for code, label in ROLE_LABELS.items()]
    lines += ["", '## 版面附属 <span lang="en">Source furniture</span> { #furniture }', "",
              '<span lang="en">Lines of the source that are not the report\'s text: bylines, credits, page labels, '
              "web-page menus. They are taken out of the text and listed in each report's apparatus.</span>", "",
              "| 类型 Kind | 代码 Code |", "| --- | --- |"]
    lines += [f"| {bilingual(label)} | `{code}` |" for code, label in FURNITURE_LABELS.items()]
    lines += ["", '## 依据 <span lang="en">How facts are established</span> { #basis }', "",
              '<span lang="en">Each date, publication and region a report page gives says how it is known. In the data '
              "(<code>data/reports.json</code>) the basis starts with a code:</span>", "",
              "| 依据 Basis | 代码 Code |", "| --- | --- |"]
    lines += [f"| {bilingual(label)} | `{code}` |" for code, label in BASIS_LABELS.items()]
    lines += ["", '<span lang="en">Editors\' facts (title, date, publication, regions, type, notes) are kept beside each '
              "source file in a small YAML file, its <em>sidecar</em>; they always win over what a rule infers. The "
              "evidence the rules went by — how a composite source was cut, what decided a report's type, region "
              "scores — is shown in each report's technical details.</span>", ""]
    return "\n".join(lines)
