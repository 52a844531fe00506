"""The contract's table names, without the contract's Arrow types.

A run that finds nothing changed reads the published manifest and the table
links by these names; importing `schemas.contract` (and with it pyarrow and
numpy) only to name the tables would cost that run most of its time.
`tests/test_unchanged_rerun.py` checks that these are `schemas.contract.TABLES`.
"""

from __future__ import annotations

TABLES = ("documents", "amounts", "bodies", "dates", "facts", "checks", "grants", "corrections_report")
