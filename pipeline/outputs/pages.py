"""Pages from Jinja2 templates (`pipeline/outputs/templates/`), always autoescaped.

Document text reaches a page in two ways only: as element text, escaped by
the template engine, or as JSON inside `<script type="application/json">`
through `json_for_script`, which writes `<`, `>`, `&` and the JavaScript line
separators as `\\u` escapes, so no text (`</script>`, `<!--<script>`) can end
or alter a script element. Nothing is put together with f-strings.
"""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

TEMPLATES = "templates"
# what JSON may hold that HTML's script parsing or old JavaScript reads as something else
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
MINUS = "\u2212"  # the typographic minus Swedish print uses
NBSP = "\u00a0"  # thousands are grouped with a space that never breaks a sum over two lines


def json_for_script(value: Any) -> Markup:
    """`value` as JSON that is safe inside a script element (and only there)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    for char, escape in _SCRIPT_UNSAFE.items():
        text = text.replace(char, escape)
    return Markup(text)


def exact_kronor(value: object) -> str:
    """A sum to the krona, the Swedish way: `12 482 000 kr`; text that is not a number stays as it is."""
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        return str(value)
    if not math.isfinite(number):
        return str(value)
    grouped = f"{abs(number):,.0f}".replace(",", NBSP)
    return f"{MINUS if number < 0 else ''}{grouped}{NBSP}kr"


def decimal_comma(value: object, digits: int = 2) -> str:
    """`0.40` as Swedish writes it: `0,40`."""
    try:
        return f"{float(str(value)):.{digits}f}".replace(".", ",")
    except ValueError:
        return str(value)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.outputs", TEMPLATES),
        autoescape=True,  # every template, whatever its name: a page never holds unescaped text
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["json_for_script"] = json_for_script
    env.filters["exact_kronor"] = exact_kronor
    env.filters["decimal_comma"] = decimal_comma
    return env


def render(template_name: str, **context: Any) -> str:
    """The page `template_name` with `context`, every value escaped unless a filter above made it safe."""
    return environment().get_template(template_name).render(**context)
