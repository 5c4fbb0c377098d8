"""The installer's files hold together without building anything (the build and the frozen app themselves are
checked by ``make bundle`` + ``packaging/smoke_bundle.py`` in CI, after the suite)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
WIX = "{http://wixtoolset.org/schemas/v4/wxs}"
_spec = importlib.util.spec_from_file_location("smoke_bundle", PACKAGING / "smoke_bundle.py")
assert _spec is not None and _spec.loader is not None
smoke_bundle = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(smoke_bundle)


def wxs() -> ET.Element:
    return ET.parse(PACKAGING / "wix" / "matchdesk.wxs").getroot()


def test_the_bundle_extra_brings_pyinstaller() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(req.replace(" ", "").startswith("pyinstaller>=6") for req in project["optional-dependencies"]["bundle"])
    assert re.fullmatch(r"\d+\.\d+\.\d+", project["version"]), "an MSI version is X.Y.Z"


def test_build_and_dist_are_never_tracked() -> None:
    paths = ["build/pyinstaller/x", "dist/matchdesk/matchdesk", "dist/MatchDesk-0.1.0.msi"]
    result = subprocess.run(["git", "check-ignore", *paths], cwd=ROOT, capture_output=True, text=True)
    if result.returncode == 128:
        pytest.skip("not a git checkout")
    assert result.stdout.split() == paths


def test_the_msi_is_per_machine_with_a_fixed_upgrade_code_and_no_data_folder() -> None:
    root = wxs()
    package = root.find(f"{WIX}Package")
    assert package is not None
    assert package.get("Scope") == "perMachine"
    assert package.get("Version") == "$(var.Version)"  # from pyproject.toml, passed by the workflow
    upgrade_code = package.get("UpgradeCode")
    assert upgrade_code and re.fullmatch(r"[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}", upgrade_code)
    assert upgrade_code in (ROOT / "README.md").read_text(encoding="utf-8"), "IT's documentation names it"
    assert package.find(f"{WIX}MajorUpgrade") is not None
    program_files = [d for d in package.iter(f"{WIX}StandardDirectory") if d.get("Id") == "ProgramFiles64Folder"]
    assert [d.get("Id") for d in program_files[0]] == ["INSTALLFOLDER"]
    folders = {d.get("Id") for d in package.iter(f"{WIX}StandardDirectory")}
    assert folders == {"ProgramFiles64Folder", "ProgramMenuFolder"}, "the MSI writes no user data folder"
    shortcut = next(package.iter(f"{WIX}Shortcut"))
    assert shortcut.get("Target") == "[INSTALLFOLDER]matchdesk.exe"  # the windowed program
    harvest = next(package.iter(f"{WIX}Files"))
    assert harvest.get("Include") == "!(bindpath.bundle)\\**" and harvest.get("Directory") == "INSTALLFOLDER"


def test_the_windows_workflow_builds_smokes_signs_when_configured_and_tests_the_msi() -> None:
    text = (ROOT / ".github" / "workflows" / "windows-msi.yml").read_text(encoding="utf-8")
    assert "runs-on: windows-latest" in text and 'python-version: "3.11"' in text
    assert '".[bundle]"' in text and "packaging/matchdesk.spec" in text
    assert "python packaging/smoke_bundle.py dist/matchdesk" in text
    assert "dotnet tool install --global wix" in text and "packaging\\wix\\matchdesk.wxs" in text
    assert text.count("if: env.CERT_PFX != ''") == 3 and "if: env.CERT_PFX == ''" in text  # skipped without
    for step in ('"/i"', '"/x"', "INSTALLFOLDER="):
        assert step in text
    assert "NOT YET RUN" in text


def test_ci_runs_the_bundle_and_its_smoke_test_after_the_suite() -> None:
    commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
                if line.strip().startswith("make ")]
    assert commands == ["make test", "make bundle", "make bundle-smoke"]


def test_the_spec_collects_what_matchdesk_imports_by_name_or_reads_as_files() -> None:
    spec = (PACKAGING / "matchdesk.spec").read_text(encoding="utf-8")
    assert 'collect_submodules("matchdesk"' in spec  # cli COMMAND_MODULES, ui lazy pages
    assert 'collect_data_files("matchdesk.storage.migrations", include_py_files=True' in spec  # Alembic
    assert '"sqlcipher3"' in spec and '"psycopg"' in spec  # the SQLCipher driver in, other drivers out
    assert "upx=False" in spec and "console=False" in spec and "console=True" in spec
    assert '"qtbase_nl.qm"' in spec


def test_the_smoke_test_says_when_there_is_no_bundle(tmp_path, capsys) -> None:
    assert smoke_bundle.main([str(tmp_path / "dist" / "matchdesk")]) == 1
    assert "make bundle" in capsys.readouterr().err


def test_the_smoke_test_fails_on_a_difference_between_frozen_and_source(tmp_path, capsys) -> None:
    smoke = smoke_bundle.Smoke(tmp_path, tmp_path, timeout=1)
    smoke_bundle.compare(smoke, "stats --json", '{"counts": 1}\n', '{"counts": 1}\n')
    assert smoke.failures == []
    smoke_bundle.compare(smoke, "stats --json", '{"counts": 2}\n', '{"counts": 1}\n')
    assert smoke.failures == ["stats --json: frozen and source differ"]
    assert '-{"counts": 1}' in capsys.readouterr().out
    smoke_bundle.compare(smoke, "rank", "", "")  # nothing at all is no proof of anything
    assert len(smoke.failures) == 2
