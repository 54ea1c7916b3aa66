"""The extra seeds the site tests build beside the corpus, all in one project built once (``extras`` in conftest).

A new report in GB18030 with CRLF line ends; seeds whose text looks like markup or script (in the body,
the title and the subtitle), which a reader must see literally; the layout fixtures of
``tests/fixtures/layouts``; and a demo page marking every glossary term in every paragraph of the corpus.
All composed for the tests.
"""

from __future__ import annotations

#: A report no code knows about: GB18030, CRLF, a repeated paragraph, a caption after a picture gap.
NEW_SEED_FILE = "900_new_report.txt"
NEW_SEED = """

镶黄旗：
# 牧区党员中心户织密组织网络

□测试作者 另一作者

镶黄旗把党员中心户建设作为加强牧区
基层党组织建设的重要抓手，全旗共建立
党员中心户120户，实现了嘎查村全覆
盖。

各苏木镇党委认真落实“三会一课”制度，
定期组织党员中心户开展学习，2020 年
共培训党员 860人次，群众满意度达到
95%以上，受到广泛好评。



牧民党员在蒙古包里学习党的政策。

下一步，镶黄旗将继续完善党员中心户
的工作机制，推动服务下沉，为牧民办
实事、解难题。

各苏木镇党委认真落实“三会一课”制度，
定期组织党员中心户开展学习，2020 年
共培训党员 860人次，群众满意度达到
95%以上，受到广泛好评。
"""


# Seed line prefix: what a reader must see, literally.
INJECTION_LINES = {
    "script": "<script>window.__pwned=1</script>",
    "hash": "#不是标题",
    "ordered": "1. 不是列表",
    "bullet": "* 不是列表",
    "img": '<img src=x onerror="window.__pwned=2">',
    "entity": "&lt;b&gt;B",
    "emphasis": "**不是粗体**",
    "link": "[不是链接](javascript:window.__pwned=4)",
}

INJECTION_SEED = """注入安全测试报告

锡林郭勒盟坚持把抓好党建作为最大政绩，全面落实基层党建工作责任制，推动各级党组织书记抓基层党建述职评议考核全覆盖，嘎查村党组织的政治功能和组织力不断增强。

{script}这一行包含脚本标签，但它只是正文中的文字，应当原样显示给读者，而不是被浏览器执行。

{hash}，这一行以井号开头，但它是正文中的一句话，应当原样显示，不能变成标题。

{ordered}，这一行以数字和句点开头，但它是正文中的一句话，不能变成有序列表。

{bullet}，这一行以星号开头，但它是正文中的一句话，不能变成无序列表。

{img}这一行包含图片标签，浏览器不应加载图片或执行其中的事件处理程序。

这一行包含已转义的实体{entity}，应当原样显示为实体文字，而不是被解码成标签。

这一行包含{link}{emphasis}，它们都应当原样显示，不能变成强调或者链接。

全盟各级党组织围绕乡村振兴战略，持续选优配强嘎查村党组织带头人，深入开展软弱涣散党组织整顿工作，基层战斗堡垒作用得到充分发挥，党员群众的获得感和满意度明显提升。
"""

#: Front-matter key: (the seed's header lines, the value the pipeline must keep).
HEADER_INJECTIONS = {
    "title": ("注入测试<svg onload=__pwned=3>报告\n", "注入测试<svg onload=__pwned=3>报告"),
    "subtitle": ("注入安全测试报告\n\n副标题<svg onload=__pwned=5>\n", "副标题<svg onload=__pwned=5>"),
}

#: Each injection seed's file and the text written there: the body injection and one seed per header line.
INJECTION_FILES = {
    "901_injection.txt": INJECTION_SEED.format(**INJECTION_LINES),
    **{f"90{n}_{key}_injection.txt": INJECTION_SEED.replace("注入安全测试报告\n", header, 1).format(**INJECTION_LINES)
       for n, (key, (header, _)) in enumerate(HEADER_INJECTIONS.items(), start=2)},
}


def injection_id(key: str | None = None) -> str:
    """The report id of the body injection seed (``key`` None) or of the seed injecting into ``key``."""
    if key is None:
        return "901-injection"
    n = list(HEADER_INJECTIONS).index(key) + 2
    return f"90{n}-{key}-injection"
