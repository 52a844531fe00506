"""The sentences beside a bare scale word, which tell whether it is money (extractors.money_context)."""

import pytest

from extractors.money_context import neighbours


def sentence_of(text: str):
    """Sentences end at a full stop: the span of the sentence an offset falls in."""

    def span(i: int) -> tuple[int, int]:
        start = text.rfind(".", 0, i) + 1
        while start < len(text) and text[start] in " \t\n":
            start += 1
        stop = text.find(".", i)
        return start, (len(text) if stop < 0 else stop + 1)

    return span


@pytest.mark.parametrize(
    ("text", "sum_sentence", "expected"),
    [
        # before and after, in one paragraph
        ("Potten är stor. Hit går 7 miljoner. Resten sparas.", "Hit går 7 miljoner.", "Potten är stor. Resten sparas."),
        # not across a paragraph break, either way
        ("Potten är stor.\n\nHit går 7 miljoner.\n\nResten sparas.", "Hit går 7 miljoner.", ""),
        # the text's last sentence: nothing after it, spaces and line ends at its end
        ("Potten är stor. Hit går 7 miljoner. \t\n", "Hit går 7 miljoner.", "Potten är stor."),
        # the text's first sentence
        ("Hit går 7 miljoner. Resten sparas.", "Hit går 7 miljoner.", "Resten sparas."),
        # a single line break is no paragraph end
        (
            "Potten är stor.\nHit går 7 miljoner.\n Resten sparas.",
            "Hit går 7 miljoner.",
            "Potten är stor. Resten sparas.",
        ),
    ],
)
def test_sentences_beside_a_sum(text: str, sum_sentence: str, expected: str) -> None:
    s0 = text.index(sum_sentence)
    assert neighbours(text, s0, s0 + len(sum_sentence), sentence_of(text)) == expected
