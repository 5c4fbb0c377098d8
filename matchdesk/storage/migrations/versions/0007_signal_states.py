"""signal_states: what medewerkers did with a signal (handled with a note, snoozed, handed over)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 10:00:00

A signal is computed from the facts; a row here is keyed by its identity (kind, record, due date, a fingerprint
of its facts), so a handled signal does not come back unless its facts change. Resumable like 0006.
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if 'signal_states' in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table('signal_states',
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('record', sa.String(length=36), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('fingerprint', sa.String(length=16), nullable=False),
    sa.Column('candidate_id', sa.Uuid(), nullable=False),
    sa.Column('handled_on', sa.Date(), nullable=True),
    sa.Column('handled_by', sa.String(length=100), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('snoozed_until', sa.Date(), nullable=True),
    sa.Column('assigned_to_id', sa.Uuid(), nullable=True),
    sa.Column('assigned_by', sa.String(length=100), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assigned_to_id'], ['medewerkers.id'],
                            name=op.f('fk_signal_states_assigned_to_id_medewerkers')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'],
                            name=op.f('fk_signal_states_candidate_id_candidates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signal_states')),
    sa.UniqueConstraint('kind', 'record', 'due', 'fingerprint', name=op.f('uq_signal_states_kind'))
    )
    with op.batch_alter_table('signal_states', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signal_states_candidate_id'), ['candidate_id'], unique=False)


def downgrade() -> None:
    op.drop_table('signal_states')
