"""`matchdesk sync` without a reachable server: Dutch messages and exit 2, nothing changed; a desktop file is
never turned into a laptop by it."""

from __future__ import annotations

import socket

from matchdesk.cli.main import main


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_missing_file_needs_a_server_and_a_token(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("MATCHDESK_SERVER_TOKEN", raising=False)
    laptop = tmp_path / "laptop.db"
    assert main(["--db", str(laptop), "sync"]) == 2
    assert "--server" in capsys.readouterr().err
    assert main(["--db", str(laptop), "sync", "--server", "http://127.0.0.1:1"]) == 2
    assert "geen toegangscode" in capsys.readouterr().err.lower()
    assert not laptop.exists()


def test_an_unreachable_server_is_exit_2_and_leaves_the_file_alone(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MATCHDESK_SERVER_TOKEN", "geheim")
    laptop = tmp_path / "laptop.db"
    assert main(["--db", str(laptop), "sync", "--server", f"http://127.0.0.1:{_closed_port()}", "--json"]) == 2
    out = capsys.readouterr()
    assert out.out == "" and "niet bereikbaar" in out.err and "niets verloren" in out.err
    assert not laptop.exists()


def test_a_desktop_file_is_not_synced(db_path, capsys, monkeypatch):
    from matchdesk.storage.database import Database
    from matchdesk.sync import outbox

    monkeypatch.setenv("MATCHDESK_SERVER_TOKEN", "geheim")
    port = _closed_port()
    assert main(["--db", str(db_path), "sync", "--server", f"http://127.0.0.1:{port}"]) == 2
    assert "niet bereikbaar" in capsys.readouterr().err  # the handshake comes first
    db = Database.open(db_path)
    try:
        assert db.meta(outbox.LAPTOP) is None
    finally:
        db.dispose()
