/*
 * static — the dashboard's files from the web directory (service/web).
 * Only plain relative paths of safe characters are served, so no request
 * can climb out of the directory; "/" is index.html.
 */
#include "api/api.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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

int api_serve_static(const app *a, const http_request *req, http_response *res)
{
	if (strcmp(req->method, "GET") && strcmp(req->method, "HEAD"))
		return 0;
	const char *path = strcmp(req->path, "/") ? req->path : "/index.html";
	const char *type = content_type(path);
	if (!safe_path(path) || !type || !strncmp(path, "/v1/", 4))
		return 0;
	char file[4096];
	snprintf(file, sizeof file, "%s%s", a->cfg->web_dir, path);
	struct stat st;
	if (stat(file, &st) || !S_ISREG(st.st_mode) || st.st_size > MAX_STATIC_FILE)
		return 0;
	FILE *f = fopen(file, "rb");
	if (!f)
		return 0;
	buf_reset(&res->body);
	buf_reserve(&res->body, (size_t)st.st_size);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&res->body, chunk, n);
	fclose(f);
	res->status = 200;
	http_set_header(res, "Content-Type", type);
	/* index.html must pick up new asset versions; the assets themselves
	 * change only with a release. */
	http_set_header(res, "Cache-Control",
	                strstr(path, ".html") ? "no-cache" : "public, max-age=3600");
	http_set_header(res, "X-Content-Type-Options", "nosniff");
	return 1;
}
