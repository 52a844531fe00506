"""Scheduled ingestion: a feed on 127.0.0.1 whose items change between runs, fetched twice through the flow."""

from __future__ import annotations

import hashlib
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

from pipeline.sources import fetch as src
from pipeline.sources.config import ConfigError, load_config


class Site:
    """What the fake publisher serves; tests change it between runs."""

    def __init__(self):
        self.pages: dict[str, bytes] = {}
        self.feed_items: list[str] = []
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()
        self.released = threading.Event()  # the slow page answers only when the test is over

    def feed(self, base: str) -> bytes:
        items = "".join(f"<item><title>{p}</title><link>{base}{p}</link></item>" for p in self.feed_items)
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Beslut</title>{items}</channel></rss>'.encode()


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            with site.lock:
                site.hits[self.path] = site.hits.get(self.path, 0) + 1
            if self.path == "/feed.xml":
                return self._send(200, site.feed(f"http://{self.headers['Host']}"), "application/rss+xml")
            if self.path == "/beslut/trasig.txt":
                return self._send(500, b"internal error", "text/plain")
            if self.path == "/beslut/seg.txt":  # answers long after any timeout: too late however loaded
                site.released.wait(300)
                return self._send(200, b"too late", "text/plain")
            body = site.pages.get(self.path)
            if body is None:
                return self._send(404, b"not found", "text/plain")
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return None
            return self._send(200, body, "text/plain; charset=utf-8", etag)

        def _send(self, code, body, ctype, etag=None):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture()
def server():
    site = Site()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site))
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield site, f"http://127.0.0.1:{httpd.server_address[1]}"
    site.released.set()
    httpd.shutdown()
    httpd.server_close()


def decision(n: int, amount: str) -> bytes:
    return (
        f"Beslut nr {n} om statsbidrag\n\nKammarkollegiet har den 3 maj 2024 beslutat att bevilja "
        f"Region Uppsala {amount} miljoner kronor.\n"
    ).encode()


def write_config(tmp_path: Path, url: str) -> Path:
    cfg = tmp_path / "bidrag.toml"
    cfg.write_text(
        f"""
[[sources]]
name = "beslut"
kind = "feed"
url = "{url}/feed.xml"

[http]
timeout = 5
retries = 1
backoff = 0.1
min_interval = 0
""",
        encoding="utf-8",
    )
    return cfg


def test_config_errors_are_clear(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[sources]]\nname = "x"\nkind = "ftp"\n')
    with pytest.raises(ConfigError, match="kind must be feed, listing or folder"):
        load_config(bad)
    with pytest.raises(ConfigError, match="config not found"):
        load_config(tmp_path / "missing.toml")


def test_feed_and_listing_links():
    rss = b"<rss><channel><item><link>/a.pdf</link></item><item><link>http://x/b.html</link></item></channel></rss>"
    assert src.feed_links(rss, "http://x/feed") == ["http://x/a.pdf", "http://x/b.html"]
    atom = b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" href="/c.docx"/></entry></feed>'
    assert src.feed_links(atom, "http://x/") == ["http://x/c.docx"]
    page = (
        b'<html><body><a href="/d/1.pdf">1</a><a href="om.html#top">om</a><a href="http://other/2.pdf">x</a>'
        b'<a href="/nyheter/">lista</a></body></html>'
    )
    assert src.listing_links(page, "http://x/beslut/") == ["http://x/d/1.pdf", "http://x/beslut/om.html"]


