/*
 * embedded_recover — see embedded_recover.h.  A process is "ours" when
 * /proc says its program is postgres and its working directory is our data
 * dir (the postmaster and every child chdir there), so neither a reused pid
 * nor another cluster's server is ever taken for ours, nor signalled.
 */
#include "db/embedded_recover.h"

#include "core/buf.h"
#include "core/log.h"
#include "db/pgbin.h"

#include <dirent.h>
#include <errno.h>
#include <libpq-fe.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum {
	READY_WAIT_MS = 60000,  /* a cluster in crash recovery may take a while */
	ORPHAN_WAIT_MS = 10000, /* children notice a dead postmaster by themselves */
	STEP_MS = 100,
};

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static int is_ours(pid_t pid, const char *datadir)
{
	char link[64], target[PATH_MAX];
	snprintf(link, sizeof link, "/proc/%ld/exe", (long)pid);
	ssize_t n = readlink(link, target, sizeof target - 1);
	if (n <= 0)
		return 0;
	target[n] = '\0';
	const char *slash = strrchr(target, '/');
	const char *base = slash ? slash + 1 : target;
	if (strncmp(base, "postgres", 8) || (base[8] && base[8] != ' ')) /* " (deleted)" */
		return 0;
	snprintf(link, sizeof link, "/proc/%ld/cwd", (long)pid);
	n = readlink(link, target, sizeof target - 1);
	if (n <= 0)
		return 0;
	target[n] = '\0';
	return strcmp(target, datadir) == 0;
}

/* Pids of every live server process of datadir, up to cap; returns how many. */
static size_t our_processes(const char *datadir, pid_t *out, size_t cap)
{
	DIR *d = opendir("/proc");
	size_t n = 0;
	if (!d)
		return 0;
	for (struct dirent *e; n < cap && (e = readdir(d));) {
		char *end;
		long pid = strtol(e->d_name, &end, 10);
		if (*end || pid <= 0 || pid == (long)getpid())
			continue;
		if (is_ours((pid_t)pid, datadir))
			out[n++] = (pid_t)pid;
	}
	closedir(d);
	return n;
}

/* Waits for leftover server processes to exit, then kills what remains. */
static int reap_orphans(const char *datadir)
{
	pid_t pids[256];
	for (int waited = 0; waited < ORPHAN_WAIT_MS; waited += STEP_MS) {
		if (!our_processes(datadir, pids, 256))
			return 0;
		sleep_ms(STEP_MS);
	}
	size_t n = our_processes(datadir, pids, 256);
	for (size_t i = 0; i < n; i++) {
		char pid[24];
		snprintf(pid, sizeof pid, "%ld", (long)pids[i]);
		log_warn("killing a leftover server process of the embedded database", "pid", pid,
		         NULL);
		kill(pids[i], SIGKILL);
	}
	for (int waited = 0; waited < 2000; waited += STEP_MS) {
		if (!our_processes(datadir, pids, 256))
			return 0;
		sleep_ms(STEP_MS);
	}
	return -1;
}

/* postmaster.pid: line 1 the pid, line 5 the socket directory. */
static pid_t read_pid_file(const char *path, char *sockdir, size_t cap)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char line[PATH_MAX];
	long pid = 0;
	sockdir[0] = '\0';
	for (int i = 1; i <= 5 && fgets(line, sizeof line, f); i++) {
		line[strcspn(line, "\r\n")] = '\0';
		if (i == 1)
			pid = strtol(line, NULL, 10);
		else if (i == 5)
			snprintf(sockdir, cap, "%s", line);
	}
	fclose(f);
	return pid > 0 && pid <= INT_MAX ? (pid_t)pid : -1; /* -1: unreadable, stale */
}

/* Removes the socket lock files (and their sockets) in sockdir whose pid
 * is not a live server of ours. */
static void clean_socket_locks(const char *sockdir, const char *datadir)
{
	DIR *d = opendir(sockdir);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (strncmp(e->d_name, ".s.PGSQL.", 9) || len < 14 ||
		    strcmp(e->d_name + len - 5, ".lock"))
			continue;
		char path[PATH_MAX], unused[8];
		snprintf(path, sizeof path, "%s/%s", sockdir, e->d_name);
		pid_t pid = read_pid_file(path, unused, sizeof unused);
		if (pid > 0 && is_ours(pid, datadir))
			continue;
		log_warn("removing a stale socket lock file", "file", path, NULL);
		unlink(path);
		path[strlen(path) - 5] = '\0'; /* the socket itself */
		unlink(path);
	}
	closedir(d);
}

