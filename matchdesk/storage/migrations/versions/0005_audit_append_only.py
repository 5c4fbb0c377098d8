"""audit log append-only: triggers refuse UPDATE and DELETE; the chain's place ``seq``

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 10:00:00

Triggers refuse every UPDATE and DELETE on ``audit_log`` (and TRUNCATE on PostgreSQL) unless the transaction
holds the permission that ``matchdesk.storage.audit_chain.allow_audit_rewrite`` gives (the erasure and
retention use cases): on SQLite a row in ``audit_permission`` that the same transaction inserts and deletes
again, on PostgreSQL ``SET LOCAL matchdesk.audit_rewrite = 'on'``.

Entries already in the log keep no hash (``seq`` NULL): the chain starts with the first entry written after
this revision. A later migration that rebuilds ``audit_log`` with ``batch_alter_table`` (SQLite recreates the
table) drops these triggers and must create them again.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

REFUSED = 'het auditlog kan alleen worden aangevuld, niet gewijzigd of gewist'

SQLITE_TRIGGERS = {
    'audit_log_no_update': f"""
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        WHEN NOT EXISTS (SELECT 1 FROM audit_permission)
        BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END""",
    'audit_log_no_delete': f"""
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        WHEN NOT EXISTS (SELECT 1 FROM audit_permission)
        BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END""",
}

POSTGRESQL_FUNCTION = f"""
    CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF coalesce(current_setting('matchdesk.audit_rewrite', true), '') <> 'on' THEN
            RAISE EXCEPTION '{REFUSED}' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_LEVEL = 'STATEMENT' THEN
            RETURN NULL;
        ELSIF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END
    $$"""
POSTGRESQL_TRIGGERS = {
    'audit_log_append_only': """
        CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
    'audit_log_no_truncate': """
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
}


def _triggers(connection) -> set[str]:
    if connection.dialect.name == 'postgresql':
        rows = connection.exec_driver_sql(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal")
    else:
        rows = connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
    return {row[0] for row in rows}


def upgrade() -> None:
    # resumable like 0003/0004: what is already there is left alone
    connection = op.get_bind()
    inspector = sa.inspect(connection)
    if 'seq' not in {column['name'] for column in inspector.get_columns('audit_log')}:
        op.add_column('audit_log', sa.Column('seq', sa.Integer(), nullable=True))
    if 'ix_audit_log_seq' not in {index['name'] for index in inspector.get_indexes('audit_log')}:
        op.create_index('ix_audit_log_seq', 'audit_log', ['seq'], unique=True)
    if 'audit_permission' not in inspector.get_table_names():
        op.create_table('audit_permission', sa.Column('txn', sa.String(length=36), nullable=False),
                        sa.PrimaryKeyConstraint('txn', name=op.f('pk_audit_permission')))
    present = _triggers(connection)
    if connection.dialect.name == 'postgresql':
        op.execute(POSTGRESQL_FUNCTION)
        wanted = POSTGRESQL_TRIGGERS
    else:
        wanted = SQLITE_TRIGGERS
    for name, statement in wanted.items():
        if name not in present:
            op.execute(statement)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == 'postgresql':
        for name in POSTGRESQL_TRIGGERS:
            op.execute(f'DROP TRIGGER IF EXISTS {name} ON audit_log')
        op.execute('DROP FUNCTION IF EXISTS audit_log_append_only()')
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f'DROP TRIGGER IF EXISTS {name}')
    op.drop_table('audit_permission')
    op.drop_index('ix_audit_log_seq', table_name='audit_log')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_column('seq')
