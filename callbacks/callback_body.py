"""Shape checks on a callback POST's JSON, before Dash or any callback reads it.

A browser sends small, shallow bodies; a hand-made one might nest a thousand
levels deep (Python's parser and any recursive walk then fail with
RecursionError), carry a million-item list, or put a list where a dropdown
sends one value (the filters' `value in dict` raises TypeError).  `body_problem`
refuses those with one message for a 400 answer; the callbacks then only ever
see bodies of the shape the page produces.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import request

from layouts import ids
from layouts.pages import compare, detail, overview
from layouts.pages.detail_parts import NOTE_YEAR

MAX_DEPTH = 32          # a real body nests about 8 levels (a grid's filter model inside inputs)
MAX_ITEMS = 10_000      # entries in one list or object
MAX_NODES = 200_000     # values in the whole body
MAX_SCALAR_LENGTH = 2_000

# Inputs and states whose components send one value (str, number or null), never a list or
# an object: the dropdowns, the pager, the address bar and the language store.
SCALAR_INPUTS = tuple(f"{component}.{prop}" for component, prop in (
    (overview.DOCUMENT_FILTER, "value"), (overview.REGION_FILTER, "value"),
    (overview.CATEGORY_FILTER, "value"), (overview.AS_OF_FILTER, "value"),
    (compare.REGION_A, "value"), (compare.REGION_B, "value"), (compare.PAGER, "active_page"),
    (detail.AS_OF, "value"), (NOTE_YEAR, "value"),
    (ids.URL, "pathname"), (ids.URL, "search"), (ids.LANG_STORE, "data"),
))


def read_body() -> tuple[object, str | None]:
    """(the parsed JSON body, None), or (None, why it is refused)."""
    try:
        body = request.get_json(silent=True)  # cached: Dash reads this same parsed body
    except RecursionError:
        return None, f"the request nests deeper than {MAX_DEPTH} levels"
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return None, "malformed callback request"
    return body, body_problem(body)


def body_problem(body: object) -> str | None:
    """Why this parsed body is refused, or None; iterative, so no depth breaks it."""
    stack: list[tuple[object, int]] = [(body, 1)]
    nodes = 0
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if depth > MAX_DEPTH:
            return f"the request nests deeper than {MAX_DEPTH} levels"
        if nodes > MAX_NODES:
            return f"the request holds more than {MAX_NODES} values"
        if isinstance(value, dict | list):
            children = list(value.values()) if isinstance(value, dict) else value
            if len(children) > MAX_ITEMS:
                return f"a list or object in the request holds more than {MAX_ITEMS} entries"
            stack.extend((child, depth + 1) for child in children)
    return _scalar_problem(body)  # type: ignore[arg-type]


def unmatched_scalar_inputs(callback_map: dict) -> list[str]:
    """Rules naming an input no registered callback reads (a renamed id would leave a gap)."""
    read = {f"{spec['id']}.{spec['property']}" for entry in callback_map.values()
            for spec in (*entry["inputs"], *entry["state"]) if isinstance(spec["id"], str)}
    return sorted(set(SCALAR_INPUTS) - read)


def _scalar_problem(body: dict) -> str | None:
    for item in _items(body.get("inputs"), body.get("state")):
        key = f"{item.get('id')}.{item.get('property')}"
        if key in SCALAR_INPUTS and not _is_scalar(item.get("value")):
            return f"'{key}' takes a single value"
    return None


def _items(*groups: object) -> Iterable[dict]:
    """The {id, property, value} entries; a pattern-matching input sends a list of them."""
    for group in groups:
        for entry in group if isinstance(group, list) else ():
            for item in entry if isinstance(entry, list) else (entry,):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    yield item


def _is_scalar(value: object) -> bool:
    if isinstance(value, str):
        return len(value) <= MAX_SCALAR_LENGTH
    return value is None or isinstance(value, int | float)
