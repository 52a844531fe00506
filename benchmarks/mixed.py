"""Throughput and memory of bidrag on a synthetic mixed archive; prints the figures issue 8 asked for.

(`benchmarks/run.py` prints the figures of issue 28, each next to its yardstick; this one the mixed
archive's: documents/s per kind, extraction MB/s, pdfplumber, RSS at scale.)

    .venv/bin/python benchmarks/mixed.py [--n 1000] [--workers 2] [--server] [--scale] [--dir DIR] [--keep]

Builds N documents from tests/fixtures/builders.py (two-column report PDFs
with footnotes, a third of them with a ruled table; DOCX and PDF memos; HTML
news with boilerplate; text decision lists) and runs `bidrag run` over them,
each run a fresh process whose whole process tree is sampled for peak RSS.
Every run prints its own `work_seconds` (the time inside the flow body, or
inside the plain run), so a run's wall time splits into the fixed start-up
and the work in the same process, without subtracting two noisy runs:

* the fixed start-up: the archive flow over an empty folder;
* the first run: documents/s and pages/s end to end, peak RSS;
* the same run without Prefect (`--no-prefect`): Prefect's share of the wall;
* a second run over the unchanged archive, as a share of the first;
* the PDFs alone (a folder of links to them): pages/s per core end to end;
* the text stage (bidrag's PDF reading and normalization, ruled tables
  through pdfplumber included) next to raw pypdfium2 text extraction of the
  same PDFs, and pdfplumber's own text extraction on a few pages;
* extraction (amounts, bodies, dates, facts) in MB/s of text on one core;
* against a running Prefect server (`prefect server start`, as
  `PREFECT_API_URL` would name one; `--no-server` skips it), once it has
  settled: Prefect's own share of a run past the start-up. Under the
  ephemeral API the first seconds of work overlap the server finishing its
  own start-up on the same cores, which the empty-folder run ends too early
  to show; the CPU-seconds of each run's process tree tell the two apart;
* with --scale, peak RSS at N/10 too (flat as N grows 10×).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MIB = 2**20
SETTLE_SECONDS = 10


def build_archive(root: Path, n: int, seed: int = 7) -> dict:
    from tests.fixtures import builders as b

    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    kinds = {"report": 0, "memo_docx": 0, "memo_pdf": 0, "news": 0, "decision": 0}
    for i in range(n):
        r = random.Random(seed * 100_003 + i)
        k = rng.random()
        year = 2018 + i % 8
        if k < 0.3:
            table_rows = r.randint(3, 8) if r.random() < 1 / 3 else 0
            data, _ = b.report_pdf(pages=r.randint(3, 8), rng=r, year=year, table_rows=table_rows)
            name, kind = f"rapporter/rapport-{i:05d}.pdf", "report"
        elif k < 0.5:
            data, _ = b.memo_docx(
                region=r.choice(b.REGIONS),
                year=year,
                applied=r.randint(5, 900) * 100_000,
                budget=r.randint(1, 30) * 50_000_000,
            )
            name, kind = f"beslut/ts-{i:05d}.docx", "memo_docx"
        elif k < 0.65:
            data, _ = b.memo_pdf(
                region=r.choice(b.REGIONS),
                year=year,
                applied=r.randint(5, 900) * 100_000,
                budget=r.randint(1, 30) * 50_000_000,
            )
            name, kind = f"beslut/ts-{i:05d}.pdf", "memo_pdf"
        elif k < 0.85:
            data, _ = b.news_html(rng=r, n_regions=r.randint(3, 10), year=year)
            name, kind = f"nyheter/nyhet-{i:05d}.html", "news"
        else:
            data, _ = b.decision_text(rng=r, n=r.randint(3, 12), year=year)
            name, kind = f"beslut/beslut-{i:05d}.txt", "decision"
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        kinds[kind] += 1
    return kinds


def link_pdfs(archive: Path, target: Path) -> list[Path]:
    """A folder of hard links to the archive's PDFs (a copy where links cannot be made)."""
    pdfs = sorted(archive.rglob("*.pdf"))
    target.mkdir(parents=True, exist_ok=True)
    for p in pdfs:
        dst = target / p.name
        if not dst.exists():
            try:
                os.link(p, dst)
            except OSError:
                shutil.copyfile(p, dst)
    return pdfs


