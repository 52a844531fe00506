"""Sources done right, on loopback servers only: where a fetch may go, how long and how much, Retry-After,
broken feeds, state written in batches."""

from __future__ import annotations

import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest

from pipeline.sources import fetch as src
from pipeline.sources import ingest
from pipeline.sources.config import Config

TEXT = "Region Uppsala får 12 miljoner kronor i statsbidrag för 2024.".encode()


class Server:
    """A loopback HTTP server whose answers a test sets per path: (status, headers, body or a callable)."""

    def __init__(self) -> None:
        self.routes: dict[str, object] = {}
        self.hits: dict[str, list[float]] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                server.hits.setdefault(self.path, []).append(time.monotonic())
                route = server.routes.get(self.path, (404, {}, b"not found"))
                if callable(route):
                    route = route(len(server.hits[self.path]))
                if route == "drip":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.end_headers()
                    for _ in range(400):  # 120 s: far past the deadline however loaded the machine
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(0.3)
                    return
                status, headers, body = route
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


def fetcher(**settings) -> src.Fetcher:
    # a loopback answer takes milliseconds; the read timeout is far above what a loaded machine adds to it
    return src.Fetcher(src.HttpSettings(**{"min_interval": 0, "backoff": 0.01, "timeout": 20, **settings}))


def test_a_redirect_to_another_host_is_refused_unless_allowed(server):
    server.routes["/flytt"] = (302, {"Location": server.url("/beslut.txt", host="localhost")}, b"")
    server.routes["/beslut.txt"] = (200, {}, TEXT)
    with pytest.raises(src.FetchError, match="redirected to .*another host"):
        fetcher().get(server.url("/flytt"))
    status, body, _ = fetcher(allow_hosts=["localhost"]).get(server.url("/flytt"))
    assert (status, body) == (200, TEXT)
    # a redirect on the same host is followed
    server.routes["/samma"] = (301, {"Location": "/beslut.txt"}, b"")
    assert fetcher().get(server.url("/samma"))[1] == TEXT


@pytest.mark.parametrize(
    "target", ["http://localhost:9/x.txt", "http://10.0.0.1/x.txt", "http://169.254.169.254/latest/meta-data"]
)
def test_a_feed_item_never_reaches_a_private_address(server, tmp_path, target):
    """Refused before any connection: no traffic leaves for the address."""
    feed = f'<rss version="2.0"><channel><item><link>{target}</link></item></channel></rss>'.encode()
    server.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, feed)
    state = src.State(tmp_path / "state")
    report = src.fetch_source(src.Source("beslut", "feed", url=server.url("/feed.xml")), state, fetcher())
    assert list(report.failed) == [target]
    assert "private, loopback or link-local" in report.failed[target]
    assert report.new == []


@pytest.mark.parametrize("form", ["seconds", "http-date"])
def test_retry_after_is_honoured(server, form):
    def answer(n):
        if n == 1:
            after = "1" if form == "seconds" else formatdate(time.time() + 2, usegmt=True)
            return (429, {"Retry-After": after}, b"slow down")
        return (200, {}, TEXT)

    server.routes["/beslut.txt"] = answer
    status, body, _ = fetcher(retries=2).get(server.url("/beslut.txt"))
    first, second = server.hits["/beslut.txt"]
    assert (status, body) == (200, TEXT)
    assert second - first >= 0.9  # not the 0.01 s backoff


def test_retry_after_is_capped(server):
    server.routes["/beslut.txt"] = lambda n: (503, {"Retry-After": "3600"}, b"") if n == 1 else (200, {}, TEXT)
    t0 = time.monotonic()
    fetcher(retries=1, max_retry_after=0.5).get(server.url("/beslut.txt"))
    assert time.monotonic() - t0 < 600  # an hour asked, half a second waited: the bound lies far from both


