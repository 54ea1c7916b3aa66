"""The regions map: an offline SVG of the gazetteer's coordinates, labels placed so they do not collide."""

from __future__ import annotations

import html
import math

from build_scripts.annotate.places import TYPE_LABELS, Gazetteer, RegionEntry, is_league
from build_scripts.site.markup import plural

MAP_WIDTH = 800


MAP_MARGIN = 0.9   # degrees around the gazetteer's extent
#: A label's box above and below its baseline, in ems: the line box of CJK system fonts (Noto Sans CJK: 1.16, 0.29).
ASCENT, DESCENT = 1.16, 0.29


def _text_width(text: str, size: float) -> float:
    return sum(size if ord(ch) > 0x2E80 else size * 0.6 for ch in text)


def _overlap_area(a, b) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _label_candidates(x: float, y: float, r: float, size: float, w: float) -> list[tuple]:
    """(text-anchor, x, y, box, leader) for a label around a marker: eight spots close by, then farther out.

    The close spots need no line; a label pushed farther gets a leader line
    back to its marker, so a crowded place is still read as its own.
    """
    out = []
    for push in (0, 8, 18, 30):
        gap, d = 3 + push, r * 0.7 + 3 + push
        spots = [("start", x + r + gap, y + size * 0.35), ("end", x - r - gap, y + size * 0.35),
                 ("middle", x, y - r - gap - size * 0.15), ("middle", x, y + r + gap + size * 0.8),
                 ("start", x + d, y - d), ("start", x + d, y + d + size * 0.7),
                 ("end", x - d, y - d), ("end", x - d, y + d + size * 0.7)]
        for anchor, tx, ty in spots:
            left = {"start": tx, "end": tx - w, "middle": tx - w / 2}[anchor]
            out.append((anchor, round(tx, 1), round(ty, 1), (left, ty - size * ASCENT, left + w, ty + size * DESCENT), push))
    return out


def _leader(x: float, y: float, box: tuple) -> tuple[float, float]:
    """The point of a label's box nearest its marker, where a leader line ends."""
    return round(min(max(x, box[0]), box[2]), 1), round(min(max(y, box[1]), box[3]), 1)


def place_labels(names: list[str], placed: dict[str, tuple[float, float]], radii: dict[str, float],
                 sizes: dict[str, float], obstacles: list[tuple], width: float, height: float) -> dict[str, tuple]:
    """Each label's spot, greedily in order: the first that overlaps no label, marker or the legend and stays inside.

    Where no spot is free, the one with the least overlap wins (counted
    heavily for labels, lightly for markers), nearer spots before farther.
    """
    boxes = list(obstacles) + [(x - radii[n], y - radii[n], x + radii[n], y + radii[n]) for n, (x, y) in placed.items()]
    chosen = {}
    for name in names:
        x, y = placed[name]
        radius, size = radii[name], sizes[name]
        own = (x - radius, y - radius, x + radius, y + radius)
        candidates = [c for c in _label_candidates(x, y, radius, size, _text_width(name, size))
                      if c[3][0] >= 0 and c[3][2] <= width and c[3][1] >= 0 and c[3][3] <= height]
        # only boxes that reach the candidates' area can overlap one (the others add 0 to every cost)
        reach = (min(c[3][0] for c in candidates), min(c[3][1] for c in candidates),
                 max(c[3][2] for c in candidates), max(c[3][3] for c in candidates))
        others = [b for b in boxes if b != own and _overlap_area(reach, b) > 0]

        def cost(candidate):
            return sum(_overlap_area(candidate[3], b) for b in others), candidate[4]
        best = min(candidates, key=cost)
        chosen[name] = best
        boxes.append(best[3])
    return chosen


def bounds(gazetteer: Gazetteer) -> tuple[float, float, float, float]:
    """The map's extent: the gazetteer's coordinates with a margin (south, north, west, east)."""
    lats = [r.lat for r in gazetteer.regions.values()]
    lons = [r.lon for r in gazetteer.regions.values()]
    return min(lats) - MAP_MARGIN, max(lats) + MAP_MARGIN, min(lons) - MAP_MARGIN, max(lons) + MAP_MARGIN


