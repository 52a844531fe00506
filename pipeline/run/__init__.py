"""Running a batch: extraction per document, the process pool, the cache, the run summary."""