class RssSampler:
    """Peak resident memory of a process and all its descendants, from /proc."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid, self.interval, self.peak = pid, interval, 0
        self.seen: set[int] = set()
        self.fork_servers: set[int] = set()  # the pool's fork server: it outlives the run by a moment
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)
        self._t.start()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            try:
                with open(f"/proc/{d}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(d))
            except (OSError, ValueError, IndexError):
                continue
        out, todo = [], [self.pid]
        while todo:
            p = todo.pop()
            out.append(p)
            todo.extend(children.get(p, []))
        return out

    def _run(self):
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._stop.is_set():
            total = 0
            for p in self._tree():
                if p not in self.seen:
                    self.seen.add(p)
                    if _is_fork_server(p):
                        self.fork_servers.add(p)
                try:
                    with open(f"/proc/{p}/statm") as fh:
                        total += int(fh.read().split()[1]) * page
                except (OSError, ValueError):
                    pass
            self.peak = max(self.peak, total)
            time.sleep(self.interval)

    def stop(self) -> int:
        self._stop.set()
        self._t.join()
        return self.peak


@dataclass
class Run:
    wall: float  # seconds, process start to exit
    work: float  # seconds inside the flow body (or the plain run): the wall less the fixed start-up
    peak: int  # bytes, whole process tree
    cpu: float  # user + system seconds of the whole process tree (every process in it is waited for)
    result: dict

    @property
    def startup(self) -> float:
        return self.wall - self.work


def _is_fork_server(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return b"multiprocessing.forkserver" in fh.read()
    except OSError:
        return False


def _adopt_orphans() -> None:
    """Make this process the subreaper of what a run leaves behind (Linux `PR_SET_CHILD_SUBREAPER`).

    The run's worker pool forks its workers from a fork server, a child of the run that exits just after it:
    adopted here and waited for (`_reap`), its CPU and its workers' count in the run's, as a spawned worker's did.
    """
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(36, 1, 0, 0, 0)


def _reap(pids: set[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, 0)


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def bidrag_run(archive: Path, output: Path, env: dict, *extra: str, fresh: bool = False) -> Run:
    """One `bidrag run` in its own process: wall, work past start-up, peak RSS and CPU of the process tree."""
    if fresh:
        shutil.rmtree(output, ignore_errors=True)
    _adopt_orphans()
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", str(archive), "--output", str(output), "--json", *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    sampler = RssSampler(proc.pid)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    peak = sampler.stop()
    _reap(sampler.fork_servers)
    if proc.returncode != 0:
        raise SystemExit(f"bidrag run failed ({archive}):\n{err[-2000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    return Run(wall=wall, work=result["work_seconds"], peak=peak, cpu=_children_cpu() - cpu0, result=result)


def text_stage(pdfs: list[Path], repeats: int = 2) -> dict:
    """Raw pypdfium2 text against bidrag's PDF reading of the same files, in one process.

    Each side is timed `repeats` times, alternating, and keeps its best time:
    single passes here vary by a quarter from one to the next.
    """
    import pypdfium2 as pdfium

    from pipeline.read.document import read_text
    from pipeline.read.text_pdf import read_pdf

    datas = [p.read_bytes() for p in pdfs]

    def raw_pass() -> int:
        n = 0
        for data in datas:
            doc = pdfium.PdfDocument(data)
            for i in range(len(doc)):
                page = doc[i]
                tp = page.get_textpage()
                tp.get_text_range()
                tp.close()
                page.close()
                n += 1
            doc.close()
        return n

    def our_pass() -> None:
        for data, p in zip(datas, pdfs):
            read_text(data, p.name)

    raw = ours = float("inf")
    pages = 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        pages = raw_pass()
        raw = min(raw, time.perf_counter() - t0)
        t0 = time.perf_counter()
        our_pass()
        ours = min(ours, time.perf_counter() - t0)
    ruled = tables = unplaced = 0
    table_s = 0.0
    table_docs = 0
    for data in datas:
        st = read_pdf(data).table_stats
        ruled, tables, unplaced, table_s = (
            ruled + st.ruled_pages,
            tables + st.tables,
            unplaced + st.unplaced,
            table_s + st.seconds,
        )
        table_docs += st.ruled_pages > 0
    return {
        "pages": pages,
        "raw_s": raw,
        "ours_s": ours,
        "ruled_pages": ruled,
        "tables": tables,
        "unplaced": unplaced,
        "table_s": table_s,
        "table_docs": table_docs,
    }


def pdfplumber_text(pdfs: list[Path], max_pages: int = 20) -> tuple[int, float]:
    """pdfplumber's own extract_text, each page closed after use, on the first `max_pages` pages."""
    import pdfplumber

    pages = 0
    t0 = time.perf_counter()
    for p in pdfs:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
                if pages >= max_pages:
                    return pages, time.perf_counter() - t0
    return pages, time.perf_counter() - t0


def extraction_rates(root: Path, limit_bytes: int = 3_000_000, seeds: Path | None = None) -> dict:
    """Extraction MB/s on one core: a seeded random sample of the archive, each kind of document, the seeds.

    Speed follows the density of mentions (amounts, bodies, dates per KB), which
    differs by kind, so each figure carries its density.
    """
    from pipeline.read.document import read_text
    from pipeline.run.extract import extract

    def rate(paths: list[Path], limit: int) -> tuple[float, float, float]:
        texts, size = [], 0
        for p in paths:
            texts.append(read_text(p.read_bytes(), p.name).norm)
            size += len(texts[-1].text.encode("utf-8"))
            if size > limit:
                break
        extract("warm", texts[0].text, texts[0].page_of, None)
        mentions = 0
        t0 = time.perf_counter()
        for t in texts:
            ext = extract("x", t.text, t.page_of, None)
            mentions += len(ext.amounts) + len(ext.bodies) + len(ext.dates)
        dt = time.perf_counter() - t0
        return size / dt / 1e6, size / 1e6, mentions / (size / 1000)

    files = sorted(p for p in root.rglob("*") if p.is_file())
    out = {"archive": rate(random.Random(0).sample(files, len(files)), limit_bytes)}
    kinds: dict[str, list[Path]] = {}
    for p in files:
        kinds.setdefault(f"{p.parent.name}/{p.name.split('-')[0]}{p.suffix}", []).append(p)
    for kind, paths in sorted(kinds.items()):
        out[kind] = rate(paths, limit_bytes // 5)
    if seeds is not None and seeds.is_dir():
        out["../shared/seeds"] = rate(sorted(seeds.glob("*.txt")), limit_bytes)
    return out


def figure(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
    mark = "" if ok is None else ("  ok" if ok else "  MISSED")
    print(f"{name:<34} {value:<58} {target}{mark}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--dir", type=Path, default=None, help="work here (the archive is reused when present)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    ap.add_argument("--no-server", action="store_true", help="skip the runs against a running Prefect server")
    ap.add_argument("--scale", action="store_true", help="also measure peak RSS at N/10")
    args = ap.parse_args()
    base = args.dir or Path(tempfile.mkdtemp(prefix="bidrag-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        PREFECT_HOME=str(base / "prefect-home"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        BIDRAG_PREFECT_API="ephemeral",  # the figures of issue 8: Prefect's per-run API (run.py measures both)
    )
    env.pop("PREFECT_API_URL", None)
    w = ["--workers", str(args.workers)]
    try:
        archive = base / "archive"
        if not archive.exists():
            t0 = time.perf_counter()
            kinds = build_archive(archive, args.n)
            print(f"built {args.n} documents in {time.perf_counter() - t0:.0f} s: {kinds}")
        files = [p for p in archive.rglob("*") if p.is_file()]
        pdfs = link_pdfs(archive, base / "archive-pdf")
        print(f"archive: {len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB, {len(pdfs)} PDFs")

        def fresh(name: str) -> Path:
            shutil.rmtree(base / name, ignore_errors=True)
            return base / name

        empty = base / "empty"
        empty.mkdir(exist_ok=True)
        bidrag_run(empty, fresh("o-warm"), env, *w)  # the Prefect home's database is made once, not measured
        startup = bidrag_run(empty, fresh("o-empty"), env, *w)
        startup_plain = bidrag_run(empty, fresh("o-empty-plain"), env, "--no-prefect", *w)
        out = fresh("out")
        first = bidrag_run(archive, out, env, *w)
        second = bidrag_run(archive, out, env, *w)
        plain = bidrag_run(archive, fresh("out-plain"), env, "--no-prefect", "--no-cache", *w)
        pdf_out = fresh("out-pdf")
        pdf_run = bidrag_run(base / "archive-pdf", pdf_out, env, "--no-cache", *w)
        pdf_again = bidrag_run(base / "archive-pdf", pdf_out, env, *w)  # unchanged: decided before Prefect starts
        served = None
        if not args.no_server:
            from tests.fixtures.prefect_server import prefect_server

            t0 = time.perf_counter()
            with prefect_server(base / "prefect-server-home") as (api, server_env):
                ready = time.perf_counter() - t0
                bidrag_run(empty, fresh("o-server-warm"), server_env, *w)
                time.sleep(SETTLE_SECONDS)  # the server's services finish starting, as on a server that runs on
                served = (
                    ready,
                    bidrag_run(empty, fresh("o-server-empty"), server_env, *w),
                    bidrag_run(archive, fresh("out-server"), server_env, "--no-cache", *w),
                )

        import pandas as pd

        docs = pd.read_parquet(out / "documents", columns=["n_pages", "status", "text", "media_type"])
        n_docs = len(docs)
        pages = int(docs.n_pages.fillna(0).sum())
        text_mb = docs.text.str.len().sum() / 1e6
        pdf_pages = int(pdf_run.result["pages"])

        ts = text_stage(pdfs)
        pl_pages, pl_s = pdfplumber_text(pdfs)
        rates = extraction_rates(archive, seeds=ROOT.parent / "shared" / "seeds")
        cores = args.workers

        print()
        print(
            f"{n_docs} documents ({dict(docs.status.value_counts())}), {pages} PDF pages, {text_mb:.1f} MB of text; "
            f"{cores} workers on {os.cpu_count()} cores"
        )
        print()
        figure("figure", "measured", "target")
        figure(
            "fixed start-up (empty folder)",
            f"{startup.wall:.1f} s with Prefect (ephemeral API), {startup_plain.wall:.1f} s without",
        )
        figure(
            "first run, whole archive",
            f"{first.wall:.1f} s: {n_docs / first.wall:.0f} docs/s, {pages / first.wall:.0f} pages/s end to end",
        )
        figure(
            "  past the start-up",
            f"{first.work:.1f} s: {n_docs / first.work:.0f} docs/s, {pages / first.work:.0f} pages/s",
        )
        per_core = pdf_pages / pdf_run.work / cores
        figure(
            "PDFs alone, end to end",
            f"{pdf_pages} pages in {pdf_run.wall:.1f} s = {pdf_pages / pdf_run.wall / cores:.0f} pages/s per core;",
            ">= 100 pages/s per core",
        )
        figure(
            "  past the start-up",
            f"{pdf_run.work:.1f} s = {per_core:.0f} pages/s per core",
            ">= 100 pages/s per core",
            per_core >= 100,
        )
        ratio = ts["ours_s"] / ts["raw_s"]
        figure(
            "text stage vs raw pypdfium2",
            f"{ts['pages'] / ts['ours_s']:.0f} vs {ts['pages'] / ts['raw_s']:.0f} pages/s on {ts['pages']} pages: "
            f"{ratio:.2f}x (best of 2 each)",
            "<= 1.5x",
            ratio <= 1.5,
        )
        figure(
            "  ruled pages through pdfplumber",
            f"{ts['ruled_pages']} pages of {ts['pages']} ({ts['table_docs']} PDFs): {ts['tables']} tables placed, "
            f"{ts['unplaced']} not",
        )
        if ts["ruled_pages"]:
            per_ruled = ts["table_s"] / ts["ruled_pages"]
            figure(
                "  their cost",
                f"{ts['table_s']:.1f} s = {100 * ts['table_s'] / ts['ours_s']:.0f}% of the text stage, "
                f"{1000 * per_ruled:.0f} ms a ruled page vs {1000 * ts['raw_s'] / ts['pages']:.1f} ms raw",
            )
        pl_rate = pl_pages / pl_s
        figure(
            "pdfplumber extract_text",
            f"{pl_rate:.1f} pages/s on {pl_pages} pages: all {ts['pages']} pages would take "
            f"{ts['pages'] / pl_rate:.0f} s vs {ts['ours_s']:.1f} s",
        )
        ex_rate, ex_mb, density = rates.pop("archive")
        figure(
            "extraction, one core",
            f"{ex_rate:.2f} MB/s on {ex_mb:.1f} MB of the archive, {density:.0f} mentions/KB",
            ">= 1 MB/s per core",
            ex_rate >= 1,
        )
        for kind, (r, mb, d) in rates.items():
            figure(f"  {kind}", f"{r:.2f} MB/s ({mb:.2f} MB, {d:.0f} mentions/KB)")
        from flows.archive import PARTS_PER_TASK
        from pipeline.run.options import DEFAULT_BATCH_SIZE

        task_size = DEFAULT_BATCH_SIZE * PARTS_PER_TASK
        tasks = (len(files) + task_size - 1) // task_size
        figure(
            "Prefect share of the wall",
            f"{100 * (first.wall - plain.wall) / first.wall:.0f}% ({first.wall:.1f} s vs {plain.wall:.1f} s "
            f"without Prefect, {tasks} tasks), mostly the fixed start-up",
        )
        figure(
            "  ephemeral API, past start-up",
            f"work {first.work:.1f} s vs {plain.work:.1f} s without Prefect "
            f"({100 * (first.work - plain.work) / first.work:.0f}%, the API server's start-up tail included)",
        )
        extra_cpu = (first.cpu - startup.cpu) - (plain.cpu - startup_plain.cpu)
        figure(
            "  CPU past start-up",
            f"{first.cpu - startup.cpu:.1f} CPU-s with Prefect vs {plain.cpu - startup_plain.cpu:.1f} without: "
            f"Prefect {extra_cpu:+.1f} CPU-s = {100 * extra_cpu / (first.cpu - startup.cpu):.1f}%",
        )
        rerun = second.work / first.work
        figure(
            "second run, unchanged archive",
            f"{second.wall:.1f} s wall; past the start-up {second.work:.2f} s = {100 * rerun:.1f}% of the first",
            "<= 2%",
            rerun <= 0.02,
        )
        figure(
            "unchanged re-run, report PDFs",
            f"{pdf_again.wall:.2f} s wall in total over {pdf_run.result['pages']} pages "
            f"({pdf_run.result['documents']} PDFs), nothing published: {pdf_again.result['unchanged']}",
            "<= 2 s over 3,000 pages",
            pdf_again.wall <= 2 and pdf_again.result["unchanged"],
        )
        figure(
            "peak RSS, whole process tree",
            f"{first.peak / MIB:.0f} MiB with Prefect, {plain.peak / MIB:.0f} MiB without, "
            f"PDFs alone {pdf_run.peak / MIB:.0f} MiB",
            "<= 1024 MiB",
            first.peak <= 1024 * MIB,
        )
        if served:
            ready, s_empty, s_first = served
            share = (s_first.work - plain.work) / s_first.work
            figure(
                "running Prefect server",
                f"ready in {ready:.0f} s; start-up {s_empty.wall:.1f} s; first run {s_first.wall:.1f} s",
            )
            figure(
                "  Prefect past the start-up",
                f"{100 * share:.1f}% (work {s_first.work:.1f} s vs {plain.work:.1f} s without Prefect)",
                "<= 5%",
                share <= 0.05,
            )
        if args.scale:
            small = base / "archive-small"
            if not small.exists():
                build_archive(small, max(1, args.n // 10))
            run_small = bidrag_run(small, fresh("out-small"), env, "--no-cache", *w)
            flat = first.peak <= 1.15 * run_small.peak
            figure(
                "peak RSS at N/10 vs N", f"{run_small.peak / MIB:.0f} MiB vs {first.peak / MIB:.0f} MiB", "flat", flat
            )
    finally:
        if not args.keep and args.dir is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
