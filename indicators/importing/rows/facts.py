"""What the registry says about each series of a sheet, shared by both row paths.

Both the column-wise path (by_column) and the cell-by-cell path (by_row) ask
the same questions of a series (indicator, region): its reference values for
the plausibility check, and whether a "no target" warning was already given.
Keeping the answers here, once per upload, is what lets the two paths agree.
"""

from __future__ import annotations

from indicators.config import UploadLimits
from indicators.importing.issues import IssueLog
from indicators.importing.layout import SheetLayout
from indicators.importing.values import PlausibleRange, plausible_range, reference_sets
from indicators.registry import Indicator, Registry


class SeriesFacts:
    def __init__(self, registry: Registry, limits: UploadLimits, log: IssueLog) -> None:
        self.registry = registry
        self.limits = limits
        self.log = log
        # Per series: (references, floors), values.reference_sets.
        self._references: dict[tuple[str, str], tuple[tuple[float, ...], tuple[float, ...]]] = {}
        self._bounds: dict[tuple[str, str], PlausibleRange] = {}
        self._warned_no_target: set[tuple[str, str]] = set()

    @property
    def warned_without_target(self) -> frozenset[tuple[str, str]]:
        return frozenset(self._warned_no_target)

    def references(self, indicator_id: str, region: str) -> tuple[float, ...]:
        """values.reference_values of the series."""
        return self._reference_sets(indicator_id, region)[0]

    def _reference_sets(self, indicator_id: str, region: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
        key = (indicator_id, region)
        found = self._references.get(key)
        if found is None:
            found = self._references[key] = reference_sets(self.registry, *key)
        return found

    def bounds(self, indicator_id: str, region: str) -> PlausibleRange:
        """The series' plausible range; both row paths judge a value by this one object."""
        key = (indicator_id, region)
        found = self._bounds.get(key)
        if found is None:
            references, floors = self._reference_sets(*key)
            found = self._bounds[key] = plausible_range(
                self.registry.indicators[indicator_id], references, floors,
                self.limits.plausible_factor, self.limits.max_value)
        return found

    def warn_without_target(self, layout: SheetLayout, number: int, indicator: Indicator, region: str) -> None:
        key = (indicator.id, region)
        if key in self._warned_no_target or self.registry.targets_of(*key):
            return
        self._warned_no_target.add(key)
        self.log.warn("no_target", layout.where(number, "region"), name=self.name(indicator),
                      region=self.region_name(region))

    def name(self, indicator: Indicator) -> str:
        return indicator.name_zh if self.log.lang == "zh" else indicator.name_en

    def region_name(self, code: str) -> str:
        region = self.registry.regions[code]
        return region.name_zh if self.log.lang == "zh" else region.name_en
