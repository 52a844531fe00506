"""A Frictionless plugin, found by name (`frictionless_*`), that reads Parquet through Arrow's own Python values.

Frictionless's stock Parquet reader goes through pandas: a null in an integer
column arrives as NaN and fails `integer`, and a list column arrives as numpy
arrays and fails `array`. Arrow's `to_pylist` gives None, int and list, which
is what the values are, so `frictionless validate output/datapackage.json`
checks bidrag's tables against their Table Schema cell by cell. Installed with
bidrag; nothing else in frictionless changes.
"""

from __future__ import annotations

from typing import Any

import pyarrow.parquet as pq
from frictionless.formats.parquet.parser import ParquetParser
from frictionless.system import Plugin

BATCH_ROWS = 10_000


class ArrowParquetParser(ParquetParser):
    def read_cell_stream_create(self) -> Any:  # noqa: ANN401 - frictionless's own signature
        dataset = pq.ParquetDataset(self.resource.normpath)
        table = dataset.read()
        yield table.schema.names
        for batch in table.to_batches(BATCH_ROWS):
            columns = [column.to_pylist() for column in batch.columns]
            yield from (list(row) for row in zip(*columns))


class BidragPlugin(Plugin):
    """Takes Parquet resources before the stock plugin does (plugins found by name come first)."""

    def create_parser(self, resource: Any) -> Any:  # noqa: ANN401
        if resource.format in ("parq", "parquet") and not resource.remote:
            return ArrowParquetParser(resource)
        return None
