"""Entry point: ``matchdesk [GLOBAL OPTIONS] [COMMAND] [OPTIONS]``; without a command the GUI opens."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import sys
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from matchdesk import __version__
from matchdesk.cli.context import Context, env
from matchdesk.cli.dutch_argparse import DutchArgumentParser, iso_date
from matchdesk.dates import parse_iso_date
from matchdesk.errors import MatchDeskError, NotFound, RuleViolation, StorageUnavailable, UsageError, ValidationError
from matchdesk.storage.cipher import DRIVER_ERRORS

# Each module exposes ``register(subparsers, parent)``; the handler is set with set_defaults(handler=...).
COMMAND_MODULES = [
    "matchdesk.cli.demo_cmd",
    "matchdesk.cli.stats_cmd",
    "matchdesk.cli.backup_cmd",
    "matchdesk.cli.rules_cmd",
    "matchdesk.cli.signals_cmd",
    "matchdesk.cli.report_cmd",
    "matchdesk.cli.import_cmd",
    "matchdesk.cli.export_cmd",
    "matchdesk.cli.rank_cmd",
    "matchdesk.cli.profile_cmd",
    "matchdesk.cli.shortlist_cmd",
    "matchdesk.cli.audit_cmd",
    "matchdesk.cli.avg_cmd",
    "matchdesk.cli.encrypt_cmd",
    "matchdesk.cli.trajectory_cmd",
    "matchdesk.cli.propose_cmd",
    "matchdesk.cli.place_cmd",
    "matchdesk.cli.candidate_cmd",
    "matchdesk.cli.vacancy_cmd",
    "matchdesk.cli.sync_cmd",
    "matchdesk.cli.serve_cmd",
    "matchdesk.cli.users_cmd",
]



def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    group = parser.add_argument_group("algemene opties")
    group.add_argument("--db", metavar="PAD_OF_URL", default=default,
                       help="SQLite-bestand of SQLAlchemy-URL (ook MATCHDESK_DB)")
    group.add_argument("--user", metavar="NAAM", default=default,
                       help="de medewerker die handelt (ook MATCHDESK_USER)")
    group.add_argument("--today", metavar="JJJJ-MM-DD", type=iso_date, default=default,
                       help="de datum van 'vandaag' (ook MATCHDESK_TODAY)")
    group.add_argument("--rules", metavar="MAP", default=default,
                       help="extra regelboeken die de meegeleverde per gemeente vervangen (ook MATCHDESK_RULES)")


def build_parser(commands: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; ``commands=False``: the global and window options only, without importing the
    command modules (``window_arguments``). ``only``: the command word of this command line; then only the
    module named after it (``rank`` → ``rank_cmd``) is imported when it registers that word, else all are."""
    parser = DutchArgumentParser(
        exit_on_error=commands,
        prog="matchdesk",
        description="MatchDesk: kandidaten en vacatures matchen en trajecten vastleggen volgens de regels "
        "van de Participatiewet. Zonder opdracht opent het venster.",
    )
    parser.add_argument("--version", action="version", version=f"MatchDesk {__version__}",
                        help="toon het versienummer en stop")
    _global_options(parser, suppress=False)
    # GUI-only options (the Qt client issue); harmless for commands.
    parser.add_argument("--screenshot", metavar="BESTAND.png", help=argparse.SUPPRESS)
    parser.add_argument("--view", metavar="NAAM", help=argparse.SUPPRESS)
    parser.add_argument("--quit-when-ready", action="store_true", help=argparse.SUPPRESS)

    if not commands:
        return parser
    parent = DutchArgumentParser(add_help=False)
    _global_options(parent, suppress=True)
    # remove the -h added by DutchArgumentParser: subparsers add their own
    parent._actions = [a for a in parent._actions if "-h" not in a.option_strings]
    parent._option_string_actions.pop("-h", None)
    parent._option_string_actions.pop("--help", None)
    for group in parent._action_groups:
        group._group_actions = [a for a in group._group_actions if "-h" not in a.option_strings]

    subparsers = parser.add_subparsers(dest="command", metavar="OPDRACHT", title="opdrachten",
                                       parser_class=DutchArgumentParser)
    named = f"matchdesk.cli.{only}_cmd"
    first = [named] if only and named in COMMAND_MODULES else []
    for name in first:
        importlib.import_module(name).register(subparsers, parent)
    if only not in subparsers.choices:  # help, an unknown word, or a command of a module with another name
        for name in COMMAND_MODULES:
            if name not in first:
                importlib.import_module(name).register(subparsers, parent)
    return parser