static int wait_ready(const char *sockdir, pid_t pid, const char *datadir)
{
	const char *keys[] = {"host", "user", "dbname", "connect_timeout", NULL};
	const char *vals[] = {sockdir, "parley", "postgres", "2", NULL};
	for (int waited = 0; waited < READY_WAIT_MS; waited += STEP_MS) {
		if (PQpingParams(keys, vals, 0) == PQPING_OK)
			return 1;
		if (!is_ours(pid, datadir))
			return 0;
		sleep_ms(STEP_MS);
	}
	return 0;
}

int embedded_recover(const embedded_pg *pg, const struct passwd *as, char **err)
{
	char datadir[PATH_MAX], pidfile[PATH_MAX + 16], sockdir[PATH_MAX];
	if (!realpath(pg->datadir, datadir))
		return 0; /* no cluster yet */
	snprintf(pidfile, sizeof pidfile, "%s/postmaster.pid", datadir);
	pid_t pid = read_pid_file(pidfile, sockdir, sizeof sockdir);
	if (pid > 0 && is_ours(pid, datadir)) {
		if (!strcmp(sockdir, pg->sockdir) && wait_ready(pg->sockdir, pid, datadir)) {
			log_info("adopted the running embedded database", "dir", pg->datadir, NULL);
			return 1;
		}
		log_warn("the running embedded database does not answer here; restarting it", "dir",
		         pg->datadir, "socket", sockdir, NULL);
		char *fast[] = {"pg_ctl", "-D", (char *)pg->datadir, "-m", "fast", "-w", "-t", "30",
		                "stop",   NULL};
		char *now[] = {"pg_ctl", "-D", (char *)pg->datadir, "-m", "immediate", "-w",
		               "stop",   NULL};
		if (pgbin_run(pg->bindir, as, fast, 1) != 0)
			pgbin_run(pg->bindir, as, now, 1);
	} else if (pid != 0) {
		log_warn("the embedded database was not stopped cleanly; removing its stale lock",
		         "file", pidfile, NULL);
	}
	if (pid != 0 && reap_orphans(datadir)) {
		*err = xstrdup("server processes of the embedded database would not exit");
		return -1;
	}
	if (pid != 0 && unlink(pidfile) && errno != ENOENT) {
		*err = xstrdup("cannot remove the stale postmaster.pid");
		return -1;
	}
	clean_socket_locks(pg->sockdir, datadir);
	return 0;
}

int embedded_running(const embedded_pg *pg)
{
	char datadir[PATH_MAX], pidfile[PATH_MAX + 16], sockdir[PATH_MAX];
	if (!realpath(pg->datadir, datadir))
		return 0;
	snprintf(pidfile, sizeof pidfile, "%s/postmaster.pid", datadir);
	pid_t pid = read_pid_file(pidfile, sockdir, sizeof sockdir);
	return pid > 0 && is_ours(pid, datadir);
}

/*
 * pg_control begins, in every PostgreSQL since 9.x, with
 *   uint64 system_identifier; uint32 pg_control_version;
 *   uint32 catalog_version_no; DBState state;
 * where state 1 is DB_SHUTDOWNED and 2 DB_SHUTDOWNED_IN_RECOVERY.
 */
int embedded_stopped_on_purpose(const embedded_pg *pg)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/global/pg_control", pg->datadir);
	FILE *f = fopen(path, "rb");
	if (!f)
		return 1; /* nothing we could restart */
	unsigned char head[20];
	size_t n = fread(head, 1, sizeof head, f);
	fclose(f);
	if (n != sizeof head)
		return 1;
	uint32_t version, state;
	memcpy(&version, head + 8, sizeof version);
	memcpy(&state, head + 16, sizeof state);
	if (version < 900 || version > 9999)
		return 1; /* not a layout we know: leave it to a human */
	return state == 1 || state == 2;
}
