"""AG Grid's own words (paging, filters, menus) in the UI language.

Chinese comes from AG Grid's official zh-CN locale (ag_grid_zh_cn.json beside
this file, copied from @ag-grid-community/locale of the AG Grid version that
dash-ag-grid bundles); English is AG Grid's default.  Chart and pivot words
are left out: the community grid never shows them.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LOCALE_FILE = Path(__file__).resolve().parent / "ag_grid_zh_cn.json"
# Enterprise-only features; their words would only add weight to every grid.
UNUSED_PREFIXES = ("chart", "pivot", "advancedFilter", "sparkline", "ariaChart", "ariaPivot",
                   "ariaAdvancedFilter", "ariaSparkline")
OWN_WORDS_ZH = {"noRowsToShow": "没有符合条件的行"}


@cache
def _chinese() -> dict[str, str]:
    words = json.loads(LOCALE_FILE.read_text(encoding="utf-8"))
    return {key: text for key, text in words.items()
            if not key.startswith("_") and not key[:1].isupper()
            and not key.startswith(UNUSED_PREFIXES)} | OWN_WORDS_ZH


def grid_locale(lang: str | None) -> dict[str, str]:
    """localeText for dashGridOptions: AG Grid's Chinese words, or {} (English) for en."""
    return {} if lang == "en" else dict(_chinese())