def test_ingest_twice_through_the_flow(server, tmp_path):
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from flows.ingest import ingest_flow

    site, base = server
    site.pages = {
        "/beslut/1.txt": decision(1, "10"),
        "/beslut/2.txt": decision(2, "20"),
        "/beslut/3.txt": decision(3, "30"),
    }
    site.feed_items = ["/beslut/1.txt", "/beslut/2.txt", "/beslut/3.txt", "/beslut/trasig.txt", "/beslut/seg.txt"]
    cfg = write_config(tmp_path, base)
    out = tmp_path / "out"

    first = ingest_flow(config=str(cfg), output=str(out), options={"workers": 1})
    assert first["published"] and first["new"] == 3
    assert set(first["failed"]) == {f"{base}/beslut/trasig.txt", f"{base}/beslut/seg.txt"}
    docs = pd.read_parquet(out / "documents")
    assert sorted(docs.source_uri) == [f"{base}/beslut/{n}.txt" for n in (1, 2, 3)]
    facts = pd.read_parquet(out / "facts")
    assert sorted(facts.amount) == [10e6, 20e6, 30e6]

    # a new decision, a changed one, one removed from the feed; the failing ones still fail
    site.pages["/beslut/4.txt"] = decision(4, "40")
    site.pages["/beslut/3.txt"] = decision(3, "35")
    site.feed_items = ["/beslut/1.txt", "/beslut/3.txt", "/beslut/4.txt", "/beslut/trasig.txt"]
    hits_before = site.hits.get("/beslut/1.txt", 0)
    second = ingest_flow(config=str(cfg), output=str(out), options={"workers": 1})
    assert second["published"] and (second["new"], second["changed"]) == (1, 1)
    assert site.hits["/beslut/1.txt"] == hits_before + 1  # asked once more, answered 304
    docs = pd.read_parquet(out / "documents")
    assert sorted(docs.source_uri) == [f"{base}/beslut/{n}.txt" for n in (1, 2, 3, 4)]  # 2 is kept
    facts = pd.read_parquet(out / "facts")
    assert sorted(facts.amount) == [10e6, 20e6, 35e6, 40e6]
    assert all(pd.read_parquet(out / "documents").status == "ok")

    # nothing new: nothing published, and it says so
    snapshot = os.readlink(out / "documents")
    third = ingest_flow(config=str(cfg), output=str(out), options={"workers": 1})
    assert not third["published"]
    assert any("nothing new" in line for line in third["lines"])
    assert os.readlink(out / "documents") == snapshot


def test_raw_store_keeps_every_original(server, tmp_path):
    site, base = server
    site.pages = {"/beslut/1.txt": decision(1, "10")}
    site.feed_items = ["/beslut/1.txt"]
    cfg = load_config(write_config(tmp_path, base))
    state = src.State(tmp_path / "state")
    fetcher = src.Fetcher(cfg.http)
    src.fetch_source(cfg.sources[0], state, fetcher)
    site.pages["/beslut/1.txt"] = decision(1, "11")
    src.fetch_source(cfg.sources[0], state, fetcher)
    fetcher.close()
    files = [p for p in (tmp_path / "state" / "raw").rglob("*") if p.is_file()]
    stored = sorted(p.name for p in files if not p.name.endswith(src.CHARSET_SUFFIX))
    assert stored == sorted(hashlib.sha256(decision(1, a)).hexdigest() for a in ("10", "11"))
    # beside each original, the charset its server declared
    assert {p.read_text() for p in files if p.name.endswith(src.CHARSET_SUFFIX)} == {"utf-8"}
    # a fresh State reads what the last one saved
    again = src.State(tmp_path / "state")
    assert again.entries[f"{base}/beslut/1.txt"]["sha256"] == hashlib.sha256(decision(1, "11")).hexdigest()


def test_a_run_killed_after_fetching_is_picked_up_next_time(server, tmp_path):
    """Fetched but never published (the process died): the next run publishes what was missed."""
    import signal
    import subprocess
    import sys
    import textwrap

    from flows.ingest import ingest_flow

    site, base = server
    site.pages = {"/beslut/1.txt": decision(1, "10"), "/beslut/2.txt": decision(2, "20")}
    site.feed_items = ["/beslut/1.txt", "/beslut/2.txt"]
    cfg = write_config(tmp_path, base)
    out = tmp_path / "out"
    root = Path(__file__).resolve().parent.parent
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(root)!r})
        from pathlib import Path
        from pipeline.sources import ingest
        from pipeline.sources.config import load_config
        ingest.fetch_all(load_config(Path({str(cfg)!r})), Path({str(out)!r}))
        print("fetched", flush=True)
        time.sleep(60)  # killed here, before extraction and publishing
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "fetched"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (out / "documents").exists()
    result = ingest_flow(config=str(cfg), output=str(out), options={"workers": 1})
    assert result["published"] and result["new"] == 0  # nothing new on the wire, but not yet published
    assert sorted(pd.read_parquet(out / "facts").amount) == [10e6, 20e6]
