"""The sync codec: a use case's arguments survive JSON with their types; rows travel as docs/sync.md says."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from types import MappingProxyType

import pytest

from matchdesk.domain import CefrLevel, LanguageSkill, ProposalStatus, Provider, TrajectoryKind
from matchdesk.errors import ValidationError
from matchdesk.services.candidates import SkillInput
from matchdesk.services.signal_states import SignalRef
from matchdesk.services.trajectories import TrajectoryInput
from matchdesk.storage.models import Candidate, Trajectory
from matchdesk.sync import codec


def _round_trip(value):
    return codec.decode(json.loads(json.dumps(codec.encode(value))))


@pytest.mark.parametrize("value", [
    None, True, 3, 2.5, "tekst", uuid.uuid4(), dt.date(2026, 12, 4), dt.datetime(2026, 12, 4, 10, 31, 2, 123456),
    CefrLevel.B1, ProposalStatus.GEPLAATST, (1, "a", dt.date(2026, 1, 1)), [uuid.uuid4(), None], b"\x00\xff",
    {"klantnummer": "1000001", "birth_date": dt.date(1990, 5, 1), "doelgroep": "B"},
])
def test_plain_values_keep_their_type(value):
    back = _round_trip(value)
    assert back == value and type(back) is type(value)


def test_dataclasses_and_mappings_with_enum_keys():
    fields = TrajectoryInput(kind=TrajectoryKind.LEERWERKTRAJECT, start=dt.date(2026, 1, 5),
                             planned_end=dt.date(2026, 7, 4), provider=Provider.LEERWERKBEDRIJF,
                             employer_id=uuid.uuid4())
    assert _round_trip(fields) == fields
    ref = SignalRef("taaleis", str(uuid.uuid4()), dt.date(2026, 12, 1), "abcd", uuid.uuid4())
    assert _round_trip(ref) == ref and _round_trip((ref,)) == (ref,)
    levels = MappingProxyType({LanguageSkill.SPREKEN: CefrLevel.A2, LanguageSkill.LEZEN: None})
    assert dict(_round_trip(levels)) == dict(levels)
    skills = [SkillInput("heftruck", "basis")]
    assert _round_trip({"skills": skills}) == {"skills": skills}


@pytest.mark.parametrize("data", [
    {"$dataclass": "os:PathLike", "fields": {}},  # outside matchdesk: never built
    {"$dataclass": "matchdesk.ui.main_window:MainWindow", "fields": {}},  # never imported for a client
    {"$enum": "matchdesk.domain:NoSuchThing", "value": "x"},
    {"$dataclass": "matchdesk.domain:CefrLevel", "fields": {}},  # not a dataclass
    {"$uuid": "geen-uuid"},
    {"$weird": 1},
])
def test_what_cannot_be_decoded_is_a_validation_error(data):
    with pytest.raises(ValidationError):
        codec.decode(data)


def test_rows_by_column_type():
    candidate_id = uuid.uuid4()
    row = {"id": candidate_id, "klantnummer": "1000001", "birth_date": dt.date(1990, 5, 1),
           "updated_at": dt.datetime(2026, 12, 4, 10, 31, 2), "doelgroep": None, "banenafspraak": True,
           "taaleis_status": Candidate.taaleis_status.type.enum_class("onbekend"), "version": 3}
    data = codec.row_to_json("candidates", row)
    assert data["id"] == str(candidate_id) and data["birth_date"] == "1990-05-01"
    assert data["updated_at"] == "2026-12-04T10:31:02Z" and data["taaleis_status"] == "onbekend"
    assert json.loads(json.dumps(data)) == data
    back = codec.row_from_json("candidates", data)
    assert {k: back[k] for k in row} == row
    assert set(data) == {c.name for c in Candidate.__table__.columns}
    trajectory = codec.row_from_json(Trajectory.__table__, {"kind": "leerwerktraject", "start": "2026-01-05"})
    assert trajectory == {"kind": TrajectoryKind.LEERWERKTRAJECT, "start": dt.date(2026, 1, 5)}
    with pytest.raises(ValidationError):
        codec.row_from_json("audit_log", {})
