/*
 * static — the dashboard's files from the web directory (service/web).
 * Only plain relative paths of safe characters are served, so no request
 * can climb out of the directory; "/" is index.html.  Only regular files
 * reached without a symbolic link are served (realpath must be the path
 * asked for, opened O_NOFOLLOW), so a link planted in the directory
 * cannot expose the rest of the filesystem.
 */
#include "api/api.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_STATIC_FILE (16u << 20)

static const struct {
	const char *ext, *type;
} types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".txt", "text/plain; charset=utf-8"},
    {".woff2", "font/woff2"},
};

static const char *content_type(const char *path)
{
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return NULL;
}

static int safe_path(const char *p)
{
	if (*p != '/' || strstr(p, "..") || strstr(p, "//"))
		return 0;
	for (const char *c = p; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || strchr("/._-", *c)))
			return 0;
	return 1;
}

/* 1 when root + path names a file whose real path is exactly that: no
 * symbolic link anywhere below the root (even one pointing inside it),
 * so what is served is what the directory holds.  *real gets the
 * resolved name (free() it). */
static int regular_under_root(const char *root, const char *path, const char *file, char **real)
{
	char *root_real = realpath(root, NULL);
	*real = realpath(file, NULL);
	int ok = root_real && *real && !strncmp(*real, root_real, strlen(root_real)) &&
	         !strcmp(*real + strlen(root_real), path);
	free(root_real);
	return ok;
}

int api_serve_static(const app *a, const http_request *req, http_response *res)
{
	if (strcmp(req->method, "GET") && strcmp(req->method, "HEAD"))
		return 0;
	const char *path = strcmp(req->path, "/") ? req->path : "/index.html";
	const char *type = content_type(path);
	if (!safe_path(path) || !type || !strncmp(path, "/v1/", 4))
		return 0;
	char file[4096], *real = NULL;
	snprintf(file, sizeof file, "%s%s", a->cfg->web_dir, path);
	int served = 0, fd = -1;
	FILE *f = NULL;
	if (!regular_under_root(a->cfg->web_dir, path, file, &real))
		goto out;
	fd = open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > MAX_STATIC_FILE)
		goto out;
	f = fdopen(fd, "rb");
	if (!f)
		goto out;
	fd = -1;
	buf_reset(&res->body);
	buf_reserve(&res->body, (size_t)st.st_size);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&res->body, chunk, n);
	served = 1;
out:
	if (f)
		fclose(f);
	if (fd >= 0)
		close(fd);
	free(real);
	if (!served)
		return 0;
	res->status = 200;
	http_set_header(res, "Content-Type", type);
	/* index.html must pick up new asset versions; the assets themselves
	 * change only with a release. */
	http_set_header(res, "Cache-Control",
	                strstr(path, ".html") ? "no-cache" : "public, max-age=3600");
	http_set_header(res, "X-Content-Type-Options", "nosniff");
	return 1;
}
