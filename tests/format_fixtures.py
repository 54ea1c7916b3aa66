"""Reports composed for the format tests: a web page, a Word work report and a PDF bulletin, and broken files.

Every text here was written for the tests (no real article is copied).  The
Word document is made with python-docx and the PDF is printed from composed
HTML by headless Chromium, as an editor's files would be made by Word and a
browser's "Save as PDF"; the web page is written out as a browser would
save it, with the site's navigation, breadcrumb, share bar, source line,
editor tag, related links and footer around the article.
"""

from __future__ import annotations

import base64
import io
import struct
from pathlib import Path

WEB_TITLE = "赛汉塔拉镇：党建引领网格治理见实效"
WEB_PARAGRAPHS = [
    "今年以来，苏尼特右旗赛汉塔拉镇把党建引领基层治理作为重点工作，将全镇划分为四十二个网格，每个网格配备一名网格长和两名网格员，推动党员力量下沉到网格一线。",
    "“有了网格党小组，群众的事情有人管、有人问。”镇党委负责同志介绍说，网格员每周入户走访，收集群众诉求，能当场解决的当场解决，不能当场解决的按程序上报，做到件件有回音。",
    "镇党委按照“支部建在网格上”的思路，在居民小区、商业街区和产业园区成立网格党支部十一个、党小组三十六个，选派机关干部担任网格指导员，定期开展主题党日活动。",
    "网格党支部聚焦群众急难愁盼，开展政策宣讲、矛盾调解、环境整治等志愿服务，累计为群众办实事一百二十余件，群众满意度明显提升。",
]
WEB_HEADINGS = ["建强网格党组织", "服务群众零距离"]
WEB_CAPTION = "网格员入户走访牧民家庭（乌日娜 摄）"
WEB_FURNITURE = ["首页", "当前位置", "分享到", "责任编辑", "相关新闻", "版权所有", "来源：", "北疆党建网"]


def web_page(charset: str = "utf-8") -> bytes:
    """A news portal's article page as a browser saves it ("Webpage, HTML only")."""
    p = WEB_PARAGRAPHS
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<title>苏尼特右旗{WEB_TITLE}_北疆党建网</title>
<meta name="author" content="乌日娜">
<meta property="og:title" content="苏尼特右旗{WEB_TITLE}">
<meta property="og:site_name" content="北疆党建网">
<meta property="article:published_time" content="2021-06-18T09:30:00+08:00">
<link rel="stylesheet" href="https://static.example.cn/css/main.css">
<script src="https://static.example.cn/js/stat.js"></script>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
</head>
<body>
<div class="top-nav"><a href="/">首页</a> | <a href="/news/">新闻</a> | <a href="/djgz/">党建工作</a> | <a href="/video/">视频</a></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/djgz/">党建工作</a> &gt; 正文</div>
<div class="main">
<div class="article">
<h1>{WEB_TITLE}</h1>
<div class="info">2021-06-18 09:30　来源：北疆党建网　作者：乌日娜</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="content">
<p>　　{p[0]}</p>
<p>　　{p[1][:40]}
{p[1][40:]}</p>
<h3>{WEB_HEADINGS[0]}</h3>
<p>　　{p[2]}</p>
<p><img src="https://img.example.cn/2021/0618/a.jpg"></p>
<p style="text-align:center">{WEB_CAPTION}</p>
<h3>{WEB_HEADINGS[1]}</h3>
<p>　　{p[3]}</p>
<p>[责任编辑：王丽]</p>
</div>
</div>
<div class="related"><h4>相关新闻</h4><ul><li><a href="/a1.html">锡林郭勒盟召开基层党建工作推进会</a></li>
<li><a href="/a2.html">二连浩特市开展党员志愿服务活动</a></li></ul></div>
</div>
<div class="footer">版权所有：北疆党建网　备案号：蒙ICP备00000000号</div>
</body>
</html>
"""
    return page.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else "utf-8")


def index_page() -> bytes:
    """A site's column page: menus and a list of links, no article."""
    links = "".join(f'<li><a href="/a{n}.html">{title}</a><span>2021-06-{n:02d}</span></li>' for n, title in
                    enumerate(["锡林郭勒盟召开基层党建工作推进会", "二连浩特市开展党员志愿服务活动",
                               "赛汉塔拉镇党建引领网格治理", "正蓝旗举办党务干部培训班"], start=10))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>党建工作_北疆党建网</title></head><body>'
            f'<div class="nav"><a href="/">首页</a> | <a href="/djgz/">党建工作</a></div>'
            f'<h2>党建工作</h2><ul class="list">{links}</ul>'
            f'<div class="footer">版权所有：北疆党建网</div></body></html>').encode("utf-8")


