"""News pages: the story's text, title and date, without the page around it.

The article element (or main, or body) is walked block by block so that
paragraphs, headings and list items keep their own lines; menus, scripts,
paywall and cookie notes and photo credits are dropped by the rules in
extractors/data/boilerplate.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from extractors import lang
from pipeline.formats import Read, metadata_date

BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "dl",
    "dt",
    "dd",
    "figure",
    "address",
    "hr",
    "body",
    "header",
}
_WS = re.compile(r"\s+")

_DATE_META = [
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "pubdate"),
    ("name", "publishdate"),
    ("name", "publish-date"),
    ("name", "date"),
    ("name", "dc.date"),
    ("name", "DC.date.issued"),
    ("name", "dcterms.created"),
    ("property", "og:published_time"),
]


@dataclass
class HtmlText:
    text: str
    title: str | None
    published: str | None  # raw date string from metadata


def _rules():
    bp = lang.boilerplate()
    drop = [re.compile(p, re.I) for p in bp["drop_paragraphs"]]
    return drop, set(bp["drop_tags"]), [f.lower() for f in bp["drop_class_fragments"]]


def _is_furniture(el: HtmlElement, fragments: list[str]) -> bool:
    attrs = " ".join(filter(None, [el.get("class"), el.get("id"), el.get("role")])).lower()
    if not attrs:
        return False
    return any(f in attrs for f in fragments) and el.tag not in ("article", "main", "body")


def _blocks(root: HtmlElement, drop_tags: set[str], fragments: list[str]) -> list[str]:
    blocks: list[str] = []
    buf: list[str] = []

    def flush():
        s = _WS.sub(" ", "".join(buf)).strip()
        if s:
            blocks.append(s)
        buf.clear()

    def walk(el: HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in drop_tags or (tag and _is_furniture(el, fragments)):
            if el.tail:
                buf.append(el.tail)
            return
        if not tag:  # comments, processing instructions
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in BLOCK_TAGS
        if block:
            flush()
        if tag == "br":
            flush()
        if tag in ("td", "th"):
            buf.append(" | " if buf and "".join(buf).strip() else "")
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            buf.append(el.tail)

    walk(root)
    flush()
    return blocks


def _pick_root(doc: HtmlElement) -> HtmlElement:
    articles = doc.xpath("//article")
    if articles:
        return max(articles, key=lambda a: len(a.text_content()))
    for xp in ("//main", "//*[@role='main']", "//body"):
        found = doc.xpath(xp)
        if found:
            return found[0]
    return doc


def _meta(doc: HtmlElement, attr: str, value: str) -> str | None:
    for el in doc.xpath(f"//meta[@{attr}]"):
        if el.get(attr, "").lower() == value.lower() and el.get("content"):
            return el.get("content").strip()
    return None


def read_html(data: bytes) -> HtmlText:
    try:
        doc = lxml.html.fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        raise ValueError(f"unparseable HTML: {exc}") from exc
    drop, drop_tags, fragments = _rules()

    title = _meta(doc, "property", "og:title")
    if not title:
        t = doc.xpath("//title")
        title = _WS.sub(" ", t[0].text_content()).strip() if t else None
    if not title:
        h1 = doc.xpath("//h1")
        title = _WS.sub(" ", h1[0].text_content()).strip() if h1 else None

    published = None
    for attr, value in _DATE_META:
        published = _meta(doc, attr, value)
        if published:
            break
    if not published:
        times = doc.xpath("//article//time[@datetime] | //time[@datetime]")
        if times:
            published = times[0].get("datetime")

    root = _pick_root(doc)
    blocks = [b for b in _blocks(root, drop_tags, fragments) if not any(p.fullmatch(b) for p in drop)]
    return HtmlText(text="\n\n".join(blocks), title=title or None, published=published)


def read(data: bytes) -> Read:
    h = read_html(data)
    return Read(text=h.text, title=h.title, date=metadata_date(h.published), date_source="html-metadata")
