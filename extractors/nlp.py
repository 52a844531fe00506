"""bidrag's extractors as spaCy components, assembled from extractors/config.cfg.

    nlp = load_nlp()                       # spacy.blank("sv") + bidrag components
    for doc in nlp.pipe(texts):            # batches
        doc.spans["bidrag_bodies"]         # span.kb_id_ = body_id, span.label_ = body_type
        doc.spans["bidrag_amounts"]        # span.label_ = role-less "MONEY", span._.value
        doc.spans["bidrag_dates"]          # span.label_ = granularity

The components run the same compiled rules as the archive pipeline (a regex
gazetteer and patterns over the text, ≈ 10 MB/s), then align their character
spans to spaCy tokens. The archive pipeline calls the rules directly on the
text and never pays for tokenization (spaCy's blank Swedish tokenizer runs at
≈ 0.8 MB/s here, slower than the whole extraction stage); use this pipeline
where spaCy Docs are wanted, e.g. to add trained components later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractors.amounts import find_amounts
from extractors.bodies import find_bodies
from extractors.dates import find_dates

Mention = tuple[int, int, str, str, dict[str, Any]]  # (start, end, label, kb_id, extension values)

CONFIG = Path(__file__).parent / "config.cfg"

for name in ("value", "value_max", "currency", "qualifier", "date_start", "date_end", "body_name"):
    if not Span.has_extension(name):
        Span.set_extension(name, default=None)


def _span(doc: Doc, start: int, end: int, label: str, kb_id: str = "") -> Span | None:
    return doc.char_span(start, end, label=label, kb_id=kb_id, alignment_mode="expand")


class RuleSpans:
    """A component that puts one extractor's mentions into `doc.spans[spans_key]`.

    `mentions(text)` yields (start, end, label, kb_id, extension values) in
    character offsets; they are aligned to tokens here, once for all kinds.
    """

    def __init__(self, mentions: Callable[[str], Iterable[Mention]], spans_key: str, set_ents: bool = False) -> None:
        self.mentions = mentions
        self.spans_key = spans_key
        self.set_ents = set_ents

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for start, end, label, kb_id, values in self.mentions(doc.text):
            s = _span(doc, start, end, label, kb_id)
            if s is not None:
                for k, v in values.items():
                    setattr(s._, k, v)
                spans.append(s)
        doc.spans[self.spans_key] = spans
        if self.set_ents:
            doc.set_ents(filter_spans(list(doc.ents) + spans))
        return doc


def body_mentions(text: str) -> Iterator[Mention]:
    """Public bodies: gazetteer of names and short names, `X kommun`/`Region X`/`Landstinget i X`
    patterns, genitives, suffix patterns for unlisted bodies, and references back (`regionen`)."""
    for m in find_bodies(text):
        yield m.start, m.end, m.body.body_type, m.body.body_id, {"body_name": m.body.name}


def money_mentions(text: str) -> Iterator[Mention]:
    for a in find_amounts(text):
        yield (
            a.start,
            a.end,
            "MONEY",
            "",
            {"value": a.value, "value_max": a.value_max, "currency": a.currency, "qualifier": a.qualifier},
        )


def date_mentions(text: str) -> Iterator[Mention]:
    for d in find_dates(text):
        yield d.start, d.end, d.granularity, "", {"date_start": d.date_start, "date_end": d.date_end}


@Language.factory("bidrag_bodies", default_config={"spans_key": "bidrag_bodies", "set_ents": True})
def make_bodies(nlp: Language, name: str, spans_key: str, set_ents: bool) -> RuleSpans:
    return RuleSpans(body_mentions, spans_key, set_ents)


@Language.factory("bidrag_amounts", default_config={"spans_key": "bidrag_amounts"})
def make_amounts(nlp: Language, name: str, spans_key: str) -> RuleSpans:
    return RuleSpans(money_mentions, spans_key)


@Language.factory("bidrag_dates", default_config={"spans_key": "bidrag_dates"})
def make_dates(nlp: Language, name: str, spans_key: str) -> RuleSpans:
    return RuleSpans(date_mentions, spans_key)


def load_nlp(config_path: Path = CONFIG) -> Language:
    """spacy.blank("sv") plus the bidrag components, as config.cfg assembles them."""
    config = spacy.util.load_config(config_path)
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
