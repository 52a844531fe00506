"""The stages below `extractors/`: read, run, publish, sources, outputs. Plain Python, no Prefect."""
