"""On PostgreSQL, a narrow copy of each entry's facets and of its words without weights or positions, for
selecting and counting matches (see `search.engine_postgres`): the weighted document makes the index
recheck every match in the wide entry table, which cost most of counting a broad result. Filled here from
the documents; written beside the entry by every index write since.

On SQLite, the trigger that deletes an entry's FTS5 row with the entry: a later migration that had SQLite
remake the entry table dropped it with the old table, and the rows of deleted organizations stayed. It is
made again, and the rows it missed are deleted."""

from django.db import migrations

POSTGRES_CREATE = [
    "CREATE TABLE orgs_searchmatch ("
    " organization_id bigint PRIMARY KEY,"
    " country varchar(2) NOT NULL, region varchar(24) NOT NULL, kind varchar(16) NOT NULL,"
    " verified boolean NOT NULL, facet_key integer NOT NULL, language_bits bigint NOT NULL,"
    " theme_bits bigint NOT NULL, skeletons tsvector NOT NULL, words tsvector NOT NULL)",
    "INSERT INTO orgs_searchmatch SELECT organization_id, country, region, kind, verified, facet_key,"
    " language_bits, theme_bits, strip(ts_filter(document, '{b,d}')), strip(ts_filter(document, '{a,c}'))"
    " FROM orgs_searchentry",
    "CREATE INDEX orgs_searchmatch_skeletons ON orgs_searchmatch USING gin (skeletons)",
    "CREATE INDEX orgs_searchmatch_words ON orgs_searchmatch USING gin (words)",
    # The copy goes with its entry however the entry goes: deleted, or truncated (as a test database is
    # flushed). Triggers rather than a foreign key, which would forbid truncating the entries.
    "CREATE FUNCTION orgs_searchmatch_forget() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "DELETE FROM orgs_searchmatch WHERE organization_id = OLD.organization_id; RETURN NULL; END $$",
    "CREATE TRIGGER orgs_searchentry_match_delete AFTER DELETE ON orgs_searchentry "
    "FOR EACH ROW EXECUTE FUNCTION orgs_searchmatch_forget()",
    "CREATE FUNCTION orgs_searchmatch_clear() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "TRUNCATE orgs_searchmatch; RETURN NULL; END $$",
    "CREATE TRIGGER orgs_searchentry_match_truncate AFTER TRUNCATE ON orgs_searchentry "
    "FOR EACH STATEMENT EXECUTE FUNCTION orgs_searchmatch_clear()",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS orgs_searchentry_match_truncate ON orgs_searchentry",
    "DROP TRIGGER IF EXISTS orgs_searchentry_match_delete ON orgs_searchentry",
    "DROP FUNCTION IF EXISTS orgs_searchmatch_clear()",
    "DROP FUNCTION IF EXISTS orgs_searchmatch_forget()",
    "DROP TABLE IF EXISTS orgs_searchmatch",
]
SQLITE_REPAIR = [
    "CREATE TRIGGER IF NOT EXISTS orgs_searchentry_fts_delete AFTER DELETE ON orgs_searchentry BEGIN "
    "DELETE FROM orgs_search_fts WHERE rowid = old.organization_id; END",
    "DELETE FROM orgs_search_fts WHERE rowid NOT IN (SELECT organization_id FROM orgs_searchentry)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0007_search_counts_of_pairs"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_CREATE, "sqlite": SQLITE_REPAIR}), _run({"postgresql": POSTGRES_DROP})
        ),
    ]
