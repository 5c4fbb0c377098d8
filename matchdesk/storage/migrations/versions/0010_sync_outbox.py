"""sync_outbox: a laptop's commands made offline, in order, with the server's answer

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 21:30:00

``matchdesk.sync`` appends a command here in the same transaction as its effect when the database is a
laptop (``meta`` key ``sync.laptop``); ``matchdesk sync`` pushes them and keeps the answer. A desktop file
keeps the table empty. Resumable like 0006: a table that is already there is left alone.
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if 'sync_outbox' in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table('sync_outbox',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('args', sa.Text(), nullable=False),
    sa.Column('ids', sa.Text(), nullable=False),
    sa.Column('expects', sa.Text(), nullable=False),
    sa.Column('touched', sa.Text(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('rulebook', sa.Text(), nullable=False),
    sa.Column('verdict', sa.String(length=10), nullable=False),
    sa.Column('medewerker', sa.String(length=100), nullable=False),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.Column('findings', sa.Text(), nullable=True),
    sa.Column('changed_by', sa.String(length=100), nullable=True),
    sa.Column('changed_at', sa.DateTime(), nullable=True),
    sa.Column('current', sa.Text(), nullable=True),
    sa.Column('local', sa.Text(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_outbox')),
    sa.UniqueConstraint('seq', name=op.f('uq_sync_outbox_seq'))
    )
    op.create_index(op.f('ix_sync_outbox_status'), 'sync_outbox', ['status'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_sync_outbox_status'), table_name='sync_outbox')
    op.drop_table('sync_outbox')
