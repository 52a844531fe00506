"""Parts: at most `--batch-size` documents each, evened out across the workers (pipeline.run.parts)."""

import pytest

from pipeline.run.files import Item
from pipeline.run.parts import make_parts


def items(n: int) -> list[Item]:
    return [(f"/arkiv/beslut-{k:03d}.txt", f"beslut-{k:03d}.txt") for k in range(n)]


@pytest.mark.parametrize(
    ("documents", "batch_size", "workers", "sizes"),
    [
        (60, 25, 2, [15, 15, 15, 15]),  # three parts of 25 would leave a worker on 35 documents
        (300, 25, 2, [25] * 12),  # already a multiple of the workers: unchanged
        (6, 25, 2, [6]),  # one part: read in the run's own process, no pool to start
        (25, 25, 2, [25]),
        (26, 25, 2, [13, 13]),
        (51, 25, 2, [12, 13, 13, 13]),
        (60, 25, 1, [20, 20, 20]),  # one worker: as few parts as the batch size allows, even
        (7, 1, 2, [1] * 7),  # a batch size of one is kept: no part may be larger
        (10, 3, 4, [2, 3, 2, 3]),
        (0, 25, 2, []),
    ],
)
def test_parts_are_even_and_never_over_the_batch_size(documents, batch_size, workers, sizes):
    parts = make_parts(items(documents), batch_size, workers=workers)
    assert [len(p.items) for p in parts] == sizes
    assert [p.index for p in parts] == list(range(len(parts)))
    assert [i for p in parts for i in p.items] == items(documents)  # every document once, in order
