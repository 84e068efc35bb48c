"""UI strings of the English-completeness work: unit-less axis titles, quotes, system accounts.

Kept out of catalogue.py (at its size limit); looked up with i18n.translate.
"""

from __future__ import annotations

from indicators.store import PUBLISHED_USER, SEED_USER
from indicators.store.registry_store import SEED_REASON

TEXT: dict[str, tuple[str, str]] = {
    # A value whose English unit is empty (a count: the name says what is counted).
    "fig.trajectory.y_plain": ("数值", "Value"),
    "fig.gap.y_plain": ("差距（正值为落后）", "Gap (positive = behind)"),
    "detail.quote_original": ("原文", "Original text (Chinese)"),
}

# Accounts the system itself writes as (store.sample, store.registry_store): not people's
# names, so the English UI shows them in English.
SYSTEM_ACTORS: dict[str, tuple[str, str]] = {
    PUBLISHED_USER: (PUBLISHED_USER, "Published data"),
    SEED_USER: (SEED_USER, "System"),
}


def actor_label(name: object, lang: str) -> object:
    """A user name as shown: the system's own accounts in the UI language, people as written."""
    pair = SYSTEM_ACTORS.get(name) if isinstance(name, str) else None
    if pair is None:
        return name
    return pair[1] if lang == "en" else pair[0]


# Texts the system writes into the audit log's details (not people's words).
SYSTEM_TEXTS: dict[str, tuple[str, str]] = {
    SEED_REASON: (SEED_REASON, "first start: loaded from data/registry/"),
}


def audit_cell(cell: object, lang: str) -> object:
    """An audit cell as shown: system accounts and the system's own texts in the UI language."""
    cell = actor_label(cell, lang)
    if lang != "en" or not isinstance(cell, str):
        return cell
    for text, pair in SYSTEM_TEXTS.items():
        cell = cell.replace(text, pair[1])
    return cell
