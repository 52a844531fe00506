"""News pages: the story's text, title and date, without the page around it.

The article element (or main, or body) is walked block by block so that
paragraphs, headings and list items keep their own lines; menus, scripts,
paywall and cookie notes and photo credits are dropped by the rules in
extractors/data/boilerplate.toml.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from extractors import lang
from pipeline.read.formats import Read, metadata_date
from pipeline.read.limits import DEFAULT, MB, Limits, OverLimit

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
_TAG = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]*>", re.IGNORECASE | re.DOTALL)

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


LIST_MARKER = "• "  # a `<li>` keeps its list-ness in the text: the list rules read lines that start so
_ROW_TAGS = {"li", "tr"}  # consecutive list items and table rows are lines of one block, not paragraphs


def _blocks(root: HtmlElement, drop_tags: set[str], fragments: list[str]) -> list[tuple[str, str]]:
    """The page's blocks in order, each with the row tag it stands in (`li`, `tr` or ""): lines of a list or a
    table are joined by one newline, and a list item keeps a marker, so list and table rules read them."""
    blocks: list[tuple[str, str]] = []
    buf: list[str] = []

    def flush(row: str) -> None:
        s = _WS.sub(" ", "".join(buf)).strip()
        if s:
            if row == "li" and not s.startswith(("•", "-", "–", "*")):
                s = LIST_MARKER + s
            blocks.append((row, s))
        buf.clear()

    def walk(el: HtmlElement, row: str) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if (tag in drop_tags and not _story_header(el)) or (tag and _is_furniture(el, fragments)):
            if el.tail:
                buf.append(el.tail)
            return
        if not tag:  # comments, processing instructions
            if el.tail:
                buf.append(el.tail)
            return
        inner = tag if tag in _ROW_TAGS else ("" if tag in ("ul", "ol", "table") else row)
        block = tag in BLOCK_TAGS
        if block:
            flush(row)
        if tag == "br":
            flush(inner)
        if tag in ("td", "th"):
            buf.append(" | " if buf and "".join(buf).strip() else "")
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child, inner)
        if block:
            flush(inner)
        if el.tail:
            buf.append(el.tail)

    walk(root, "")
    flush("")
    return blocks


def _story_header(el: HtmlElement) -> bool:
    """An `<article>`'s own `<header>` holds the story's headline and lead (`<h1>Region Gotland får 5 miljoner
    kronor</h1>`), and its own `<aside>` a fact box (`Fakta: Medlen betalas ut i mars 2024.`): they are the
    story, unlike the page's header of logo and menu and its sidebar of other news. (Furniture inside an
    article, a share bar or related links, still goes by its class.)"""
    return el.tag in STORY_PARTS and any(a.tag == "article" for a in el.iterancestors())


STORY_PARTS = ("header", "aside")


def _join(blocks: list[tuple[str, str]]) -> str:
    out: list[str] = []
    for i, (kind, text) in enumerate(blocks):
        if i:
            same = kind in _ROW_TAGS and kind == blocks[i - 1][0]
            out.append("\n" if same else "\n\n")
        out.append(text)
    return "".join(out)


STORY_SHARE = 0.8  # the story's container holds at least this share of the page's running text


def _pick_root(doc: HtmlElement, fragments: list[str]) -> HtmlElement:
    """The element that holds the story: the page's `<article>` or `<main>`; on a page built of `<div>`s, the
    tightest container that holds most of the page's running text (paragraphs, list items, table cells) outside
    the furniture, so a sidebar of other news or a footer stays out even without their class names."""
    articles = doc.xpath("//article")
    if articles:
        return max(articles, key=lambda a: len(a.text_content()))
    for xp in ("//main", "//*[@role='main']"):
        found = doc.xpath(xp)
        if found:
            return found[0]
    body = doc.find("body")
    if body is None:
        return doc

    def running_text(el: HtmlElement) -> int:
        total = 0
        for p in el.iter("p", "li", "td", "h1", "h2", "h3"):
            if any(_is_furniture(a, fragments) for a in p.iterancestors()) or _is_furniture(p, fragments):
                continue
            total += len(" ".join(p.itertext()).strip()) if p.tag != "li" or not p.xpath(".//a") else 0
        return total

    whole = running_text(body)
    if whole == 0:
        return body
    best, best_size = body, len(body.text_content())
    for el in body.iter("div", "section"):
        if _is_furniture(el, fragments):
            continue
        size = len(el.text_content())
        if size < best_size and running_text(el) >= STORY_SHARE * whole:
            best, best_size = el, size
    return best


def _in_furniture(el: HtmlElement, fragments: list[str]) -> bool:
    return any(_is_furniture(a, fragments) for a in el.iterancestors()) or _is_furniture(el, fragments)


def _json_ld_date(doc: HtmlElement) -> str | None:
    """`datePublished` of the page's own JSON-LD (schema.org NewsArticle and the like)."""
    for script in doc.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in (
            data if isinstance(data, list) else [data, *(data.get("@graph", []) if isinstance(data, dict) else [])]
        ):
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                return item["datePublished"]
    return None


