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
	char *bindir; /* absolute: initdb, pg_ctl, postgres */
	char *user;   /* the cluster's owner when parley runs as root */
	char *datadir;
	char *sockdir;
	char *logfile;
	char *conninfo; /* what to hand to libpq */
	int users_fd;   /* shared lock held while this process uses the cluster */
	char *lockfile;
	int watch_failing; /* embedded_pg_watch: restarting has failed so far */
} embedded_pg;

/* bindir and user are PARLEY_PG_BINDIR and PARLEY_PG_USER (NULL: found /
 * "postgres").  Adopts a cluster a crashed parley left running, or cleans
 * up after it (embedded_recover.h).  Returns 0, or -1 with *err set. */
int embedded_pg_start(const char *data_dir, const char *bindir, const char *user, embedded_pg *pg,
                      char **err);
/* Called now and then while the cluster is in use: when it stopped by
 * itself (it crashed, or shut down after a failure such as a full disk
 * under its WAL) rather than being stopped on purpose (pg_ctl stop), start
 * it again — and keep trying on later calls until that works. */
void embedded_pg_watch(embedded_pg *pg);
void embedded_pg_stop(embedded_pg *pg);

#endif
