"""Where new decisions appear, and fetching them politely, incrementally and without loss.

A config file (TOML) names the sources:

    [[sources]]
    name = "beslut"
    kind = "feed"                      # "feed" (RSS/Atom), "listing" (a page of links) or "folder"
    url = "http://127.0.0.1:8000/feed.xml"   # or path = "inbox/" for a folder

    [http]                             # all optional
    timeout = 20                       # seconds per request
    retries = 3                        # further tries after a timeout, a connection error or a 5xx
    backoff = 1.0                      # seconds before the first retry, doubled each time
    user_agent = "bidrag/0.1 (+https://github.com/bidrag)"
    min_interval = 1.0                 # seconds between two requests to the same host

    [schedule]
    cron = "0 * * * *"                 # for `bidrag serve`

Every original fetched is kept in a content-addressed raw store
(`<state>/raw/<sha256[:2]>/<sha256>`), written before the state that points
at it, so a crash never loses a fetched file and never leaves the state
pointing at nothing. The state (`<state>/state.json`, replaced atomically
after each document) remembers each URL's ETag, Last-Modified and content
hash: an unchanged document is not downloaded again (304) and not extracted
again (same hash); a failed one is tried again on the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlparse

from pipeline.formats import document_suffixes


class ConfigError(ValueError):
    pass


@dataclass
class Source:
    name: str
    kind: str
    url: str | None = None
    path: str | None = None


@dataclass
class HttpSettings:
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    user_agent: str = "bidrag/0.1 (Swedish public finance data; +https://github.com/bidrag/bidrag)"
    min_interval: float = 1.0


@dataclass
class Config:
    sources: list[Source]
    http: HttpSettings = field(default_factory=HttpSettings)
    cron: str = "0 * * * *"
    path: Path | None = None


_CONFIG_KEYS = {"sources", "http", "schedule"}
_SOURCE_KEYS = {"name", "kind", "url", "path"}
_SCHEDULE_KEYS = {"cron"}
SOURCE_KINDS = ("feed", "listing", "folder")


def _unknown(where: str, given: dict, known: set[str]) -> None:
    extra = sorted(set(given) - known)
    if extra:
        raise ConfigError(f"{where}: unknown setting {extra[0]!r} (known: {', '.join(sorted(known))})")


def load_config(path: Path) -> Config:
    """The config file, checked whole: every problem is a ConfigError naming the file and the setting."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"config not found: {path}") from exc
    except IsADirectoryError as exc:
        raise ConfigError(f"config is a folder, not a TOML file: {path}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (TOML files are UTF-8): {exc.reason} at byte {exc.start}") from exc
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    _unknown(str(path), raw, _CONFIG_KEYS)
    sources = []
    if not isinstance(raw.get("sources", []), list):
        raise ConfigError(f"{path}: sources must be an array of tables ([[sources]])")
    for i, s in enumerate(raw.get("sources", [])):
        where = f"{path}: sources[{i}]"
        if not isinstance(s, dict):
            raise ConfigError(f"{where} must be a table")
        _unknown(where, s, _SOURCE_KEYS)
        kind = s.get("kind")
        if kind not in SOURCE_KINDS:
            raise ConfigError(f"{where}.kind must be feed, listing or folder, not {kind!r}")
        if kind == "folder":
            if not s.get("path"):
                raise ConfigError(f"{where} ({kind}) needs path")
            folder = Path(s["path"])
            if not folder.is_absolute():
                folder = path.parent / folder
            sources.append(Source(s.get("name", f"source-{i}"), kind, path=str(folder)))
        else:
            if not s.get("url"):
                raise ConfigError(f"{where} ({kind}) needs url")
            sources.append(Source(s.get("name", f"source-{i}"), kind, url=s["url"]))
    if not sources:
        raise ConfigError(f"{path}: no [[sources]]")
    http_raw = raw.get("http", {})
    _unknown(f"{path}: [http]", http_raw, set(HttpSettings.__dataclass_fields__))
    defaults = HttpSettings()
    for key, value in http_raw.items():
        want = type(getattr(defaults, key))
        ok = (
            isinstance(value, (int, float)) and not isinstance(value, bool)
            if want is float
            else isinstance(value, want)
        )
        if not ok or (want in (int, float) and value < 0):
            raise ConfigError(f"{path}: [http] {key} must be a non-negative {want.__name__}, not {value!r}")
    http = HttpSettings(**http_raw)
    schedule = raw.get("schedule", {})
    _unknown(f"{path}: [schedule]", schedule, _SCHEDULE_KEYS)
    cron = schedule.get("cron", "0 * * * *")
    if not isinstance(cron, str):
        raise ConfigError(f"{path}: [schedule] cron must be a string, not {cron!r}")
    return Config(sources, http, cron, path)


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

    def save(self) -> None:
        tmp = self.file.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps({"documents": self.entries}, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.file)

    def current(self) -> list[tuple[str, str]]:
        """(raw path, url) of every document fetched at least once, in URL order."""
        return [(str(self.raw_path(e["sha256"])), url) for url, e in sorted(self.entries.items()) if e.get("sha256")]


