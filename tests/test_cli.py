"""The command line as a user meets it: versions, help, one-line errors with exit 2, plain runs without Prefect."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from flows.cli import main, parser
from tests.fixtures.cli import run_bidrag
from tests.fixtures.prefect_server import silent_port


def bidrag(*args: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    return run_bidrag(*args, env={**os.environ, **(env or {})}, cap=timeout)


def test_version_names_the_package_and_the_pipeline(capsys):
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("bidrag 0.1.0 (pipeline 0.1.0+")


def test_every_option_of_every_command_has_help():
    p = parser()
    sub = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction))
    missing = [
        f"{name} {'/'.join(action.option_strings) or action.dest}"
        for name, sp in sub.choices.items()
        for action in sp._actions
        if not isinstance(action, argparse._HelpAction) and not (action.help or "").strip()
    ]
    assert missing == []
    assert set(sub.choices) == {
        "run",
        "eval",
        "ingest",
        "serve",
        "snapshots",
        "rollback",
        "export",
        "report",
        "review",
        "blocks",
        "server",
    }


def _config(tmp_path: Path, text: str | bytes, name: str = "bidrag.toml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


FOLDER_SOURCE = '[[sources]]\nname = "inkorg"\nkind = "folder"\npath = "inbox"\n'
BAD_CONFIGS = [
    ("missing", None, "config not found"),
    ("a folder", "FOLDER", "config is a folder"),
    ("cp1252", "[[sources]]\nname = 'Göteborg'\nkind = 'folder'\npath = 'inbox'\n".encode("cp1252"), "not UTF-8"),
    ("not TOML", "[[sources]\n", "not valid TOML"),
    ("unknown [http] setting", FOLDER_SOURCE + "[http]\ntimout = 3\n", "unknown setting 'timout'"),
    ("unknown top-level table", FOLDER_SOURCE + "[shedule]\ncron = '0 * * * *'\n", "unknown setting 'shedule'"),
    ("unknown source setting", FOLDER_SOURCE.replace('path = "inbox"', 'path = "inbox"\nurl2 = "x"'), "'url2'"),
    ("wrong type", FOLDER_SOURCE + "[http]\nretries = 'tre'\n", "retries must be a non-negative int"),
    ("no sources", "[http]\ntimeout = 3\n", "no [[sources]]"),
    ("unknown kind", FOLDER_SOURCE.replace("folder", "ftp"), "kind must be feed, listing or folder"),
]


@pytest.mark.parametrize("what,content,message", BAD_CONFIGS, ids=[c[0] for c in BAD_CONFIGS])
@pytest.mark.parametrize("command", ["ingest", "serve"])
def test_a_bad_config_is_one_line_and_exit_2(tmp_path, capsys, what, content, message, command):
    if content is None:
        path = tmp_path / "absent.toml"
    elif content == "FOLDER":
        path = tmp_path / "conf.toml"
        path.mkdir()
    else:
        path = _config(tmp_path, content)
    code = main([command, "--config", str(path), "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("bidrag: error: ") and message in err, err


@pytest.mark.parametrize(
    "args,message",
    [
        (["run", "--batch-size", "0"], "must be at least 1"),
        (["run", "--batch-size", "-3"], "must be at least 1"),
        (["run", "--workers", "two"], "is not a whole number"),
        (["run", "/no/such/archive"], "archive not found"),
    ],
)
def test_a_bad_argument_is_one_line_and_exit_2(tmp_path, args, message):
    proc = bidrag(*args, "--output", str(tmp_path / "out"), "--no-prefect")
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_serve_rejects_a_bad_cron_in_one_line(tmp_path):
    cfg = _config(tmp_path, FOLDER_SOURCE)
    proc = bidrag("serve", "--config", str(cfg), "--output", str(tmp_path / "out"), "--cron", "not a cron")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0, proc.stderr
    assert "not a valid cron schedule: 'not a cron'" in proc.stderr


def test_serve_says_at_once_when_its_prefect_api_does_not_answer(tmp_path):
    cfg = _config(tmp_path, FOLDER_SOURCE)
    with silent_port() as port:  # a port on loopback with nothing listening
        proc = bidrag(
            "serve",
            "--config",
            str(cfg),
            "--output",
            str(tmp_path / "out"),
            env={"PREFECT_API_URL": f"http://127.0.0.1:{port}/api"},
        )
    assert proc.returncode == 2
    # said by serve's own check before Prefect's client is asked (whose retries would end in a traceback)
    assert f"the Prefect API at http://127.0.0.1:{port}/api does not answer" in proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr


def test_ingest_without_prefect_publishes_a_folder_source(tmp_path, sample_archive):
    root, _ = sample_archive
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for p in sorted(root.rglob("*.txt")) + sorted(root.rglob("*.docx")):
        (inbox / p.name).write_bytes(p.read_bytes())
    cfg = _config(tmp_path, FOLDER_SOURCE)
    out = tmp_path / "out"
    first = bidrag("ingest", "--config", str(cfg), "--output", str(out), "--no-prefect", "--json")
    assert first.returncode == 0, first.stderr
    result = json.loads(first.stdout)
    assert result["published"] and result["new"] == 2
    docs = pd.read_parquet(out / "documents")
    assert sorted(docs.status) == ["ok", "ok"]
    assert len(pd.read_parquet(out / "facts")) > 0
    again = json.loads(bidrag("ingest", "--config", str(cfg), "--output", str(out), "--no-prefect", "--json").stdout)
    assert not again["published"] and "nothing new" in again["lines"][-1]


def test_an_unchanged_archive_is_decided_before_prefect_starts(tmp_path, sample_archive):
    """The second run says nothing changed, in about a second, without starting Prefect's API."""
    root, _ = sample_archive
    out = tmp_path / "out"
    assert bidrag("run", str(root), "--output", str(out), "--no-prefect").returncode == 0
    proc = bidrag("run", str(root), "--output", str(out), env={"PREFECT_HOME": str(tmp_path / "no-prefect-home")})
    assert proc.returncode == 0
    assert "nothing changed since the last publish" in proc.stdout
    # Prefect never started (it would have made its home); no wall-clock bound, which a loaded machine crosses
    assert not (tmp_path / "no-prefect-home").exists()