def projection(gazetteer: Gazetteer, width: float):
    """An equirectangular projection of the gazetteer's extent ``width`` wide: (lat, lon) → (x, y), and the height."""
    lat0, lat1, lon0, lon1 = bounds(gazetteer)
    aspect = math.cos(math.radians((lat0 + lat1) / 2))
    scale = width / ((lon1 - lon0) * aspect)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return round((lon - lon0) * aspect * scale, 1), round((lat1 - lat) * scale, 1)
    return xy, width, round((lat1 - lat0) * scale)


def region_map_svg(index: dict[str, RegionEntry], gazetteer: Gazetteer, slugs: dict[str, str],
                   directory_urls: bool = True) -> str:
    """An inline SVG map: equirectangular projection of the gazetteer's coordinates.

    Raw SVG links are not rewritten by MkDocs, so they are written for the
    URL style of the build: ``slug/`` on a server, ``slug.html`` offline.

    Every gazetteer entry is a faint dot (the dots trace Inner Mongolia's
    crescent); each place the archive mentions is a link (circle and label) to
    its page, leagues and cities larger, each unit joined to its league's seat
    by a thin line.  Colours come from ``currentColor`` and the theme's CSS
    variables, so the map follows light and dark mode; nothing is fetched.
    """
    regions = gazetteer.regions
    xy, _, height = projection(gazetteer, MAP_WIDTH)
    lat0, lat1, lon0, lon1 = bounds(gazetteer)

    fg = "currentColor"
    link = "var(--md-typeset-a-color, currentColor)"
    halo = "var(--md-default-bg-color, #fff)"
    out = ['<figure class="region-map" style="width:100%;max-width:none">',
           f'<svg class="region-map-svg" viewBox="0 0 {MAP_WIDTH} {height}" role="group" '
           f'aria-labelledby="region-map-title region-map-desc" style="width:100%;height:auto;max-width:60rem;'
           f'color:inherit;font-family:inherit">',
           '<title id="region-map-title">内蒙古 Inner Mongolia: places named in the archive</title>',
           '<desc id="region-map-desc">Equirectangular sketch from the gazetteer\'s approximate coordinates; '
           'faint dots are all leagues, cities, banners and counties; each labelled place links to its page.</desc>',
           f'<g class="region-map-grid" fill="none" stroke="{fg}" stroke-opacity="0.12" stroke-width="1">']
    meridians = [(lon, xy(lat0, lon)[0]) for lon in range(math.ceil(lon0), math.floor(lon1) + 1) if lon % 5 == 0]
    parallels = [(lat, xy(lat, lon0)[1]) for lat in range(math.ceil(lat0), math.floor(lat1) + 1) if lat % 5 == 0]
    out += [f'<line x1="{x}" y1="0" x2="{x}" y2="{height}"/>' for _, x in meridians]
    out += [f'<line x1="0" y1="{y}" x2="{MAP_WIDTH}" y2="{y}"/>' for _, y in parallels]
    out.append("</g>")
    out.append(f'<g class="region-map-grid-labels" fill="{fg}" fill-opacity="0.45" font-size="10">')
    out += [f'<text x="{x + 2}" y="{height - 4}">{lon}°E</text>' for lon, x in meridians]
    out += [f'<text x="2" y="{y - 2}">{lat}°N</text>' for lat, y in parallels]
    out.append("</g>")
    out.append(f'<g class="region-map-all" fill="{fg}" fill-opacity="0.22">')
    for name, region in regions.items():
        x, y = xy(region.lat, region.lon)
        out.append(f'<circle cx="{x}" cy="{y}" r="1.8"><title>{html.escape(name)}</title></circle>')
    out.append("</g>")

    # marker positions: a unit sitting on an already drawn marker is nudged and joined to its true place
    leagues = [n for n in index if is_league(gazetteer, n)]
    units = [n for n in index if not is_league(gazetteer, n)]
    placed: dict[str, tuple[float, float]] = {}
    true_xy = {n: xy(regions[n].lat, regions[n].lon) for n in index}
    for name in leagues + units:
        x, y = true_xy[name]
        radius = LEAGUE_R if name in leagues else UNIT_R
        step = 0
        while any(math.dist((x, y), p) < radius + (LEAGUE_R if o in leagues else UNIT_R) + 1
                  for o, p in placed.items()):
            step += 1
            angle = math.radians(45 + 60 * step)
            x = round(true_xy[name][0] + (radius + LEAGUE_R + 2) * math.cos(angle) * (1 + step // 6), 1)
            y = round(true_xy[name][1] + (radius + LEAGUE_R + 2) * math.sin(angle) * (1 + step // 6), 1)
        placed[name] = (x, y)

    out.append(f'<g class="region-map-links" fill="none" stroke="{fg}" stroke-opacity="0.35" stroke-width="1">')
    for name in units:
        parent = regions[name].parent
        if parent in placed:
            (x1, y1), (x2, y2) = placed[parent], placed[name]
            out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')
        if placed[name] != true_xy[name]:
            (x1, y1), (x2, y2) = true_xy[name], placed[name]
            out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-dasharray="2 2"/>')
    out.append("</g>")

    # the legend, top left, where Inner Mongolia's crescent leaves the map empty
    out.append(legend_svg(fg, link, halo))
    # labels: greedy, leagues first, clear of every marker, label and the legend
    radii = {n: LEAGUE_R if n in leagues else UNIT_R for n in placed}
    sizes = {n: LEAGUE_FONT if n in leagues else UNIT_FONT for n in placed}
    labels = place_labels(leagues + units, placed, radii, sizes, [LEGEND_BOX], MAP_WIDTH, height)
    out.append('<g class="region-map-places">')
    for name in leagues + units:
        x, y = placed[name]
        league = name in leagues
        radius, size = radii[name], sizes[name]
        anchor, tx, ty, box, push = labels[name]
        entry = index[name]
        tip = (f"{name} {regions[name].pinyin} · {TYPE_LABELS.get(regions[name].type, regions[name].type)} · "
               f"{plural(len(entry.reports), 'report')}, {plural(len(entry.hits), 'passage')}")
        fill = link if league else fg
        href = f"{slugs[name]}/" if directory_urls else f"{slugs[name]}.html"
        leader = ""
        if push:
            lx, ly = _leader(x, y, box)
            leader = (f'<line x1="{x}" y1="{y}" x2="{lx}" y2="{ly}" stroke="{fg}" stroke-opacity="0.45" '
                      'stroke-width="0.8"/>')
        out.append(f'<a href="{href}" class="region-map-place{" is-league" if league else ""}" '
                   f'data-region="{html.escape(name)}" aria-label="{html.escape(tip)}">'
                   f'<title>{html.escape(tip)}</title>{leader}'
                   f'<circle cx="{x}" cy="{y}" r="{radius}" style="fill:{link};fill-opacity:{0.9 if league else 0.75};'
                   f'stroke:{halo};stroke-width:1.5"/>'
                   f'<text x="{tx}" y="{ty}" text-anchor="{anchor}" font-size="{size}" '
                   f'font-weight="{700 if league else 400}" style="fill:{fill};paint-order:stroke;stroke:{halo};'
                   f'stroke-width:3px;stroke-linejoin:round">{html.escape(name)}</text></a>')
    out.append("</g>")
    out += ["</svg>",
            '<figcaption>内蒙古：档案提及的地方（粗体为盟市）。位置为地名表所载驻地的近似坐标，按经纬度直接投影，未画边界。 '
            '<span lang="en">Inner Mongolia — places named in the archive (bold: leagues and cities). Positions are '
            "approximate seats from the gazetteer, in a plain longitude/latitude projection; no boundaries are drawn."
            "</span></figcaption>",
            "</figure>"]
    return "\n".join(out)


def legend_svg(fg: str, link: str, halo: str) -> str:
    """The map's key: the two marker sizes, the faint dots, the line to a league's seat, a moved marker."""
    rows = [(f'<circle cx="16" cy="20" r="{LEAGUE_R}" style="fill:{link}"/>', "盟、市 League or city"),
            (f'<circle cx="16" cy="41" r="{UNIT_R}" style="fill:{link};fill-opacity:0.75"/>',
             "旗、县、市、区 Banner, county, district"),
            (f'<circle cx="16" cy="61" r="1.8" fill="{fg}" fill-opacity="0.35"/>', "档案未提及 Not named in the archive"),
            (f'<line x1="8" y1="81" x2="24" y2="81" stroke="{fg}" stroke-opacity="0.45"/>', "所属盟市 Joined to its league")]
    items = [f'<rect x="4" y="4" width="{LEGEND_BOX[2] - 4}" height="{LEGEND_BOX[3] - 4}" rx="4" fill="{halo}" '
             f'fill-opacity="0.85" stroke="{fg}" '
             'stroke-opacity="0.2"/>']
    for n, (symbol, label) in enumerate(rows):
        zh, english = label.split(" ", 1)
        items.append(f'{symbol}<text x="32" y="{25 + 20 * n}" font-size="13" fill="{fg}">{html.escape(zh)} '
                     f'<tspan lang="en">{html.escape(english)}</tspan></text>')
    return '<g class="region-map-legend" aria-hidden="true">' + "".join(items) + "</g>"


def locator_svg(gazetteer: Gazetteer, name: str) -> str:
    """A small map for a region's page: every gazetteer place as a dot, this one (and its league's seat) marked.

    The same projection as the archive's map, so the reader sees where in
    Inner Mongolia's crescent the place lies.
    """
    xy, width, height = projection(gazetteer, LOCATOR_WIDTH)
    region = gazetteer.regions[name]
    fg, link, halo = "currentColor", "var(--md-typeset-a-color, currentColor)", "var(--md-default-bg-color, #fff)"
    out = [f'<figure class="region-locator"><svg viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{html.escape(name)}在内蒙古的位置 {html.escape(region.english)} in Inner Mongolia" '
           'style="width:100%;height:auto">', f'<g fill="{fg}" fill-opacity="0.3">']
    out += [f'<circle cx="{x}" cy="{y}" r="{1.6 if other.parent else 2.4}"/>'
            for other in gazetteer.regions.values() for x, y in [xy(other.lat, other.lon)]]
    out.append("</g>")
    league = gazetteer.league_of(name)
    x, y = xy(region.lat, region.lon)
    lx, ly = xy(gazetteer.regions[league].lat, gazetteer.regions[league].lon)
    ring = league != name and math.dist((x, y), (lx, ly)) > 8  # a league's seat far enough away to be seen
    if ring:
        out.append(f'<circle cx="{lx}" cy="{ly}" r="5" fill="none" stroke="{fg}" stroke-width="1.5" stroke-opacity="0.8"/>')
    out.append(f'<circle cx="{x}" cy="{y}" r="6" style="fill:{link};stroke:{halo};stroke-width:2"/>')
    out.append("</svg>")
    caption = ('位置；空心圆为所属盟市驻地 <span lang="en">Location; the ring is its league\'s seat</span>' if ring
               else '位置 <span lang="en">Location</span>')
    return "\n".join(out + [f"<figcaption>{caption}</figcaption></figure>"])


LOCATOR_WIDTH = 240
LEGEND_BOX = (4, 4, 250, 100)   # the key's box, top left, where the crescent leaves the map empty


LEAGUE_R, UNIT_R = 7.5, 4.5


LEAGUE_FONT, UNIT_FONT = 16, 12.5
