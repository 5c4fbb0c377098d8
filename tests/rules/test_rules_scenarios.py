"""Scenario files judged through `matchdesk rules check`: the shared examples (../shared/scenarios, with their
expected.json) and our own (tests/rules/scenarios, with exact expected findings); all validate against the
JSON Schema shipped in resources/schemas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from matchdesk.domain import Categorie, Doelgroep, Location, Provider, TrajectoryKind, VacancyKind
from matchdesk.resources import resource
from matchdesk.rules import scenario as scenario_module
from matchdesk.rules.facts import ACTIONS
from tests.conftest import SHARED

SHARED_SCENARIOS = SHARED / "scenarios"
OWN_SCENARIOS = Path(__file__).parent / "scenarios"
VERDICTS = {"allowed", "warning", "blocked"}


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(resource("schemas", "scenario.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _schema_errors(validator, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(data)]


def _shared_names() -> list[str]:
    if not SHARED_SCENARIOS.is_dir():
        return []
    return sorted(p.stem for p in SHARED_SCENARIOS.glob("*.json") if p.name != "expected.json")


needs_shared = pytest.mark.skipif(not (SHARED_SCENARIOS / "expected.json").is_file(),
                                  reason=f"gedeelde scenario's niet gevonden: {SHARED_SCENARIOS} ontbreekt "
                                         "(../shared naast de repository)")


@needs_shared
def test_every_shared_scenario_has_an_expectation():
    expected = json.loads((SHARED_SCENARIOS / "expected.json").read_text(encoding="utf-8"))
    assert _shared_names(), "no scenarios in ../shared/scenarios"
    assert set(_shared_names()) == set(expected)
    for name, acceptable in expected.items():
        assert acceptable and set(acceptable) <= VERDICTS | {"exit2"}, name


@needs_shared
@pytest.mark.parametrize("name", _shared_names() or ["(geen)"])
def test_shared_scenario_validates_and_gets_an_acceptable_verdict(name, cli, validator):
    path = SHARED_SCENARIOS / f"{name}.json"
    acceptable = json.loads((SHARED_SCENARIOS / "expected.json").read_text(encoding="utf-8"))[name]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert _schema_errors(validator, data) == []
    code, out, err = cli("rules", "check", str(path))
    if code == 2:
        assert "exit2" in acceptable, err
        return
    assert code == 0, err
    result = json.loads(out)
    assert result["verdict"] in acceptable, result
    _check_verdict_shape(result)


def _own_expected() -> dict:
    return json.loads((OWN_SCENARIOS / "expected.json").read_text(encoding="utf-8"))


def test_own_scenarios_and_expectations_match():
    files = {p.stem for p in OWN_SCENARIOS.glob("*.json") if p.name != "expected.json"}
    assert files == set(_own_expected())
    assert len(files) >= 20


@pytest.mark.parametrize("name", sorted(_own_expected()))
def test_own_scenario(name, cli, validator):
    path = OWN_SCENARIOS / f"{name}.json"
    expected = _own_expected()[name]
    assert _schema_errors(validator, json.loads(path.read_text(encoding="utf-8"))) == []
    code, out, err = cli("rules", "check", str(path))
    assert code == 0, err
    result = json.loads(out)
    _check_verdict_shape(result)
    assert result["verdict"] == expected["verdict"], result
    assert sorted([f["rule"], f["severity"]] for f in result["findings"]) == expected["findings"], result


def _check_verdict_shape(result: dict) -> None:
    assert set(result) == {"verdict", "findings"} and result["verdict"] in VERDICTS
    for finding in result["findings"]:
        assert set(finding) == {"rule", "severity", "message"}
        assert finding["severity"] in {"info", "warning", "block"} and finding["message"]
        assert finding["rule"] != "leerwerkbedrijf_aandeel"  # the 70% is a portfolio figure


# The schema and the reader must describe the same format.

def _enum(schema: dict, node: dict) -> list:
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node["enum"]


def test_schema_enumerations_match_the_domain(schema):
    props = schema["properties"]
    cand, prop = props["candidate"]["properties"], props["proposal"]["properties"]
    history = props["history"]["items"]["properties"]
    assert _enum(schema, prop["kind"]) == [k.value for k in TrajectoryKind]
    assert _enum(schema, history["kind"]) == [k.value for k in TrajectoryKind]
    assert _enum(schema, prop["provider"]) == [p.value for p in Provider] + [None]
    assert _enum(schema, prop["location"]) == [loc.value for loc in Location] + [None]
    assert _enum(schema, prop["vacancy_kind"]) == [v.value for v in VacancyKind] + [None]
    assert _enum(schema, prop["action"]) == list(ACTIONS)
    assert _enum(schema, cand["doelgroep"]) == [d.value for d in Doelgroep] + [None]
    assert _enum(schema, cand["categorie"]) == [c.value for c in Categorie] + [None]


@pytest.mark.parametrize(("path", "spec"), [
    ((), scenario_module._TOP),
    (("candidate",), scenario_module._CANDIDATE),
    (("history", "items"), scenario_module._HISTORY),
    (("proposal",), scenario_module._PROPOSAL),
])
def test_schema_fields_match_the_reader(schema, path, spec):
    node = schema
    for key in path:
        node = node["properties"][key] if key != "items" else node["items"]
    assert node["additionalProperties"] is False
    assert set(node["properties"]) == set(spec)
    assert set(node["required"]) == {key for key, required in spec.items() if required}


def test_readme_documents_the_scenario_format(cli, validator, tmp_path):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "rules check" in readme and "scenario.schema.json" in readme
    section = readme[readme.index("scenario.schema.json"):]
    begin = section.index("```json") + len("```json")
    example = json.loads(section[begin:section.index("```", begin)])
    assert _schema_errors(validator, example) == []
    path = tmp_path / "readme.json"
    path.write_text(json.dumps(example), encoding="utf-8")
    code, out, err = cli("rules", "check", str(path))
    assert code == 0 and json.loads(out)["verdict"] == "allowed", err
