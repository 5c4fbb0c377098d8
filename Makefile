# The two commands of the README. Everything they need is installed from the repo's own files.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# What Qt's xcb platform plugin needs on Debian 12 beyond a desktop's defaults (not installable by pip).
X11_LIBS := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxkbcommon-x11-0

.PHONY: run test lint venv screenshots translations clean bundle bundle-smoke

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade --quiet pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

# Opens MatchDesk on ./.run/demo.db (never the user's own database) as medewerker "demo"; the demo's
# database key is the key file ./.run/demo.sleutel (a real database keeps its key in the credential store).
run: $(STAMP) .run/demo.sleutel
	@missing=$$(ldd $(VENV)/lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so 2>/dev/null | grep 'not found'); \
	if [ -n "$$missing" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
		echo "Qt mist deze systeembibliotheken:"; echo "$$missing"; \
		echo "Installeer ze eenmalig: sudo apt install $(X11_LIBS)"; exit 1; fi
	test -f .run/demo.db || MATCHDESK_KEY_FILE=.run/demo.sleutel $(BIN)/matchdesk --db .run/demo.db demo --seed 1
	MATCHDESK_KEY_FILE=.run/demo.sleutel $(BIN)/matchdesk --db .run/demo.db --user demo

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# ruff on every Python file, mypy on the core packages (configuration in pyproject.toml)
lint: $(STAMP)
	$(BIN)/ruff check matchdesk tests benchmarks docs packaging
	$(BIN)/mypy

# PNGs of the real window, pages and dialogs for the README (docs/screenshots/), offscreen.
screenshots: $(STAMP) .run/demo.sleutel
	MATCHDESK_KEY_FILE=.run/demo.sleutel QT_QPA_PLATFORM=offscreen $(BIN)/python docs/make_screenshots.py

# The demo database's key (64 hex characters, owner-only), made once: order-only on the virtualenv, so a
# changed pyproject.toml never makes a new key for an existing demo; a demo made with a lost key is remade.
.run/demo.sleutel: | $(STAMP)
	mkdir -p .run
	rm -f .run/demo.db .run/demo.db-wal .run/demo.db-shm
	umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_hex(32))" > $@

# Dutch interface texts: lupdate matchdesk/ui into matchdesk_nl.ts, lrelease it into matchdesk_nl.qm.
translations: $(STAMP)
	$(BIN)/python packaging/translations.py

# The one-folder bundle dist/matchdesk/ (matchdesk windowed, matchdesk-cli console; packaging/matchdesk.spec), frozen
# from the package installed in the virtualenv. PyInstaller comes from the optional extra `bundle`, installed once
# (an editable install of this checkout, as the test extra is). PyInstaller's work files go under build/.
bundle: | $(STAMP)
	$(BIN)/python -c "import PyInstaller" 2>/dev/null || $(BIN)/pip install --quiet -e '.[test,bundle]'
	$(BIN)/python -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/matchdesk.spec

# The bundle's smoke test (CI runs it after the suite): the frozen programs on a fresh folder, compared with the source.
bundle-smoke: | $(STAMP)
	$(BIN)/python packaging/smoke_bundle.py dist/matchdesk

clean:
	rm -rf $(VENV) .run build dist *.egg-info