def test_an_unreadable_file_is_a_failed_row_and_the_run_goes_on(tmp_path, sample_archive):
    from pipeline.run.files import archive_items
    from pipeline.run.loop import run_archive
    from pipeline.run.parts import Part, process_part

    root, _ = sample_archive
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "beslut.txt").write_bytes(next(root.rglob("*.txt")).read_bytes())
    (archive / "borta.pdf").symlink_to("saknas.pdf")  # inside the archive, dangling: listed, then unreadable
    summary = run_archive(archive, tmp_path / "out", use_cache=False)
    docs = pd.read_parquet(tmp_path / "out" / "documents").set_index("source_uri")
    assert summary.by_status == {"ok": 1, "failed": 1}
    assert docs.loc["borta.pdf", "status"] == "failed" and docs.loc["borta.pdf", "media_type"] == "application/pdf"
    assert "cannot read file" in docs.loc["borta.pdf", "error"]
    # a folder named like a PDF, handed to a worker, is a failed row too (was no_text, text/plain)
    (archive / "x.pdf").mkdir()
    [res] = process_part(Part(0, archive_items([archive / "x.pdf"], archive)), None).results
    assert (res.status, res.document.media_type) == ("failed", "application/pdf")


def test_blocks_prints_a_files_structure_as_json(tmp_path, capsys):
    from tests.fixtures.formats import RENDERINGS

    name, build = RENDERINGS["docx"]
    path = tmp_path / name
    path.write_bytes(build())
    assert main(["blocks", str(path), "--json"]) == 0
    blocks = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [b["kind"] for b in blocks][:3] == ["heading", "paragraph", "paragraph"]
    table = next(b for b in blocks if b["kind"] == "table")
    assert table["header_rows"] == [["Region", "Sökt", "Beviljat"]]
    assert table["rows"][0] == ["Region Västmanland", "9 000 000", "7 500 000"]


def test_blocks_of_a_missing_or_unreadable_file_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["blocks", str(tmp_path / "saknas.pdf")]) == 2
    bad = tmp_path / "trasig.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    assert main(["blocks", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "saknas.pdf" in err[0] and "trasig.pdf" in err[1]
