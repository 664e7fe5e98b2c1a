/*
 * embedded — see embedded.h.  PostgreSQL refuses to run as root, so as root
 * the cluster belongs to the "postgres" system user (Debian's packages
 * create it) and every pg program runs as that user in a forked child.
 * A lock file serialises two parley processes starting or stopping on one
 * data dir, and every process holds a shared lock on a second file while it
 * uses the cluster: whoever can take that one exclusively on exit is the
 * last user, and stops the cluster.  What a crashed predecessor left
 * behind is dealt with by embedded_recover.c; the programs are found and
 * run by pgbin.c.
 */
#include "db/embedded.h"

#include "core/buf.h"
#include "core/log.h"
#include "db/embedded_recover.h"
#include "db/pgbin.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <libpq-fe.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int fail(char **err, const char *what, const char *detail)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "embedded database: %s%s%s", what, detail ? ": " : "", detail ? detail : "");
	*err = buf_detach(&b);
	return -1;
}

static const struct passwd *run_as_user(const embedded_pg *pg)
{
	if (geteuid() != 0)
		return NULL;
	return getpwnam(pg->user);
}

static int run_pg(const embedded_pg *pg, char *const argv[], int quiet)
{
	return pgbin_run(pg->bindir, run_as_user(pg), argv, quiet);
}

/*
 * The cluster's user must be able to walk down to its directory.  A parent
 * that others cannot search (mktemp's 0700, /root) gets the search bit
 * only — not read — and a warning says so.
 */
static void ensure_traversable(const embedded_pg *pg, const char *path)
{
	const struct passwd *pw = run_as_user(pg);
	if (!pw)
		return;
	char prefix[PATH_MAX];
	size_t len = strlen(path);
	for (size_t i = 1; i <= len && i < sizeof prefix; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		memcpy(prefix, path, i);
		prefix[i] = '\0';
		struct stat st;
		if (stat(prefix, &st) || st.st_uid == pw->pw_uid || (st.st_mode & S_IXOTH))
			continue;
		if (chmod(prefix, (st.st_mode & 07777) | S_IXOTH) == 0)
			log_warn("made a directory searchable for the database user", "dir", prefix,
			         NULL);
	}
}

/* A directory for the cluster user.  In a shared place (/tmp) an existing
 * one must be a real directory owned by one of us, not someone's trap. */
static int make_dir_for_cluster(const embedded_pg *pg, const char *path, int shared_place)
{
	const struct passwd *pw = run_as_user(pg);
	if (mkdir(path, 0700) && errno != EEXIST)
		return -1;
	struct stat st;
	if (shared_place && (lstat(path, &st) || !S_ISDIR(st.st_mode) ||
	                     (st.st_uid != geteuid() && (!pw || st.st_uid != pw->pw_uid)))) {
		errno = EPERM;
		return -1;
	}
	if (pw && chown(path, pw->pw_uid, pw->pw_gid))
		return -1;
	return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path) && errno != ENOENT ? -1 : 0;
}

/*
 * initdb into BASE/data.init, then rename it to the data dir: a parley
 * killed during initdb leaves only data.init, removed by the next start,
 * never a half-made cluster that looks made (initdb writes PG_VERSION
 * early).
 */
static int init_cluster(const embedded_pg *pg, const char *base, char **err)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "%s/data.init", base);
	int rc = 0;
	if (nftw(b.data, remove_entry, 16, FTW_DEPTH | FTW_PHYS) && errno != ENOENT)
		rc = fail(err, "cannot remove an unfinished initdb", b.data);
	char *argv[] = {"initdb", "-D", b.data, "-U",          "parley",    "-A",
	                "trust",  "-E", "UTF8", "--no-locale", "--no-sync", NULL};
	if (!rc && run_pg(pg, argv, 1) != 0)
		rc = fail(err, "initdb failed for", b.data);
	if (!rc && rename(b.data, pg->datadir))
		rc = fail(err, "cannot put the new cluster in place (remove what is there?)",
		          pg->datadir);
	buf_free(&b);
	return rc;
}

static int start_cluster(const embedded_pg *pg)
{
	buf o;
	buf_init(&o);
	buf_printf(&o,
	           "-k %s -c listen_addresses='' -c fsync=on -c max_connections=300 "
	           "-c shared_buffers=256MB",
	           pg->sockdir);
	char *argv[] = {"pg_ctl", "-D", pg->datadir, "-l",   pg->logfile, "-w",
	                "-t",     "60", "-o",        o.data, "start",     NULL};
	int rc = run_pg(pg, argv, 1) != 0 ? -1 : 0;
	buf_free(&o);
	return rc;
}

static int create_database(const char *sock)
{
	buf ci;
	buf_init(&ci);
	buf_printf(&ci, "host=%s user=parley dbname=postgres connect_timeout=10", sock);
	PGconn *c = PQconnectdb(ci.data);
	buf_free(&ci);
	int rc = -1;
	if (PQstatus(c) == CONNECTION_OK) {
		PGresult *r = PQexec(c, "SELECT 1 FROM pg_database WHERE datname = 'parley'");
		int exists = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
		PQclear(r);
		if (exists) {
			rc = 0;
		} else {
			r = PQexec(c, "CREATE DATABASE parley");
			rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : -1;
			PQclear(r);
		}
	}
	PQfinish(c);
	return rc;
}

/* FNV-1a: a socket directory name that is the same for every process and
 * every start on one data dir, so a restarted parley finds the socket. */
