"""Chart labels wrapped to a width, at word boundaries, instead of cut mid-word.

plotly.js does not wrap text, so labels are broken into lines (joined with
<br>) before the figure leaves the server.  Widths are estimated in em (a Han
character is 1 em, a Latin letter about half), which is enough to keep a label
inside its box with a small safety margin.
"""

from __future__ import annotations

import re

SEPARATOR = " · "
# Break opportunities inside a part: a space, a run of Latin letters and digits, one character.
TOKEN = re.compile(r"\s+|[0-9A-Za-z%.,:;'’\"()\[\]\-/+&]+|.")
ELLIPSIS = "…"
# Approximate advance widths in em, by character class (the rest: Han and full-width, 1 em).
NARROW_CHARS = set("il.,:;'’|!()[]·-/ ")
WIDE_LATIN = set("mwMW")


def text_em(text: str) -> float:
    """Estimated width of text in em of its font size."""
    total = 0.0
    for char in text:
        if char in NARROW_CHARS:
            total += 0.3
        elif char in WIDE_LATIN:
            total += 0.85
        elif char.isascii():
            total += 0.62 if char.isupper() or char.isdigit() else 0.53
        else:
            total += 1.0
    return total


def wrap_label(text: str, width_em: float, max_lines: int) -> list[str]:
    """Lines of at most width_em; a label longer than max_lines ends with an ellipsis.

    The parts of "name · region · kind" stay whole where they fit on a line;
    a part wider than a line breaks between words (between Han characters).
    """
    lines: list[str] = []
    current = ""
    for part in text.split(SEPARATOR):
        joined = current + SEPARATOR + part if current else part
        if text_em(joined) <= width_em:
            current = joined
            continue
        if current:
            lines.append(current)
        current = ""
        for token in TOKEN.findall(part):
            if text_em(current + token) <= width_em or not current:
                current = (current + token).lstrip()
                continue
            lines.append(current.rstrip())
            current = token.lstrip()
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and text_em(last + ELLIPSIS) > width_em:
        # Back to the previous space where there is one: never half a word.
        last = last[: last.rindex(" ")] if " " in last.strip() else last[:-1]
    kept[-1] = last.rstrip(" ·") + ELLIPSIS
    return kept
