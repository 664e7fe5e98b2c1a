/*
 * pgbin — see pgbin.h.  Everything a child needs (absolute program path,
 * argv with that path as argv[0], an environment whose PATH starts with the
 * bin dir) is built before fork, so the child only switches user and execs.
 */
#include "db/pgbin.h"

#include "core/buf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

enum { MAX_ARGS = 32, MAX_ENV = 4096, MAX_GROUPS = 64 };

static const char *const needed[] = {"initdb", "pg_ctl", "postgres"};

static int has_server_programs(const char *dir)
{
	for (size_t i = 0; i < sizeof needed / sizeof *needed; i++) {
		char probe[PATH_MAX];
		int n = snprintf(probe, sizeof probe, "%s/%s", dir, needed[i]);
		if (n < 0 || (size_t)n >= sizeof probe || access(probe, X_OK))
			return 0;
	}
	return 1;
}

static int wait_child(pid_t pid)
{
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The first executable `name` in PATH (or, with no PATH, /usr/bin:/bin). */
static char *on_path(const char *name)
{
	const char *path = getenv("PATH");
	char *copy = xstrdup(path && *path ? path : "/usr/bin:/bin");
	char *found = NULL;
	for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		char probe[PATH_MAX];
		int n = snprintf(probe, sizeof probe, "%s/%s", *dir ? dir : ".", name);
		if (n > 0 && (size_t)n < sizeof probe && access(probe, X_OK) == 0)
			found = xstrdup(probe);
	}
	free(copy);
	return found;
}

/* `pg_config --bindir`, when pg_config exists and answers (bounded read). */
static char *from_pg_config(void)
{
	char *prog = on_path("pg_config");
	if (!prog && access("/usr/bin/pg_config", X_OK) == 0)
		prog = xstrdup("/usr/bin/pg_config");
	if (!prog)
		return NULL;
	int fds[2];
	if (pipe2(fds, O_CLOEXEC)) {
		free(prog);
		return NULL;
	}
	char *argv[] = {prog, "--bindir", NULL};
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		int devnull = open("/dev/null", O_WRONLY);
		if (devnull >= 0)
			dup2(devnull, 2);
		execv(prog, argv);
		_exit(127);
	}
	close(fds[1]);
	char out[PATH_MAX];
	size_t len = 0;
	ssize_t n;
	while (len < sizeof out - 1 && ((n = read(fds[0], out + len, sizeof out - 1 - len)) > 0 ||
	                                (n < 0 && errno == EINTR)))
		if (n > 0)
			len += (size_t)n;
	close(fds[0]);
	free(prog);
	if (pid < 0 || wait_child(pid) != 0)
		return NULL;
	out[len] = '\0';
	out[strcspn(out, "\r\n")] = '\0';
	return out[0] == '/' && has_server_programs(out) ? xstrdup(out) : NULL;
}

static char *newest_debian(void)
{
	DIR *d = opendir("/usr/lib/postgresql");
	int best = 0;
	if (d) {
		for (struct dirent *e; (e = readdir(d));) {
			int v = atoi(e->d_name);
			char dir[PATH_MAX];
			snprintf(dir, sizeof dir, "/usr/lib/postgresql/%d/bin", v);
			if (v > best && has_server_programs(dir))
				best = v;
		}
		closedir(d);
	}
	if (!best)
		return NULL;
	buf b;
	buf_init(&b);
	buf_printf(&b, "/usr/lib/postgresql/%d/bin", best);
	return buf_detach(&b);
}

static char *initdb_on_path(void)
{
	char *initdb = on_path("initdb");
	char real[PATH_MAX];
	char *dir = NULL;
	if (initdb && realpath(initdb, real)) {
		char *slash = strrchr(real, '/');
		*slash = '\0';
		if (has_server_programs(real))
			dir = xstrdup(real);
	}
	free(initdb);
	return dir;
}

char *pgbin_find(const char *configured, char **err)
{
	if (configured && *configured) {
		if (has_server_programs(configured))
			return xstrdup(configured);
		buf b;
		buf_init(&b);
		buf_printf(&b, "PARLEY_PG_BINDIR=%s lacks initdb, pg_ctl or postgres", configured);
		*err = buf_detach(&b);
		return NULL;
	}
	char *dir = from_pg_config();
	if (!dir)
		dir = newest_debian();
	if (!dir)
		dir = initdb_on_path();
	if (!dir)
		*err = xstrdup("PostgreSQL server programs not found: install postgresql-15 or "
		               "set PARLEY_PG_BINDIR");
	return dir;
}

/* environ with PATH=bindir:<old PATH or /usr/bin:/bin>; *path_entry is the
 * malloc'd PATH string the array points at. */
static char **child_env(const char *bindir, char **path_entry)
{
	size_t n = 0;
	while (environ && environ[n] && n < MAX_ENV)
		n++;
	char **env = xcalloc(n + 2, sizeof *env);
	const char *old = getenv("PATH");
	buf b;
	buf_init(&b);
	buf_printf(&b, "PATH=%s:%s", bindir, old && *old ? old : "/usr/bin:/bin");
	*path_entry = buf_detach(&b);
	size_t k = 0;
	env[k++] = *path_entry;
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "PATH=", 5))
			env[k++] = environ[i];
	env[k] = NULL;
	return env;
}

int pgbin_run(const char *bindir, const struct passwd *as, char *const argv[], int quiet)
{
	char prog[PATH_MAX];
	int n = snprintf(prog, sizeof prog, "%s/%s", bindir, argv[0]);
	if (n < 0 || (size_t)n >= sizeof prog)
		return -1;
	char *args[MAX_ARGS];
	size_t argc = 0;
	args[argc++] = prog;
	for (size_t i = 1; argv[i]; i++) {
		if (argc == MAX_ARGS - 1)
			return -1;
		args[argc++] = argv[i];
	}
	args[argc] = NULL;
	char *path_entry;
	char **env = child_env(bindir, &path_entry);
	/* The user's groups are looked up here: the child of a threaded
	 * process should make system calls only. */
	gid_t groups[MAX_GROUPS];
	int n_groups = MAX_GROUPS;
	if (as && getgrouplist(as->pw_name, as->pw_gid, groups, &n_groups) < 0) {
		groups[0] = as->pw_gid;
		n_groups = 1;
	}
	pid_t pid = fork();
	if (pid == 0) {
		if (as && (setgroups((size_t)n_groups, groups) || setgid(as->pw_gid) ||
		           setuid(as->pw_uid)))
			_exit(126);
		if (quiet) {
			int devnull = open("/dev/null", O_WRONLY);
			if (devnull >= 0) {
				dup2(devnull, 1);
				dup2(devnull, 2);
			}
		}
		execve(prog, args, env);
		_exit(127);
	}
	free(env);
	free(path_entry);
	return pid < 0 ? -1 : wait_child(pid);
}
