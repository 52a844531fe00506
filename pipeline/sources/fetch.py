"""Where new decisions appear, and fetching them politely, incrementally and without loss.

The sources and the HTTP settings come from the config (`pipeline.sources.config`).

Every original fetched is kept in a content-addressed raw store
(`<state>/raw/<sha256[:2]>/<sha256>`), written before the state that points
at it, so a crash never loses a fetched file and never leaves the state
pointing at nothing. The state (`<state>/state.json`, replaced atomically
after each document) remembers each URL's ETag, Last-Modified and content
hash: an unchanged document is not downloaded again (304) and not extracted
again (same hash); a failed one is tried again on the next run.
"""

from __future__ import annotations

import codecs
import hashlib
import ipaddress
import json
import os
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlparse

from pipeline.read.formats import document_suffixes
from pipeline.sources.config import HttpSettings, Source

CHARSET_SUFFIX = ".charset"  # beside a raw file: the charset its server declared


def declared_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header (`text/html; charset=ISO-8859-1`), if it names a known one."""
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            name = value.strip().strip("\"'")
            try:
                codecs.lookup(name)
            except LookupError:
                return None
            return name
    return None


# ------------------------------------------------------------------ state and raw store


class State:
    """What has been fetched: url → {sha256, etag, last_modified, source, fetched_at, error}."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.raw = self.root / "raw"
        self.raw.mkdir(parents=True, exist_ok=True)
        self.file = self.root / "state.json"
        self.entries: dict[str, dict] = {}
        if self.file.exists():
            self.entries = json.loads(self.file.read_text(encoding="utf-8"))["documents"]

    def raw_path(self, sha: str) -> Path:
        return self.raw / sha[:2] / sha

    def store(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        p = self.raw_path(sha)
        if not p.exists():
            p.parent.mkdir(parents=True, exist_ok=True)
            tmp = p.with_suffix(f".tmp{os.getpid()}")
            tmp.write_bytes(data)
            os.replace(tmp, p)
        return sha

    # the state is written every so many documents or seconds, and at the end of each source: rewriting it
    # after every document made a large feed cost the square of its length (61 ms a save at 5,000 entries)
    SAVE_EVERY = 200
    SAVE_SECONDS = 10.0

    def declare_charset(self, sha: str, charset: str) -> None:
        """The charset a server declared for these bytes, kept beside them: it outranks a page's own <meta>."""
        Path(f"{self.raw_path(sha)}{CHARSET_SUFFIX}").write_text(charset, encoding="ascii")

    def save_soon(self) -> None:
        """Save when enough has changed; a crash loses at most that much state, never a raw file."""
        self._unsaved = getattr(self, "_unsaved", 0) + 1
        if self._unsaved >= self.SAVE_EVERY or time.monotonic() - getattr(self, "_saved_at", 0.0) > self.SAVE_SECONDS:
            self.save()

    def save(self) -> None:
        self._unsaved = 0
        self._saved_at = time.monotonic()
        tmp = self.file.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps({"documents": self.entries}, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.file)

    def current(self) -> list[tuple[str, str]]:
        """(raw path, url) of every document fetched at least once, in URL order."""
        return [(str(self.raw_path(e["sha256"])), url) for url, e in sorted(self.entries.items()) if e.get("sha256")]


# ------------------------------------------------------------------ HTTP


def _is_private(host: str) -> bool:
    """Whether a host name resolves to a loopback, link-local, private or otherwise non-public address."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False  # it will not connect either; the request says why
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not ip.is_global or ip.is_multicast:  # loopback, link-local, private, reserved, unspecified
            return True
    return False


def _retry_after(value: str | None, cap: float) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date, at most `cap`."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max(0.0, (when - datetime.now(UTC)).total_seconds()), cap)


class Fetcher:
    """HTTP GET with timeouts, a deadline and a size cap, retries that honour Retry-After, conditional requests,
    a per-host pace, and rules for where it may go.

    Redirects are followed by hand, and only to the source's own host or the config's `allow_hosts`;
    no request goes to a loopback, link-local or private address unless the source's own URL is on one
    (a feed item or a redirect must not reach the machine's or the office network's services).
    """

    MAX_REDIRECTS = 5

    def __init__(self, settings: HttpSettings) -> None:
        import httpx

        self.s = settings
        self.client = httpx.Client(
            timeout=settings.timeout, follow_redirects=False, headers={"User-Agent": settings.user_agent}
        )
        self._last: dict[str, float] = {}

    def _pace(self, url: str) -> None:
        host = urlparse(url).netloc
        wait = self._last.get(host, 0) + self.s.min_interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()

    def _check_target(self, url: str, home: str | None) -> None:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise FetchError(f"{url}: not an http(s) URL")
        trusted = {urlparse(home).hostname if home else None, *self.s.allow_hosts}
        if parsed.hostname not in trusted and _is_private(parsed.hostname):
            raise FetchError(f"{url}: refused, {parsed.hostname} is a private, loopback or link-local address")

    def _download(self, url: str, headers: dict) -> tuple[int, bytes | None, Mapping[str, str]]:
        """One request, streamed: at most `max_mb` and `deadline` seconds in all, whatever the per-read timeout."""
        limit = int(self.s.max_mb * 1_000_000)
        started = time.monotonic()
        with self.client.stream("GET", url, headers=headers) as r:
            if r.status_code in (301, 302, 303, 307, 308) or r.status_code == 304 or r.status_code >= 400:
                return r.status_code, None, r.headers
            declared = r.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(f"{url}: {int(declared) / 1e6:,.0f} MB, over the cap of {self.s.max_mb:g} MB")
            body = bytearray()
            for chunk in r.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise FetchError(f"{url}: more than the cap of {self.s.max_mb:g} MB")
                if time.monotonic() - started > self.s.deadline:
                    raise FetchError(f"{url}: not done after {self.s.deadline:g} s (the deadline of one fetch)")
            return r.status_code, bytes(body), r.headers

    def get(
        self, url: str, etag: str | None = None, last_modified: str | None = None, home: str | None = None
    ) -> tuple[int, bytes | None, Mapping[str, str]]:
        """→ (status, body or None, headers). `home`: the source's own URL. Raises FetchError after the last try."""
        import httpx

        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        home = home or url
        home_host = urlparse(home).hostname
        allowed = {home_host, *self.s.allow_hosts}
        delay = self.s.backoff
        last_error = None
        for attempt in range(self.s.retries + 1):
            wait = delay
            try:
                target = url
                for _ in range(self.MAX_REDIRECTS + 1):
                    self._check_target(target, home)
                    self._pace(target)
                    status, body, got = self._download(target, headers)
                    if status not in (301, 302, 303, 307, 308):
                        break
                    nxt = urljoin(target, got.get("location", ""))
                    if urlparse(nxt).hostname not in allowed:
                        raise FetchError(f"{url}: redirected to {nxt}, another host (allow it in [http] allow_hosts)")
                    target = nxt
                else:
                    raise FetchError(f"{url}: more than {self.MAX_REDIRECTS} redirects")
                if status == 304:
                    return 304, None, got
                if status < 400:
                    return status, body, got
                last_error = f"HTTP {status}"
                if status < 500 and status != 429:
                    break  # 404 and the like: retrying will not help
                asked = _retry_after(got.get("retry-after"), self.s.max_retry_after)
                wait = delay if asked is None else asked
            except httpx.TimeoutException:
                last_error = f"timed out after {self.s.timeout:g} s"
            except httpx.HTTPError as exc:
                last_error = f"{type(exc).__name__}: {exc}"
            if attempt < self.s.retries:
                time.sleep(wait)
                delay *= 2
        raise FetchError(f"{url}: {last_error}")

    def close(self) -> None:
        self.client.close()


class FetchError(RuntimeError):
    pass


def feed_links(data: bytes, base: str) -> list[str]:
    """Each item's link in an RSS 2.0, RSS 1.0 or Atom feed."""
    from lxml import etree

    root = etree.fromstring(data, parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    links = []
    for el in root.iter():
        tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
        if tag == "item":
            for child in el:
                if isinstance(child.tag, str) and etree.QName(child).localname == "link" and (child.text or "").strip():
                    links.append(urljoin(base, child.text.strip()))
                    break
        elif tag == "entry":
            for child in el:
                if (
                    isinstance(child.tag, str)
                    and etree.QName(child).localname == "link"
                    and child.get("rel", "alternate") == "alternate"
                    and child.get("href")
                ):
                    links.append(urljoin(base, child.get("href")))
                    break
    return list(dict.fromkeys(links))


def listing_links(data: bytes, base: str) -> list[str]:
    """Links on a page that point to documents (PDF, HTML, DOCX, text) on the same host."""
    import lxml.html

    doc = lxml.html.fromstring(data)
    host = urlparse(base).netloc
    out = []
    for a in doc.xpath("//a[@href]"):
        url = urljoin(base, a.get("href").strip())
        parsed = urlparse(url)
        if (
            parsed.scheme in ("http", "https")
            and parsed.netloc == host
            and parsed.path.lower().endswith(document_suffixes())
            and url.split("#")[0] != base
        ):
            out.append(url.split("#")[0])
    return list(dict.fromkeys(out))


@dataclass
class FetchReport:
    source: str
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: dict[str, str] = field(default_factory=dict)


def fetch_source(source: Source, state: State, fetcher: Fetcher | None) -> FetchReport:
    """Fetch what is new or changed in one source into the raw store; never raises for one document."""
    report = FetchReport(source.name)
    recorder = _Recorder(source.name, state, report)
    if source.kind == "folder":
        assert source.path is not None  # load_config requires it
        _fetch_folder(Path(source.path), recorder)
    else:
        assert source.url is not None and fetcher is not None  # load_config requires a url; fetch_all passes one
        _fetch_linked(source, fetcher, recorder)
    return report


@dataclass
class _Recorder:
    """Puts fetched bytes in the raw store and the state, and counts them as new, changed or unchanged."""

    source: str
    state: State
    report: FetchReport
    now: str = field(default_factory=lambda: datetime.now(UTC).isoformat())

    def record(self, url: str, data: bytes, headers: dict | None = None) -> None:
        state, report, headers = self.state, self.report, headers or {}
        sha = state.store(data)
        charset = declared_charset(headers.get("content-type"))
        if charset:
            state.declare_charset(sha, charset)
        old = state.entries.get(url, {})
        if old.get("sha256") == sha:
            report.unchanged += 1
        elif old.get("sha256"):
            report.changed.append(url)
        else:
            report.new.append(url)
        state.entries[url] = {
            "sha256": sha,
            "source": self.source,
            "fetched_at": self.now,
            "etag": headers.get("etag"),
            "last_modified": headers.get("last-modified"),
        }
        state.save_soon()


def _fetch_folder(folder: Path, recorder: _Recorder) -> None:
    """A folder source: every regular file inside it; a symlink out of it or a device is a failed item."""
    failed = recorder.report.failed
    if not folder.is_dir():
        failed[str(folder)] = "folder not found"
        return
    top = os.path.realpath(folder)
    for p in sorted(folder.rglob("*")):
        if p.name.startswith(".") or p.name.startswith("~$") or p.is_dir():
            continue
        uri = p.absolute().as_uri()
        real = os.path.realpath(p)
        if not real.startswith(top.rstrip(os.sep) + os.sep):
            failed[uri] = "a symlink that leads out of the source folder; not read"
            continue
        if not p.is_file():
            failed[uri] = "not a regular file (a named pipe, a socket or a device); not read"
            continue
        try:
            data = p.read_bytes()
        except OSError as exc:
            failed[uri] = f"cannot read file: {exc.strerror or exc}"
            continue
        recorder.record(Path(real).as_uri(), data)
    recorder.state.save()


def _fetch_linked(source: Source, fetcher: Fetcher, recorder: _Recorder) -> None:
    """A feed or listing: the page, then each document it links to, asked for only if changed (ETag, date)."""
    assert source.url is not None
    state, failed = recorder.state, recorder.report.failed
    try:
        _, body, _ = fetcher.get(source.url, home=source.url)
    except FetchError as exc:
        failed[source.url] = str(exc)
        return
    if body is None:
        failed[source.url] = "the source answered 304 Not Modified to an unconditional request"
        return
    try:
        links = feed_links(body, source.url) if source.kind == "feed" else listing_links(body, source.url)
    except Exception as exc:  # noqa: BLE001 - an empty, garbage or truncated answer fails this source only
        failed[source.url] = f"not a readable {source.kind}: {type(exc).__name__}: {exc}"[:300]
        return
    for url in links:
        old = state.entries.get(url, {})
        try:
            status, data, headers = fetcher.get(url, old.get("etag"), old.get("last_modified"), home=source.url)
        except FetchError as exc:
            failed[url] = str(exc)
            state.entries.setdefault(url, {"source": source.name})["error"] = str(exc)
            state.save_soon()
            continue
        if status == 304 or data is None:
            recorder.report.unchanged += 1
            continue
        recorder.record(url, data, {k.lower(): v for k, v in headers.items()})
    state.save()
