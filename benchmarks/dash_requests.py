"""The JSON a browser POSTs to /_dash-update-component, built from /_dash-dependencies.

Shared by the callback benchmark (Flask test client) and the load test (HTTP):

    deps = dependencies(client.get("/_dash-dependencies").get_json())
    body = callback_body(deps["overview-body.children"], {"overview-region.value": "CN"},
                         changed="overview-region.value")
"""

from __future__ import annotations

import base64
import json

from layouts import ids
from layouts.pages import overview
from layouts.pages import upload as upload_page

ROUTER_OUTPUT = f"{ids.PAGE_CONTENT}.children"
OVERVIEW_OUTPUT = f"{overview.BODY}.children"
PREVIEW_OUTPUT = f"{upload_page.PREVIEW}.children"
COMMIT_OUTPUT = f"{upload_page.DROP}.contents"


def dependencies(listing: list[dict]) -> dict[str, dict]:
    """Callbacks by one of their outputs ("id.property", without an @hash)."""
    found: dict[str, dict] = {}
    for dependency in listing:
        for output in _outputs(dependency["output"]):
            found.setdefault(f"{output['id']}.{output['property'].split('@')[0]}", dependency)
    return found


def callback_body(dependency: dict, values: dict[str, object], changed: str) -> dict:
    """The request body for one callback; values maps "id.property" to its current value."""
    def items(specs: list[dict]) -> list[dict]:
        return [{"id": spec["id"], "property": spec["property"],
                 "value": values.get(f"{spec['id']}.{spec['property']}")} for spec in specs]

    outputs = _outputs(dependency["output"])
    return {
        "output": dependency["output"],
        "outputs": outputs if dependency["output"].startswith("..") else outputs[0],
        "inputs": items(dependency["inputs"]),
        "state": items(dependency["state"]),
        "changedPropIds": [changed],
    }


def router_values(pathname: str, lang: str = "zh", search: str = "") -> dict[str, object]:
    return {f"{ids.URL}.pathname": pathname, f"{ids.URL}.search": search,
            f"{ids.LANG_STORE}.data": lang}


def overview_values(region: str | None = None, as_of: int | None = None,
                    document: str | None = None, category: str | None = None,
                    lang: str = "zh") -> dict[str, object]:
    return {f"{overview.DOCUMENT_FILTER}.value": document,
            f"{overview.REGION_FILTER}.value": region,
            f"{overview.CATEGORY_FILTER}.value": category,
            f"{overview.AS_OF_FILTER}.value": as_of,
            f"{ids.LANG_STORE}.data": lang}


def upload_values(content: bytes, file_name: str, lang: str = "zh") -> dict[str, object]:
    """What dcc.Upload holds after a file is dropped: a base64 data URL and the name."""
    encoded = base64.b64encode(content).decode("ascii")
    return {f"{upload_page.DROP}.contents": f"data:text/csv;base64,{encoded}",
            f"{upload_page.DROP}.filename": file_name, f"{ids.LANG_STORE}.data": lang}


def commit_values(pending: dict, lang: str = "zh") -> dict[str, object]:
    return {f"{upload_page.COMMIT}.n_clicks": 1, f"{upload_page.PENDING}.data": pending,
            f"{ids.LANG_STORE}.data": lang}


def encode(body: dict) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _outputs(output: str) -> list[dict]:
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    result = []
    for part in parts:
        component, _, prop = part.rpartition(".")
        result.append({"id": component, "property": prop})
    return result
