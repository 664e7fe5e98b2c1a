/*
 * feed — RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 parsing with libxml2.
 */
#ifndef PARLEY_PARSE_FEED_H
#define PARLEY_PARSE_FEED_H

#include <stddef.h>

typedef struct feed_item {
	char *link; /* absolute */
	char *guid; /* guid/id, else the link */
	char *title;
	char *published_at; /* ISO 8601 UTC, or NULL */
	char *author;
	char *summary;
} feed_item;

typedef struct feed {
	char *title;
	char *link;
	feed_item *items;
	size_t n_items;
} feed;

typedef enum { DOC_UNKNOWN, DOC_FEED, DOC_HTML, DOC_TEXT } doc_kind;

/* Returns 0, or -1 with *err set (invalid XML, not a feed). */
int feed_parse(const char *xml, size_t len, const char *base_url, feed *out, char **err);
void feed_free(feed *f);
/* Sniffs what a fetched body is from its Content-Type and first bytes. */
doc_kind doc_detect(const char *body, size_t len, const char *content_type);

#endif
