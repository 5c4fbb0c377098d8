"""A command imports its own command module only (issue 16: a cold ``matchdesk rank`` imported all fifteen);
help, an unknown word and a command registered by a module of another name still see the whole list."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from matchdesk.cli.main import build_parser, command_word

ROOT = Path(__file__).resolve().parents[2]


def _subparsers(parser):
    return next(action for action in parser._actions if action.dest == "command")


@pytest.mark.parametrize(("words", "word"), [
    (["rank", "--vacancy", "V1"], "rank"),
    (["--db", "rank", "stats"], "stats"),  # "rank" is the database's name here
    (["--db=x.db", "--user", "demo", "--today", "2026-11-23", "rank"], "rank"),
    (["--rules", "map", "inzage", "-o", "uit", "K1"], "inzage"),
    (["-h", "rank"], None),  # help before the command: the whole list
    (["--db", "x.db"], None),  # the window
    ([], None),
])
def test_the_command_word_is_the_first_word_that_is_no_option_or_option_value(words, word):
    assert command_word(words) == word


def test_a_parser_for_one_command_knows_it_exactly_as_the_whole_parser_does():
    whole = _subparsers(build_parser()).choices
    for word, sub in whole.items():
        narrow = _subparsers(build_parser(only=word)).choices
        assert narrow[word].format_help() == sub.format_help(), word
    assert list(_subparsers(build_parser(only="nonsense")).choices) == list(whole)


def test_a_cold_rank_imports_no_other_command_module():
    code = ("import json, sys; from matchdesk.cli.main import build_parser, command_word; "
            "words = ['--db', 'x.db', 'rank', '--vacancy', 'V1']; "
            "build_parser(only=command_word(words)).parse_args(words); "
            "print(json.dumps(sorted(m for m in sys.modules"
            " if m.startswith('matchdesk.cli.') and m.endswith('_cmd'))))")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    assert json.loads(done.stdout) == ["matchdesk.cli.rank_cmd"]
