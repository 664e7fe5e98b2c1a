/*
 * syntax — the language layer's analysis, seen from the extraction engine.
 *
 * Design note
 * -----------
 * Extraction keeps its own tokens (px_token: dictionary phrases, quote
 * marks, the offsets every output carries) and reads the grammar from the
 * language layer (lang/lang.h): part of speech, lemma, dependency head and
 * relation, named-entity spans.  Both tokenise the same work text, so one
 * byte offset ties them: a px token maps to the ln token holding its first
 * byte and back.  They differ only where UD splits a word ("don't" is "do"
 * + "n't") or keeps punctuation whole.
 *
 * The language layer reads a copy of the work text in which every line
 * clean.c dropped (boilerplate, captions) and every dateline opening a
 * line ("GENEVA, March 4 - ") is blanked to spaces: offsets stay the work
 * text's, no sentence of the parse runs into a dropped line, and a
 * dateline's city is never taken for the subject of the sentence after it.
 *
 * The tree is kept as head, first-child and next-sibling arrays over the
 * document's ln tokens, so rules walk dependents without scanning.
 */
#include "extract/internal.h"

#include "core/buf.h"

#include <stdlib.h>
#include <string.h>

void px_dict_set_models(px_dict *d, const ln_models *m)
{
	d->models = m;
	d->models_get = NULL;
}

void px_dict_set_models_loader(px_dict *d, const ln_models *(*get)(void))
{
	d->models = NULL;
	d->models_get = get;
}

static const ln_models *dict_models(const px_dict *d)
{
	return d->models ? d->models : d->models_get ? d->models_get() : NULL;
}

static void build_maps(px_doc *doc)
{
	px_syntax *s = &doc->syn;
	const ln_doc *L = &s->lang;
	s->tok_ln = xmalloc((doc->n_toks + 1) * sizeof *s->tok_ln);
	s->ln_tok = xmalloc((L->ntok + 1) * sizeof *s->ln_tok);
	for (size_t k = 0; k < L->ntok; k++)
		s->ln_tok[k] = -1;
	/* both token lists are in text order: one merge pass */
	size_t k = 0;
	for (size_t i = 0; i < doc->n_toks; i++) {
		uint32_t b = doc->toks[i].start;
		while (k < L->ntok && L->tok[k].end <= b)
			k++;
		if (k < L->ntok && L->tok[k].start <= b && b < L->tok[k].end) {
			s->tok_ln[i] = (int32_t)k;
			if (s->ln_tok[k] < 0 || L->tok[k].start == b)
				s->ln_tok[k] = (int32_t)i;
		} else {
			s->tok_ln[i] = -1;
		}
	}
	/* an ln token that starts inside a px token ("n't" of "don't") maps
	 * to that px token */
	size_t i = 0;
	for (k = 0; k < L->ntok; k++) {
		if (s->ln_tok[k] >= 0)
			continue;
		uint32_t b = L->tok[k].start;
		while (i < doc->n_toks && doc->toks[i].end <= b)
			i++;
		if (i < doc->n_toks && doc->toks[i].start <= b)
			s->ln_tok[k] = (int32_t)i;
	}
}

static void build_tree(px_syntax *s)
{
	const ln_doc *L = &s->lang;
	size_t n = L->ntok;
	s->head = xmalloc((n + 1) * sizeof *s->head);
	s->child = xmalloc((n + 1) * sizeof *s->child);
	s->sibling = xmalloc((n + 1) * sizeof *s->sibling);
	s->ent = xmalloc((n + 1) * sizeof *s->ent);
	for (size_t k = 0; k < n; k++)
		s->head[k] = s->child[k] = s->sibling[k] = s->ent[k] = -1;
	for (size_t j = 0; j < L->nsent; j++) {
		const ln_sentence *S = &L->sent[j];
		for (uint32_t t = 0; t < S->count; t++) {
			int h = L->tok[S->first + t].head;
			if (h > 0 && (uint32_t)h <= S->count)
				s->head[S->first + t] = (int32_t)(S->first + (uint32_t)h - 1);
		}
		/* children in text order: walk backwards, pushing to the front */
		for (uint32_t t = S->count; t-- > 0;) {
			size_t k = S->first + t;
			int32_t h = s->head[k];
			if (h >= 0 && (size_t)h != k) {
				s->sibling[k] = s->child[h];
				s->child[h] = (int32_t)k;
			}
		}
	}
	for (size_t e = 0; e < L->nent; e++)
		for (uint32_t t = 0; t < L->ent[e].count; t++)
			s->ent[L->ent[e].first + t] = (int32_t)e;
}

/* A dateline opening a line ("GENEVA, March 4, 2025 - ", "MOSCOW (Agency)
 * - "): an all-capitals word, then only capitalised words, numbers and
 * punctuation up to a dash standing apart.  It is the report's metadata,
 * not part of the sentence after it; returns the byte after the dash, or
 * 0 when the line opens with none. */
