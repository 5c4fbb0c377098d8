"""The interface speaks Dutch through Qt's translation system: English source texts, Dutch .ts/.qm."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_interface_text_has_a_dutch_translation_and_the_qm_is_up_to_date():
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "translations.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_window_shows_the_translation_not_the_source(qtbot):
    from matchdesk.ui.first_start import FirstStartDialog

    dialog = FirstStartDialog([], ["WVS"])
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Welkom bij MatchDesk"
    assert dialog.name.accessibleName() == "Medewerker"
