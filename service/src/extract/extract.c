/*
 * extract — px_extract(): runs the stages in order over one document.
 *
 * Order matters and is the whole design: the text is prepared and split,
 * the language layer run over the kept lines (syntax.c), the publication date fixed (given, or
 * inferred from a dateline or the latest full date in the body, else the caller's fallback), actors
 * found, then statements (which need actors for speakers), then events (which need both), and last
 * the article's relevance (which weighs what all of them found).
 */
#include "extract/internal.h"

#include "core/buf.h"

#include <stdlib.h>
#include <string.h>

px_result *px_extract(const px_dict *d, const px_input *in)
{
	px_result *r = xcalloc(1, sizeof *r);
	px_doc *doc = &r->doc;
	doc->dict = d;
	px_text_prepare(&doc->text, in->text ? in->text : "", in->text ? in->len : 0);
	px_segment(doc);
	px_syntax_analyze(doc);
	doc->lex_cache = xmalloc((doc->n_toks + 1) * sizeof *doc->lex_cache);
	doc->lex_cached = xcalloc(doc->n_toks + 1, 1);
	doc->date_cache = xcalloc(doc->n_sents + 1, sizeof *doc->date_cache);
	px_date fallback = {0}, inferred;
	px_parse_iso_date(in->fallback_date, &fallback);
	if (px_parse_iso_date(in->published_at, &doc->published)) {
		doc->published_from = PUB_GIVEN;
	} else {
		doc->published = fallback; /* what a yearless dateline is read against */
		if (px_infer_published(doc, &inferred)) {
			doc->published = inferred;
			doc->published_from = PUB_TEXT;
		} else if (fallback.precision && in->fallback_publishes) {
			doc->published_from = PUB_FALLBACK;
		} else {
			doc->published = (px_date){0};
		}
	}
	px_find_actors(doc);
	px_find_statements(doc);
	px_find_events(doc);
	px_score_relevance(doc);
	doc->text.orig = NULL; /* the caller's text is theirs again */
	return r;
}

double px_result_relevance(const px_result *r)
{
	return r->doc.relevance;
}

const char *px_result_published(const px_result *r, char out[16])
{
	static const char *const from[] = {[PUB_NONE] = NULL,
	                                   [PUB_GIVEN] = "given",
	                                   [PUB_TEXT] = "text",
	                                   [PUB_FALLBACK] = "fallback"};
	out[0] = '\0';
	if (r->doc.published.precision != 3)
		return NULL;
	px_date_format(&r->doc.published, out);
	return from[r->doc.published_from];
}

static void free_actor(px_actor *a)
{
	free(a->name), free(a->kind), free(a->title), free(a->country), free(a->cameo);
	free(a->title_head);
	for (size_t i = 0; i < a->n_aliases; i++)
		free(a->aliases[i]);
	free(a->aliases);
}

void px_result_free(px_result *r)
{
	if (!r)
		return;
	px_doc *doc = &r->doc;
	for (size_t i = 0; i < doc->n_actors; i++)
		free_actor(&doc->actors[i]);
	for (size_t i = 0; i < doc->n_stmts; i++)
		free(doc->stmts[i].text), free(doc->stmts[i].cue), free(doc->stmts[i].source);
	for (size_t i = 0; i < doc->n_events; i++) {
		px_event *e = &doc->events[i];
		free(e->type), free(e->cameo), free(e->parts), free(e->title);
	}
	free(doc->actors), free(doc->stmts), free(doc->events), free(doc->mentions);
	free(doc->toks), free(doc->sents), free(doc->lines), free(doc->tok_mention);
	free(doc->tok_pronoun);
	free(doc->lex_cache), free(doc->lex_cached), free(doc->date_cache),
	    free(doc->clause_breaks);
	px_syntax_free(&doc->syn);
	px_text_free(&doc->text);
	free(r);
}
