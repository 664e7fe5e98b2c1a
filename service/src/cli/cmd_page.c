/*
 * page — runs the article extractor on one saved HTML file and prints the
 * result as JSON: the quickest way to see what Parley makes of a page, and
 * the driver of scripts/htmlbench_offline.py.
 */
#include "cli/commands.h"
#include "core/buf.h"
#include "core/file.h"
#include "parse/charset.h"
#include "parse/html.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char usage_page[] = "usage: parley page FILE|- [--url URL]\n"
                          "Extracts the article (metadata and main text) of a saved HTML page\n"
                          "and prints it as JSON. FILE '-' reads standard input; --url gives the\n"
                          "page's address, used to resolve relative links and as a date source.\n";

static void set_str(json_t *o, const char *key, const char *v)
{
	json_object_set_new(o, key, v ? json_string(v) : json_null());
}

static json_t *article_json(const html_article *a)
{
	json_t *o = json_object();
	set_str(o, "title", a->title);
	set_str(o, "author", a->author);
	set_str(o, "published_at", a->published_at);
	set_str(o, "site_name", a->site_name);
	set_str(o, "canonical_url", a->canonical_url);
	set_str(o, "language", a->language);
	set_str(o, "description", a->description);
	set_str(o, "text", a->text);
	return o;
}

static int usage_error(const char *msg)
{
	fprintf(stderr, "parley page: %s\n%s", msg, usage_page);
	return 2;
}

/* Returns 0, or the exit status of a usage error. */
static int parse_args(int argc, char **argv, const char **file, const char **url)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--url")) {
			if (++i >= argc)
				return usage_error("--url needs a value");
			*url = argv[i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return usage_error("unknown option");
		} else if (*file) {
			return usage_error("one FILE only");
		} else {
			*file = argv[i];
		}
	}
	return *file ? 0 : usage_error("FILE is required");
}

/* The page as UTF-8, or NULL after reporting why not; closes f. */
static char *read_page(FILE *f, const char *file, size_t *len)
{
	size_t raw_len = 0;
	char *raw = file_read_stream(f, FILE_NO_LIMIT, &raw_len, NULL);
	if (f != stdin)
		fclose(f);
	if (!raw) {
		fprintf(stderr, "parley page: cannot read %s\n", file);
		return NULL;
	}
	char *err = NULL;
	char *html = charset_to_utf8(raw, raw_len, NULL, len, &err);
	free(raw);
	if (!html)
		fprintf(stderr, "parley page: %s\n", err ? err : "charset conversion failed");
	free(err);
	return html;
}

int cmd_page(int argc, char **argv)
{
	const char *file = NULL, *url = NULL;
	int rc = parse_args(argc, argv, &file, &url);
	if (rc)
		return rc;
	FILE *f = strcmp(file, "-") ? fopen(file, "rb") : stdin;
	if (!f) { /* a FILE that is not there is a bad argument, like the rest */
		fprintf(stderr, "parley page: cannot open %s\n", file);
		return 2;
	}
	size_t len = 0;
	char *html = read_page(f, file, &len);
	if (!html)
		return 1;
	html_article a;
	char *err = NULL;
	rc = html_article_extract(html, len, url, &a, &err);
	free(html);
	if (rc) {
		fprintf(stderr, "parley page: %s\n", err);
		free(err);
		return 1;
	}
	json_t *o = article_json(&a);
	html_article_free(&a);
	json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(o);
	return 0;
}
