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
from indicators.importing.values import PlausibleRange, plausible_range, reference_values
from indicators.registry import Indicator, Registry


class SeriesFacts:
    def __init__(self, registry: Registry, limits: UploadLimits, log: IssueLog) -> None:
        self.registry = registry
        self.limits = limits
        self.log = log
        self._references: dict[tuple[str, str], tuple[float, ...]] = {}
        self._bounds: dict[tuple[str, str], PlausibleRange] = {}
        self._warned_no_target: set[tuple[str, str]] = set()

    @property
    def warned_without_target(self) -> frozenset[tuple[str, str]]:
        return frozenset(self._warned_no_target)

    def references(self, indicator_id: str, region: str) -> tuple[float, ...]:
        key = (indicator_id, region)
        if key not in self._references:
            self._references[key] = reference_values(self.registry, *key)
        return self._references[key]

    def bounds(self, indicator_id: str, region: str) -> PlausibleRange:
        """The series' plausible range; both row paths judge a value by this one object."""
        key = (indicator_id, region)
        if key not in self._bounds:
            self._bounds[key] = plausible_range(
                self.registry.indicators[indicator_id], self.references(*key),
                reference_values(self.registry, *key, floors=True), self.limits.plausible_factor,
                self.limits.max_value)
        return self._bounds[key]

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
