"""drafts: the editors' unsaved input kept inside the database (no longer JSON files in the data folder)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 10:00:00

Drafts hold personal data (every typed field, BSN included), so they live in the database (encrypted with it
where the file is) and go with a candidate's erasure. Drafts left as files by earlier versions are not carried
over: they were offered back once more by the previous version and are removed by ``services.drafts``.
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # resumable like 0003/0004: a table that is already there is left alone
    if 'drafts' in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table('drafts',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('medewerker', sa.String(length=100), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drafts')),
    sa.UniqueConstraint('kind', 'key', 'medewerker', name=op.f('uq_drafts_kind'))
    )


def downgrade() -> None:
    op.drop_table('drafts')
