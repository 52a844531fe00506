"""What a run costs, each figure next to its yardstick measured in the same run (issue 28).

    .venv/bin/python benchmarks/run.py [--n 300] [--repeats 2] [--workers 2] [--quick] [--dir DIR] [--keep]

The machine this runs on is shared and its load moves from minute to
minute, so no figure here is an absolute time to compare across runs: each
is a ratio to a yardstick taken in the same run, on the same files, and
every timed thing is repeated (`--repeats`) and keeps its best.

* the archive: N ten-page two-column report PDFs (tests/fixtures/builders.py;
  a third with a ruled table), 3,000 pages at the default N = 300;
* the yardstick: raw pypdfium2 text extraction of the same PDFs (open,
  each page's text page, its whole text), on one core and across a pool of
  `--workers` processes;
* bidrag past start-up (`work_seconds` of a plain run, per core) and as a
  whole process with Prefect (the default path: the kept local API running);
* start-up: `bidrag run` over an empty folder, with each way of reaching
  Prefect's API, next to `--no-prefect`;
* `make sample` after the install, on a fresh Prefect home, as the Makefile
  does it: its start step (`bidrag server start`: the kept API starts, its
  database migrated, since no migrated one is kept yet) and then its run, each
  timed apart; the start step again on another new home (the migrated
  database copied); the run again, next to `--no-prefect`;
* the corpus (../shared/corpus/docs) with and without Prefect, where it is;
* an unchanged re-run in total, peak RSS of the whole process tree, and the
  Prefect run's tables against the plain run's (`compare_outputs`).

`--quick` (60 PDFs, one repeat, no fresh-home ephemeral start-up) takes a
couple of minutes. Not part of the tests: timing belongs here.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.mixed import Run  # noqa: E402
from benchmarks.mixed import bidrag_run as mixed_run  # noqa: E402

MIB = 2**20
PAGES_PER_PDF = 10


def build_reports(root: Path, n: int, seed: int = 7) -> None:
    """N ten-page two-column report PDFs, a third with a ruled table (as issue 28 measured)."""
    from tests.fixtures import builders as b

    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        path = root / f"rapport-{i:05d}.pdf"
        if path.exists():
            continue
        r = random.Random(seed * 100_003 + i)
        table_rows = r.randint(3, 8) if r.random() < 1 / 3 else 0
        data, _ = b.report_pdf(pages=PAGES_PER_PDF, rng=r, year=2018 + i % 8, table_rows=table_rows)
        path.write_bytes(data)


def raw_pages(paths: list[str]) -> int:
    """The yardstick's work: pypdfium2's text of every page (top-level: a pool runs it)."""
    import pypdfium2 as pdfium

    n = 0
    for p in paths:
        doc = pdfium.PdfDocument(Path(p).read_bytes())
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            n += 1
        doc.close()
    return n


def best_of(repeats: int, timed: Callable[[], float]) -> float:
    return min(timed() for _ in range(repeats))


def raw_rates(pdfs: list[Path], workers: int, repeats: int) -> tuple[float, float, float]:
    """Raw pypdfium2 pages/s on one core, across `workers` processes (a warm pool, chunks in turn), and
    pages per CPU-second (what a loaded machine changes least)."""
    paths = [str(p) for p in pdfs]
    cpu_rates = []

    def one_core() -> float:
        t0, c0 = time.perf_counter(), time.process_time()
        pages = raw_pages(paths)
        cpu_rates.append(pages / (time.process_time() - c0))
        return pages / (time.perf_counter() - t0)

    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(raw_pages, [paths[:1]] * workers))  # the workers import pypdfium2 before the clock

        def all_cores() -> float:
            t0 = time.perf_counter()
            pages = sum(pool.map(raw_pages, [paths[k::workers] for k in range(workers)]))
            return pages / (time.perf_counter() - t0)

        every = max(all_cores() for _ in range(repeats))
    return max(one_core() for _ in range(repeats)), every, max(cpu_rates)


def bidrag_run(archive: Path, output: Path, env: dict, *extra: str, fresh: bool = True) -> Run:
    """`benchmarks.mixed.bidrag_run`, into a fresh output unless told otherwise."""
    return mixed_run(archive, output, env, *extra, fresh=fresh)


def best_run(repeats: int, *args, **kwargs) -> Run:
    return min((bidrag_run(*args, **kwargs) for _ in range(repeats)), key=lambda r: r.wall)


def server_start(env: dict) -> float:
    """`make api`'s step, `bidrag server start` (it returns once the API answers): its wall seconds."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "flows.cli", "server", "start"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise SystemExit(f"bidrag server start failed:\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t0


def stop_kept(env: dict) -> None:
    subprocess.run([sys.executable, "-m", "flows.cli", "server", "stop"], cwd=ROOT, env=env, capture_output=True)


def figure(name: str, value: str, yardstick: str = "", target: str = "", ok: bool | None = None) -> None:
    mark = "" if ok is None else ("  ok" if ok else "  MISSED")
    print(f"{name:<30} {value:<44} {yardstick:<42} {target}{mark}")


