"""The registry one process holds, and when it must read the database's registry again.

A process keeps the registry it last read with what is built from it (the
targets frame, the shared cache of that registry).  It reads again when the
database's registry version moved (any process changed it) or when a target
it holds reaches its retirement date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from indicators.registry import Registry
from indicators.service.cache import FileCache


@dataclass(frozen=True)
class RegistryState:
    registry: Registry
    targets: pd.DataFrame
    shared: FileCache | None
    version: int  # 0: not from the database (handed in, and the database holds none)
    renew_on: dt.date | None  # a target retires that day: build the registry again

    @classmethod
    def of(cls, registry: Registry, targets: pd.DataFrame, shared: FileCache | None) -> RegistryState:
        return cls(registry, targets, shared, registry.version, next_retirement(registry))

    def stale(self, registry_version: int) -> bool:
        if registry_version and registry_version != self.version:
            return True
        return self.renew_on is not None and dt.date.today() >= self.renew_on


def next_retirement(registry: Registry) -> dt.date | None:
    dates = [target.retired_from for target in registry.targets.values() if target.retired_from]
    return min(dates) if dates else None
