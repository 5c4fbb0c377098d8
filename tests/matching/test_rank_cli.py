"""`matchdesk rank` on the command line: JSON shape, table, vacancy file, exit codes."""

import json

import pytest

from matchdesk.cli.main import main

COMPONENT_KEYS = {"required_skills", "desired_skills", "language", "travel", "hours", "start_date",
                  "driving_licence", "wishes"}


@pytest.fixture(autouse=True)
def no_user_cache(monkeypatch):
    monkeypatch.setenv("MATCHDESK_NO_CACHE", "1")


@pytest.fixture
def filled(db_target, add_vacancy, add_candidate, levels):
    add_vacancy("V1", required=["heftruck"], language={"spreken": "A2"})
    add_candidate(["heftruck"], levels(all="B1"), klantnummer="K1")
    add_candidate(["kassawerk"], levels(all="A1"), klantnummer="K2", work_limitations="Niet zwaar tillen")
    return str(db_target)


def run(args, capsys):
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_shape(filled, capsys):
    code, out, _ = run(["--db", filled, "--today", "2026-11-23", "rank", "--vacancy", "V1", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"query", "total", "results"} and data["total"] == 2
    first = data["results"][0]
    assert first["candidate"] == "K1"
    assert set(first["components"]) == COMPONENT_KEYS
    assert abs(sum(first["components"].values()) - first["score"]) <= 1
    for key in ("eligible", "knockouts", "matched_skills", "missing_skills", "language_gaps", "unknown",
                "improvements", "explanation"):
        assert key in first
    assert first["matched_skills"][0]["via"] in {"exact", "synonym", "fuzzy", "related"}
    second = data["results"][1]
    assert "Niet zwaar tillen" not in out and "bespreken met werkgever" in second["explanation"]


def test_table_is_dutch(filled, capsys):
    code, out, _ = run(["--db", filled, "--today", "2026-11-23", "rank", "--vacancy", "V1"], capsys)
    assert code == 0 and "Kandidaten voor vacature V1" in out and "klantnummer" in out


def test_candidate_direction(filled, capsys):
    code, out, _ = run(["--db", filled, "--today", "2026-11-23", "rank", "--candidate", "K1", "--json"], capsys)
    assert code == 0 and json.loads(out)["results"][0]["vacancy"] == "V1"


@pytest.mark.parametrize("args", [["--vacancy", "ONBEKEND"], ["--candidate", "999"]])
def test_unknown_reference_exits_2(filled, capsys, args):
    code, out, err = run(["--db", filled, "rank", *args], capsys)
    assert code == 2 and "bestaat niet" in err and "Traceback" not in err


def test_vacancy_file(filled, tmp_path, capsys):
    path = tmp_path / "vacature.json"
    path.write_text(json.dumps({"referentie": "NIEUW-1", "titel": "Heftruckchauffeur", "plaats": "Roosendaal",
                                "vereiste_vaardigheden": "heftruk; laden en lossen", "min_nl_spreken": "1F",
                                "uren_per_week": 32, "soort": "regulier"}), encoding="utf-8")
    code, out, _ = run(["--db", filled, "--today", "2026-11-23", "rank", "--vacancy-file", str(path), "--json"],
                       capsys)
    data = json.loads(out)
    assert code == 0 and data["query"]["vacancy"] == "NIEUW-1"
    match = data["results"][0]["matched_skills"][0]
    assert data["results"][0]["candidate"] == "K1" and match["skill"] == "Heftruckcertificaat"


@pytest.mark.parametrize("content", ["{niet json", "[1, 2]", '{"titel": "x", "min_nl_spreken": "Z9"}',
                                     '{"vereiste_vaardigheden": "heftruck"}'])
def test_bad_vacancy_file_exits_2(filled, tmp_path, capsys, content):
    path = tmp_path / "v.json"
    path.write_text(content, encoding="utf-8")
    code, _, err = run(["--db", filled, "rank", "--vacancy-file", str(path)], capsys)
    assert code == 2 and err.startswith("matchdesk:")


def test_missing_vacancy_file_exits_2(filled, tmp_path, capsys):
    code, _, err = run(["--db", filled, "rank", "--vacancy-file", str(tmp_path / "weg.json")], capsys)
    assert code == 2 and "bestaat niet" in err


def test_the_index_cache_is_kept_only_for_a_local_sqlite_file(monkeypatch, tmp_path):
    from types import SimpleNamespace

    from matchdesk.cli.context import _cache_dir

    monkeypatch.delenv("MATCHDESK_NO_CACHE", raising=False)
    assert _cache_dir(SimpleNamespace(sqlite_path=tmp_path / "md.db")) is not None
    assert _cache_dir(SimpleNamespace(sqlite_path=None)) is None  # a shared server: no copy on the laptop
    monkeypatch.setenv("MATCHDESK_NO_CACHE", "1")
    assert _cache_dir(SimpleNamespace(sqlite_path=tmp_path / "md.db")) is None
