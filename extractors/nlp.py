"""bidrag's mentions as a spaCy component, assembled from extractors/config.cfg: the API for spaCy users.

    nlp = load_nlp()                       # spacy.blank("sv") + the `bidrag_mentions` component
    for doc in nlp.pipe(texts):            # batches
        doc.spans["bidrag_bodies"]         # span.kb_id_ = body_id, span.label_ = body_type, span._.body_name
        doc.spans["bidrag_amounts"]        # span.label_ = "MONEY", span._.value, span._.role, span._.body_id
        doc.spans["bidrag_dates"]          # span.label_ = granularity, span._.date_start, span._.date_end

The component runs `extractors.mentions.find_mentions`, the very function the
archive pipeline runs, so its spans are the archive's mentions: the same
offsets (`span.start_char`, `span.end_char`: a token that a mention starts or
ends inside, as `ap2016` does, is split there), the same amounts with their
linked role and body, the same dates. Give a document's own date, for the
years its dates leave out, as `doc._.published` before the component runs.

The archive pipeline does not tokenize: spaCy's blank Swedish tokenizer
costs more than the extraction itself (figures in docs/extraction.md, from
`benchmarks/spacy_cost.py`), and nothing in the rules reads tokens.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import takewhile
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extractors.amounts import AmountMention
from extractors.bodies import BodyMention
from extractors.dates import DateMention
from extractors.mentions import Mentions, find_mentions

CONFIG = Path(__file__).parent / "config.cfg"

SPAN_EXTENSIONS = (
    "value",
    "value_max",
    "currency",
    "qualifier",
    "role",
    "body_id",
    "date_start",
    "date_end",
    "body_name",
)
for _name in SPAN_EXTENSIONS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)  # the document's date: the year of dates that leave it out


def _span(doc: Doc, start: int, end: int, label: str, kb_id: str = "", **values: Any) -> Span | None:
    """The mention as a span; spaCy keys a span's extension values by its offsets, which are the mention's."""
    span = doc.char_span(start, end, label=label, kb_id=kb_id, alignment_mode="expand")
    if span is not None:
        for k, v in values.items():
            setattr(span._, k, v)
    return span


def split_at(doc: Doc, offsets: set[int]) -> None:
    """Split every token that one of these character offsets falls inside, so that a span can start or end there."""
    ordered = sorted(offsets)
    cuts = []
    for token in doc:
        end = token.idx + len(token.text)
        i = bisect_right(ordered, token.idx)
        if i < len(ordered) and ordered[i] < end:
            inside = list(takewhile(lambda o: o < end, ordered[i:]))
            bounds = [0, *(o - token.idx for o in inside), len(token.text)]
            cuts.append((token, [token.text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]))
    if cuts:
        with doc.retokenize() as retokenizer:
            for token, pieces in cuts:
                retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))


class MentionSpans:
    """Puts one text's mentions, as the archive finds them, into three span groups (and bodies into `doc.ents`)."""

    def __init__(self, bodies_key: str, amounts_key: str, dates_key: str, set_ents: bool) -> None:
        self.keys = (bodies_key, amounts_key, dates_key)
        self.set_ents = set_ents

    def __call__(self, doc: Doc) -> Doc:
        found = find_mentions(doc.text, doc._.published)
        mentions: list[BodyMention | AmountMention | DateMention] = [*found.bodies, *found.amounts, *found.dates]
        split_at(doc, {o for m in mentions for o in (m.start, m.end)})
        bodies_key, amounts_key, dates_key = self.keys
        doc.spans[bodies_key] = _present(_body_spans(doc, found))
        doc.spans[amounts_key] = _present(_amount_spans(doc, found))
        doc.spans[dates_key] = _present(_date_spans(doc, found))
        if self.set_ents:
            doc.set_ents(filter_spans(list(doc.ents) + list(doc.spans[bodies_key])))
        return doc


def _present(spans: list[Span | None]) -> list[Span]:
    return [s for s in spans if s is not None]


def _body_spans(doc: Doc, found: Mentions) -> list[Span | None]:
    return [
        _span(doc, b.start, b.end, b.body.body_type, b.body.body_id, body_name=b.body.name, body_id=b.body.body_id)
        for b in found.bodies
    ]


def _amount_spans(doc: Doc, found: Mentions) -> list[Span | None]:
    return [
        _span(
            doc,
            a.start,
            a.end,
            "MONEY",
            value=a.value,
            value_max=a.value_max,
            currency=a.currency,
            qualifier=a.qualifier,
            role=a.role,
            body_id=a.body_id,
        )
        for a in found.amounts
    ]


def _date_spans(doc: Doc, found: Mentions) -> list[Span | None]:
    return [
        _span(doc, d.start, d.end, d.granularity, date_start=d.date_start, date_end=d.date_end) for d in found.dates
    ]


@Language.factory(
    "bidrag_mentions",
    default_config={
        "bodies_key": "bidrag_bodies",
        "amounts_key": "bidrag_amounts",
        "dates_key": "bidrag_dates",
        "set_ents": True,
    },
)
def make_mentions(
    nlp: Language, name: str, bodies_key: str, amounts_key: str, dates_key: str, set_ents: bool
) -> MentionSpans:
    return MentionSpans(bodies_key, amounts_key, dates_key, set_ents)


def load_nlp(config_path: Path = CONFIG) -> Language:
    """spacy.blank("sv") plus the bidrag component, as config.cfg assembles it."""
    config = spacy.util.load_config(config_path)
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
