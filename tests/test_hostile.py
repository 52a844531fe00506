"""A hostile corpus, scaled down for CI: every file gets a row, the good files' rows are those of a clean run,
and the whole run stays under 1 GiB."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd

from benchmarks.compare_outputs import table_rows
from benchmarks.mixed import RssSampler
from tests.conftest import ROOT
from tests.fixtures import builders
from tests.fixtures.patience import patience

GIB = 1 << 30
MONEY_LINE = "Region Uppsala har sökt 12 miljoner kronor (beviljat 5 mnkr) för 2024 och "


def zip_bomb_docx(unpacked_mb: int) -> bytes:
    """A real DOCX whose document.xml unpacks to `unpacked_mb` MB of white space (a few hundred KB packed)."""
    data, _ = builders.memo_docx()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename != "word/document.xml":
                zout.writestr(item, zin.read(item.filename))
                continue
            xml = zin.read(item.filename)
            head, tail = xml.split(b"<w:body>", 1)
            with zout.open("word/document.xml", "w") as fh:
                fh.write(head + b"<w:body>")
                for _ in range(unpacked_mb):
                    fh.write(b" " * 1_000_000)
                fh.write(tail)
    return out.getvalue()


def entity_bomb_docx() -> bytes:
    data, _ = builders.memo_docx()
    out = io.BytesIO()
    lol = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 9))
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename == "word/document.xml":
                content = content.replace(b"?>", f"?><!DOCTYPE w:document [{lol}]>".encode(), 1)
                content = content.replace(b"<w:t>", b"<w:t>&l8;", 1)
            zout.writestr(item, content)
    return out.getvalue()


def hostile_files(root: Path) -> dict[str, str]:
    """Builds the files; returns name → the status its row must have."""
    pdf, _ = builders.report_pdf(pages=2)
    expect = {
        "bomb.docx": "failed",
        "entiteter.docx": "failed",  # libxml2 refuses the amplification: a row saying so, no 10^8 "lol"s
        "trasig.pdf": "failed",
        "avkortad.pdf": "failed",
        "korrupt.docx": "failed",
        "gammal.doc": "failed",
        "bild.jpg": "failed",
        "en-rad.txt": "ok",
        "djup.html": "ok",
        "utf16.txt": "ok",
        "404.pdf": "ok",
        "tom.txt": "no_text",
        "ror.txt": "failed",
        "lank.txt": "failed",
        os.fsdecode(b"r\xe5d.txt"): "ok",
    }
    (root / "bomb.docx").write_bytes(zip_bomb_docx(160))
    (root / "entiteter.docx").write_bytes(entity_bomb_docx())
    (root / "trasig.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(2000))
    (root / "avkortad.pdf").write_bytes(pdf[: len(pdf) // 3])
    (root / "korrupt.docx").write_bytes(b"PK\x03\x04" + os.urandom(500))
    (root / "gammal.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (root / "bild.jpg").write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(300))
    (root / "en-rad.txt").write_text(MONEY_LINE * (5_000_000 // len(MONEY_LINE)), encoding="utf-8")
    deep = "<div>" * 3000 + "<p>Region Dalarna får 4 miljoner kronor.</p>" + "</div>" * 3000
    (root / "djup.html").write_text(f"<html><body>{deep}</body></html>", encoding="utf-8")
    (root / "utf16.txt").write_bytes("Region Västernorrland får 3 miljoner kronor i bidrag.".encode("utf-16"))
    (root / "404.pdf").write_bytes(b"<!DOCTYPE html><html><body><h1>404 Sidan finns inte</h1></body></html>")
    (root / "tom.txt").write_bytes(b"")
    os.mkfifo(root / "ror.txt")
    (root / "lank.txt").symlink_to("/etc/passwd")
    (root / os.fsdecode(b"r\xe5d.txt")).write_bytes("Region Kalmar får 2 miljoner kronor i bidrag.".encode())
    return expect


def run(archive: Path, output: Path) -> int:
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", str(archive), "-o", str(output), "--no-prefect", "--workers", "2"]
        # the per-document wall-clock limit is not what this corpus tries (its bombs meet the size caps): a
        # loaded machine must not turn the 5 MB line into a `failed` row
        + ["--max-seconds", f"{patience(3600):g}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    sampler = RssSampler(proc.pid)
    _, err = proc.communicate(timeout=patience(3600))  # ≈ 30 s quiet; the cap only bounds a hang
    peak = sampler.stop()
    assert proc.returncode == 0, err
    return peak


def test_hostile_corpus(tmp_path, sample_archive):
    good, _ = sample_archive
    clean_out, out = tmp_path / "clean", tmp_path / "out"
    run(good, clean_out)
    archive = tmp_path / "archive"
    (archive / "bra").mkdir(parents=True)
    for p in good.rglob("*"):
        if p.is_file():
            (archive / "bra" / p.name).write_bytes(p.read_bytes())
    expect = hostile_files(archive)
    peak = run(archive, out)
    docs = pd.read_parquet(out / "documents").set_index("source_uri")
    bad = {name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"): s for name, s in expect.items()}
    assert sorted(docs.index) == sorted([f"bra/{p.name}" for p in good.rglob("*") if p.is_file()] + list(bad))
    assert {uri: docs.loc[uri, "status"] for uri in bad} == bad, docs.loc[list(bad), ["status", "error"]]
    assert "unpacks to" in docs.loc["bomb.docx", "error"]
    assert "entity amplification" in docs.loc["entiteter.docx", "error"]
    assert "leads out of the archive" in docs.loc["lank.txt", "error"]
    assert "named pipe" in docs.loc["ror.txt", "error"]
    assert "Region Dalarna får 4 miljoner kronor" in docs.loc["djup.html", "text"]
    assert docs.loc["404.pdf", "media_type"] == "text/html"
    assert docs.loc["en-rad.txt", "error"].startswith("text truncated at")  # ok, cut at the characters cap
    # the good files' rows are exactly those of a clean run
    good_ids = set(pd.read_parquet(clean_out / "documents").doc_id)
    for table in ("amounts", "bodies", "dates", "facts", "checks"):
        clean = table_rows(clean_out, table)
        mixed = [r for r in table_rows(out, table) or [] if dict(r)["doc_id"].strip("'") in good_ids]
        assert mixed == clean, table
    print(f"hostile corpus: peak RSS of the run's processes {peak / 2**20:.0f} MiB")
    assert peak < GIB, f"peak RSS of the run's processes {peak / 2**20:.0f} MiB"


def test_an_entity_reference_does_not_cut_off_its_docx_paragraph():
    from pipeline.read.document import process_bytes

    data, _ = builders.memo_docx()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename == "word/document.xml":
                content = content.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY enhet "kronor">]>', 1)
                first_text = content.index(b"<w:t")
                start = content.index(b">", first_text) + 1
                content = content[:start] + b"Bidraget &enhet; beviljas Region Uppsala. " + content[start:]
            zout.writestr(item, content)
    res = process_bytes(out.getvalue(), "memo.docx")
    assert res.status == "ok"
    assert (
        "Bidraget beviljas Region Uppsala. Tjänsteskrivelse" in res.document.text
    )  # the reference goes, the rest stays
    assert "region:03" in {b.body_id for b in res.tables["bodies"]}
