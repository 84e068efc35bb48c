"""The overview's document and region filters' options, short when the project is national.

A national deployment has 3,000 regions and as many plans: every option in the
page came to half a megabyte, and nobody scrolls through 3,000 names.  Above
config.yaml's `overview.large_regions` the page carries the first OPTION_LIMIT
options (plus the selected one), and typing in the filter asks the server for
the matches (callbacks.overview: search_value -> options).
"""

from __future__ import annotations

from indicators.service import TrackerService
from layouts.text.i18n import pick

OPTION_LIMIT = 50  # options of a large project's filter on the page or per search


def is_large(service: TrackerService) -> bool:
    return len(service.registry.regions) > service.settings.overview.large_regions


def all_options(service: TrackerService, kind: str, lang: str) -> list[dict]:
    """Every option of the "document" (those with targets) or "region" filter, built once per
    data version and language (each layout asked 180,000 targets for their documents)."""
    def build() -> list[dict]:
        registry = service.registry
        if kind == "region":
            return [{"label": pick(r.name_zh, r.name_en, lang), "value": r.code}
                    for r in registry.regions.values()]
        used = set(service.targets["document_id"].astype(str).unique())
        return [{"label": pick(doc.title_zh, doc.title_en, lang), "value": doc.id}
                for doc in registry.documents.values() if doc.id in used]
    return service.view(("filter_options", kind, lang), build)


def filter_options(service: TrackerService, kind: str, lang: str, search: str | None = None,
                   selected: str | None = None) -> list[dict]:
    """The options to send: all of a small project's; of a large one, the first OPTION_LIMIT
    matching `search` (case-insensitive, in the name or the code) and the selected one."""
    options = all_options(service, kind, lang)
    if not is_large(service):
        return options
    wanted = (search or "").strip().lower()
    found = [option for option in options
             if not wanted or wanted in option["label"].lower() or wanted in option["value"].lower()]
    shown = found[:OPTION_LIMIT]
    if selected and all(option["value"] != selected for option in shown):
        shown += [option for option in options if option["value"] == selected]
    return shown
