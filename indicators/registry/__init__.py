"""The target registry: documents, indicators (measured series) and targets.

Owns the record models (models.py: frozen pydantic models, cross-field rules)
and loading them from the YAML folder with every problem located by file,
record and field (loader.py).  Everything else reads targets through Registry.
"""

from indicators.registry.loader import TARGET_COLUMNS, Registry, load_registry, normalise_label
from indicators.registry.models import (
    MAGNITUDE_PREFIXES,
    RECORD_ID_PATTERN,
    Baseline,
    Document,
    Indicator,
    Target,
    is_magnitude_of,
    unit_factor,
)

__all__ = [
    "MAGNITUDE_PREFIXES", "RECORD_ID_PATTERN", "TARGET_COLUMNS", "Baseline", "Document",
    "Indicator", "Registry", "Target", "is_magnitude_of", "load_registry", "normalise_label",
    "unit_factor",
]
