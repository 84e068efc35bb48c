"""Records read back in bulk share one set of field names per model class
(indicators.registry.bulk.share_fields_sets): memory, with the models unchanged."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from indicators.registry import bulk
from indicators.registry.bulk import _all_fields, _model_fields_of
from indicators.registry.models import Baseline, Target

TARGET = {"id": "t_one", "indicator": "ind_a", "region": "CN", "document": "plan_a",
          "section": "主要指标", "quote": "达到12件", "line": 3, "target_year": 2025,
          "target_value": 12.0, "comparator": ">=", "kind": "level",
          "baseline": {"year": 2020, "value": 6.3}}


def stored(record: dict) -> str:
    """A record as the database keeps it: its model's whole JSON, every field given."""
    return Target.model_validate(record).model_dump_json()


def test_targets_read_back_share_their_field_sets_and_their_baselines_do_too() -> None:
    texts = {"t_one": stored(TARGET), "t_two": stored({**TARGET, "id": "t_two"})}
    one, two = bulk.validate_json_records(texts, Target).values()
    assert one.model_fields_set is two.model_fields_set
    assert one.model_fields_set == set(Target.model_fields)
    assert one.baseline.model_fields_set is two.baseline.model_fields_set
    assert one.baseline.model_fields_set == {"year", "value"}
    # The models are as validated: equal to one built from the record, dumps unchanged.
    assert one == Target.model_validate(TARGET)
    assert one.model_dump_json() == texts["t_one"]


def test_a_copy_with_an_update_gets_its_own_set() -> None:
    one, two = bulk.validate_json_records(
        {"t_one": stored(TARGET), "t_two": stored({**TARGET, "id": "t_two"})}, Target).values()
    copied = one.model_copy(update={"notes": "改"})
    assert copied.model_fields_set is not one.model_fields_set
    assert two.model_fields_set == set(Target.model_fields)


def test_a_model_given_only_some_fields_keeps_its_own_set() -> None:
    partial = Target.model_validate(TARGET)  # notes, source, path ... left to their defaults
    before = partial.model_fields_set
    bulk.share_fields_sets([partial])
    assert partial.model_fields_set is before
    assert "notes" not in partial.model_fields_set
    # Its baseline gave both of its fields: that one is shared.
    assert partial.baseline.model_fields_set is _all_fields(Baseline)


class Editable(BaseModel):
    """Not frozen: an instance adds a name to its set when a field is assigned."""

    model_config = ConfigDict(extra="forbid")
    name: str
    note: str = ""


def test_a_model_that_is_not_frozen_keeps_its_own_set() -> None:
    first, second = Editable(name="a", note=""), Editable(name="b", note="")
    bulk.share_fields_sets([first, second])
    assert first.model_fields_set is not second.model_fields_set


def test_the_fields_that_can_hold_a_model() -> None:
    assert _model_fields_of(Target) == ("baseline",)
    assert _model_fields_of(Baseline) == ()
