"""What running the extractors as a spaCy component (`nlp.pipe`) costs against the archive's own path.

    python benchmarks/spacy_cost.py ../shared/corpus/docs [--repeat 3]

Reads every file once (not timed), then times, over the same texts:
the production path (`pipeline.run.extract.extract`, rows included), spaCy's
tokenizer alone, and the whole spaCy path (tokenize, then the `bidrag_mentions`
component, which runs the same mention finding). Prints the figures and the
spaCy path's overhead as a share of extraction time: the decision of
docs/extraction.md ("spaCy") rests on it. Best of `--repeat` runs each.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.read.document import DocumentText, read_text
from pipeline.run.extract import extract
from pipeline.run.files import list_files

MAX_OVERHEAD = 0.10  # what issue 25 allows the spaCy path over extraction, were production to use it


def texts_of(archive: Path) -> list[tuple[str, DocumentText]]:
    """(name, read text) of every readable file with text in the archive."""
    out = []
    for path in list_files(archive):
        try:
            got = read_text(path.read_bytes(), path.name)
        except Exception:  # noqa: BLE001, S112 - a file that cannot be read has no extraction to time
            continue
        if len(got.norm.text.strip()) >= 20:
            out.append((path.name, got))
    return out


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        work()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    from extractors.nlp import load_nlp

    docs = texts_of(args.archive)
    nlp = load_nlp()
    mb = sum(len(got.norm.text.encode("utf-8")) for _, got in docs) / 1e6

    def production() -> None:
        for name, got in docs:
            extract(name, got.norm.text, got.norm.page_of, got.reference)

    def tokenize() -> None:
        for _, got in docs:
            nlp.make_doc(got.norm.text)

    def spacy_path() -> None:
        made = []
        for _, got in docs:
            doc = nlp.make_doc(got.norm.text)
            doc._.published = got.reference
            made.append(doc)
        for _ in nlp.pipe(made, batch_size=16):
            pass

    production()  # warm the rules' compiled patterns and tables once, outside the timing
    t_prod = best_of(args.repeat, production)
    t_tok = best_of(args.repeat, tokenize)
    t_spacy = best_of(args.repeat, spacy_path)
    overhead = (t_spacy - t_prod) / t_prod
    print(f"{len(docs)} documents, {mb:.2f} MB of text, best of {args.repeat}")
    print(f"production extraction : {t_prod:6.2f} s  ({mb / t_prod:.2f} MB/s)")
    print(f"spaCy tokenizer alone : {t_tok:6.2f} s  ({mb / t_tok:.2f} MB/s)")
    print(f"spaCy path (nlp.pipe) : {t_spacy:6.2f} s  ({mb / t_spacy:.2f} MB/s)")
    print(f"overhead of the spaCy path: {100 * overhead:.0f}% of extraction (allowed: {100 * MAX_OVERHEAD:.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
