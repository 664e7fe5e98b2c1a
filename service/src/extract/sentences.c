/*
 * sentences — tokens and sentence boundaries of the kept lines.
 *
 * One tokenizer serves articles and dictionary phrases alike, so both cut
 * "U.S.", "Kim Jong-un" and "Ukraine's" the same way.  Sentences end at
 * . ! ? (closing quotes and brackets kept with them) unless the period
 * belongs to an abbreviation ("Mr.", "Jan.": words.tsv) or an initial, or the next word
 * is lower case; a line is always a boundary, since paragraphs never share
 * a sentence.
 */
#include "extract/internal.h"

#include "core/buf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool is_word_char(const char *p, const char *end)
{
	unsigned char c = (unsigned char)*p;
	if (c < 0x80)
		return isalnum(c);
	int32_t cp;
	px_utf8_decode(p, end, &cp);
	return px_is_letter_at(p, end) || (cp >= 0x300 && cp < 0x370);
}

/* "U.S." / "U.K." style: letter, dot, letter, dot ... */
static size_t dotted_acronym(const char *p, const char *end)
{
	const char *q = p;
	int letters = 0;
	while (q + 1 < end && isalpha((unsigned char)q[0]) && q[1] == '.') {
		q += 2;
		letters++;
	}
	return letters >= 2 ? (size_t)(q - p) : 0;
}

static size_t word_length(const char *p, const char *end)
{
	const char *q = p;
	while (q < end) {
		if (is_word_char(q, end)) {
			int32_t c;
			q += (unsigned char)*q < 0x80 ? 1 : px_utf8_decode(q, end, &c);
			continue;
		}
		/* an apostrophe inside a word stays, except the possessive 's */
		if (*q == '\'' && q + 1 < end && is_word_char(q + 1, end) && q > p) {
			bool possessive = (q[1] == 's' || q[1] == 'S') &&
			                  (q + 2 >= end || !is_word_char(q + 2, end));
			if (possessive)
				break;
			q++;
			continue;
		}
		break;
	}
	return (size_t)(q - p);
}

static void push_token(px_token **toks, size_t *n, size_t *cap, const char *s, size_t a, size_t b,
                       uint8_t kind)
{
	px_token *t = VEC_PUSH(*toks, *n, *cap);
	t->start = (uint32_t)a;
	t->end = (uint32_t)b;
	t->kind = kind;
	t->sent = 0;
	t->inq = false;
	t->hash = px_hash_lower(s + a, b - a);
	t->cap = kind == TK_WORD && px_is_upper_at(s + a, s + b);
	size_t letters = 0, upper = 0;
	for (size_t i = a; i < b; i++)
		if (isalpha((unsigned char)s[i])) {
			letters++;
			upper += isupper((unsigned char)s[i]) != 0;
		}
	t->allcaps = kind == TK_WORD && letters >= 2 && letters == upper;
}

size_t px_tokenize(const char *s, size_t start, size_t end, px_token **toks, size_t *n, size_t *cap)
{
	size_t before = *n;
	const char *e = s + end;
	size_t i = start;
	while (i < end) {
		unsigned char c = (unsigned char)s[i];
		if (isspace(c)) {
			i++;
			continue;
		}
		size_t len;
		if (c == '"') {
			push_token(toks, n, cap, s, i, i + 1, TK_QUOTE);
			i++;
		} else if ((len = dotted_acronym(s + i, e)) > 0) {
			push_token(toks, n, cap, s, i, i + len, TK_WORD);
			i += len;
		} else if (isdigit(c)) {
			size_t j = i;
			while (j < end && (isalnum((unsigned char)s[j]) ||
			                   ((s[j] == ',' || s[j] == '.') && j + 1 < end &&
			                    isdigit((unsigned char)s[j + 1]))))
				j++;
			push_token(toks, n, cap, s, i, j, TK_NUM);
			i = j;
		} else if (c == '\'' && i + 1 < end && (s[i + 1] == 's' || s[i + 1] == 'S') &&
		           (i + 2 >= end || !is_word_char(s + i + 2, e)) && i > start &&
		           is_word_char(s + i - 1, e)) {
			push_token(toks, n, cap, s, i, i + 2, TK_WORD);
			i += 2;
		} else if ((len = word_length(s + i, e)) > 0) {
			push_token(toks, n, cap, s, i, i + len, TK_WORD);
			i += len;
		} else {
			int32_t cp;
			int k = px_utf8_decode(s + i, e, &cp);
			push_token(toks, n, cap, s, i, i + (size_t)k, TK_PUNCT);
			i += (size_t)k;
		}
	}
	return *n - before;
}

