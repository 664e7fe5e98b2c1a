/*
 * clean — tells article prose from page furniture, one line at a time.
 *
 * Scraped and pushed text arrives with link lists, photo captions, bylines,
 * "Read more" teasers and whole paragraphs repeated.  Names in that furniture
 * are not part of the story, so both px_clean_text() (which produces the
 * stored article text) and px_extract() (which must cope with raw text too)
 * ask the same classifier.  The rules look only at the shape of a line and
 * generic page words (service/data/furniture.tsv), never at topics: prose ends like a sentence,
 * teasers and headlines do not; a bare "Read more" introduces a block of teasers.
 */
#include "extract/internal.h"

#include "core/buf.h"

#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The page words of each kind are data: furniture.tsv, classes in
 * enum px_furniture (internal.h). */
static const char *const *words_of(const px_dict *d, enum px_furniture k, size_t *n)
{
	assert(d);
	*n = d->n_furniture[k];
	return (const char *const *)d->furniture[k];
}

static bool starts_with_ci(const char *s, size_t n, const char *prefix)
{
	if (!n || tolower((unsigned char)*s) != (unsigned char)prefix[0])
		return false;
	size_t k = strlen(prefix);
	return n >= k && strncasecmp(s, prefix, k) == 0;
}

/* One pass: only where a byte could begin a mark are the marks compared. */
static bool mark_at(const char *s, size_t n, const char *mark)
{
	size_t k = 0;
	while (mark[k] && k < n && px_ascii_lower((unsigned char)s[k]) == (unsigned char)mark[k])
		k++;
	return !mark[k];
}

static bool has_caption_mark(const px_dict *d, const char *s, size_t n)
{
	size_t n_marks, n_credits;
	const char *const *marks = words_of(d, FURN_CAPTION, &n_marks);
	const char *const *credits = words_of(d, FURN_CREDIT, &n_credits);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = px_ascii_lower((unsigned char)s[i]);
		/* every mark starts a word: skip the "p" of "upper", and the
		 * bytes of the copyright sign inside a mis-decoded letter (UTF-8
		 * "é" read as Latin-1 is "Ã" then that sign): a byte of 0x80 or
		 * above belongs to a letter, as punctuation and spaces are folded
		 * to ASCII before lines are judged */
		if (!d->caption_first[c] || (i > 0 && (isalnum((unsigned char)s[i - 1]) ||
		                                       (unsigned char)s[i - 1] >= 0x80)))
			continue;
		for (size_t m = 0; m < n_marks; m++)
			if ((unsigned char)marks[m][0] == c && mark_at(s + i, n - i, marks[m]))
				return true;
	}
	for (size_t m = 0; m < n_credits; m++) {
		size_t k = strlen(credits[m]);
		if (n >= k && mark_at(s + n - k, k, credits[m]))
			return true;
	}
	return false;
}

static void trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

typedef struct line_shape {
	size_t words, capitalised;
	bool sentence_end; /* ends like a sentence (or a lead-in to a quote) */
	bool period;       /* ends with a full stop: a statement, not a teaser */
	bool starts_lower;
	size_t separators; /* " | " and " / " breadcrumbs */
} line_shape;

static line_shape shape_of(const char *s, size_t n)
{
	line_shape sh = {0};
	bool in_word = false;
	for (size_t i = 0; i < n; i++) {
		bool space = isspace((unsigned char)s[i]);
		if (!space && !in_word) {
			sh.words++;
			if (px_is_upper_at(s + i, s + n))
				sh.capitalised++;
		}
		in_word = !space;
		if (i + 2 < n && s[i] == ' ' && (s[i + 1] == '|' || s[i + 1] == '/') &&
		    s[i + 2] == ' ')
			sh.separators++;
	}
	size_t k = n;
	while (k && (s[k - 1] == '"' || s[k - 1] == '\'' || s[k - 1] == ')' || s[k - 1] == ']'))
		k--;
	sh.sentence_end = k && strchr(".!?:;,", s[k - 1]) != NULL;
	sh.period = k && s[k - 1] == '.';
	if (k < n && s[0] == '"')
		sh.sentence_end = true; /* a paragraph that is one quotation */
	sh.starts_lower = n && islower((unsigned char)s[0]);
	return sh;
}

