"""The target registry: documents, indicators (measured series) and targets.

Owns the record models (models.py: frozen pydantic models, cross-field rules)
and loading them from the YAML folder or from database records with every
problem located by file, record and field (loader.py: one check for both;
problems.py: the Chinese of each message, RegistryChangeError; stored.py: the
database's records read back in bulk, bulk.py).  Everything else reads targets through Registry.
"""

from indicators.registry.loader import (
    SECTIONS,
    TARGET_COLUMNS,
    RawRecord,
    Registry,
    check_records,
    load_registry,
    normalise_label,
    registry_from_records,
)
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
from indicators.registry.problems import (
    RegistryChangeError,
    RegistryProblem,
    message_zh,
    refusal,
)
from indicators.registry.stored import registry_from_json

__all__ = [
    "MAGNITUDE_PREFIXES", "RECORD_ID_PATTERN", "SECTIONS", "TARGET_COLUMNS", "Baseline",
    "Document", "Indicator", "RawRecord", "Registry", "RegistryChangeError", "RegistryProblem",
    "Target", "check_records", "is_magnitude_of", "load_registry", "message_zh",
    "normalise_label", "refusal", "registry_from_json", "registry_from_records", "unit_factor",
]
