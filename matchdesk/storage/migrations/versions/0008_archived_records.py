"""archived records: candidates, employers and vacancies can be archived (kept, hidden from the lists by
default, not ranked) and restored

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 19:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

TABLES = ('candidates', 'employers', 'vacancies')


def upgrade() -> None:
    # resumable like 0004: a column that is already there is left alone
    connection = op.get_bind()
    for table in TABLES:
        present = {column['name'] for column in sa.inspect(connection).get_columns(table)}
        with op.batch_alter_table(table, schema=None) as batch_op:
            if 'archived_at' not in present:
                batch_op.add_column(sa.Column('archived_at', sa.DateTime(), nullable=True))
            if 'archived_by' not in present:
                batch_op.add_column(sa.Column('archived_by', sa.String(length=100), nullable=True))


def downgrade() -> None:
    # SQLite drops a plain column in place (3.35+): a batch copy would drop and recreate employers, which the
    # vacancies' foreign keys refuse while rows point at it
    sqlite = op.get_bind().dialect.name == 'sqlite'
    for table in TABLES:
        for column in ('archived_by', 'archived_at'):
            if sqlite:
                op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')
            else:
                op.drop_column(table, column)
