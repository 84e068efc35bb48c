"""Settings from config.yaml, validated like the registry.

Environment variables override the file where deployments need it
(DATABASE_URL), so the same config.yaml serves a laptop and a server.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from indicators.errors import ConfigError, Problem, RegistryError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_PATH = PROJECT_ROOT / "config.yaml"
# yaml.safe_load's loader, in C when libyaml is there: a registry of 20,000
# targets loads in seconds instead of a minute.  Both build plain Python types only.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Region(Section):
    code: str = Field(pattern=r"^[A-Z]{2}(-[A-Z]{2,3})?$")
    name_zh: str
    name_en: str
    aliases: tuple[str, ...] = ()


class AppSettings(Section):
    host: str = "127.0.0.1"
    port: int = Field(default=8050, ge=1, le=65535)
    default_language: Literal["zh", "en"] = "zh"
    title_zh: str = "知识产权规划目标监测"
    title_en: str = "IP Plan Target Tracker"


class ForecastThresholds(Section):
    """When a target whose final figure is not known yet is expected to be met (README Method)."""

    # The trend line may end this share of the target short of it and still count as reaching it.
    projection_slack: float = Field(default=0.0, ge=0, lt=1)
    # Achieved annual growth must be at least this multiple of the growth still required.
    growth_ratio: float = Field(default=1.0, gt=0)


class StatusThresholds(Section):
    """Schedule-ratio cut-offs: q >= on_track is on track, and so on down."""

    on_track: float = Field(default=0.95, gt=0)
    slightly_behind: float = Field(default=0.60, gt=0)
    # 超额完成: the actual beats the target by more than this share of the target.
    exceed_margin: float = Field(default=0.10, ge=0)
    forecast: ForecastThresholds = ForecastThresholds()

    @model_validator(mode="after")
    def _ordered(self) -> StatusThresholds:
        if self.slightly_behind >= self.on_track:
            raise ValueError("slightly_behind must be below on_track")
        return self


class UploadLimits(Section):
    max_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    max_rows: int = Field(default=200_000, gt=0)
    max_columns: int = Field(default=100, gt=0)
    max_sheets: int = Field(default=20, gt=0)
    # What an .xlsx may unpack to, judged from its zip directory before it is parsed.
    max_unzipped_bytes: int = Field(default=100 * 1024 * 1024, gt=0)
    # Distinct strings an .xlsx's shared-string table may hold, counted in the zip before
    # parsing: millions of tiny strings pack into a few MB yet take a minute to read.
    max_shared_strings: int = Field(default=1_000_000, gt=0)
    year_min: int = 1990
    year_max: int = 2050
    jump_warning_ratio: float = Field(default=0.5, gt=0)
    # A value more than this factor below or above every target, baseline and stored
    # value of its series is refused (indicators.importing.values.plausible_range).
    plausible_factor: float = Field(default=10.0, gt=1)
    # No indicator counts this much in its own unit; refused even without references.
    max_value: float = Field(default=1e15, gt=0)
    # Text caps: any one cell, a note (as the note editor's), and all text of one file.
    max_cell_chars: int = Field(default=1000, gt=0)
    max_note_chars: int = Field(default=1000, gt=0)
    max_text_chars: int = Field(default=20_000_000, gt=0)


class AuthSettings(Section):
    anonymous_view: bool = False
    # Behind an HTTPS reverse proxy: send the session cookie only over HTTPS
    # (the environment variable TRACKER_COOKIE_SECURE=1 does the same).
    secure_cookies: bool = False
    # How many reverse proxies in front of the app set X-Forwarded-For/-Proto/-Host;
    # 0 trusts none of those headers.
    proxy_hops: int = Field(default=0, ge=0, le=5)


class CacheSettings(Section):
    # Computed reports, keyed by data version, in a folder every server process
    # shares; None keeps them in each process only.
    folder: str | None = "data/cache"
    max_entries: int = Field(default=32, gt=0)
    # Every server process checks the data version this often and, after a change made by
    # any process, builds the report and the default overview before viewers ask
    # (indicators.service.watch); 0 leaves that to the first viewer.
    watch_seconds: float = Field(default=2.0, ge=0, le=3600)


class PlansSettings(Section):
    # Who may publish a draft set to the registry (the Plans page); editors always draft.
    publish_role: Literal["editor", "admin"] = "admin"


class OverviewSettings(Section):
    # More regions than this and the overview is a national deployment's: its region and
    # document filters are searchable, and it names the first `summary_limit` documents only.
    large_regions: int = Field(default=50, gt=0)
    summary_limit: int = Field(default=20, gt=0)


class Settings(Section):
    app: AppSettings = AppSettings()
    database_url: str = "sqlite:///data/tracker.db"
    registry_path: str = "data/registry"
    # First-run data for an empty database (indicators.store.sample): the published
    # figures, or, when sample_data is set, the labelled sample instead.
    published_data: str | None = None
    sample_data: str | None = None
    regions: tuple[Region, ...]
    status: StatusThresholds = StatusThresholds()
    upload: UploadLimits = UploadLimits()
    auth: AuthSettings = AuthSettings()
    cache: CacheSettings = CacheSettings()
    plans: PlansSettings = PlansSettings()
    overview: OverviewSettings = OverviewSettings()
    root: Path = PROJECT_ROOT

    @model_validator(mode="after")
    def _unique_regions(self) -> Settings:
        codes = [region.code for region in self.regions]
        if len(codes) != len(set(codes)):
            raise ValueError("regions: duplicate region code")
        return self

    def resolve(self, relative: str) -> Path:
        """A path from config.yaml, relative to the project root."""
        path = Path(relative)
        return path if path.is_absolute() else self.root / path

    @property
    def region_codes(self) -> tuple[str, ...]:
        return tuple(region.code for region in self.regions)


def load_config(path: str | Path | None = None, **overrides: object) -> Settings:
    """Read and validate config.yaml; DATABASE_URL in the environment wins."""
    config_path = Path(path) if path else DEFAULT_CONFIG_PATH
    raw = read_yaml_mapping(config_path, ConfigError)
    if os.environ.get("DATABASE_URL"):
        raw["database_url"] = os.environ["DATABASE_URL"]
    raw.setdefault("root", config_path.resolve().parent)
    raw.update(overrides)
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(
            [Problem(str(config_path), None, _loc(err["loc"]), err["msg"]) for err in exc.errors()],
            hint="compare with the commented defaults in the project's config.yaml",
        ) from None


def read_yaml_mapping(path: Path, error: type[RegistryError] = ConfigError) -> dict:
    """safe_load one YAML file that must hold a mapping; syntax errors keep their line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error([Problem(str(path), None, None, f"cannot read: {exc.strerror}")]) from None
    except UnicodeDecodeError:
        raise error([Problem(str(path), None, None, "is not UTF-8 text")]) from None
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise error([Problem(str(path), None, None, f"YAML syntax error at {where}{problem}")]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise error([Problem(str(path), None, None, "must hold a mapping at the top level")])
    return data


def _loc(loc: tuple) -> str:
    return ".".join(str(part) for part in loc)