_VALUED = frozenset({"--db", "--user", "--today", "--rules", "--screenshot", "--view"})  # options with a value


def command_word(words: list[str]) -> str | None:
    """The command of a command line: its first word that is neither an option nor a global option's value;
    None without one, or when help is asked for before it (the whole list of commands is shown then)."""
    value_next = False
    for word in words:
        if value_next:
            value_next = False
        elif word in ("-h", "--help"):
            return None
        elif word in _VALUED:
            value_next = True
        elif not word.startswith("-"):
            return word
    return None


def window_arguments(argv: list[str] | None) -> argparse.Namespace | None:
    """The arguments of a start of the window (no command), read without importing the fifteen command modules
    the window does not need; None when there is anything else (a command, a positional word, a help request,
    an option in error), which the whole parser then reads and judges as always."""
    words = sys.argv[1:] if argv is None else list(argv)
    if "-h" in words or "--help" in words:
        return None
    try:
        args, rest = build_parser(commands=False).parse_known_args(words)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def make_context(args: argparse.Namespace) -> Context:
    today_text = getattr(args, "today", None)
    today = today_text
    if today is None and env("MATCHDESK_TODAY"):
        try:
            today = parse_iso_date(env("MATCHDESK_TODAY"))
        except ValueError as error:
            raise UsageError(f"MATCHDESK_TODAY: {error}") from None
    rules = getattr(args, "rules", None) or env("MATCHDESK_RULES")
    return Context(
        db=getattr(args, "db", None) or env("MATCHDESK_DB"),
        user=getattr(args, "user", None) or env("MATCHDESK_USER"),
        today=today or dt.date.today(),
        rules_dir=Path(rules) if rules else None,
    )


def error_exit_code(error: MatchDeskError) -> int:
    if isinstance(error, (UsageError, NotFound, StorageUnavailable, ValidationError)):
        return 2
    if isinstance(error, RuleViolation):
        return 1
    return 2


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    args = window_arguments(words) or build_parser(only=command_word(words)).parse_args(words)
    try:
        ctx = make_context(args)
    except MatchDeskError as error:
        print(f"matchdesk: {error}", file=sys.stderr)
        return 2
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from matchdesk.ui.launch import run_gui

            return run_gui(ctx, args)
        code = int(handler(ctx, args) or 0)
        _note_plaintext(ctx)
        return code
    except MatchDeskError as error:
        print(f"matchdesk: {error}", file=sys.stderr)
        return error_exit_code(error)
    except (DBAPIError, *DRIVER_ERRORS) as error:  # a database error no use case translated (a read path)
        print(f"matchdesk: {_storage_message(ctx, error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("matchdesk: afgebroken", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:
        print(f"matchdesk: {_os_error_message(error)}", file=sys.stderr)
        return 2
    finally:
        _close_quietly(ctx)


def _note_plaintext(ctx: Context) -> None:
    """A command that only read a database from before encryption says so once, after its output."""
    app = ctx.opened_app
    if app is not None and app.db.unencrypted is not None:
        print(f"matchdesk: let op: {app.db.unencrypted}", file=sys.stderr)


def _storage_message(ctx: Context, error: Exception) -> str:
    """A storage error that reached the top, as one Dutch sentence (the file is checked for damage)."""
    from matchdesk.storage.database import storage_error

    app = ctx.opened_app  # only when the command opened it
    if app is not None:
        with contextlib.suppress(Exception):
            return str(app.db.trouble(error))
    return str(storage_error(error, None))


def _close_quietly(ctx: Context) -> None:
    try:
        ctx.close()
    except (DBAPIError, *DRIVER_ERRORS):
        pass  # closing a damaged or vanished database: the message about it has been given


def _os_error_message(error: OSError) -> str:
    name = f" ({error.filename})" if error.filename else ""
    if isinstance(error, PermissionError):
        return f"geen toegang tot het bestand{name}"
    if isinstance(error, FileNotFoundError):
        return f"bestand of map niet gevonden{name}"
    if isinstance(error, IsADirectoryError):
        return f"dit is een map, geen bestand{name}"
    return f"bestandsfout{name}: {error.strerror or error}"
