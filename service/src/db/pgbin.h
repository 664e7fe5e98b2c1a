/*
 * pgbin — finding and running PostgreSQL's server programs (initdb,
 * pg_ctl, postgres) for the embedded cluster.  Debian keeps them outside
 * PATH (/usr/lib/postgresql/N/bin), and PostgreSQL locates its companion
 * programs from argv[0]: so a program is always run by its absolute path,
 * with the bin dir first on the child's PATH, whatever PATH parley got.
 */
#ifndef PARLEY_DB_PGBIN_H
#define PARLEY_DB_PGBIN_H

#include <pwd.h>

/*
 * The directory holding initdb, pg_ctl and postgres: `configured` when set
 * (PARLEY_PG_BINDIR; an error if it lacks them), else what `pg_config
 * --bindir` says, else the newest /usr/lib/postgresql/N/bin, else the
 * directory of an initdb found on PATH.  Returns a malloc'd path, or NULL
 * with *err set (free() it).
 */
char *pgbin_find(const char *configured, char **err);

/*
 * Runs argv (argv[0] a program name in bindir) as user `as` (NULL: as
 * ourselves) and waits for it; quiet sends its output to /dev/null.
 * Returns its exit status, or -1 when it could not run.
 */
int pgbin_run(const char *bindir, const struct passwd *as, char *const argv[], int quiet);

#endif
