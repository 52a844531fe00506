"""The `bidrag` commands, one module a group: each adds its parsers (`add`) and runs its commands (`cmd_*`)."""