def test_a_response_over_the_size_cap_fails(server):
    server.routes["/stor.txt"] = (200, {}, b"x" * 3_000_000)
    with pytest.raises(src.FetchError, match="over the cap of 1 MB"):
        fetcher(max_mb=1).get(server.url("/stor.txt"))


def test_a_dripping_server_meets_the_deadline(server):
    server.routes["/droppar.txt"] = "drip"
    t0 = time.monotonic()
    with pytest.raises(src.FetchError, match="deadline"):
        fetcher(deadline=1.5, retries=0).get(server.url("/droppar.txt"))
    # one byte every 0.3 s holds a per-read timeout for the drip's 120 s; the deadline ends it after 1.5 s
    assert time.monotonic() - t0 < 60


@pytest.mark.parametrize("body", [b"", b"   \n  ", b"\x00\x01garbage\xff", b"<rss><channel><item>"])
def test_a_broken_feed_fails_its_source_and_the_others_go_on(server, tmp_path, body):
    server.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, body)
    inbox = tmp_path / "inkorg"
    inbox.mkdir()
    (inbox / "beslut.txt").write_bytes(TEXT)
    config = Config(
        [src.Source("trasig", "feed", url=server.url("/feed.xml")), src.Source("inkorg", "folder", path=str(inbox))],
        src.HttpSettings(min_interval=0, backoff=0.01, retries=0),
    )
    fetched = ingest.fetch_all(config, tmp_path / "out")
    assert len(fetched.items) == 1 and fetched.new == 1
    failures = fetched.failed
    assert list(failures) in ([], [server.url("/feed.xml")])  # an empty RSS of one open item is simply empty
    if body.strip() in (b"", b"\x00\x01garbage\xff"):
        assert server.url("/feed.xml") in failures


def test_state_is_written_in_batches(tmp_path, monkeypatch):
    inbox = tmp_path / "inkorg"
    inbox.mkdir()
    for i in range(450):
        (inbox / f"beslut-{i:03d}.txt").write_bytes(TEXT + str(i).encode())
    saves = []
    original = src.State.save
    monkeypatch.setattr(src.State, "save", lambda self: (saves.append(1), original(self)))
    state = src.State(tmp_path / "state")
    report = src.fetch_source(src.Source("inkorg", "folder", path=str(inbox)), state, None)
    assert len(report.new) == 450
    assert len(saves) <= 5  # every 200 documents and once at the end, not 450 times
    assert len(src.State(tmp_path / "state").entries) == 450  # and nothing is lost


def test_a_symlink_out_of_a_folder_source_is_not_read(tmp_path):
    inbox = tmp_path / "inkorg"
    inbox.mkdir()
    (inbox / "beslut.txt").write_bytes(TEXT)
    secret = tmp_path / "hemligt.txt"
    secret.write_text("lösenord", encoding="utf-8")
    (inbox / "lank.txt").symlink_to(secret)
    report = src.fetch_source(src.Source("inkorg", "folder", path=str(inbox)), src.State(tmp_path / "s"), None)
    assert len(report.new) == 1
    assert [Path(u).name for u in report.failed] == ["lank.txt"]
    assert "leads out of the source folder" in next(iter(report.failed.values()))


