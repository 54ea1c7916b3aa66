"""``python -m build_scripts.tools.synth N OUT_DIR [--seed S]``: a synthetic corpus shaped like the real seeds.

For benchmarks and scale tests only.  Recombines and perturbs paragraphs of
the real seeds — other places from the gazetteer, other numbers — and lays
them out with the real seeds' defects: hard wraps, page breaks mid-sentence,
bylines printed after the text, photo captions after picture gaps, repeated
paragraphs, credit lines; some files in GB18030 with CRLF.  Deterministic for
a given N and seed.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from build_scripts.annotate.places import Gazetteer
from build_scripts.pipeline import ROOT, build_reports

OFFICES = ("盟委书记", "市委书记", "旗委书记", "县委书记")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "华明国建军平志强伟敏静丽勇艳杰娟涛超秀霞刚桂英巴特尔宝音图门其木格乌兰"


def corpus_pieces(seeds_dir: Path) -> tuple[list[str], list[str], list[str]]:
    """Paragraphs, headings and captions of the real corpus, cleaned."""
    reports = build_reports(seeds_dir)
    items = [i for r in reports for i in r.items]
    paragraphs = [i.text for i in items if i.kind == "paragraph" and len(i.text) > 40]
    headings = [i.text for i in items if i.kind == "heading"] + [r.title for r in reports]
    captions = [i.text for i in items if i.kind == "caption" and " / " not in i.text]
    return paragraphs, headings, captions


def perturb(text: str, rng: random.Random, places: list[str]) -> str:
    """Other places and other numbers, so no two synthetic reports are the same text."""
    text = re.sub(r"\d+", lambda m: str(max(1, int(m.group(0)) + rng.randint(-9, 9))) if len(m.group(0)) < 5
                  else m.group(0), text)
    for name in ("锡林郭勒盟", "通辽市", "鄂尔多斯市", "乌审旗", "苏尼特左旗", "科左后旗"):
        if name in text:
            text = text.replace(name, rng.choice(places))
    return text


def wrap(text: str, width: int, rng: random.Random) -> list[str]:
    lines = [text[i:i + width] for i in range(0, len(text), width)]
    if len(lines) > 4 and rng.random() < 0.3:
        lines.insert(rng.randint(1, len(lines) - 2), "")  # a page break mid-paragraph
    return lines


def synthetic_seed(number: int, rng: random.Random, pieces, places: list[str]) -> str:
    paragraphs, headings, captions = pieces
    place = rng.choice(places)
    title = perturb(rng.choice(headings), rng, places)
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    body = [perturb(rng.choice(paragraphs), rng, places) for _ in range(rng.randint(4, 12))]
    wrapped = rng.random() < 0.4
    lines: list[str] = []
    if not wrapped:
        lines += ["", f"# {title}", "", f"□{name}", ""]
    for n, paragraph in enumerate(body):
        if n and rng.random() < 0.25:
            lines.append(f"{perturb(rng.choice(headings), rng, places)[:24]}")
        lines += wrap(paragraph, rng.randint(15, 19), rng) if wrapped else [paragraph]
        lines.append("")
        if captions and rng.random() < 0.15:
            lines += ["", "", perturb(rng.choice(captions), rng, places), ""]
    if rng.random() < 0.2:
        lines += [body[0], ""]  # printed twice
    if wrapped:
        lines += [title[:24], f"{place}{rng.choice(OFFICES)} {name}", ""]
    elif rng.random() < 0.3:
        lines.append(f"（本版图文由{place}委组织部提供）")
    return "\n".join(lines) + "\n"


def generate(count: int, out_dir: Path, seed: int = 1, seeds_dir: Path = ROOT / "seeds") -> list[Path]:
    rng = random.Random(seed)
    pieces = corpus_pieces(seeds_dir)
    places = sorted(Gazetteer().regions)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        text = synthetic_seed(number, rng, pieces, places)
        gb = rng.random() < 0.2
        data = text.replace("\n", "\r\n").encode("gb18030") if gb else text.encode("utf-8")
        path = out_dir / f"s{number:05d}.txt"
        path.write_bytes(data)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    paths = generate(args.count, args.out_dir, args.seed)
    print(f"{len(paths)} synthetic seeds in {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