def ocr_seconds_per_page(pages: int = 4, seed: int = 11) -> None:
    """Seconds per scanned page (issue 29): fixture documents printed and scanned with the tests' recipe,
    read by bidrag's reader (render, straighten, Tesseract on one thread, layout) in this process; the
    dense two-column report pages and the sparse memo page apart, as they cost differently. CPU seconds
    (this process and Tesseract) are the figure that holds on a shared machine."""
    from pipeline.read.document import read_text
    from pipeline.read.text_ocr import OcrUnavailable, tesseract_program
    from tests.fixtures import builders as b

    try:
        tesseract_program()
    except OcrUnavailable as exc:
        figure("OCR, seconds per scanned page", f"not measured: {exc}")
        return
    report, _ = b.report_pdf(pages=pages, rng=random.Random(seed), table_rows=5)
    memo, _ = b.memo_pdf()
    for name, pdf, n in (("report, two columns", report, pages), ("memo, one column", memo, 1)):
        scanned = b.scan(pdf)
        cpu0, t0 = _own_cpu(), time.perf_counter()
        got = read_text(scanned, "skannad.pdf")
        wall, cpu = (time.perf_counter() - t0) / n, (_own_cpu() - cpu0) / n
        chars = len(got.norm.text)
        figure(f"OCR a page, {name}", f"{cpu:.2f} CPU-s ({wall:.2f} s wall)", f"{n} pages, {chars:,} chars")


