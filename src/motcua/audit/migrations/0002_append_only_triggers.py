"""Refuse UPDATE, DELETE (and TRUNCATE) on audit events in the database itself.

The guard lifts only while the table ``audit_unlock`` holds a row: a deliberate, visible act for
maintenance (and for the test suite's database flush). ``audit_unlock`` has no Django model on
purpose, so ``manage.py flush`` leaves it alone. The hash chain, not this trigger, is the proof of
integrity: ``manage.py audit_verify`` finds any change made while unlocked or by a database owner.
"""

from django.db import migrations

SQLITE = [
    "CREATE TABLE audit_unlock (reason varchar(200) NOT NULL)",
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
       WHEN NOT EXISTS (SELECT 1 FROM audit_unlock)
       BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
       WHEN NOT EXISTS (SELECT 1 FROM audit_unlock)
       BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER audit_event_no_update",
    "DROP TRIGGER audit_event_no_delete",
    "DROP TABLE audit_unlock",
]
POSTGRES = [
    "CREATE TABLE audit_unlock (reason varchar(200) NOT NULL)",
    """CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF EXISTS (SELECT 1 FROM audit_unlock) THEN RETURN NULL; END IF;
         RAISE EXCEPTION 'audit_auditevent is append-only';
       END $$""",
    """CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER audit_event_append_only ON audit_auditevent",
    "DROP FUNCTION audit_event_append_only()",
    "DROP TABLE audit_unlock",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