# ------------------------------------------------------------------ HTTP


class Fetcher:
    """HTTP GET with timeouts, retries with backoff, conditional requests and a per-host pace."""

    def __init__(self, settings: HttpSettings) -> None:
        import httpx

        self.s = settings
        self.client = httpx.Client(
            timeout=settings.timeout, follow_redirects=True, headers={"User-Agent": settings.user_agent}
        )
        self._last: dict[str, float] = {}

    def _pace(self, url: str) -> None:
        host = urlparse(url).netloc
        wait = self._last.get(host, 0) + self.s.min_interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()

    def get(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> tuple[int, bytes | None, Mapping[str, str]]:
        """→ (status, body or None, headers). Raises FetchError after the last retry."""
        import httpx

        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        delay = self.s.backoff
        last_error = None
        for attempt in range(self.s.retries + 1):
            self._pace(url)
            try:
                r = self.client.get(url, headers=headers)
                if r.status_code == 304:
                    return 304, None, r.headers
                if r.status_code < 400:
                    return r.status_code, r.content, r.headers
                last_error = f"HTTP {r.status_code}"
                if r.status_code < 500 and r.status_code != 429:
                    break  # 404 and the like: retrying will not help
            except httpx.TimeoutException:
                last_error = f"timed out after {self.s.timeout:g} s"
            except httpx.HTTPError as exc:
                last_error = f"{type(exc).__name__}: {exc}"
            if attempt < self.s.retries:
                time.sleep(delay)
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
    now = datetime.now(UTC).isoformat()

    def record(url: str, data: bytes, headers: dict | None = None) -> None:
        sha = state.store(data)
        old = state.entries.get(url, {})
        if old.get("sha256") == sha:
            report.unchanged += 1
        elif old.get("sha256"):
            report.changed.append(url)
        else:
            report.new.append(url)
        state.entries[url] = {
            "sha256": sha,
            "source": source.name,
            "fetched_at": now,
            "etag": (headers or {}).get("etag"),
            "last_modified": (headers or {}).get("last-modified"),
        }
        state.save()

    if source.kind == "folder":
        assert source.path is not None  # load_config requires it
        folder = Path(source.path)
        if not folder.is_dir():
            report.failed[str(folder)] = "folder not found"
            return report
        top = os.path.realpath(folder)
        for p in sorted(folder.rglob("*")):
            if p.name.startswith(".") or p.name.startswith("~$") or p.is_dir():
                continue
            uri = p.absolute().as_uri()
            real = os.path.realpath(p)
            if not real.startswith(top.rstrip(os.sep) + os.sep):
                report.failed[uri] = "a symlink that leads out of the source folder; not read"
                continue
            if not p.is_file():
                report.failed[uri] = "not a regular file (a named pipe, a socket or a device); not read"
                continue
            try:
                data = p.read_bytes()
            except OSError as exc:
                report.failed[uri] = f"cannot read file: {exc.strerror or exc}"
                continue
            record(Path(real).as_uri(), data)
        return report

    assert source.url is not None and fetcher is not None  # load_config requires a url; fetch_all passes a fetcher
    try:
        status, body, _ = fetcher.get(source.url)
    except FetchError as exc:
        report.failed[source.url] = str(exc)
        return report
    if body is None:
        report.failed[source.url] = "the source answered 304 Not Modified to an unconditional request"
        return report
    links = feed_links(body, source.url) if source.kind == "feed" else listing_links(body, source.url)
    for url in links:
        old = state.entries.get(url, {})
        try:
            status, data, headers = fetcher.get(url, old.get("etag"), old.get("last_modified"))
        except FetchError as exc:
            report.failed[url] = str(exc)
            state.entries.setdefault(url, {"source": source.name})["error"] = str(exc)
            state.save()
            continue
        if status == 304 or data is None:
            report.unchanged += 1
            continue
        record(url, data, {k.lower(): v for k, v in headers.items()})
    return report
