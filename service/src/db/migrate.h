/*
 * migrate — applies migrations/NNNN_name.sql in order, each in its own
 * transaction, recorded in schema_migrations(version, checksum, applied_at).
 * A recorded migration whose file changed is refused; an advisory lock makes
 * two processes starting at once take turns.
 */
#ifndef PARLEY_DB_MIGRATE_H
#define PARLEY_DB_MIGRATE_H

/* Returns the number of migrations applied (>= 0), or -1 with *err set. */
int db_migrate(const char *conninfo, const char *dir, char **err);

#endif
