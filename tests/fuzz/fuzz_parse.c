/*
 * libFuzzer target for the parse layer: arbitrary bytes as an HTML page,
 * a feed, a URL, a body of unknown charset and text to repair of mojibake.
 * Nothing may crash, hang or leak, whatever arrives from the network.
 */
#include "core/utf8.h"
#include "parse/charset.h"
#include "parse/feed.h"
#include "parse/html.h"
#include "parse/mojibake.h"
#include "parse/url.h"

#include <libxml/parser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void quiet(void *ctx, const char *msg, ...)
{
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	xmlSetGenericErrorFunc(NULL, quiet);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *err = NULL;
	size_t len = 0;
	char *utf8 = charset_to_utf8(s, size, "text/html", &len, &err);
	free(err);
	err = NULL;
	if (utf8) {
		html_article a;
		if (html_article_extract(utf8, len, "https://fuzz.example/a/b", &a, &err) == 0)
			html_article_free(&a);
		free(err);
		err = NULL;
		feed f;
		if (feed_parse(utf8, len, "https://fuzz.example/feed", &f, &err) == 0)
			feed_free(&f);
		free(err);
		err = NULL;
		(void)doc_detect(utf8, len, NULL);
		free(utf8);
	}
	/* the repair never lengthens the text, and keeps valid UTF-8 valid */
	size_t fixed_len = 0;
	char *fixed = mojibake_repair(s, size, &fixed_len);
	if (fixed_len > size || (utf8_valid(s, size) && !utf8_valid(fixed, fixed_len)))
		abort();
	free(fixed);
	if (size < 4096) {
		char *u = malloc(size + 1);
		memcpy(u, data, size);
		u[size] = '\0';
		free(url_canonical(u));
		free(url_resolve("https://fuzz.example/dir/page", u));
		free(u);
	}
	return 0;
}
