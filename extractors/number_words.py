"""The number words Swedish builds from the simple ones, for the money reader (extractors/amounts.py).

A ten and a unit in one word (`tjugofem`), a unit and a half (`tre och en halv`), hundreds alone or with a
ten (`fyrahundra`, `tvåhundrafemtio`). Which words combine is data (money.toml `number_word_compounds`).
"""

from __future__ import annotations


def compound_number_words(words: dict[str, float], cfg: dict) -> dict[str, float]:
    """The number words, and those Swedish builds from them: a ten and a unit in one word (`tjugofem`,
    `fyrtiotvå`), a unit and a half (`tre och en halv`), hundreds alone or with a ten (`fyrahundra`,
    `tvåhundrafemtio`). Which words combine is data (money.toml)."""
    rules = cfg["number_word_compounds"]
    tens = {w: v for w, v in words.items() if w in rules["tens"]}
    units = {w: v for w, v in words.items() if w in rules["units"]}
    out = dict(words)
    out.update({t + u: tv + uv for t, tv in tens.items() for u, uv in units.items()})
    out.update({f"{u} {rules['and_a_half']}": uv + 0.5 for u, uv in units.items() if uv > 1})
    hundreds = {u + rules["hundreds"]: uv * 100 for u, uv in units.items()}
    out.update(hundreds)
    out.update({h + t: hv + tv for h, hv in hundreds.items() for t, tv in tens.items()})
    return out
