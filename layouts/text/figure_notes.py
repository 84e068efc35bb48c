"""Short notes the detail charts write on themselves, Chinese first (looked up with
layouts.text.i18n.translate), kept apart from the full catalogue."""

from __future__ import annotations

from layouts.text.i18n import translate

TEXT: dict[str, tuple[str, str]] = {
    "fig.gap.all_zero": (
        "各年实际值均与序时进度一致（差距为 0）",
        "On the planned path every year (gap 0)",
    ),
}


def note(key: str, lang: str | None) -> str:
    return translate(TEXT, key, lang)
