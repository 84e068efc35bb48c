"""The UI text in Chinese and English: catalogues and their lookup.

catalogue.py holds the dashboard's strings, staff.py the upload and history
pages' strings, i18n.py the lookup (Chinese is the default and the fallback).
"""

from layouts.text.i18n import (
           DEFAULT_LANGUAGE,
           LANGUAGES,
           category_label,
           normalise_language,
           pick,
           t,
           translate,
)

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "category_label", "normalise_language", "pick", "t",
           "translate"]
