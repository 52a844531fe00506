"""The README and docs stay true: every relative link leads to a file (and heading) that exists, every
`bidrag COMMAND --option` they show is one the command line takes, and the README stays short."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from flows.cli import parser
from tests.conftest import ROOT

PAGES = sorted([ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").glob("*.md")])
README_MAX_LINES = 200
_LINK = re.compile(r"\]\(([^)\s]+)\)")
# `bidrag NAME` and what follows it up to the end of the command (`&&`, `|`, `;`, a comment, a backtick)
_COMMAND = re.compile(r"\bbidrag ([a-z]+)((?: +(?!&&|\||;|#|bidrag\b)[^\s`]+)*)")


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation gone, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = page.read_text(encoding="utf-8")
    return {_anchor(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, re.M)}


def _commands() -> dict[str, set[str]]:
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return {name: {o for a in sp._actions for o in a.option_strings} for name, sp in sub.choices.items()}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_somewhere(page):
    broken = []
    for target in _LINK.findall(page.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists() or anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            broken.append(target)
    assert broken == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_command_and_option_shown_exists(page):
    commands = _commands()
    wrong = []
    for name, rest in _COMMAND.findall(page.read_text(encoding="utf-8")):
        if name not in commands:
            if rest.strip().startswith(("-", "[", "ARCHIVE", "OUTPUT", "FILE")):
                wrong.append(f"bidrag {name}")  # shaped like a command, and not one
            continue
        options = re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", rest)
        wrong += [f"bidrag {name} {o}" for o in options if o not in commands[name]]
    assert wrong == []


def test_the_readme_is_read_to_the_end():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES
    text = "\n".join(lines)
    assert text.index("make sample") < text.index("## Reading the tables")  # the two commands come first
    assert text.index("make test") < text.index("## Reading the tables")


_PATH = re.compile(r"`((?:pipeline|extractors|schemas|flows|tests|benchmarks|samples)/[\w./-]*[\w/])`")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_file_named_exists(page):
    named = {p for p in _PATH.findall(page.read_text(encoding="utf-8")) if "<" not in p and "*" not in p}
    assert sorted(p for p in named if not (ROOT / p).exists()) == []
