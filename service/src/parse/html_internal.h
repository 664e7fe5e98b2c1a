/*
 * html_internal — the passes of the article extractor, in the order html.c
 * runs them: metadata (read-only), cleaning (removes page furniture),
 * scoring (picks the main-content nodes), text output (paragraphs).
 * Split per concern so each heuristic family can be read and tuned alone.
 */
#ifndef PARLEY_PARSE_HTML_INTERNAL_H
#define PARLEY_PARSE_HTML_INTERNAL_H

#include "parse/html.h"
#include "parse/html_dom.h"

#include <libxml/HTMLparser.h>

/* How hard the cleaning and scoring passes cut.  Each later level is the
 * retry when the one before leaves almost nothing: guarded keeps hinted
 * elements that hold most of the prose, lenient ignores class hints. */
typedef enum { CUT_STRICT, CUT_GUARDED, CUT_LENIENT } html_cut;

/* html_meta.c: fills every metadata field of out (text untouched). */
void html_meta_extract(xmlDoc *doc, const char *base_url, html_article *out);

/* html_clean.c: removes furniture; stats must be fresh on entry. */
void html_clean(xmlNode *body, html_cut cut);

/* html_score.c: the main-content nodes, in document order (malloc'd array,
 * *n entries), or NULL when nothing scores. Stats must be fresh. */
xmlNode **html_pick_content(xmlNode *body, html_cut cut, size_t *n);

/* html_text.c: paragraphs of the given nodes, "\n\n"-separated. */
char *html_nodes_text(xmlNode **nodes, size_t n, html_cut cut);

#endif
