/*
 * embedded_recover — what a start finds left over by a parley (or a
 * PostgreSQL) that died without stopping cleanly (kill -9, a crash, a power
 * cut), and how it is put right:
 *   - our postmaster still running (its pid is alive, is a postgres whose
 *     working directory is our data dir) and answering on our socket:
 *     adopted as it is;
 *   - our postmaster running but not answering within a deadline, or on
 *     another socket directory: stopped, then started afresh;
 *   - a postmaster.pid whose pid is dead or now belongs to some other
 *     process (pids are reused): stale — leftover server processes of the
 *     data dir are given time to exit (then killed), the pid file and the
 *     socket lock files removed, and the cluster started normally.
 * Reference counting needs nothing here: it is flock-based, and the kernel
 * drops a dead process's locks.
 */
#ifndef PARLEY_DB_EMBEDDED_RECOVER_H
#define PARLEY_DB_EMBEDDED_RECOVER_H

#include "db/embedded.h"

#include <pwd.h>

/* Called with the start lock held.  Returns 1 when a healthy cluster of
 * ours is running and was adopted, 0 when the caller must start it (any
 * stale state removed), -1 with *err set when neither is possible. */
int embedded_recover(const embedded_pg *pg, const struct passwd *as, char **err);

/* 1 when the cluster's postmaster is alive. */
int embedded_running(const embedded_pg *pg);
/* 1 when the stopped cluster was shut down cleanly (pg_ctl stop), 0 when it
 * went down any other way (a crash, a failed recovery) or cannot be told. */
int embedded_stopped_on_purpose(const embedded_pg *pg);

#endif