WORD_TITLE = "正蓝旗上都镇党委2020年度抓基层党建工作情况汇报"
WORD_OPENING = ("2020年，镇党委坚持以习近平新时代中国特色社会主义思想为指导，认真落实旗委关于基层党建工作的部署要求，"
                "以提升组织力为重点，推动全镇基层党组织建设质量不断提高。现将有关情况汇报如下。")
WORD_SECTIONS = [
    ("一、主要工作", [
        ("（一）压实党建工作责任", [
            "镇党委书记履行第一责任人职责，每季度召开党建工作专题会议，研究解决突出问题。班子成员每人联系两个嘎查村党支部，全年深入基层指导工作一百余次。",
        ]),
        ("（二）建强嘎查村党组织", [
            "完成十二个嘎查村“两委”换届，选优配强带头人，新任支部书记中致富能手占比达到百分之五十八。对两个软弱涣散党支部实行镇领导包联整顿，年底前全部转化升级。",
        ]),
    ]),
    ("二、存在的问题", [
        (None, ["部分嘎查村党支部组织生活质量不高，党员教育管理方式单一，流动党员管理还有薄弱环节。"]),
    ]),
    ("三、下一步打算", [
        (None, ["镇党委将继续落实“五化协同、大抓基层”要求，加强党员队伍建设，推动基层党建与乡村振兴深度融合。"]),
    ]),
]
WORD_ISSUER = "中共正蓝旗上都镇委员会"
WORD_DATE = "2020年12月15日"


def work_report_docx(author: str = "李明") -> bytes:
    """A township Party committee's annual work report (工作汇报) as Word saves it: styles, page header, signature."""
    import datetime

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    document.core_properties.author = author
    document.core_properties.title = "工作汇报"
    document.core_properties.created = datetime.datetime(2020, 12, 14, 9, 0, 0)
    section = document.sections[0]
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = "上都镇党委办公室"
    section.footer.paragraphs[0].text = "第 1 页"
    document.add_paragraph(WORD_TITLE, style="Title")
    document.add_paragraph(WORD_OPENING)
    for heading, subsections in WORD_SECTIONS:
        document.add_heading(heading, level=1)
        for subheading, paragraphs in subsections:
            if subheading:
                document.add_heading(subheading, level=2)
            for text in paragraphs:
                document.add_paragraph(text)
    document.add_paragraph("")
    for line in (WORD_ISSUER, WORD_DATE):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def encrypted_docx() -> bytes:
    """The work report protected with a password, as Word encrypts it (msoffcrypto-tool writes the same format)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(work_report_docx())).encrypt("口令2020", out)
    return out.getvalue()


def compound_file(stream_name: str, data: bytes) -> bytes:
    """A minimal compound file (the container of Word 97–2003 .doc files) holding one stream.

    Written by hand after MS-CFB (version 3: 512-byte sectors; the stream
    padded to 4096 bytes so it lives in ordinary sectors).  olefile reads it
    back in the tests, so the fixture is checked by a reader other than ours.
    """
    data = data.ljust(4096, b"\0")
    sectors = len(data) // 512
    free, end, fat_sector, no_stream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH6sIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6, 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    fat = [fat_sector, end] + [2 + n + 1 for n in range(sectors - 1)] + [end]
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat) + struct.pack("<I", free) * (128 - len(fat))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", no_stream, no_stream, child) + b"\0" * 16 + struct.pack("<I", 0)
                + b"\0" * 16 + struct.pack("<IIi", start, size, 0))

    directory = (entry("Root Entry", 5, 1, end, 0) + entry(stream_name, 2, no_stream, 2, len(data))
                 + entry("", 0, no_stream, 0, 0) * 2)
    return header + fat_bytes + directory + data


BULLETIN_NAME = "组织工作简报"
BULLETIN_TITLE = "锡林郭勒盟扎实推进软弱涣散嘎查村党组织整顿"
BULLETIN_OPENING = [
    "今年以来，全盟各级党组织紧紧围绕“五化协同、大抓基层”工作要求，以提升组织力为重点，突出政治功能，推动嘎查村党组织全面进步、全面过硬，为乡村振兴提供了坚强组织保证。",
    "盟委组织部把整顿软弱涣散党组织作为基层党建的基础工程，逐村分析研判，建立问题清单、任务清单和责任清单，实行盟级领导包联、旗县领导包村、部门单位结对帮扶，确保每个后进党组织都有人抓、有人管。截至五月底，排查出的二十三个软弱涣散嘎查村党组织已有十九个完成整顿任务。",
]
BULLETIN_SECTIONS = [
    ("一、选优配强带头人", [
        "坚持把政治标准放在首位，从致富能手、退役军人、返乡大学生中选拔嘎查村党组织书记，全盟新选任的书记平均年龄比上届下降四点二岁。对履职不力的书记及时调整，今年以来调整撤换十一名。",
        "举办嘎查村党组织书记示范培训班三期，采取集中授课、现场观摩、交流研讨相结合的方式，培训书记四百六十余人次，进一步提升了带头人抓党建、促发展、保稳定的能力。"]),
    ("二、规范组织生活", [
        "各嘎查村党组织严格落实“三会一课”、主题党日、组织生活会等制度，推行组织生活纪实管理，旗县党委组织部每季度抽查一次，对组织生活不经常、不认真、不严肃的问题限期整改。",
        "结合牧区居住分散的实际，推行“马背党课”“流动党小组”等方式，把组织生活送到牧民家门口，党员参加组织生活的比例明显提高。"]),
    ("三、强化保障激励", [
        "落实嘎查村运转经费和干部报酬正常增长机制，全盟嘎查村干部基本报酬达到每人每年四万元以上。对表现优秀的嘎查村党组织书记，在考录公务员、招聘事业编制人员时给予倾斜。",
        "下一步，盟委组织部将持续加大督导力度，对整顿后的嘎查村党组织开展“回头看”，巩固整顿成果，防止问题反弹，推动基层党组织建设质量整体提升。"]),
]
BULLETIN_ISSUER = "中共锡林郭勒盟委组织部办公室"
PAGE_STYLE = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 15.8pt; line-height: 1.75; margin: 0; }
p { text-indent: 2em; margin: 0; text-align: justify; }
"""


