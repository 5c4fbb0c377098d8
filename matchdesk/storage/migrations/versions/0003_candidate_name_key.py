"""candidate name key: lists sort and find names with accents and case folded

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 11:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from matchdesk.storage.models import name_key

    # resumable: a file that an older MatchDesk half upgraded (its DDL ran outside a transaction) may have the
    # column and either index already
    connection = op.get_bind()
    if 'name_key' not in {column['name'] for column in sa.inspect(connection).get_columns('candidates')}:
        with op.batch_alter_table('candidates', schema=None) as batch_op:
            batch_op.add_column(sa.Column('name_key', sa.String(length=210), nullable=True))
    candidates = sa.table('candidates', sa.column('id', sa.Uuid), sa.column('achternaam', sa.String),
                          sa.column('voornaam', sa.String), sa.column('name_key', sa.String))
    rows = connection.execute(sa.select(candidates.c.id, candidates.c.achternaam, candidates.c.voornaam)).all()
    if rows:
        connection.execute(candidates.update().where(candidates.c.id == sa.bindparam('row_id'))
                           .values(name_key=sa.bindparam('key')),
                           [{'row_id': r.id, 'key': name_key(r.achternaam, r.voornaam)} for r in rows])
    indexes = {index['name'] for index in sa.inspect(connection).get_indexes('candidates')}
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        if 'ix_candidates_sort_name' in indexes:
            batch_op.drop_index('ix_candidates_sort_name')
        if 'ix_candidates_name_key' not in indexes:
            batch_op.create_index('ix_candidates_name_key', ['name_key', 'klantnummer'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_index('ix_candidates_name_key')
        batch_op.create_index('ix_candidates_sort_name', ['achternaam', 'voornaam', 'klantnummer'], unique=False)
        batch_op.drop_column('name_key')