def _own_cpu() -> float:
    """CPU seconds of this process and its finished children (Tesseract runs as one)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def same_tables(a: Path, b: Path) -> bool:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "compare_outputs.py"), str(a), str(b)],
        capture_output=True,
        text=True,
    )
    return proc.returncode == 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="ten-page report PDFs (default 300: 3,000 pages)")
    ap.add_argument("--repeats", type=int, default=2, help="each timed thing this many times, best kept")
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--quick", action="store_true", help="60 PDFs, one repeat: a couple of minutes")
    ap.add_argument("--dir", type=Path, default=None, help="work here (the PDFs are reused when present)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = ap.parse_args()
    if args.quick:
        args.n, args.repeats = min(args.n, 60), 1
    base = args.dir or Path(tempfile.mkdtemp(prefix="bidrag-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    clean = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "BIDRAG_PREFECT_API")}
    env = dict(clean, PREFECT_HOME=str(base / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    try:
        measure(args, base, env)
        ocr_seconds_per_page()
    finally:
        stop_kept(env)
        for home in ("prefect-home-fresh", "prefect-home-other"):
            stop_kept(dict(env, PREFECT_HOME=str(base / home)))
        if not args.keep and args.dir is None:
            shutil.rmtree(base, ignore_errors=True)


def measure(args: argparse.Namespace, base: Path, env: dict) -> None:
    w, reps = ["--workers", str(args.workers)], args.repeats
    up = [*w, "--allow-shrink"]  # an empty folder publishes an empty dataset only when told to
    pdfs_dir = base / "reports"
    build_reports(pdfs_dir, args.n)
    pdfs = sorted(pdfs_dir.glob("*.pdf"))[: args.n]
    pages = PAGES_PER_PDF * len(pdfs)
    print(f"{len(pdfs)} report PDFs, {pages} pages; {args.workers} workers on {os.cpu_count()} cores; best of {reps}")
    raw_core, raw_all, raw_cpu = raw_rates(pdfs, args.workers, reps)
    empty = base / "empty"
    empty.mkdir(exist_ok=True)
    ephemeral = dict(env, BIDRAG_PREFECT_API="ephemeral")
    no_head_start = dict(env, BIDRAG_HEAD_START="0")

    # start-up: an empty folder, each way of reaching the API
    plain_up = best_run(reps, empty, base / "o-up", env, "--no-prefect", *up)
    bidrag_run(empty, base / "o-up", ephemeral, *up)  # the ephemeral home's database is made once, not measured
    eph_up = best_run(reps, empty, base / "o-up", ephemeral, *up)
    eph_fresh = None
    if not args.quick:
        eph_fresh = bidrag_run(empty, base / "o-up", dict(ephemeral, PREFECT_HOME=str(base / "eph-fresh")), *up)
    stop_kept(env)
    kept_start = bidrag_run(empty, base / "o-up", env, *up)  # the run starts the kept server (a warm home)
    kept_up = best_run(reps, empty, base / "o-up", env, *up)

    # make sample after the install: a fresh Prefect home and no migrated database kept yet (as in a new
    # .venv), its start step then its run; the start step on another new home; the run again
    sample = ROOT / "samples" / "archive"
    after_install = {"BIDRAG_API_TEMPLATE_DIR": str(base / "api-templates")}
    fresh_env = dict(env, PREFECT_HOME=str(base / "prefect-home-fresh"), **after_install)
    sample_start = server_start(fresh_env)
    sample_first = bidrag_run(sample, base / "o-sample", fresh_env, *w)
    sample_next = best_run(reps, sample, base / "o-sample", fresh_env, *w)
    sample_plain = best_run(reps, sample, base / "o-sample", env, "--no-prefect", *w)
    stop_kept(fresh_env)
    other_env = dict(env, PREFECT_HOME=str(base / "prefect-home-other"), **after_install)
    other_start = server_start(other_env)
    stop_kept(other_env)

    # the report PDFs: plain (past start-up), with Prefect (whole process), without the head start, again
    plain = best_run(reps, pdfs_dir, base / "o-plain", env, "--no-prefect", "--no-cache", *w)
    flow = best_run(reps, pdfs_dir, base / "o-flow", env, *w)
    flow_no_hs = bidrag_run(pdfs_dir, base / "o-flow-nohs", no_head_start, *w)
    again = best_run(reps, pdfs_dir, base / "o-flow", env, *w, fresh=False)
    identical = same_tables(base / "o-plain", base / "o-flow")

    corpus = ROOT.parent / "shared" / "corpus" / "docs"
    corpus_runs = None
    if corpus.is_dir():
        corpus_runs = (
            best_run(reps, corpus, base / "o-corpus", env, "--no-cache", *w),
            best_run(reps, corpus, base / "o-corpus", env, "--no-prefect", "--no-cache", *w),
        )

    print()
    figure("figure", "bidrag", "yardstick", "target")
    per_core = pages / plain.work / args.workers
    figure(
        "pages/s past start-up",
        f"{pages / plain.work:.0f} ({per_core:.0f} per core)",
        f"raw pypdfium2 {raw_core:.0f} per core: {per_core / raw_core:.2f}",
        ">= 0.6",
        per_core / raw_core >= 0.6,
    )
    cpu_rate = pages / max(1e-9, plain.cpu - plain_up.cpu)
    figure(
        "  per CPU-second",
        f"{cpu_rate:.0f} pages (the run's CPU less an empty run's)",
        f"raw pypdfium2 {raw_cpu:.0f}: {cpu_rate / raw_cpu:.2f}",
    )
    whole = pages / flow.wall
    figure(
        "pages/s whole process, Prefect",
        f"{whole:.0f} ({flow.wall:.1f} s; work {flow.work:.1f} s)",
        f"raw on all cores {raw_all:.0f}: {whole / raw_all:.2f}",
        ">= 0.45",
        whole / raw_all >= 0.45,
    )
    figure(
        "  without the head start",
        f"{pages / flow_no_hs.wall:.0f} ({flow_no_hs.wall:.1f} s)",
        f"{pages / flow_no_hs.wall / raw_all:.2f} of raw on all cores",
    )
    figure(
        "  plain (--no-prefect)",
        f"{pages / plain.wall:.0f} ({plain.wall:.1f} s)",
        f"{pages / plain.wall / raw_all:.2f} of raw on all cores",
    )
    figure("start-up, kept API running", f"{kept_up.wall:.1f} s", f"--no-prefect {plain_up.wall:.1f} s")
    figure("  the run starts the kept API", f"{kept_start.wall:.1f} s", "(its Prefect home made before)")
    fresh_note = f" / fresh home {eph_fresh.wall:.1f} s" if eph_fresh else ""
    figure("  Prefect's ephemeral API", f"{eph_up.wall:.1f} s{fresh_note}", f"--no-prefect {plain_up.wall:.1f} s")
    figure(
        "make sample's run, first",
        f"{sample_first.wall:.1f} s (a fresh Prefect home)",
        f"--no-prefect {sample_plain.wall:.1f} s",
        "<= 5 s",
        sample_first.wall <= 5,
    )
    figure(
        "  its start step, before it",
        f"{sample_start:.1f} s (make api: the kept API starts)",
        f"another new home {other_start:.1f} s (database copied)",
    )
    figure(
        "  and the next",
        f"{sample_next.wall:.1f} s",
        f"--no-prefect {sample_plain.wall:.1f} s",
        "<= 5 s",
        sample_next.wall <= 5,
    )
    if corpus_runs:
        with_prefect, without = corpus_runs
        docs = with_prefect.result["documents"]
        figure(f"the corpus, {docs} documents", f"{with_prefect.wall:.1f} s", f"--no-prefect {without.wall:.1f} s")
    figure(
        "unchanged re-run, in total",
        f"{again.wall:.2f} s (nothing published: {again.result['unchanged']})",
        f"the first {flow.wall:.1f} s",
        "<= 1 s",
        again.wall <= 1 and again.result["unchanged"],
    )
    figure(
        "peak RSS, whole process tree",
        f"{flow.peak / MIB:.0f} MiB with Prefect",
        f"--no-prefect {plain.peak / MIB:.0f} MiB",
        "<= 1024 MiB",
        flow.peak <= 1024 * MIB,
    )
    figure("outputs, Prefect vs plain", "identical" if identical else "DIFFER", "compare_outputs.py", "", identical)


if __name__ == "__main__":
    main()