def bulletin_html() -> str:
    """A work bulletin (工作简报) set as official documents are: A4, 28 characters a line, masthead over a red rule."""
    body = "".join(f"<p>{p}</p>" for p in BULLETIN_OPENING) + "".join(
        f"<h2>{heading}</h2>" + "".join(f"<p>{p}</p>" for p in paragraphs) for heading, paragraphs in BULLETIN_SECTIONS)
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{BULLETIN_NAME} 第12期</title>
<style>{PAGE_STYLE}
.masthead {{ text-align: center; color: #c00; }}
.masthead .name {{ font-size: 36pt; font-weight: bold; letter-spacing: 0.2em; text-indent: 0; }}
.masthead .issue {{ color: #000; text-indent: 0; margin: 0.3em 0; }}
.masthead .line {{ display: flex; justify-content: space-between; color: #000; }}
hr {{ border: 0; border-top: 2pt solid #c00; margin: 0.5em 0 1.5em; }}
h1 {{ font-size: 22pt; text-align: center; margin: 0.5em 0; }}
h2 {{ font-size: 15.8pt; margin: 0; }}
.tail {{ margin-top: 2em; border-top: 1pt solid #000; border-bottom: 1pt solid #000; }}
.tail p {{ text-indent: 0; }}
.issuing {{ display: flex; justify-content: space-between; }}
</style></head><body>
<div class="masthead"><p class="name">{BULLETIN_NAME}</p><p class="issue">第12期</p>
<div class="line"><span>中共锡林郭勒盟委组织部编</span><span>2020年6月15日</span></div></div>
<hr>
<h1>{BULLETIN_TITLE}</h1>
{body}
<div class="tail"><p>报：盟委领导，自治区党委组织部</p><p>发：各旗县市（区）委组织部</p></div>
<div class="issuing"><span>{BULLETIN_ISSUER}</span><span>2020年6月15日印发</span></div>
</body></html>"""


RUNNING_HEADER = ('<div style="width:100%;font-size:10pt;font-family:\'Noto Sans CJK SC\';text-align:center;'
                  f'margin:0 28mm;border-bottom:0.5pt solid #000">{BULLETIN_NAME}　第12期</div>')
PAGE_NUMBER = ('<div style="width:100%;font-size:12pt;font-family:\'Noto Sans CJK SC\';text-align:center">'
               '— <span class="pageNumber"></span> —</div>')


def print_pdf(browser, html: str, header: str = RUNNING_HEADER, footer: str = PAGE_NUMBER) -> bytes:
    """``html`` printed to PDF by headless Chromium, with a running header and page numbers in the margins."""
    page = browser.new_page()
    try:
        page.set_content(html)
        page.evaluate("document.fonts.ready")
        return page.pdf(format="A4", prefer_css_page_size=True, display_header_footer=True,
                        header_template=header, footer_template=footer)
    finally:
        page.close()


def scanned_pdf(browser) -> bytes:
    """A scan: the bulletin's first page photographed as a picture, printed into a PDF with no text layer."""
    page = browser.new_page(viewport={"width": 700, "height": 900})
    try:
        page.set_content(bulletin_html())
        picture = base64.b64encode(page.screenshot()).decode("ascii")
    finally:
        page.close()
    return print_pdf(browser, f'<html><body style="margin:0"><img src="data:image/png;base64,{picture}" '
                              'style="width:100%"></body></html>', "<span></span>", "<span></span>")


def locked_pdf(pdf: bytes) -> bytes:
    """``pdf`` protected with a password to open it (AES-128, as Acrobat and WPS write it)."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    writer.encrypt("口令2020", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write(folder: Path, files: dict[str, bytes]) -> list[Path]:
    paths = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths
