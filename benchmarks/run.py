"""Throughput and memory of bidrag on a synthetic archive; prints the figures issue 8 asks for.

    .venv/bin/python benchmarks/run.py [--n 1000] [--workers 2] [--dir /tmp/bidrag-bench] [--keep]

Builds N documents from tests/fixtures/builders.py (two-column report PDFs
with footnotes, DOCX and PDF memos, HTML news with boilerplate, text decision
lists), then measures, each in a fresh process:

* the fixed start-up: the archive flow over an empty folder;
* the first run: documents/s and pages/s end to end, peak RSS (the whole
  process tree, sampled from /proc);
* the same run without Prefect, for Prefect's share of the wall time;
* a second run over the unchanged archive (cache), as a share of the first
  beyond the start-up;
* the text stage (bidrag's PDF reading and normalization) in pages/s next to
  raw pypdfium2 text extraction of the same PDFs, and pdfplumber on a few;
* extraction (amounts, bodies, dates, facts) in MB/s of text on one core;
* with --scale, peak RSS at N/10 too (flat as N grows).
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


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
            data, _ = b.report_pdf(pages=r.randint(3, 8), rng=r, year=year)
            name, kind = f"rapporter/rapport-{i:05d}.pdf", "report"
        elif k < 0.5:
            data, _ = b.memo_docx(region=r.choice(b.REGIONS), year=year, applied=r.randint(5, 900) * 100_000,
                                  budget=r.randint(1, 30) * 50_000_000)
            name, kind = f"beslut/ts-{i:05d}.docx", "memo_docx"
        elif k < 0.65:
            data, _ = b.memo_pdf(region=r.choice(b.REGIONS), year=year, applied=r.randint(5, 900) * 100_000,
                                 budget=r.randint(1, 30) * 50_000_000)
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


class RssSampler:
    """Peak resident memory of a process and all its descendants, from /proc."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval, self.peak = pid, interval, 0
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


def timed_run(args: list[str], env: dict) -> tuple[float, int, str]:
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = RssSampler(proc.pid)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    peak = sampler.stop()
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({' '.join(args)}):\n{err[-2000:]}")
    return wall, peak, out


def text_stage(pdfs: list[Path]) -> dict:
    import pypdfium2 as pdfium

    from pipeline.document import read_text

    pages = 0
    t0 = time.perf_counter()
    for p in pdfs:
        doc = pdfium.PdfDocument(str(p))
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
            pages += 1
        doc.close()
    raw = time.perf_counter() - t0
    t0 = time.perf_counter()
    for p in pdfs:
        read_text(p.read_bytes(), p.name)
    ours = time.perf_counter() - t0
    return {"pages": pages, "raw_s": raw, "ours_s": ours}


def pdfplumber_pages(pdfs: list[Path]) -> tuple[int, float]:
    import pdfplumber

    pages = 0
    t0 = time.perf_counter()
    for p in pdfs:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return pages, time.perf_counter() - t0


def extraction_rate(root: Path, limit_bytes: int = 3_000_000) -> tuple[float, float]:
    from pipeline.document import read_text
    from pipeline.extract import extract

    texts = []
    size = 0
    for p in sorted(root.rglob("*")):
        if p.is_file():
            t = read_text(p.read_bytes(), p.name)["norm"]
            texts.append(t)
            size += len(t.text.encode("utf-8"))
            if size > limit_bytes:
                break
    extract("warm", texts[0].text, texts[0].page_of, None)
    t0 = time.perf_counter()
    for t in texts:
        extract("x", t.text, t.page_of, None)
    dt = time.perf_counter() - t0
    return size / dt / 1e6, size / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--dir", type=Path, default=None)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--scale", action="store_true", help="also measure peak RSS at N/10")
    args = ap.parse_args()
    base = args.dir or Path(tempfile.mkdtemp(prefix="bidrag-bench-"))
    env = dict(os.environ, PREFECT_HOME=str(base / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    try:
        archive = base / "archive"
        if not archive.exists():
            t0 = time.perf_counter()
            kinds = build_archive(archive, args.n)
            print(f"built {args.n} documents in {time.perf_counter() - t0:.0f} s: {kinds}")
        files = [p for p in archive.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        pdfs = sorted(p for p in files if p.suffix == ".pdf")
        print(f"archive: {len(files)} files, {size / 1e6:.1f} MB, {len(pdfs)} PDFs")

        empty = base / "empty"
        empty.mkdir(exist_ok=True)
        w = ["--workers", str(args.workers)]
        startup, _, _ = timed_run(["run", str(empty), "--output", str(base / "o-empty"), *w], env)
        startup_plain, _, _ = timed_run(["run", str(empty), "--output", str(base / "o-empty2"), "--no-prefect", *w], env)
        out = base / "out"
        shutil.rmtree(out, ignore_errors=True)
        first, peak, _ = timed_run(["run", str(archive), "--output", str(out), *w], env)
        second, _, _ = timed_run(["run", str(archive), "--output", str(out), *w], env)
        plain_out = base / "out-plain"
        shutil.rmtree(plain_out, ignore_errors=True)
        plain, _, _ = timed_run(["run", str(archive), "--output", str(plain_out), "--no-prefect", "--no-cache", *w], env)

        import pandas as pd

        docs = pd.read_parquet(out / "documents", columns=["n_pages", "status", "text"])
        pages = int(docs.n_pages.fillna(0).sum())
        text_mb = docs.text.str.len().sum() / 1e6

        ts = text_stage(pdfs)
        plumber_pdfs = pdfs[:10]
        pl_pages, pl_s = pdfplumber_pages(plumber_pdfs)
        ex_rate, ex_mb = extraction_rate(archive)

        work = first - startup
        print()
        print(f"documents                {len(docs)} ({dict(docs.status.value_counts())}), {pages} PDF pages, "
              f"{text_mb:.1f} MB of text")
        print(f"workers                  {args.workers}")
        print(f"fixed start-up           {startup:.1f} s (archive flow over an empty folder; without Prefect "
              f"{startup_plain:.1f} s)")
        print(f"first run                {first:.1f} s wall: {len(docs) / first:.1f} docs/s, {pages / first:.1f} pages/s "
              f"end to end; beyond start-up {len(docs) / work:.1f} docs/s, {pages / work:.1f} pages/s "
              f"({pages / work / args.workers:.1f} pages/s per core)")
        print(f"peak RSS                 {peak / 2**20:.0f} MiB (whole process tree)")
        prefect_share = ((first - startup) - (plain - startup_plain)) / first
        print(f"Prefect share of wall    {100 * prefect_share:.1f}% (flow {first:.1f} s vs plain {plain:.1f} s; "
              f"start-ups {startup:.1f} / {startup_plain:.1f} s)")
        print(f"second run (cached)      {second:.1f} s = {100 * (second - startup) / work:.1f}% of the first "
              f"beyond start-up")
        print(f"text stage               bidrag {ts['pages'] / ts['ours_s']:.0f} pages/s vs raw pypdfium2 "
              f"{ts['pages'] / ts['raw_s']:.0f} pages/s on the same {ts['pages']} pages: "
              f"{ts['ours_s'] / ts['raw_s']:.2f}x")
        print(f"pdfplumber               {pl_pages / pl_s:.1f} pages/s on {pl_pages} pages "
              f"({(pl_pages / pl_s) / (ts['pages'] / ts['raw_s']):.3f}x pypdfium2)")
        print(f"extraction               {ex_rate:.2f} MB/s of text on one core ({ex_mb:.1f} MB)")
        if args.scale:
            small = base / "archive-small"
            if not small.exists():
                build_archive(small, max(1, args.n // 10))
            shutil.rmtree(base / "out-small", ignore_errors=True)
            _, peak_small, _ = timed_run(["run", str(small), "--output", str(base / "out-small"), *w], env)
            print(f"peak RSS at N/10         {peak_small / 2**20:.0f} MiB vs {peak / 2**20:.0f} MiB at N")
    finally:
        if not args.keep and args.dir is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