static bool is_block_marker(const px_dict *d, const char *s, size_t n)
{
	if (n > 32)
		return false;
	while (n && strchr(":.-", s[n - 1]))
		n--;
	size_t n_marks;
	const char *const *marks = words_of(d, FURN_BLOCK, &n_marks);
	for (size_t m = 0; m < n_marks; m++)
		if (strlen(marks[m]) == n && strncasecmp(s, marks[m], n) == 0)
			return true;
	return false;
}

/* Photo captions end with the day the picture was taken:
 * "... in Moscow, Russia, June 23, 2025." */
static bool ends_with_full_date(const char *s, size_t n)
{
	while (n && strchr(".) ", s[n - 1]))
		n--;
	size_t k = n;
	while (k && isdigit((unsigned char)s[k - 1]))
		k--;
	if (n - k != 4 || k < 2 || s[k - 1] != ' ')
		return false;
	k--;
	if (s[k - 1] == ',')
		k--;
	size_t d = k;
	while (d && isdigit((unsigned char)s[d - 1]))
		d--;
	if (k - d < 1 || k - d > 2 || d < 2 || s[d - 1] != ' ')
		return false;
	/* the month follows a comma, as a caption lists place then date; news
	 * prose says "on August 15, 2025" */
	size_t m = d - 1;
	while (m && (isalpha((unsigned char)s[m - 1]) || s[m - 1] == '.'))
		m--;
	return m < d - 1 && m >= 2 && s[m - 1] == ' ' && s[m - 2] == ',';
}

/* a byline word followed by a space: "By Ann Cole" */
static bool starts_with_word(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);
	return n > k + 1 && starts_with_ci(s, n, word) && s[k] == ' ';
}

static bool is_furniture(const px_dict *d, const char *s, size_t n, const line_shape *sh)
{
	if (ends_with_full_date(s, n) && sh->words <= 40)
		return true;
	size_t n_prefixes, n_bylines;
	const char *const *prefixes = words_of(d, FURN_PREFIX, &n_prefixes);
	for (size_t p = 0; p < n_prefixes && sh->words <= 20; p++)
		if (starts_with_ci(s, n, prefixes[p]))
			return true;
	if (has_caption_mark(d, s, n))
		return true;
	if (sh->separators >= 2 || (sh->separators && !sh->sentence_end))
		return true;
	const char *const *bylines = words_of(d, FURN_BYLINE, &n_bylines);
	for (size_t p = 0; p < n_bylines && sh->words <= 6; p++)
		if (starts_with_word(s, n, bylines[p]))
			return true;
	return false;
}

/* "Reporter Jo Roe says:": a line ending with a speech verb and a colon
 * introduces a quotation, however many of its words are capitalised. */
static bool speech_lead_in(const px_dict *d, const char *s, size_t n)
{
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (!n || s[n - 1] != ':')
		return false;
	size_t e = --n;
	while (n && isalpha((unsigned char)s[n - 1]))
		n--;
	return e > n && px_speech_verb_form(d, s + n, e - n);
}

/* Headline-shaped: most words capitalised (Title Case). */
static bool is_title_case(const line_shape *sh)
{
	return !sh->period && sh->words >= 4 && sh->capitalised * 10 >= sh->words * 7;
}

typedef struct classify_state {
	const px_dict *dict;
	bool skipping_block; /* after a bare "Read more" */
	bool block_seen;     /* the teaser block after the marker has begun */
	bool blank_since_block;
	uint32_t *seen; /* hashes of kept paragraphs, open addressing, 0 empty */
	size_t seen_cap;
} classify_state;

