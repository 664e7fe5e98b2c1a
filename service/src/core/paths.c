/*
 * paths — see paths.h.  The executable's own location is the only input,
 * read once; a link or a copy elsewhere resolves to the real file.
 */
#include "core/paths.h"

#include "core/buf.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char share[PATH_MAX + 32];

static void find_share(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/'); /* PREFIX/bin/parley -> PREFIX/bin */
	if (!slash)
		return;
	*slash = '\0';
	slash = strrchr(exe, '/'); /* -> PREFIX */
	if (!slash)
		return;
	*slash = '\0';
	char probe[PATH_MAX + 32];
	struct stat st;
	snprintf(probe, sizeof probe, "%s/share/parley/migrations", exe);
	if (stat(probe, &st) == 0 && S_ISDIR(st.st_mode))
		snprintf(share, sizeof share, "%s/share/parley", exe);
}

const char *paths_share_dir(void)
{
	pthread_once(&once, find_share);
	return share[0] ? share : NULL;
}

char *paths_default(const char *installed, const char *source)
{
	const char *s = paths_share_dir();
	buf b;
	buf_init(&b);
	if (s)
		buf_printf(&b, "%s/%s", s, installed);
	else
		buf_printf(&b, "%s/%s", PARLEY_SOURCE_DIR, source);
	return buf_detach(&b);
}
