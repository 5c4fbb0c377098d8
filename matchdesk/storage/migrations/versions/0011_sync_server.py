"""team server: sign-in tokens, received commands, and the change log that a trigger fills (PostgreSQL)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 21:30:00

``sync_tokens`` (a medewerker's tokens as SHA-256 hashes), ``sync_received`` (each pushed command's id with the
answer given, written in the command's own transaction) and ``sync_changes`` (table, row id, upsert or delete,
and the writing transaction's ``pg_current_xact_id()``). On PostgreSQL a row trigger on every synced table fills
``sync_changes``; on SQLite (a laptop) the tables are made but no trigger: nothing there pulls from it.
Resumable like 0006: what is already there is left alone.
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# The synced tables as they were when this revision was written (matchdesk.sync.changes.SYNCED holds the same).
SYNCED = ('medewerkers', 'employers', 'vacancies', 'vacancy_skills', 'vacancy_languages', 'candidates',
          'candidate_skills', 'candidate_languages', 'educations', 'work_experiences', 'contact_moments',
          'proposals', 'trajectories', 'signal_states')

FUNCTION = """
    CREATE OR REPLACE FUNCTION sync_record_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            INSERT INTO sync_changes (table_name, row_id, op, xid)
            VALUES (TG_TABLE_NAME, OLD.id, 'delete', pg_current_xact_id()::text::bigint);
        ELSE
            INSERT INTO sync_changes (table_name, row_id, op, xid)
            VALUES (TG_TABLE_NAME, NEW.id, 'upsert', pg_current_xact_id()::text::bigint);
        END IF;
        RETURN NULL;
    END
    $$"""

# A candidate who moves to another municipality may enter or leave a laptop's scope: they and everything under
# them are marked 'moved', so a pull sends it along, or deletes it from a laptop that may no longer hold it
# (a plain change of a row outside a laptop's scope is not sent to it at all).
CHILDREN = ('candidate_skills', 'candidate_languages', 'educations', 'work_experiences', 'contact_moments',
            'proposals', 'trajectories', 'signal_states')
MOVED_FUNCTION = """
    CREATE OR REPLACE FUNCTION sync_candidate_moved() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        txn bigint := pg_current_xact_id()::text::bigint;
    BEGIN
        INSERT INTO sync_changes (table_name, row_id, op, xid) VALUES ('candidates', NEW.id, 'moved', txn);
""" + "".join(f"""        INSERT INTO sync_changes (table_name, row_id, op, xid)
            SELECT '{table}', id, 'moved', txn FROM {table} WHERE candidate_id = NEW.id;
""" for table in CHILDREN) + """        RETURN NULL;
    END
    $$"""
MOVED_TRIGGER = 'sync_changes_candidate_moved'


def _trigger(table: str) -> str:
    return f'sync_changes_{table}'


def upgrade() -> None:
    connection = op.get_bind()
    tables = set(sa.inspect(connection).get_table_names())
    if 'sync_tokens' not in tables:
        op.create_table('sync_tokens',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('medewerker_id', sa.Uuid(), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['medewerker_id'], ['medewerkers.id'],
                                name=op.f('fk_sync_tokens_medewerker_id_medewerkers')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_tokens')),
        sa.UniqueConstraint('hash', name=op.f('uq_sync_tokens_hash'))
        )
        op.create_index(op.f('ix_sync_tokens_medewerker_id'), 'sync_tokens', ['medewerker_id'], unique=False)
    if 'sync_received' not in tables:
        op.create_table('sync_received',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('medewerker', sa.String(length=100), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('result', sa.Text(), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_received'))
        )
    if 'sync_changes' not in tables:
        op.create_table('sync_changes',
        sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
        sa.Column('table_name', sa.String(length=40), nullable=False),
        sa.Column('row_id', sa.Uuid(), nullable=False),
        sa.Column('op', sa.String(length=6), nullable=False),
        sa.Column('xid', sa.BigInteger(), nullable=False),
        sa.Column('at', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
        sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_changes'))
        )
        op.create_index(op.f('ix_sync_changes_xid'), 'sync_changes', ['xid'], unique=False)
        op.create_index(op.f('ix_sync_changes_at'), 'sync_changes', ['at'], unique=False)
    if connection.dialect.name != 'postgresql':
        return
    op.execute(FUNCTION)
    present = {row[0] for row in connection.exec_driver_sql(
        "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND left(tgname, 13) = 'sync_changes_'")}
    for table in SYNCED:
        if _trigger(table) not in present:
            op.execute(f'CREATE TRIGGER {_trigger(table)} AFTER INSERT OR UPDATE OR DELETE ON {table} '
                       'FOR EACH ROW EXECUTE FUNCTION sync_record_change()')
    op.execute(MOVED_FUNCTION)
    if MOVED_TRIGGER not in present:
        op.execute(f'CREATE TRIGGER {MOVED_TRIGGER} AFTER UPDATE OF municipality ON candidates FOR EACH ROW '
                   'WHEN (OLD.municipality IS DISTINCT FROM NEW.municipality) EXECUTE FUNCTION sync_candidate_moved()')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for table in SYNCED:
            op.execute(f'DROP TRIGGER IF EXISTS {_trigger(table)} ON {table}')
        op.execute(f'DROP TRIGGER IF EXISTS {MOVED_TRIGGER} ON candidates')
        op.execute('DROP FUNCTION IF EXISTS sync_candidate_moved()')
        op.execute('DROP FUNCTION IF EXISTS sync_record_change()')
    op.drop_index(op.f('ix_sync_changes_at'), table_name='sync_changes')
    op.drop_index(op.f('ix_sync_changes_xid'), table_name='sync_changes')
    op.drop_table('sync_changes')
    op.drop_table('sync_received')
    op.drop_index(op.f('ix_sync_tokens_medewerker_id'), table_name='sync_tokens')
    op.drop_table('sync_tokens')
