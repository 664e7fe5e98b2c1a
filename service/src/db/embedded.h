/*
 * embedded — a private PostgreSQL cluster for zero-configuration use, the
 * way embedded-postgres libraries do it: initdb on first use under
 * DATA_DIR/pg, a unix socket only (no TCP port), run as an unprivileged
 * user when parley runs as root, stopped again when the last parley
 * process using it exits (several may share one data dir).
 */
#ifndef PARLEY_DB_EMBEDDED_H
#define PARLEY_DB_EMBEDDED_H

typedef struct embedded_pg {
	char *bindir;
	char *datadir;
	char *sockdir;
	char *logfile;
	char *conninfo; /* what to hand to libpq */
	int users_fd;   /* shared lock held while this process uses the cluster */
	char *lockfile;
} embedded_pg;

/* Returns 0, or -1 with *err set. */
int embedded_pg_start(const char *data_dir, embedded_pg *pg, char **err);
void embedded_pg_stop(embedded_pg *pg);

#endif
