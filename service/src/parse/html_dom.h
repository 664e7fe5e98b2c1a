/*
 * html_dom — small read-only helpers over libxml2's HTML tree shared by the
 * article extractor's passes (cleaning, scoring, text output, metadata).
 *
 * Attribute values are returned as borrowed pointers into the tree rather
 * than xmlGetProp() copies: the passes look at every element's class and id,
 * and an allocation per lookup would dominate extraction time.
 */
#ifndef PARLEY_PARSE_HTML_DOM_H
#define PARLEY_PARSE_HTML_DOM_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

/* Per-element figures of the subtree, hung off node->_private. */
typedef struct dom_stats {
	size_t text; /* bytes of non-space text */
	size_t link; /* of which inside <a> */
	unsigned commas;
	unsigned paras; /* <p>/<br> count, a proxy for prose */
	double score;   /* content score (html_score.c) */
	bool scored;
} dom_stats;

typedef struct dom_stats_arena {
	dom_stats *v;
	size_t n, cap;
} dom_stats_arena;

bool dom_is(const xmlNode *n, const char *tag);
bool dom_is_any(const xmlNode *n, const char *const *tags);
/* Borrowed attribute value, or NULL. */
const char *dom_attr(const xmlNode *n, const char *name);
bool dom_is_block(const xmlNode *n);
bool dom_is_heading(const xmlNode *n);

/* Class/id hints: the words sites use for page furniture and for content. */
bool dom_hint_unlikely(const xmlNode *n);
bool dom_hint_positive(const xmlNode *n);
/* The furniture words that win even against a positive hint
 * ("article-comments", "story-related"). */
bool dom_hint_strong_unlikely(const xmlNode *n);
/* Explicitly hidden (hidden attribute, display:none, aria-hidden). */
bool dom_hidden(const xmlNode *n);

/* (Re)computes stats for every element under root; arena is reused. */
void dom_stats_compute(xmlNode *root, dom_stats_arena *a);
void dom_stats_free(dom_stats_arena *a);
static inline dom_stats *dom_st(const xmlNode *n)
{
	return (dom_stats *)n->_private;
}
double dom_link_density(const xmlNode *n);
/* A small box around a blockquote: embedded posts and pull quotes, which
 * annotators count as article text even inside "social"/"embed" wrappers. */
bool dom_is_quote_embed(const xmlNode *n);

/* Unlinks and frees a node (children included). */
void dom_drop(xmlNode *n);
/* Appends the collapsed text of n (whitespace runs -> one space). */
struct buf;
void dom_text(const xmlNode *n, struct buf *out);
/* The collapsed, trimmed text of n, malloc'd; NULL when n is NULL or blank. */
char *dom_text_dup(const xmlNode *n);
/* Elements named tag below n. */
unsigned dom_count_tag(const xmlNode *n, const char *tag);

#endif
