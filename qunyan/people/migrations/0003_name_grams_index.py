"""A GIN index of every name's characters and pairs of characters (PostgreSQL only).

`name LIKE '%…%'` cannot use a B-tree, and pg_trgm needs three characters where most Chinese
names have two or three: a search by name in a county or province of millions of people read
the whole table. With the index, the registry's search looks up the pairs of the typed text
(people.selectors.search_condition) and reads only the people whose names hold them. SQLite
(one town) keeps the plain LIKE.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION qunyan_name_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT regexp_split_to_array(lower(t), '')
      || ARRAY(SELECT substr(lower(t), i, 2) FROM generate_series(1, char_length(t) - 1) AS i)
$$;
CREATE INDEX IF NOT EXISTS person_name_grams ON people_person USING gin (qunyan_name_grams(name));
ANALYZE people_person;
"""
DROP = """
DROP INDEX IF EXISTS person_name_grams;
DROP FUNCTION IF EXISTS qunyan_name_grams(text);
"""


def _on_postgresql(sql: str):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0002_hmac_indexes_without_pattern_ops")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
