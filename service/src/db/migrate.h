/*
 * migrate — brings a database's schema up to date from the migrations
 * directory, in two passes:
 *
 *   1. numbered migrations, NNNN_name.sql, applied once each in order, each
 *      in its own transaction, recorded in schema_migrations(version,
 *      checksum, name, applied_at).  They are append-only: a recorded one
 *      whose file changed is refused, unless the recorded checksum is one
 *      of that file's historical versions listed in
 *      historical-checksums.txt (files edited before the rule held);
 *   2. repeatable migrations, repeatable/<name>.sql (functions and views,
 *      CREATE OR REPLACE), applied in name order after the numbered ones
 *      whenever their checksum differs from the one recorded in
 *      schema_repeatables(name, checksum, applied_at).
 *
 * An advisory lock makes two processes starting at once take turns.
 */
#ifndef PARLEY_DB_MIGRATE_H
#define PARLEY_DB_MIGRATE_H

/* Returns the number of migrations applied (>= 0, both kinds), or -1 with
 * *err set. */
int db_migrate(const char *conninfo, const char *dir, char **err);

#endif
