"""The regions map: an offline SVG of the gazetteer's coordinates, labels placed so they do not collide."""

from __future__ import annotations

import html
import math

from build_scripts.annotate.places import TYPE_LABELS, Gazetteer, RegionEntry, is_league
from build_scripts.site.markup import plural

MAP_WIDTH = 800


MAP_MARGIN = 0.9   # degrees around the gazetteer's extent


def _text_width(text: str, size: float) -> float:
    return sum(size if ord(ch) > 0x2E80 else size * 0.6 for ch in text)


def _overlap_area(a, b) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _label_candidates(x: float, y: float, r: float, size: float, w: float) -> list[tuple]:
    """(text-anchor, x, y, box) for a label right, left, above, below and at the four diagonals of a marker."""
    gap, d = 3, r * 0.7 + 3
    spots = [("start", x + r + gap, y + size * 0.35), ("end", x - r - gap, y + size * 0.35),
             ("middle", x, y - r - gap - size * 0.15), ("middle", x, y + r + gap + size * 0.8),
             ("start", x + d, y - d), ("start", x + d, y + d + size * 0.7),
             ("end", x - d, y - d), ("end", x - d, y + d + size * 0.7)]
    out = []
    for anchor, tx, ty in spots:
        left = {"start": tx, "end": tx - w, "middle": tx - w / 2}[anchor]
        out.append((anchor, round(tx, 1), round(ty, 1), (left, ty - size * 0.85, left + w, ty + size * 0.2)))
    return out


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
    lats = [r.lat for r in regions.values()]
    lons = [r.lon for r in regions.values()]
    lat0, lat1 = min(lats) - MAP_MARGIN, max(lats) + MAP_MARGIN
    lon0, lon1 = min(lons) - MAP_MARGIN, max(lons) + MAP_MARGIN
    aspect = math.cos(math.radians((lat0 + lat1) / 2))
    scale = MAP_WIDTH / ((lon1 - lon0) * aspect)
    height = round((lat1 - lat0) * scale)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return round((lon - lon0) * aspect * scale, 1), round((lat1 - lat) * scale, 1)

    fg = "currentColor"
    link = "var(--md-typeset-a-color, currentColor)"
    halo = "var(--md-default-bg-color, #fff)"
    out = ['<figure class="region-map" style="width:100%;max-width:none">',
           f'<svg class="region-map-svg" viewBox="0 0 {MAP_WIDTH} {height}" role="img" '
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

    # labels: greedy, leagues first; eight positions around the marker, the first that overlaps no label
    # or marker already placed, else the one that overlaps least
    boxes = [(x - r, y - r, x + r, y + r) for n, (x, y) in placed.items()
             for r in [LEAGUE_R if n in leagues else UNIT_R]]
    out.append('<g class="region-map-places">')
    for name in leagues + units:
        x, y = placed[name]
        league = name in leagues
        radius, size = (LEAGUE_R, LEAGUE_FONT) if league else (UNIT_R, UNIT_FONT)
        own = (x - radius, y - radius, x + radius, y + radius)
        others = [b for b in boxes if b != own]
        candidates = _label_candidates(x, y, radius, size, _text_width(name, size))
        inside = [c for c in candidates if c[3][0] >= 0 and c[3][2] <= MAP_WIDTH and c[3][1] >= 0 and c[3][3] <= height]
        anchor, tx, ty, box = min(inside or candidates, key=lambda c: sum(_overlap_area(c[3], b) for b in others))
        boxes.append(box)
        entry = index[name]
        tip = (f"{name} {regions[name].pinyin} · {TYPE_LABELS.get(regions[name].type, regions[name].type)} · "
               f"{plural(len(entry.reports), 'report')}, {plural(len(entry.hits), 'passage')}")
        fill = link if league else fg
        href = f"{slugs[name]}/" if directory_urls else f"{slugs[name]}.html"
        out.append(f'<a href="{href}" class="region-map-place{" is-league" if league else ""}" '
                   f'data-region="{html.escape(name)}" aria-label="{html.escape(tip)}">'
                   f'<title>{html.escape(tip)}</title>'
                   f'<circle cx="{x}" cy="{y}" r="{radius}" style="fill:{link};fill-opacity:{0.9 if league else 0.75};'
                   f'stroke:{halo};stroke-width:1.5"/>'
                   f'<text x="{tx}" y="{ty}" text-anchor="{anchor}" font-size="{size}" '
                   f'font-weight="{700 if league else 400}" style="fill:{fill};paint-order:stroke;stroke:{halo};'
                   f'stroke-width:3px;stroke-linejoin:round">{html.escape(name)}</text></a>')
    out.append("</g>")
    out += ["</svg>",
            "<figcaption>内蒙古 Inner Mongolia — places named in the archive (bold: leagues and cities). "
            "Positions are approximate seats from the gazetteer, in a plain longitude/latitude projection; "
            "no boundaries are drawn.</figcaption>",
            "</figure>"]
    return "\n".join(out)


LEAGUE_R, UNIT_R = 7.5, 4.5


LEAGUE_FONT, UNIT_FONT = 16, 12.5