@pytest.mark.parametrize(
    "body,content_type,expected",
    [
        # the server's header is all there is: Latin-1 bytes, no <meta>
        (
            "<p>Region Västernorrland får 3 miljoner kronor.</p>".encode("latin-1"),
            "text/html; charset=ISO-8859-1",
            "ok",
        ),
        # the header outranks a wrong <meta> (without it, cp1252 would read the UTF-8 bytes as "fÃ¥r")
        (
            '<meta charset="windows-1252"><p>Region Västernorrland får 3 miljoner kronor.</p>'.encode(),
            "text/html; charset=utf-8",
            "ok",
        ),
        # a byte-order mark outranks the header
        (
            "\ufeff<p>Region Västernorrland får 3 miljoner kronor.</p>".encode("utf-8"),
            "text/html; charset=latin-1",
            "ok",
        ),
        # plain text in an old Mac encoding, said only by the header (cp1252 would make "Vðsternorrland")
        ("Region Västernorrland får 3 miljoner kronor.".encode("mac_roman"), "text/plain; charset=macintosh", "ok"),
    ],
)
def test_a_charset_from_the_http_header_is_heeded(server, tmp_path, body, content_type, expected):
    from pipeline.run.loop import run_archive  # noqa: F401  (the published rows come through the whole pipeline)

    name = "/sida.html" if "html" in content_type else "/beslut.txt"
    server.routes[name] = (200, {"Content-Type": content_type}, body)
    feed = f"<rss><channel><item><link>{server.url(name)}</link></item></channel></rss>".encode()
    server.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, feed)
    config = Config([src.Source("beslut", "feed", url=server.url("/feed.xml"))], src.HttpSettings(min_interval=0))
    summary = ingest.run_ingest(config, tmp_path / "out")
    docs = pd.read_parquet(tmp_path / "out" / "documents")
    bodies = pd.read_parquet(tmp_path / "out" / "bodies")
    assert summary.published and list(docs.status) == [expected]
    assert "Region Västernorrland" in docs.text[0]
    assert list(bodies.body_id) == ["region:22"]


def test_a_feed_item_on_another_port_of_the_sources_own_host_is_refused(server, tmp_path):
    """The feed is on 127.0.0.1 (its own site may be private); another port there is another service."""
    other = Server()
    try:
        other.routes["/hemligt.txt"] = (200, {}, TEXT)
        server.routes["/beslut.txt"] = (200, {}, TEXT)
        items = [other.url("/hemligt.txt"), server.url("/beslut.txt")]
        links = "".join(f"<item><link>{u}</link></item>" for u in items)
        feed = f'<rss version="2.0"><channel>{links}</channel></rss>'.encode()
        server.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, feed)
        report = src.fetch_source(
            src.Source("beslut", "feed", url=server.url("/feed.xml")), src.State(tmp_path / "s"), fetcher()
        )
        assert list(report.failed) == [other.url("/hemligt.txt")]
        assert "not the source's own (scheme, host and port)" in report.failed[other.url("/hemligt.txt")]
        assert report.new == [server.url("/beslut.txt")]
        assert other.hits == {}  # no request reached the other service
        # a redirect there is refused too
        server.routes["/flytt"] = (302, {"Location": other.url("/hemligt.txt")}, b"")
        with pytest.raises(src.FetchError, match="another host"):
            fetcher().get(server.url("/flytt"))
        assert other.hits == {}
    finally:
        other.close()


@pytest.mark.parametrize(
    ("url", "home", "same"),
    [
        ("http://127.0.0.1:18091/a.txt", "http://127.0.0.1:18091/feed.xml", True),
        ("http://127.0.0.1:18092/a.txt", "http://127.0.0.1:18091/feed.xml", False),
        ("https://127.0.0.1:18091/a.txt", "http://127.0.0.1:18091/feed.xml", False),
        ("http://localhost:18091/a.txt", "http://127.0.0.1:18091/feed.xml", False),
        ("http://www.example.se/a.pdf", "http://www.example.se:80/rss", True),
        ("https://www.example.se/a.pdf", "http://www.example.se/rss", True),  # a site that moved to https
        ("http://www.example.se/a.pdf", "https://www.example.se/rss", False),
        ("https://WWW.Example.se/a.pdf", "https://www.example.se/rss", True),
        ("https://www.example.se:8443/a.pdf", "https://www.example.se/rss", False),
        ("http://www.example.se:bad/a.pdf", "http://www.example.se/rss", False),
    ],
)
def test_the_sources_own_site_is_scheme_host_and_port(url, home, same):
    from pipeline.sources.sites import same_site

    assert same_site(url, home) is same