static bool seen_before(classify_state *st, const char *s, size_t n)
{
	uint32_t h = px_hash_lower(s, n) | 1u;
	size_t i = h & (st->seen_cap - 1);
	while (st->seen[i]) {
		if (st->seen[i] == h)
			return true;
		i = (i + 1) & (st->seen_cap - 1);
	}
	st->seen[i] = h;
	return false;
}

/* Decides one non-blank line; continues tells whether the following line
 * continues it (hard-wrapped prose). */
static bool keep_line(classify_state *st, const char *s, size_t n, bool continues)
{
	line_shape sh = shape_of(s, n);
	if (is_block_marker(st->dict, s, n)) {
		st->skipping_block = true;
		st->block_seen = false;
		st->blank_since_block = false;
		return false;
	}
	bool prose = (sh.sentence_end || continues) && !is_furniture(st->dict, s, n, &sh) &&
	             !(is_title_case(&sh) && sh.words < 25 && !speech_lead_in(st->dict, s, n)) &&
	             (sh.words >= 4 || sh.sentence_end);
	if (st->skipping_block) {
		if (!st->block_seen || !st->blank_since_block || !prose) {
			st->block_seen = true;
			return false;
		}
		st->skipping_block = false;
	}
	if (!prose)
		return false;
	if (sh.words >= 5 && seen_before(st, s, n))
		return false;
	return true;
}

px_line *px_classify_lines(const px_dict *d, const char *text, size_t len, size_t *n_out)
{
	px_line *lines = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i <= len;) {
		const char *nl = i < len ? memchr(text + i, '\n', len - i) : NULL;
		size_t j = nl ? (size_t)(nl - text) : len;
		px_line *l = VEC_PUSH(lines, n, cap);
		l->start = i;
		l->end = j;
		l->keep = false;
		i = j + 1;
	}
	classify_state st = {.dict = d};
	st.seen_cap = 64;
	while (st.seen_cap < n * 2)
		st.seen_cap *= 2;
	st.seen = xcalloc(st.seen_cap, sizeof *st.seen);
	for (size_t k = 0; k < n; k++) {
		const char *s = text + lines[k].start;
		size_t m = lines[k].end - lines[k].start;
		trim(&s, &m);
		if (!m) {
			st.blank_since_block = st.block_seen;
			continue;
		}
		bool continues = false;
		if (k + 1 < n) {
			const char *t = text + lines[k + 1].start;
			size_t tm = lines[k + 1].end - lines[k + 1].start;
			trim(&t, &tm);
			continues = tm && islower((unsigned char)t[0]) && m > 40;
		}
		lines[k].keep = keep_line(&st, s, m, continues);
	}
	free(st.seen);
	*n_out = n;
	return lines;
}

/* Lines are judged on the folded text (so curly quotes count as quotes) but
 * copied from the original, so the stored article keeps its own characters. */
char *px_clean_text(const px_dict *d, const char *text, size_t len, size_t *out_len)
{
	px_text t;
	px_text_prepare(&t, text, len);
	const size_t *off = t.orig_off;
	size_t n;
	px_line *lines = px_classify_lines(d, t.s, t.len, &n);
	buf out;
	buf_init(&out);
	bool gap = false;
	for (size_t k = 0; k < n; k++) {
		if (!lines[k].keep) {
			gap = true;
			continue;
		}
		const char *s = text + off[t.cp[lines[k].start]];
		size_t m = off[t.cp[lines[k].end]] - off[t.cp[lines[k].start]];
		trim(&s, &m);
		if (out.len)
			buf_puts(&out, gap ? "\n\n" : "\n");
		gap = false;
		buf_append(&out, s, m);
	}
	free(lines);
	px_text_free(&t);
	if (out_len)
		*out_len = out.len;
	return buf_detach(&out);
}
