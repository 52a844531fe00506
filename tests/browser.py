"""Headless Chromium for page tests: Debian's `chromium`, driven by Playwright (no browser download).

CI installs `chromium` (`make test` does, see the Makefile) and sets
BIDRAG_REQUIRE_BROWSER=1, so a missing browser fails there; on a developer's
machine without it the page tests skip with the reason.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.patience import patience

# Playwright's own waits (30 s to launch, navigate or act) are outcomes on a loaded machine: caps instead
LAUNCH_SECONDS = 300
STEP_SECONDS = 180

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("BIDRAG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        if os.environ.get("BIDRAG_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is missing but BIDRAG_REQUIRE_BROWSER=1 (make test installs it)")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return path


@dataclass
class Page:
    page: Any
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def inked(self, selector: str, tmp: Path) -> float:
        """The share of an element's pixels that are not background: 0 for a blank chart or map."""
        from PIL import Image

        shot = tmp / f"{selector.strip('#').replace(' ', '_')}.png"
        self.page.locator(selector).screenshot(path=str(shot))
        image = Image.open(shot).convert("L")
        histogram = image.histogram()  # 256 grey levels; 255 is the white page
        return 1 - histogram[255] / max(1, sum(histogram))


@contextmanager
def open_page(path: Path, width: int = 1300, height: int = 1000) -> Iterator[Page]:
    """The page at `path`, with every console error and every request it made recorded."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable, args=CHROMIUM_FLAGS, timeout=patience(LAUNCH_SECONDS) * 1000
        )
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.set_default_timeout(patience(STEP_SECONDS) * 1000)
            page.set_default_navigation_timeout(patience(STEP_SECONDS) * 1000)
            seen = Page(page)
            page.on("console", lambda m: seen.console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: seen.console_errors.append(str(e)))
            page.on("request", lambda r: seen.requests.append(r.url))
            page.goto(Path(path).resolve().as_uri())
            page.wait_for_load_state("load")
            yield seen
        finally:
            browser.close()
