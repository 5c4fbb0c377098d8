"""narrow indexes for the candidate index's data-version check

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 22:50:00

``matching.index_store`` compares count, highest ``updated_at`` and sum of ``version`` of candidates, their skill
rows and language rows with the marks it keeps. Without an index each aggregate is a full scan of the wide rows
(~0.6 s at 100,000 candidates, 1.1 M rows); with ``(version)`` count and sum are a scan of a narrow index and with
``(updated_at)`` the highest value is one index seek (as is the ``updated_at >= mark`` query of what changed).
Resumable like 0006: an index that is already there is left alone.
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

TABLES = ('candidates', 'candidate_skills', 'candidate_languages')
COLUMNS = ('updated_at', 'version')


def upgrade() -> None:
    connection = op.get_bind()
    for table in TABLES:
        present = {index['name'] for index in sa.inspect(connection).get_indexes(table)}
        for column in COLUMNS:
            name = f'ix_{table}_{column}'
            if name not in present:
                op.create_index(name, table, [column], unique=False)


def downgrade() -> None:
    for table in TABLES:
        for column in COLUMNS:
            op.drop_index(f'ix_{table}_{column}', table_name=table)
