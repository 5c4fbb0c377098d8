"""Issue 16, item 5: the engine ranks every vacancy of the demo region exactly as the stored reference.

``tests/fixtures/rank_reference.json`` holds, per vacancy of the suite's demo (``demo_template`` in
tests/conftest.py), the top 50 in order with klantnummer, score as ``rank --json`` rounds it and whether the
result is knocked out, and the total after filters; made once from the engine before the speed work by
``tests/fixtures/make_rank_reference.py``. A speed change that alters any of them fails here: an index,
scoring or explanation rewrite must keep every ranking identical.
"""

from __future__ import annotations

import json

from tests.conftest import TODAY
from tests.fixtures.make_rank_reference import DEMO_ARGS, REFERENCE, TOP, rankings


def test_every_demo_vacancy_ranks_as_the_reference(demo_target):
    stored = json.loads(REFERENCE.read_text())
    assert (stored["today"], stored["demo"], stored["top"]) == (TODAY.isoformat(), DEMO_ARGS, TOP)

    now = rankings(demo_target)

    assert sorted(now) == sorted(stored["rankings"]), "the demo has other vacancies than the reference"
    differing = [ref for ref in sorted(now) if now[ref] != stored["rankings"][ref]]
    first = differing[0] if differing else None
    assert not differing, (f"{len(differing)} of {len(now)} vacancies rank differently; {first}:\n"
                           f"  reference {stored['rankings'][first]}\n  now       {now[first]}")
