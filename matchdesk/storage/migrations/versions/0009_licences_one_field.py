"""licences are one thing: driving licences typed as skills move into the licence field

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 19:00:00

A candidate's skill that is a driving licence ("Rijbewijs CE", "C-rijbewijs", "code 95") joins the candidate's
licence field (``driving_licences``: "B,CE,95") and the skill row goes; a vacancy's *required* licence skill joins
its required licence (``driving_licence``, the least set of codes: "CE,95") and the skill row goes (a desired
licence stays a desired skill). ``matchdesk.licences`` holds the model. Resumable: a second run finds no licence
skill rows left and changes nothing. A changed candidate or vacancy gets a new version (the matching index
and open editors see the change); no schema change.
"""
import datetime as dt
import re

from alembic import op
import sqlalchemy as sa

from matchdesk import licences
from matchdesk.errors import ValidationError

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# The vocabulary's licence skills as they were when this migration was written (ids never change).
_SKILL_CODES = {
    'rijbewijs_am': 'AM', 'rijbewijs_a': 'A', 'rijbewijs_b': 'B', 'rijbewijs_be': 'BE', 'rijbewijs_c1': 'C1',
    'rijbewijs_c1e': 'C1E', 'rijbewijs_c': 'C', 'rijbewijs_ce': 'CE', 'rijbewijs_d1': 'D1', 'rijbewijs_d': 'D',
    'rijbewijs_de': 'DE', 'rijbewijs_t': 'T', 'code95': '95',
}
_TEXT = re.compile(r'^\s*(?:rijbewijs\s*[- ]?\s*([a-z]{1,2}[0-9]?e?)|([a-z]{1,2}[0-9]?e?)\s*[- ]?rijbewijs'
                   r'|(code\s*[- ]?95))\s*$', re.IGNORECASE)


def _code(skill_id, text):
    if skill_id:
        return _SKILL_CODES.get(skill_id)
    match = _TEXT.match(text or '')
    if not match:
        return None
    code = '95' if match.group(3) else (match.group(1) or match.group(2)).upper()
    return code if code in licences.CODES else None


def _stamp():
    return sa.bindparam('now', dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), type_=sa.DateTime())


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text('SELECT id, candidate_id, skill_id, text FROM candidate_skills')).all()
    taken: dict = {}
    for row_id, owner, skill_id, text in rows:
        code = _code(skill_id, text)
        if code is not None:
            taken.setdefault(owner, []).append((row_id, code))
    for owner, items in taken.items():
        stored = bind.execute(sa.text('SELECT driving_licences FROM candidates WHERE id = :id'), {'id': owner}).scalar()
        try:
            merged = licences.merge(stored, [code for _, code in items])
        except ValidationError:  # a value from before the field was checked: keep its known codes
            merged = licences.merge(','.join(c for c in str(stored).upper().split(',') if c in licences.CODES),
                                    [code for _, code in items])
        bind.execute(sa.text("UPDATE candidates SET driving_licences = :value, version = version + 1, "
                             "updated_at = :now, updated_by = 'migratie 0009' WHERE id = :id")
                     .bindparams(_stamp()), {'value': merged, 'id': owner})
        for row_id, _ in items:
            bind.execute(sa.text('DELETE FROM candidate_skills WHERE id = :id'), {'id': row_id})

    rows = bind.execute(sa.text('SELECT id, vacancy_id, skill_id, text FROM vacancy_skills WHERE required')).all()
    required: dict = {}
    for row_id, owner, skill_id, text in rows:
        code = _code(skill_id, text)
        if code is not None:
            required.setdefault(owner, []).append((row_id, code))
    for owner, items in required.items():
        stored = bind.execute(sa.text('SELECT driving_licence FROM vacancies WHERE id = :id'), {'id': owner}).scalar()
        try:
            present = licences.parse(stored)[0]
        except ValidationError:
            present = frozenset()
        value = ','.join(licences.minimal(present | {code for _, code in items})) or None
        bind.execute(sa.text("UPDATE vacancies SET driving_licence = :value, version = version + 1, "
                             "updated_at = :now, updated_by = 'migratie 0009' WHERE id = :id")
                     .bindparams(_stamp()), {'value': value, 'id': owner})
        for row_id, _ in items:
            bind.execute(sa.text('DELETE FROM vacancy_skills WHERE id = :id'), {'id': row_id})


def downgrade() -> None:
    # The moved licences stay in the licence fields, which every earlier version reads as well.
    pass
