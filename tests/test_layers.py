"""The layers of docs/architecture.md, read from the source (every import, also inside functions).

- ``matchdesk/ui/`` reaches data only through use cases: no SQLAlchemy, no storage, no command line;
- the engines (``matching/``, ``rules/``) import no use case (``services/``), no command line and no app;
- nothing in the core imports the window (the Qt-free import itself: ``test_core_without_qt.py``);
- no module over 400 lines (migrations excepted), and no ``except ImportError`` around our own modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "matchdesk"
MAX_LINES = 400


def modules(folder: str = "") -> list[Path]:
    return sorted(p for p in (PACKAGE / folder).rglob("*.py") if "migrations" not in p.parts)


def imported_names(path: Path) -> set[str]:
    """Every module an import statement in ``path`` names (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in modules(folder):
        for name in sorted(imported_names(path)):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(PACKAGE)} imports {name}")
    return found


def test_the_window_imports_no_storage_no_sqlalchemy_no_command_line():
    assert offenders("ui", ("sqlalchemy", "matchdesk.storage", "matchdesk.cli", "alembic")) == []


@pytest.mark.parametrize("engine", ["matching", "rules"])
def test_the_engines_import_no_use_case(engine):
    assert offenders(engine, ("matchdesk.services", "matchdesk.cli", "matchdesk.app", "matchdesk.ui")) == []


@pytest.mark.parametrize("core", ["storage", "services", "rules", "matching", "profiles", "transfer"])
def test_the_core_imports_no_window_and_no_command_line(core):
    assert offenders(core, ("PySide6", "shiboken6", "matchdesk.ui", "matchdesk.cli")) == []


def test_the_window_opens_no_session_and_runs_no_query():
    found = []
    for path in modules("ui"):
        text = path.read_text(encoding="utf-8")
        for needle in (".reading()", ".unit(", "select(", "sessionmaker", ".engine."):
            if needle in text:
                found.append(f"{path.relative_to(PACKAGE)}: {needle}")
    assert found == []


def test_no_module_over_400_lines():
    long = [f"{p.relative_to(PACKAGE)}: {n}" for p in modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert long == []


def test_no_import_error_fallback_for_our_own_modules():
    """``except ImportError`` around an import of matchdesk turns a real bug into a silently missing page."""
    found = []
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Try):
                continue
            catches = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
            if not any("ImportError" in c for c in catches):
                continue
            body = ast.Module(body=node.body, type_ignores=[])
            if any(isinstance(n, ast.ImportFrom) and (n.level or (n.module or "").startswith("matchdesk"))
                   or isinstance(n, ast.Import) and any(a.name.startswith("matchdesk") for a in n.names)
                   for n in ast.walk(body)):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []


def test_every_file_dialog_goes_through_file_dialogs():
    """Qt's default icon provider opens each listed file to guess its type, which on POSIX drops the
    process's SQLite locks on the database (issue 13): only ui/file_dialogs.py may build a QFileDialog."""
    found = [f"{p.relative_to(PACKAGE)}" for p in modules("ui")
             if p.name != "file_dialogs.py" and "QFileDialog" in p.read_text(encoding="utf-8")]
    assert found == []


def test_the_window_starts_without_the_heavy_libraries():
    """openpyxl, reportlab, scikit-learn and Faker load when an export, a PDF, a ranking or a demo needs
    them, not at start-up (an import of transfer.writers once pulled openpyxl into every window)."""
    import subprocess
    import sys

    code = ("import sys; import matchdesk.ui.main_window; "
            "print(sorted(n for n in ('faker', 'openpyxl', 'reportlab', 'sklearn') if n in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip() == "[]"
