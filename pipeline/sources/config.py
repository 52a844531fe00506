"""The sources' config file (TOML), read and checked whole before anything is fetched.

    [[sources]]
    name = "beslut"
    kind = "feed"                      # "feed" (RSS/Atom), "listing" (a page of links) or "folder"
    url = "http://127.0.0.1:8000/feed.xml"   # or path = "inbox/" for a folder

    [http]                             # all optional: see HttpSettings
    [schedule]
    cron = "0 * * * *"                 # for `bidrag serve`

Every problem is a `ConfigError` naming the file and the setting, so a bad
config is one line at the command line, never a run that fails half-way.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_CRON = "0 * * * *"  # hourly


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
    timeout: float = 20.0  # seconds per read
    retries: int = 3
    backoff: float = 1.0
    user_agent: str = "bidrag/0.1 (Swedish public finance data; +https://github.com/bidrag/bidrag)"
    min_interval: float = 1.0
    deadline: float = 120.0  # seconds for one whole fetch, however slowly the server drips
    max_mb: float = 100.0  # a larger response is a failed item
    max_retry_after: float = 60.0  # the longest Retry-After honoured, in seconds
    allow_hosts: list[str] = field(default_factory=list)  # hosts a redirect may lead to besides the source's own


@dataclass
class Config:
    sources: list[Source]
    http: HttpSettings = field(default_factory=HttpSettings)
    cron: str = DEFAULT_CRON
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
        if key == "allow_hosts":
            if not (isinstance(value, list) and all(isinstance(h, str) for h in value)):
                raise ConfigError(f"{path}: [http] allow_hosts must be a list of host names, not {value!r}")
            continue
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
    cron = schedule.get("cron", DEFAULT_CRON)
    if not isinstance(cron, str):
        raise ConfigError(f"{path}: [schedule] cron must be a string, not {cron!r}")
    return Config(sources, http, cron, path)
