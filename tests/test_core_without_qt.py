"""The core packages must import without PySide6 (only matchdesk.ui may use Qt)."""

import subprocess
import sys

CHECK = r"""
import importlib, importlib.abc, pkgutil, sys
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError("Qt imported: " + name)
sys.meta_path.insert(0, NoQt())
import matchdesk
for info in pkgutil.walk_packages(matchdesk.__path__, "matchdesk."):
    if info.name.startswith("matchdesk.ui") or ".migrations" in info.name or info.name.endswith("__main__"):
        continue
    importlib.import_module(info.name)
print("ok")
"""


def test_core_imports_without_pyside6():
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_record_type_names_match_the_transfer_registry():
    from matchdesk.domain import RECORD_TYPE_NAMES
    from matchdesk.transfer.registry import RECORD_TYPES

    assert RECORD_TYPE_NAMES == tuple(sorted(RECORD_TYPES))


def test_starting_the_command_line_imports_no_heavy_libraries():
    """The GUI starts through cli.main: Faker, openpyxl, reportlab and scikit-learn load only when used."""
    import subprocess
    import sys

    code = ("import sys; import matchdesk.cli.main as m; m.build_parser(); "
            "print(sorted(n for n in ('faker', 'openpyxl', 'reportlab', 'sklearn') if n in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