static bool is_abbreviation(const px_doc *doc, size_t i)
{
	const px_token *t = &doc->toks[i];
	size_t n = t->end - t->start;
	const char *s = doc->text.s + t->start;
	if (n == 1 && isupper((unsigned char)*s))
		return true;                              /* an initial */
	return px_word_in(doc, i, WC_ABBREVIATION, NULL); /* "Mr.", "Jan." (words.tsv) */
}

/* Whether the sentence ends after token i (a terminal mark) within [.., end). */
static size_t sentence_end_after(const px_doc *doc, size_t i, size_t end)
{
	bool period = px_tok_char(doc, i, '.');
	if (!period && !px_tok_char(doc, i, '!') && !px_tok_char(doc, i, '?'))
		return 0;
	/* "S. Jaishankar" goes on; "wrote on X. \"The only ...\"" ends */
	bool initial_then_quote = i > 0 && doc->toks[i - 1].end - doc->toks[i - 1].start == 1 &&
	                          (i + 1 >= end || doc->toks[i + 1].kind == TK_QUOTE);
	if (period && i > 0 && doc->toks[i - 1].kind == TK_WORD && is_abbreviation(doc, i - 1) &&
	    !initial_then_quote)
		return 0;
	size_t j = i + 1;
	while (
	    j < end && doc->toks[j].start == doc->toks[j - 1].end &&
	    (doc->toks[j].kind == TK_QUOTE || px_tok_char(doc, j, ')') || px_tok_char(doc, j, ']')))
		j++;
	if (j < end) {
		const px_token *nx = &doc->toks[j];
		const char *s = doc->text.s + nx->start;
		if (islower((unsigned char)*s) || nx->kind == TK_PUNCT)
			return 0;
	}
	return j;
}

static void push_sentence(px_doc *doc, size_t a, size_t b, size_t para)
{
	if (a >= b)
		return;
	px_sentence *s = VEC_PUSH(doc->sents, doc->n_sents, doc->cap_sents);
	s->tok_start = (uint32_t)a;
	s->tok_end = (uint32_t)b;
	s->start = doc->toks[a].start;
	s->end = doc->toks[b - 1].end;
	s->para = (uint32_t)para;
	for (size_t k = a; k < b; k++)
		doc->toks[k].sent = (uint32_t)(doc->n_sents - 1);
}

void px_segment(px_doc *doc)
{
	doc->lines = px_classify_lines(doc->dict, doc->text.s, doc->text.len, &doc->n_lines);
	size_t para = 0;
	for (size_t l = 0; l < doc->n_lines; l++) {
		if (!doc->lines[l].keep)
			continue;
		size_t a = doc->n_toks;
		px_tokenize(doc->text.s, doc->lines[l].start, doc->lines[l].end, &doc->toks,
		            &doc->n_toks, &doc->cap_toks);
		size_t b = doc->n_toks, s0 = a;
		for (size_t i = a; i < b; i++) {
			size_t j = sentence_end_after(doc, i, b);
			if (j) {
				push_sentence(doc, s0, j, para);
				s0 = j;
				i = j - 1;
			}
		}
		push_sentence(doc, s0, b, para);
		para++;
	}
}
