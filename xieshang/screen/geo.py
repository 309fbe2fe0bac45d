"""Region boundaries (GeoJSON) as shapes for the wall's map: projected, one SVG subpath per
ring, and a label anchor well inside each region.

Boundaries come from outside (a deployment's file), so anything malformed costs only its own
feature, never the wall.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # the outer ring, then its holes

MAP_SIZE = 1000.0  # the longer side of the map, in SVG units
ANCHOR_POINTS = 120  # a ring is thinned to about this many points to place a label
ANCHOR_GRID = 16  # points a side of the coarse search, then of the fine one around its best
ANCHOR_CHOICES = 8


@dataclass(frozen=True)
class Shape:
    code: str
    path: str  # SVG path data: every ring of every part its own closed subpath
    # Where its label may go, best first: inside the largest part, far from its edges, spread
    # out so that a neighbour's label can leave room for this one somewhere
    anchors: tuple[Point, ...]
    area: float  # of the largest part, in SVG units², to label big regions first


def polygons(geometry: object) -> list[Polygon]:
    """A Polygon or MultiPolygon as its polygons; anything else (or malformed) as none."""
    if not isinstance(geometry, dict):
        return []
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    found: list[Any]
    if kind == "Polygon":
        found = [coordinates]
    elif kind == "MultiPolygon" and isinstance(coordinates, list):
        found = coordinates
    else:
        return []
    out = []
    for polygon in found:
        try:
            rings = [[(float(p[0]), float(p[1])) for p in ring] for ring in polygon]
        except (TypeError, ValueError, IndexError):
            continue
        rings = [ring for ring in rings if len(ring) >= 3 and all(map(_finite, ring))]
        if rings:
            out.append(rings)
    return out


def shapes(features: dict[str, list[Polygon]]) -> tuple[list[Shape], tuple[float, float]]:
    """Project every region's polygons onto one map `MAP_SIZE` across; returns the shapes and
    the map's width and height. Longitude is squeezed by the cosine of the middle latitude so
    regions keep their shape."""
    points = [p for parts in features.values() for polygon in parts for p in polygon[0]]
    if not points:
        return [], (0.0, 0.0)
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squash = math.cos(math.radians(max(-89.0, min(89.0, (south + north) / 2))))
    span = max((east - west) * squash, north - south) or 1.0
    scale = MAP_SIZE / span

    def project(ring: Ring) -> Ring:
        return [((x - west) * squash * scale, (north - y) * scale) for x, y in ring]

    out = []
    for code, parts in features.items():
        projected = [[project(ring) for ring in polygon] for polygon in parts]
        largest = max(projected, key=_polygon_area)
        out.append(Shape(code, _path(projected), _anchors(largest), _polygon_area(largest)))
    size = ((east - west) * squash * scale or 1.0, (north - south) * scale or 1.0)
    return out, (round(size[0], 1), round(size[1], 1))


def _finite(point: Point) -> bool:
    return math.isfinite(point[0]) and math.isfinite(point[1])


def _path(parts: list[Polygon]) -> str:
    """Each ring a closed subpath of its own: parts are never joined by a false edge, and
    holes stay holes under the even-odd fill rule."""
    out = []
    for polygon in parts:
        for ring in polygon:
            steps: list[str] = []
            for x, y in ring:
                step = f"{x:.1f} {y:.1f}"
                if not steps or steps[-1] != step:
                    steps.append(step)
            out.append("M" + "L".join(steps) + "Z")
    return "".join(out)


def _ring_area(ring: Ring) -> float:
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
            )
        )
        / 2
    )


def _polygon_area(polygon: Polygon) -> float:
    return max(0.0, _ring_area(polygon[0]) - sum(_ring_area(hole) for hole in polygon[1:]))


def _thin(ring: Ring) -> Ring:
    step = max(1, len(ring) // ANCHOR_POINTS)
    return ring[::step]


def _inside(point: Point, rings: list[Ring]) -> bool:
    """Even-odd rule over every ring, as the map fills them."""
    x, y = point
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _edge_distance(point: Point, rings: list[Ring]) -> float:
    x, y = point
    best = math.inf
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            dx, dy = x2 - x1, y2 - y1
            length = dx * dx + dy * dy
            f = 0.0 if length == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / length))
            best = min(best, math.hypot(x - x1 - f * dx, y - y1 - f * dy))
    return best


def _anchors(polygon: Polygon, count: int = ANCHOR_CHOICES) -> tuple[Point, ...]:
    """Points inside the polygon, best first: far from its edges and, of points about as far,
    the nearest to its middle (a bent or ring-shaped region's centroid can lie outside it).
    A coarse grid search, a finer one around its best point, then the next best points of the
    coarse grid that lie apart from those already chosen."""
    rings = [_thin(ring) for ring in polygon]
    xs, ys = [p[0] for p in rings[0]], [p[1] for p in rings[0]]
    middle = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    size = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    quantum = size / 50  # edge distances this close count as equal

    def score(point: Point) -> tuple[float, float]:
        if not _inside(point, rings):
            return (-1.0, 0.0)
        distance = _edge_distance(point, rings) // quantum
        return (distance, -math.hypot(point[0] - middle[0], point[1] - middle[1]))

    def grid(x0: float, y0: float, step: float) -> list[tuple[tuple[float, float], Point]]:
        points = [
            (x0 + i * step, y0 + j * step) for i in range(ANCHOR_GRID) for j in range(ANCHOR_GRID)
        ]
        return sorted(((score(p), p) for p in points), reverse=True)

    coarse = size / ANCHOR_GRID
    found = [(score(middle), middle), *grid(min(xs) + coarse / 2, min(ys) + coarse / 2, coarse)]
    best = max(found)[1]
    found += grid(best[0] - coarse, best[1] - coarse, 2 * coarse / ANCHOR_GRID)
    chosen: list[Point] = []
    for (distance, _closeness), point in sorted(found, reverse=True):
        if distance < 0 or len(chosen) == count:
            break
        if all(math.hypot(point[0] - c[0], point[1] - c[1]) >= 1.5 * coarse for c in chosen):
            chosen.append(point)
    return tuple((round(x, 1), round(y, 1)) for x, y in chosen or [middle])