static size_t dateline_end(const px_doc *doc, size_t i)
{
	enum { DATELINE_MAX_TOKENS = 14 };
	const px_token *t = &doc->toks[i];
	if (t->kind != TK_WORD || !t->allcaps)
		return 0;
	for (size_t j = i + 1; j < doc->n_toks && j <= i + DATELINE_MAX_TOKENS; j++) {
		const px_token *u = &doc->toks[j];
		if (u->sent != t->sent)
			return 0;
		if (px_tok_char(doc, j, '-') && u->start > 0 && doc->text.s[u->start - 1] == ' ' &&
		    doc->text.s[u->end] == ' ')
			return u->end;
		if (u->kind == TK_WORD && !u->cap && !u->allcaps)
			return 0;
		if (u->kind == TK_QUOTE)
			return 0;
	}
	return 0;
}

void px_syntax_analyze(px_doc *doc)
{
	px_syntax *s = &doc->syn;
	memset(s, 0, sizeof *s);
	s->text = xmalloc(doc->text.len + 1);
	memcpy(s->text, doc->text.s, doc->text.len + 1);
	for (size_t l = 0; l < doc->n_lines; l++)
		if (!doc->lines[l].keep)
			memset(s->text + doc->lines[l].start, ' ',
			       doc->lines[l].end - doc->lines[l].start);
	for (size_t i = 0; i < doc->n_toks; i++) {
		size_t b = doc->toks[i].start;
		if (b > 0 && doc->text.s[b - 1] != '\n')
			continue;
		size_t end = dateline_end(doc, i);
		if (end)
			memset(s->text + b, ' ', end - b);
	}
	ln_doc_init(&s->lang, s->text, doc->text.len);
	const ln_models *m = dict_models(doc->dict);
	int rc = m ? ln_doc_analyze(m, &s->lang) : ln_doc_tokenize(&s->lang);
	if (rc) {
		/* out of memory inside the layer: carry on without syntax */
		ln_doc_free(&s->lang);
		ln_doc_init(&s->lang, s->text, 0);
	}
	s->ok = m && !rc;
	if (s->ok) {
		s->deprels = ln_models_deprel(m, &s->n_deprels);
		s->xposes = ln_models_xpos(m, &s->n_xposes);
	}
	build_maps(doc);
	build_tree(s);
}

void px_syntax_free(px_syntax *s)
{
	if (!s->text)
		return;
	ln_doc_free(&s->lang);
	free(s->text), free(s->tok_ln), free(s->ln_tok);
	free(s->head), free(s->child), free(s->sibling), free(s->ent);
	memset(s, 0, sizeof *s);
}

int32_t px_syn_ln(const px_doc *doc, size_t i)
{
	return doc->syn.tok_ln && i < doc->n_toks ? doc->syn.tok_ln[i] : -1;
}

int32_t px_syn_tok(const px_doc *doc, size_t k)
{
	return doc->syn.ln_tok && k < doc->syn.lang.ntok ? doc->syn.ln_tok[k] : -1;
}

const char *px_syn_deprel(const px_doc *doc, size_t k)
{
	const px_syntax *s = &doc->syn;
	if (!s->ok || k >= s->lang.ntok)
		return "";
	size_t r = s->lang.tok[k].deprel;
	return r && r < s->n_deprels && s->deprels[r] ? s->deprels[r] : "";
}

bool px_syn_rel_is(const px_doc *doc, size_t k, const char *rel)
{
	const char *d = px_syn_deprel(doc, k);
	size_t n = strlen(rel);
	return !strncmp(d, rel, n) && (d[n] == '\0' || (d[n] == ':' && !strchr(rel, ':')));
}

const char *px_syn_lemma(const px_doc *doc, size_t k)
{
	const ln_doc *L = &doc->syn.lang;
	if (k >= L->ntok || !L->lemmas || L->tok[k].lemma >= L->lemmas_len)
		return "";
	return L->lemmas + L->tok[k].lemma;
}

int px_syn_ent_type(const px_doc *doc, size_t i)
{
	int32_t k = px_syn_ln(doc, i);
	if (k < 0 || !doc->syn.ent || !doc->syn.ok)
		return -1;
	int32_t e = doc->syn.ent[k];
	return e < 0 ? -1 : (int)doc->syn.lang.ent[e].type;
}

bool px_syn_ent_span(const px_doc *doc, size_t i, size_t *a, size_t *b)
{
	int32_t k = px_syn_ln(doc, i);
	if (k < 0 || !doc->syn.ent || !doc->syn.ok || doc->syn.ent[k] < 0)
		return false;
	const ln_entity *e = &doc->syn.lang.ent[doc->syn.ent[k]];
	size_t s = i, t = i + 1;
	while (s > 0 && px_syn_ln(doc, s - 1) >= (int32_t)e->first)
		s--;
	while (t < doc->n_toks && px_syn_ln(doc, t) >= 0 &&
	       (uint32_t)px_syn_ln(doc, t) < e->first + e->count)
		t++;
	*a = s, *b = t;
	return true;
}

const char *px_syn_xpos(const px_doc *doc, size_t k)
{
	const px_syntax *s = &doc->syn;
	if (!s->ok || k >= s->lang.ntok)
		return "";
	size_t x = s->lang.tok[k].xpos;
	return s->xposes && x && x < s->n_xposes && s->xposes[x] ? s->xposes[x] : "";
}
