"""How a run goes: the one declaration of the options `bidrag run` and `bidrag ingest` take.

The command line builds a `RunOptions` once; the flows, the ingestion and the
run loop pass it on unchanged, so an option is added in one place (here, and
its flag in `flows/commands/common.py`). A Prefect flow's parameters are plain data:
`as_params` / `from_params` carry the options across that boundary.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.read.limits import DEFAULT as DEFAULT_LIMITS
from pipeline.read.limits import Limits

DEFAULT_BATCH_SIZE = 25  # documents a worker takes at once, with or without Prefect


@dataclass(frozen=True)
class RunOptions:
    """What a run may do and how it spreads its work; the defaults are those of the command line."""

    workers: int | None = None  # worker processes; None: every core this process may use
    batch_size: int = DEFAULT_BATCH_SIZE
    use_cache: bool = True  # False: recompute every document and publish anew
    follow_symlinks: bool = False  # also read files that symlinks inside the archive lead out to
    wait: bool = True  # False: fail at once when another run is writing the output
    allow_shrink: bool = False  # publish even a dataset that is empty or drops most published documents
    limits: Limits = DEFAULT_LIMITS  # caps on what one document may cost
    corrections: Path | None = None  # the reviewers' CSV; None: OUTPUT/corrections.csv when there is one

    def with_changes(self, **changes: Any) -> RunOptions:
        """These options with some changed (an unknown name is a TypeError, as for the constructor)."""
        return dataclasses.replace(self, **changes) if changes else self

    def as_params(self) -> dict:
        """The options as plain data, the form a Prefect flow takes as a parameter."""
        params = dataclasses.asdict(self)
        params["corrections"] = str(self.corrections) if self.corrections is not None else None
        return params

    @classmethod
    def from_params(cls, params: dict | None) -> RunOptions:
        """The options back from `as_params`, or from some of its keys (the rest default; None: all default)."""
        params = dict(params or {})
        if "limits" in params:
            params["limits"] = Limits(**(params["limits"] or {}))
        if params.get("corrections"):
            params["corrections"] = Path(params["corrections"])
        return cls(**params)


DEFAULT = RunOptions()