static unsigned long long path_hash(const char *s)
{
	unsigned long long h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

int embedded_pg_start(const char *data_dir, const char *bindir, const char *user, embedded_pg *pg,
                      char **err)
{
	memset(pg, 0, sizeof *pg);
	if (mkdir(data_dir, 0755) && errno != EEXIST)
		return fail(err, "cannot create data dir", data_dir);
	char real[PATH_MAX];
	if (!realpath(data_dir, real))
		return fail(err, "cannot resolve data dir", data_dir);
	char *why = NULL;
	pg->bindir = pgbin_find(bindir, &why);
	if (!pg->bindir) {
		int rc = fail(err, "PostgreSQL server programs", why);
		free(why);
		return rc;
	}
	pg->user = xstrdup(user && *user ? user : "postgres");
	if (geteuid() == 0 && !run_as_user(pg))
		return fail(err, "running as root needs an unprivileged user",
		            "create the 'postgres' user or set PARLEY_PG_USER");

	buf b;
	buf_init(&b);
	buf_printf(&b, "%s/pg", real);
	char *base = buf_detach(&b);
	ensure_traversable(pg, real);
	if (make_dir_for_cluster(pg, base, 0)) {
		free(base);
		return fail(err, "cannot prepare", strerror(errno));
	}
	buf_printf(&b, "%s/data", base);
	pg->datadir = buf_detach(&b);
	buf_printf(&b, "%s/server.log", base);
	pg->logfile = buf_detach(&b);
	/* unix socket paths are limited to ~107 bytes */
	if (strlen(base) < 80) {
		pg->sockdir = xstrdup(base);
	} else {
		buf_printf(&b, "/tmp/parley-pg-%016llx", path_hash(base));
		pg->sockdir = buf_detach(&b);
		if (make_dir_for_cluster(pg, pg->sockdir, 1)) {
			free(base);
			return fail(err, "cannot prepare socket dir", pg->sockdir);
		}
	}

	buf_printf(&b, "%s/.lock", base);
	pg->lockfile = buf_detach(&b);
	int lock = open(pg->lockfile, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
	if (lock < 0 || flock(lock, LOCK_EX)) {
		free(base);
		return fail(err, "cannot lock", strerror(errno));
	}

	int rc = 0;
	buf_printf(&b, "%s/PG_VERSION", pg->datadir);
	int fresh = access(b.data, F_OK) != 0;
	buf_reset(&b);
	if (fresh) {
		log_info("initialising embedded database", "dir", pg->datadir, NULL);
		rc = init_cluster(pg, base, err);
	}
	int adopted = 0;
	if (!rc && !fresh) {
		char *why_not = NULL;
		adopted = embedded_recover(pg, run_as_user(pg), &why_not);
		if (adopted < 0) {
			rc = fail(err, "cannot recover", why_not);
			free(why_not);
		}
	}
	if (!rc && !adopted && start_cluster(pg))
		rc = fail(err, "could not start PostgreSQL; see", pg->logfile);
	if (!rc && create_database(pg->sockdir))
		rc = fail(err, "could not create database 'parley' in", pg->datadir);
	if (!rc) {
		buf_printf(&b, "%s/.users", base);
		pg->users_fd = open(b.data, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
		buf_reset(&b);
		if (pg->users_fd < 0 || flock(pg->users_fd, LOCK_SH))
			rc = fail(err, "cannot register as a user of", pg->datadir);
	}
	flock(lock, LOCK_UN);
	close(lock);
	free(base);
	if (rc) {
		buf_free(&b);
		return rc;
	}
	buf_printf(&b, "host=%s user=parley dbname=parley", pg->sockdir);
	pg->conninfo = buf_detach(&b);
	log_info("embedded database ready", "socket", pg->sockdir, NULL);
	return 0;
}

void embedded_pg_watch(embedded_pg *pg)
{
	if (pg->users_fd <= 0 || embedded_running(pg))
		return;
	int lock = open(pg->lockfile, O_RDWR | O_CLOEXEC);
	if (lock < 0 || flock(lock, LOCK_EX)) {
		if (lock >= 0)
			close(lock);
		return;
	}
	/* Under the lock: another user may have restarted it meanwhile. */
	if (!embedded_running(pg) && !embedded_stopped_on_purpose(pg)) {
		if (!pg->watch_failing)
			log_warn("the embedded database stopped by itself; starting it again",
			         "dir", pg->datadir, NULL);
		char *why = NULL;
		int rc = embedded_recover(pg, run_as_user(pg), &why);
		if (rc == 0)
			rc = start_cluster(pg);
		if (rc < 0 && !pg->watch_failing)
			log_warn("cannot start the embedded database yet; will keep trying",
			         "error", why ? why : "pg_ctl start failed", "log", pg->logfile,
			         NULL);
		else if (rc >= 0)
			log_info("embedded database running again", NULL);
		pg->watch_failing = rc < 0;
		free(why);
	}
	flock(lock, LOCK_UN);
	close(lock);
}

void embedded_pg_stop(embedded_pg *pg)
{
	if (pg->users_fd > 0) {
		int lock = open(pg->lockfile, O_RDWR | O_CLOEXEC);
		if (lock >= 0)
			flock(lock, LOCK_EX);
		flock(pg->users_fd, LOCK_UN);
		int last = flock(pg->users_fd, LOCK_EX | LOCK_NB) == 0;
		if (last) {
			char *argv[] = {"pg_ctl", "-D", pg->datadir, "-m",
			                "fast",   "-w", "stop",      NULL};
			if (run_pg(pg, argv, 1) != 0)
				log_warn("embedded database did not stop cleanly", "dir",
				         pg->datadir, NULL);
			else
				log_info("embedded database stopped", NULL);
		}
		close(pg->users_fd);
		if (lock >= 0)
			close(lock);
	}
	free(pg->bindir);
	free(pg->user);
	free(pg->datadir);
	free(pg->sockdir);
	free(pg->logfile);
	free(pg->conninfo);
	free(pg->lockfile);
	memset(pg, 0, sizeof *pg);
}