def _meta(doc: HtmlElement, attr: str, value: str) -> str | None:
    for el in doc.xpath(f"//meta[@{attr}]"):
        if el.get(attr, "").lower() == value.lower() and el.get("content"):
            return el.get("content").strip()
    return None


# libxml2 stops at 256 levels of nesting by default and drops the rest of the page; real pages
# built by page builders go deeper than one would think. The file-size cap bounds what huge_tree allows.
_PARSER = lxml.html.HTMLParser(huge_tree=True)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_html(data: bytes, declared: str | None = None) -> str:
    """The page as text: a byte-order mark, else the charset its server declared, else `<meta charset>`,
    else UTF-8 if it decodes, else Windows-1252 (what a page without a declaration means in practice).

    The order is the WHATWG encoding-sniffing order: a BOM cannot be wrong about the bytes it starts,
    a server's header can be. libxml2 guesses Latin-1 for a page that declares nothing (`får` → `fÃ¥r`).
    """
    candidates = [enc for bom, enc in _BOMS if data.startswith(bom)]
    candidates += [declared] if declared else []
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "replace"))
    candidates += ["utf-8", "cp1252"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
        return _XML_DECLARATION.sub("", text.lstrip("\ufeff"), count=1)
    return data.decode("latin-1")


def read_html(data: bytes, declared_charset: str | None = None) -> HtmlText:
    try:
        doc = lxml.html.fromstring(decode_html(data, declared_charset), parser=_PARSER)
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
    root = _pick_root(doc, fragments)
    if not published:
        published = _json_ld_date(doc)
    if not published:
        # a `<time>` of the story itself, never one in a teaser of other news beside it
        times = [t for t in root.iter("time") if t.get("datetime") and not _in_furniture(t, fragments)]
        if times:
            published = times[0].get("datetime")
    try:
        blocks = [(k, b) for k, b in _blocks(root, drop_tags, fragments) if not any(p.fullmatch(b) for p in drop)]
    except RecursionError:
        blocks = []
    if not blocks:
        # nested deeper than a parser or a block walk follows: keep the page's text rather than lose it
        flat = _WS.sub(" ", _TAG.sub(" ", decode_html(data, declared_charset))).strip()
        blocks = [("", flat)] if flat else []
    return HtmlText(text=_join(blocks), title=title or None, published=published)


def read(data: bytes, limits: Limits = DEFAULT, charset: str | None = None) -> Read:
    if len(data) > limits.html_bytes:
        raise OverLimit(f"an HTML page of {len(data) / MB:,.0f} MB, over the cap of {limits.html_bytes / MB:,.0f} MB")
    h = read_html(data, charset)
    return Read(text=h.text, title=h.title, date=metadata_date(h.published), date_source="html-metadata")
