"""privacy columns: the audit log's hash chain, the candidate's text meant for employers

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 17:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # resumable like 0003: a column that is already there is left alone
    connection = op.get_bind()
    audit = {column['name'] for column in sa.inspect(connection).get_columns('audit_log')}
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        if 'prev_hash' not in audit:
            batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        if 'entry_hash' not in audit:
            batch_op.add_column(sa.Column('entry_hash', sa.String(length=64), nullable=True))
    candidates = {column['name'] for column in sa.inspect(connection).get_columns('candidates')}
    if 'employer_text' not in candidates:
        with op.batch_alter_table('candidates', schema=None) as batch_op:
            batch_op.add_column(sa.Column('employer_text', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_column('employer_text')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_column('entry_hash')
        batch_op.drop_column('prev_hash')
