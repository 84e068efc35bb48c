"""Which registry indicator a drafted target measures, by name, alias and unit.

A new plan's 每万人口高价值发明专利拥有量 must join the series that already has
data, so a draft takes an existing id when its name (after dropping region
words such as 全市) equals or contains a registered name or alias and its unit
is the indicator's unit or a magnitude of it.  Otherwise it gets a proposed id,
new_<what>_<hash>, stable for the same name and unit, for the reviewer to rename.
"""

from __future__ import annotations

import hashlib
import re

from indicators.drafting.text import fold_text
from indicators.registry.loader import Registry, normalise_label
from indicators.registry.models import is_magnitude_of

REGION_WORDS = re.compile(r"^(?:全国|全市|全省|全区|全县|我国|我市|我省|我区|本市|本省|国内|各地)")
# The shortest registered label that may match inside a longer name.
MIN_CONTAINED = 4
NEW_ID_WORDS = (("%", "share"), ("分", "score"), ("元", "amount"), ("人", "people"))


class IndicatorMatcher:
    def __init__(self, registry: Registry | None) -> None:
        self._labels = registry.indicator_labels() if registry else {}
        self._units = ({key: indicator.unit for key, indicator in registry.indicators.items()}
                       if registry else {})

    def indicator_for(self, name: str, unit: str) -> str:
        return self.existing(name, unit) or propose_id(name, unit)

    def existing(self, name: str, unit: str) -> str | None:
        """The id of the registered indicator this name and unit measure, if any."""
        key = label_key(name)
        found = self._labels.get(key)
        if found and self._unit_fits(found, unit):
            return found
        contained = [(len(label), indicator) for label, indicator in self._labels.items()
                     if len(label) >= MIN_CONTAINED and (label in key or key in label)
                     and self._unit_fits(indicator, unit)]
        return max(contained)[1] if contained else None

    def _unit_fits(self, indicator: str, unit: str) -> bool:
        base = self._units.get(indicator)
        return base is not None and is_magnitude_of(unit, base)


def label_key(name: str) -> str:
    """The registry's normalised label of a drafted name, without region words."""
    return normalise_label(REGION_WORDS.sub("", fold_text(name).strip()))


def propose_id(name: str, unit: str) -> str:
    """new_<what>_<6 hex>: ASCII, valid as a registry id, the same for the same name and unit."""
    what = next((word for mark, word in NEW_ID_WORDS if mark in unit), "count")
    digest = hashlib.sha1(f"{label_key(name)}|{unit}".encode()).hexdigest()[:6]
    return f"new_{what}_{digest}"
