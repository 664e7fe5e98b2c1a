/*
 * tokenize — sentences and tokens from raw UTF-8, following the
 * tokenisation of UD English (EWT), so UD's scorer can compare us with the
 * treebank from raw text.
 *
 * Design note
 * -----------
 * Two linear passes.  The first cuts the text at whitespace into chunks and
 * each chunk into tokens, left to right, never looking back: URLs and
 * e-mail addresses whole; words with their inner connectors ("U.S",
 * "5,000", "10:30", "O'Brien", "non-Microsoft", "08/16/2000",
 * "303-832-8160"); other hyphens, quotes, brackets and symbols as tokens;
 * runs of ". ! ?" as one token ("?!", "..."); a word's final period kept
 * when the word is a listed abbreviation, an acronym ("U.S.") or an
 * initial ("M."); clitics split off ("do|n't", "it|'s", "can|not",
 * "gon|na", "parents|'") with LN_TOK_CLITIC on the second piece, and a
 * word typed for a contraction split only before a word that cannot follow
 * its homograph ("its not" -> "it|s not", "its name" kept).  The word
 * lists are data (service/data/lang/tokens.tsv, compiled in; tables.h).
 *
 * The second pass groups tokens into sentences: a paragraph break (a blank
 * line) always ends one; so do ". ! ?" and their runs, with the closing
 * quotes and brackets that stick to them; an ellipsis only before a
 * capital; an abbreviation only before a word that usually starts a
 * sentence; a name title or an initial never.  A line break after a short
 * line without terminal punctuation (a headline, a list item) ends a
 * sentence too, while text wrapped at a fixed width does not.  Sentences
 * longer than LN_MAX_SENT_TOKENS are cut.  A sentence that ends with an
 * abbreviation or an initial then gets its period as a token of its own
 * ("etc ."), as UD English writes it.  With models loaded, the learned
 * boundary model (sbound.c) regroups these tokens into sentences.
 *
 * Numbers: a listed unit typed onto a number is a word of its own ("5pm"
 * -> "5 pm"); a number keeps its "'s" ("the 70's").
 *
 * Every scan advances: the URL test runs once per maximal run of URL
 * characters, the hyphenated-number test once per number, so a 1 MB chunk
 * without spaces costs time linear in its length.
 */
#include "lang/doc_build.h"
#include "lang/tables.h"

#include <assert.h>
#include <string.h>
#include <strings.h>

/* Wrapped text has full lines; a line shorter than this that ends without
 * terminal punctuation was ended on purpose. */
#define SHORT_LINE 60

typedef struct tk {
	ln_doc *d;
	const char *s;
	size_t len;
	uint8_t pending; /* flags for the next token (paragraph/line start) */
	int failed;
} tk;

static int is_ascii_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_ascii_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int cp_at(const tk *t, size_t i, size_t end, int32_t *cp)
{
	if (i >= end) {
		*cp = 0;
		return 0;
	}
	return (int)ln_u8_at(t->s, end, i, cp);
}

static void emit(tk *t, size_t a, size_t b, uint8_t flags)
{
	assert(a < b);
	if (t->failed)
		return;
	if (ln_push_token(t->d, (uint32_t)a, (uint32_t)b, (uint8_t)(flags | t->pending)) < 0)
		t->failed = 1;
	t->pending = 0;
}

/* ---- word lists -------------------------------------------------------- */

long ln_wordlist_find(const ln_wordlist *l, const char *s, size_t n)
{
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *w = l->w[mid];
		int c = strncmp(w, s, n);
		if (!c)
			c = w[n] ? 1 : 0;
		if (!c)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

long ln_wordlist_find_fold(const ln_wordlist *l, const char *s, size_t n)
{
	char low[64];
	if (n >= sizeof low)
		return -1;
	for (size_t i = 0; i < n; i++)
		low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	return ln_wordlist_find(l, low, n);
}

/* ---- URLs and e-mail addresses ----------------------------------------- */

static int url_char(unsigned char c)
{
	return is_ascii_alnum(c) || (c && strchr("-._~:/?#@!$&'()*+,;=%", c));
}

static int starts_ci(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && !strncasecmp(s, prefix, k);
}

/* The end of a URL or e-mail address starting at p, or p.  *run gets the
 * end of the run of URL characters scanned, so no byte is scanned twice. */
static size_t url_end(const tk *t, size_t p, size_t ce, size_t *run)
{
	const char *s = t->s;
	size_t e = p;
	while (e < ce && url_char((unsigned char)s[e]))
		e++;
	*run = e;
	size_t n = e - p;
	size_t end = p;
	if (starts_ci(s + p, n, "http://") || starts_ci(s + p, n, "https://") ||
	    starts_ci(s + p, n, "ftp://") || starts_ci(s + p, n, "www.") ||
	    starts_ci(s + p, n, "mailto:")) {
		end = e;
		int open = memchr(s + p, '(', n) != NULL;
		while (end > p && strchr(".,;:!?'\"", s[end - 1]) ? 1
		                                                  : (!open && s[end - 1] == ')'))
			end--;
		return end > p + 4 ? end : p;
	}
	/* user@host: local part [A-Za-z0-9._%+-], host [A-Za-z0-9.-] */
	size_t at = p;
	while (at < e && (is_ascii_alnum((unsigned char)s[at]) || strchr("._%+-", s[at])))
		at++;
	if (at == p || at >= e || s[at] != '@')
		return p;
	end = at + 1;
	while (end < e && (is_ascii_alnum((unsigned char)s[end]) || s[end] == '.' || s[end] == '-'))
		end++;
	while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-'))
		end--;
	return end > at + 1 ? end : p;
}

/* ---- punctuation ------------------------------------------------------- */

static size_t run_of(const char *s, size_t p, size_t ce, const char *set)
{
	while (p < ce && s[p] && strchr(set, s[p]))
		p++;
	return p;
}

/* An emoticon from the list at p, not followed by a letter or digit. */
static size_t emoticon_end(const tk *t, size_t p, size_t ce)
{
	size_t best = p;
	for (size_t i = 0; i < ln_tab_emoticon.n; i++) {
		const char *e = ln_tab_emoticon.w[i];
		size_t k = strlen(e);
		if (k > best - p && p + k <= ce && !memcmp(t->s + p, e, k)) {
			int32_t cp;
			if (p + k < ce && cp_at(t, p + k, ce, &cp) && ln_is_wordch(cp))
				continue;
			best = p + k;
		}
	}
	return best;
}

static size_t punct_end(const tk *t, size_t p, size_t ce)
{
	const char *s = t->s;
	unsigned char c = (unsigned char)s[p];
	size_t q = emoticon_end(t, p, ce);
	if (q > p)
		return q;
	if (c == '.' || c == '!' || c == '?')
		return run_of(s, p, ce, ".!?");
	if (strchr("-=*+~#<>", c) && p + 1 < ce && strchr("-=*+~#<>", s[p + 1]) && s[p + 1])
		return run_of(s, p, ce, "-=*+~#<>");
	if ((c == '`' || c == '\'' || c == '$' || c == '\\' || c == '/') && p + 1 < ce &&
	    s[p + 1] == (char)c)
		return run_of(s, p, ce, (char[]){(char)c, 0});
	int32_t cp;
	size_t n = (size_t)cp_at(t, p, ce, &cp);
	/* runs of ellipses and dashes: "……", "——" */
	if (cp == 0x2026 || cp == 0x2014 || cp == 0x2013 || cp == 0x2015) {
		q = p + n;
		int32_t cp2;
		size_t n2;
		while (q < ce && (n2 = (size_t)cp_at(t, q, ce, &cp2)) && cp2 == cp)
			q += n2;
		return q;
	}
	return p + n;
}

/* ---- words ------------------------------------------------------------- */

/* Groups of digits joined by hyphens from p: a phone number or a date
 * ("303-832-8160", "853-3242", "2005-03-09") stays one token; a range or
 * a compound ("1990-1995", "15-year") does not.  Returns the end, or p.
 * Three or more groups are always taken, so a long chain is scanned once. */
static size_t digit_groups_end(const char *s, size_t p, size_t ce)
{
	size_t q = p, groups = 0, first = 0, last = 0;
	for (;;) {
		size_t g = q;
		while (q < ce && is_ascii_digit((unsigned char)s[q]))
			q++;
		if (q == g)
			return p;
		groups++;
		if (groups == 1)
			first = q - g;
		last = q - g;
		if (q + 1 < ce && s[q] == '-' && is_ascii_digit((unsigned char)s[q + 1]))
			q++;
		else
			break;
	}
	if (groups >= 3 || (groups == 2 && first <= 3 && last >= 4))
		return q;
	return p;
}

static int all_digits(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (!is_ascii_digit((unsigned char)s[i]))
			return 0;
	return b > a;
}

/* "U.S" or "W.H.S": single letters joined by periods. */
static int acronym_core(const tk *t, size_t a, size_t b)
{
	size_t letters = 0, i = a;
	while (i < b) {
		int32_t cp;
		size_t n = (size_t)cp_at(t, i, b, &cp);
		if (!ln_is_letter(cp))
			return 0;
		letters++;
		i += n;
		if (i == b)
			break;
		if (t->s[i] != '.')
			return 0;
		i++;
	}
	return letters >= 2 && i == b;
}

/* The first non-space byte after q, or 0. */
static unsigned char next_visible(const tk *t, size_t q)
{
	size_t lim = q + 8 < t->len ? q + 8 : t->len;
	while (q < lim && (t->s[q] == ' ' || t->s[q] == '\t' || t->s[q] == '\n'))
		q++;
	return q < lim ? (unsigned char)t->s[q] : 0;
}

/* Does the period at q belong to the word [a, q)? */
static int keeps_period(const tk *t, size_t a, size_t q, size_t ce)
{
	if (q + 1 < ce && t->s[q + 1] == '.')
		return 0; /* "etc..." : an ellipsis follows */
	size_t n = q + 1 - a;
	const char *w = t->s + a;
	if (ln_wordlist_find(&ln_tab_title, w, n) >= 0 || ln_wordlist_find(&ln_tab_abbr, w, n) >= 0)
		return 1;
	if (ln_wordlist_find(&ln_tab_numabbr, w, n) >= 0)
		return is_ascii_digit(next_visible(t, q + 1));
	if (acronym_core(t, a, q))
		return 1;
	int32_t cp;
	size_t k = (size_t)cp_at(t, a, q, &cp);
	return a + k == q && ln_is_upper(cp); /* an initial: "M." */
}

/* Is the word after b (past spaces and line breaks; ASCII letters up to a
 * non-letter) one of the 'ctxnext' list?  Each call scans only the spaces
 * between b and the next word, which no other call scans. */
static int next_word_in(const tk *t, size_t b, const ln_wordlist *l)
{
	size_t q = b;
	while (q < t->len &&
	       (t->s[q] == ' ' || t->s[q] == '\t' || t->s[q] == '\n' || t->s[q] == '\r'))
		q++;
	size_t e = q;
	while (e < t->len && e - q < 32 && ((t->s[e] | 0x20) >= 'a' && (t->s[e] | 0x20) <= 'z'))
		e++;
	if (e == q || e - q >= 32 || (e < t->len && ln_is_wordch((unsigned char)t->s[e])))
		return 0;
	return ln_wordlist_find_fold(l, t->s + q, e - q) >= 0;
}

/* ASCII letters in [a, b), all lower case (upper != 0: the first upper). */
static int ascii_word(const char *s, size_t a, size_t b, int upper)
{
	if (a >= b)
		return 0;
	for (size_t i = a; i < b; i++) {
		int want_upper = upper && i == a;
		if (want_upper ? !(s[i] >= 'A' && s[i] <= 'Z') : !(s[i] >= 'a' && s[i] <= 'z'))
			return 0;
	}
	return 1;
}

/* Emits [a, b) with its clitics split off. */
static void emit_word(tk *t, size_t a, size_t b)
{
	const char *s = t->s;
	size_t n = b - a;
	/* a number with its unit typed on: "35mm" -> "35 mm" */
	size_t dg = 0;
	while (dg < n && is_ascii_digit((unsigned char)s[a + dg]))
		dg++;
	size_t le = dg;
	while (le < n && ((s[a + le] | 0x20) >= 'a' && (s[a + le] | 0x20) <= 'z'))
		le++;
	if (dg && dg < n && le == n &&
	    ln_wordlist_find_fold(&ln_tab_unit, s + a + dg, n - dg) >= 0) {
		emit(t, a, a + dg, 0);
		emit(t, a + dg, b, 0);
		return;
	}
	long i = ln_wordlist_find_fold(&ln_tab_split, s + a, n);
	const char *cuts = i >= 0 ? ln_tab_split_cuts[i] : NULL;
	if (!cuts && (i = ln_wordlist_find_fold(&ln_tab_ctxsplit, s + a, n)) >= 0 &&
	    next_word_in(t, b, &ln_tab_ctxnext))
		cuts = ln_tab_ctxsplit_cuts[i];
	if (cuts) {
		size_t p = a;
		uint8_t fl = 0;
		/* cut positions: count non-bar characters before each bar */
		size_t off = 0;
		for (const char *c = cuts; *c; c++) {
			if (*c == '|') {
				emit(t, p, a + off, fl);
				p = a + off;
				fl = LN_TOK_CLITIC;
			} else {
				off++;
			}
		}
		emit(t, p, b, fl);
		return;
	}
	for (size_t k = 0; k < ln_tab_clitic.n; k++) {
		const char *c = ln_tab_clitic.w[k]; /* "'s", "n't" */
		size_t cl = strlen(c);
		const char *ap = strchr(c, '\'');
		assert(ap);
		size_t before = (size_t)(ap - c), after = cl - before - 1;
		/* the apostrophe as ' (1 byte) or U+2019 (3 bytes) */
		for (int typo = 0; typo < 2; typo++) {
			size_t al = typo ? 3 : 1, tl = before + al + after;
			if (n <= tl)
				continue;
			const char *e = s + b - tl;
			if (strncasecmp(e, c, before) ||
			    (typo ? memcmp(e + before, "\xe2\x80\x99", 3) : e[before] != '\'') ||
			    strncasecmp(e + before + al, ap + 1, after))
				continue;
			emit(t, a, b - tl, 0);
			emit(t, b - tl, b, LN_TOK_CLITIC);
			return;
		}
	}
	emit(t, a, b, 0);
}

static int prefix_hyphen(const tk *t, size_t a, size_t q, size_t ce)
{
	int32_t cp;
	if (!cp_at(t, q + 1, ce, &cp) || !ln_is_letter(cp))
		return 0;
	return ln_wordlist_find_fold(&ln_tab_prefix, t->s + a, q - a) >= 0;
}

/* A full stop typed without its space: the period at q between a lower-case
 * word [a, q) of two letters or more and a capitalised word of letters
 * ("quality.You", "album.That") ends a sentence; domain and file names
 * ("Outlook.jpg", "example.com") and initials ("e.g.") do not match. */
static int typed_stop(const tk *t, size_t a, size_t q, size_t ce)
{
	size_t e = q + 1;
	while (e < ce && ((t->s[e] >= 'a' && t->s[e] <= 'z') || (t->s[e] >= 'A' && t->s[e] <= 'Z')))
		e++;
	if (e < ce && ln_is_wordch((unsigned char)t->s[e]))
		return 0;
	return q - a >= 2 && e - q >= 3 && ascii_word(t->s, a, q, 0) &&
	       ascii_word(t->s, q + 1, e, 1);
}

/* Consumes the word starting at p; returns where the next token starts. */
static size_t word(tk *t, size_t p, size_t ce)
{
	const char *s = t->s;
	size_t a = p, q = p;
	for (;;) {
		int32_t cp;
		size_t n;
		while (q < ce && (n = (size_t)cp_at(t, q, ce, &cp)) && ln_is_wordch(cp))
			q += n;
		if (q >= ce)
			break;
		unsigned char c = (unsigned char)s[q];
		int32_t prev = (unsigned char)s[q - 1], next;
		size_t cl = c < 0x80 ? 1 : (size_t)cp_at(t, q, ce, &cp);
		if (c >= 0x80 && cp != 0x2019)
			break;
		if (!cp_at(t, q + cl, ce, &next) || !ln_is_wordch(next))
			break;
		int keep = 0;
		if (c == '.')
			keep = (is_ascii_alnum(prev) || prev >= 0x80) && !typed_stop(t, a, q, ce);
		else if (c == ',' || c == ':')
			keep = is_ascii_digit(prev) && is_ascii_digit(next);
		else if (c == '\'' || c >= 0x80) /* ' or U+2019 between letters */
			keep = ln_is_letter(next) && (ln_is_letter(prev) || prev >= 0x80);
		else if (c == '&')
			keep = prev >= 'A' && prev <= 'Z' && next >= 'A' && next <= 'Z';
		else if (c == '/')
			keep = (is_ascii_digit(prev) && is_ascii_digit(next)) ||
			       (q - a == 1 && ln_is_letter(prev) && ln_is_letter(next) &&
			        (q + 2 >= ce || !ln_is_wordch((unsigned char)s[q + 2]) ||
			         (q + 3 >= ce || !ln_is_wordch((unsigned char)s[q + 3]))));
		else if (c == '-') {
			if (all_digits(s, a, q)) {
				size_t g = digit_groups_end(s, a, ce);
				if (g > q) {
					q = g;
					continue;
				}
			}
			keep = prefix_hyphen(t, a, q, ce);
		}
		if (!keep)
			break;
		q += cl;
	}
	/* the word's own period */
	if (q < ce && s[q] == '.' && keeps_period(t, a, q, ce)) {
		emit(t, a, q + 1, 0);
		return q + 1;
	}
	/* a number's "'s" stays on it: "the 70's", "under 12's" */
	if (q < ce && all_digits(s, a, q)) {
		size_t al = s[q] == '\''                                         ? 1
		            : (q + 3 <= ce && !memcmp(s + q, "\xe2\x80\x99", 3)) ? 3
		                                                                 : 0;
		int32_t nx;
		if (al && q + al < ce && (s[q + al] == 's' || s[q + al] == 'S') &&
		    (!cp_at(t, q + al + 1, ce, &nx) || !ln_is_wordch(nx))) {
			emit(t, a, q + al + 1, 0);
			return q + al + 1;
		}
	}
	/* plural possessive: "parents'" */
	if (q < ce && q - a >= 2 && (s[q - 1] == 's' || s[q - 1] == 'S')) {
		size_t al = s[q] == '\''                                         ? 1
		            : (q + 3 <= ce && !memcmp(s + q, "\xe2\x80\x99", 3)) ? 3
		                                                                 : 0;
		int32_t nx;
		if (al && (!cp_at(t, q + al, ce, &nx) || !ln_is_wordch(nx))) {
			emit(t, a, q, 0);
			emit(t, q, q + al, LN_TOK_CLITIC);
			return q + al;
		}
	}
	emit_word(t, a, q);
	return q;
}

static void chunk(tk *t, size_t cs, size_t ce)
{
	size_t p = cs, url_checked = cs;
	while (p < ce && !t->failed) {
		if (p >= url_checked && is_ascii_alnum((unsigned char)t->s[p])) {
			size_t q = url_end(t, p, ce, &url_checked);
			if (q > p) {
				emit(t, p, q, 0);
				p = q;
				continue;
			}
		}
		int32_t cp;
		cp_at(t, p, ce, &cp);
		size_t q;
		if (ln_is_wordch(cp)) {
			q = word(t, p, ce);
		} else {
			q = punct_end(t, p, ce);
			emit(t, p, q, 0);
		}
		assert(q > p);
		p = q;
	}
}

/* ---- sentences --------------------------------------------------------- */

static int tok_is(const ln_doc *d, size_t i, const char *s)
{
	size_t n = strlen(s);
	return d->tok[i].end - d->tok[i].start == n && !memcmp(d->text + d->tok[i].start, s, n);
}

static int closer(const ln_doc *d, size_t i)
{
	static const char *const closers[] = {
	    "\"", "'", "''", ")", "]", "}", "\xe2\x80\x9d", "\xe2\x80\x99", "\xc2\xbb"};
	for (size_t k = 0; k < sizeof closers / sizeof closers[0]; k++)
		if (tok_is(d, i, closers[k]))
			return 1;
	return 0;
}

enum term { T_NONE, T_STOP, T_ELLIPSIS, T_ABBR, T_NEVER };

static enum term terminator(const ln_doc *d, size_t i)
{
	const char *w = d->text + d->tok[i].start;
	size_t n = d->tok[i].end - d->tok[i].start;
	size_t k = 0;
	while (k + 3 <= n && !memcmp(w + k, "\xe2\x80\xa6", 3)) /* "…", "……" */
		k += 3;
	if (k && k == n)
		return T_ELLIPSIS;
	size_t dots = 0;
	while (dots < n && (w[dots] == '.' || w[dots] == '!' || w[dots] == '?'))
		dots++;
	if (dots == n) {
		if (memchr(w, '!', n) || memchr(w, '?', n))
			return T_STOP;
		return n == 1 ? T_STOP : T_ELLIPSIS;
	}
	if (n < 2 || w[n - 1] != '.')
		return T_NONE;
	if (ln_wordlist_find(&ln_tab_title, w, n) >= 0)
		return T_NEVER;
	int32_t cp;
	if (ln_u8_at(w, n, 0, &cp) + 1 == n && ln_is_letter(cp))
		return T_NEVER; /* an initial: "M.", "Ö." */
	return T_ABBR;
}

static int starts_upper(const ln_doc *d, size_t i)
{
	int32_t cp;
	ln_u8_at(d->text, d->len, d->tok[i].start, &cp);
	return ln_is_upper(cp) || ln_is_digit(cp);
}

static int starts_lower(const ln_doc *d, size_t i)
{
	int32_t cp;
	ln_u8_at(d->text, d->len, d->tok[i].start, &cp);
	return ln_is_letter(cp) && !ln_is_upper(cp);
}

static int is_starter(const ln_doc *d, size_t i)
{
	return ln_wordlist_find(&ln_tab_starter, d->text + d->tok[i].start,
	                        d->tok[i].end - d->tok[i].start) >= 0;
}

/* Does a sentence end after token i (before token k = the next one)? */
static int ends_after(const ln_doc *d, size_t i, size_t k)
{
	if (k >= d->ntok)
		return 1;
	switch (terminator(d, i)) {
	case T_STOP: return 1;
	case T_ELLIPSIS: return starts_upper(d, k);
	case T_ABBR: return is_starter(d, k);
	default: return 0;
	}
}

static int tok_has(const ln_doc *d, size_t i, char c)
{
	return memchr(d->text + d->tok[i].start, c, d->tok[i].end - d->tok[i].start) != NULL;
}

static int is_emoticon(const ln_doc *d, size_t i)
{
	return ln_wordlist_find(&ln_tab_emoticon, d->text + d->tok[i].start,
	                        d->tok[i].end - d->tok[i].start) >= 0;
}

/* A URL or an e-mail address (one token, see url_end). */
static int is_address(const ln_doc *d, size_t i)
{
	const char *w = d->text + d->tok[i].start;
	size_t n = d->tok[i].end - d->tok[i].start;
	const char *at = memchr(w, '@', n);
	return starts_ci(w, n, "http://") || starts_ci(w, n, "https://") ||
	       starts_ci(w, n, "www.") || (at && at > w && memchr(at, '.', n - (size_t)(at - w)));
}

/* The ends of a letter's header lines, before a capital or a digit: a
 * sender's address "<a@b.com>", a sent time "08/16/2000 12:05 PM", and a
 * greeting or closing of at most three words ("Best regards,", "Hi John,";
 * the words are the 'closing' list).  And a line that is a bare address: a
 * URL or e-mail address before a capital or another address (a list of
 * links, a signature).  FIRST is the sentence's first token. */
static int header_end(const ln_doc *d, size_t first, size_t i)
{
	if (i + 1 >= d->ntok)
		return 0;
	if (is_address(d, i) && is_address(d, i + 1))
		return 1;
	if (!starts_upper(d, i + 1))
		return 0;
	if (is_address(d, i) || is_emoticon(d, i))
		return 1;
	if (tok_is(d, i, ">"))
		return i >= first + 2 && tok_is(d, i - 2, "<") && tok_has(d, i - 1, '@');
	if (tok_is(d, i, "AM") || tok_is(d, i, "PM"))
		return i >= first + 2 && tok_has(d, i - 1, ':') && tok_has(d, i - 2, '/') &&
		       starts_upper(d, i - 2);
	if (!tok_is(d, i, ",") || i == first || i - first > 3)
		return 0;
	for (size_t k = first; k < i; k++)
		if (ln_wordlist_find_fold(&ln_tab_closing, d->text + d->tok[k].start,
		                          d->tok[k].end - d->tok[k].start) >= 0)
			return 1;
	return 0;
}

/* A sent time "08/16/2000 12:05 PM" at token i after a capitalised word
 * (the sender's name) starts a header line of its own. */
static int header_start(const ln_doc *d, size_t first, size_t i)
{
	return i > first && i + 2 < d->ntok && (tok_is(d, i + 2, "AM") || tok_is(d, i + 2, "PM")) &&
	       tok_has(d, i + 1, ':') && tok_has(d, i, '/') &&
	       ln_is_digit((unsigned char)d->text[d->tok[i].start]) && starts_upper(d, i - 1) &&
	       !ln_is_digit((unsigned char)d->text[d->tok[i - 1].start]);
}

static int split_sentences(ln_doc *d)
{
	size_t first = 0, line_start = 0;
	size_t n = d->ntok;
	for (size_t i = 0; i < n; i++) {
		size_t count = i - first;
		int brk = 0;
		if (i > first) {
			const ln_token *t = &d->tok[i];
			if (t->flags & LN_TOK_PARA_START)
				brk = 1;
			else if ((t->flags & LN_TOK_LINE_START) &&
			         d->tok[i - 1].end - d->tok[line_start].start < SHORT_LINE &&
			         terminator(d, i - 1) == T_NONE && !closer(d, i - 1) &&
			         !starts_lower(d, i))
				brk = 1;
			else if (count >= LN_MAX_SENT_TOKENS || header_start(d, first, i))
				brk = 1;
		}
		if (brk) {
			if (ln_push_sentence(d, (uint32_t)first, (uint32_t)count))
				return -1;
			first = i;
		}
		if (d->tok[i].flags & (LN_TOK_LINE_START | LN_TOK_PARA_START))
			line_start = i;
		if (header_end(d, first, i)) {
			if (ln_push_sentence(d, (uint32_t)first, (uint32_t)(i + 1 - first)))
				return -1;
			first = i + 1;
			continue;
		}
		enum term tm = terminator(d, i);
		if (tm == T_NONE || tm == T_NEVER)
			continue;
		/* closing quotes and brackets stuck to the terminator */
		size_t j = i + 1;
		while (j < n && d->tok[j].start == d->tok[j - 1].end && closer(d, j) &&
		       j - first < LN_MAX_SENT_TOKENS)
			j++;
		/* and an emoticon after them: "I love her. :)" */
		if (j < n && j - first < LN_MAX_SENT_TOKENS && is_emoticon(d, j))
			j++;
		if (ends_after(d, i, j) ||
		    (j > i + 1 && j < n && starts_upper(d, j) && terminator(d, i) != T_ABBR)) {
			if (ln_push_sentence(d, (uint32_t)first, (uint32_t)(j - first)))
				return -1;
			first = j;
			i = j - 1;
		}
	}
	if (first < n && ln_push_sentence(d, (uint32_t)first, (uint32_t)(n - first)))
		return -1;
	return 0;
}

/* Does the sentence ending at token i end with a word's own period
 * ("etc.", "Inc.", "X.")? */
static int final_period(const ln_doc *d, size_t i)
{
	enum term tm = terminator(d, i);
	return (tm == T_ABBR || tm == T_NEVER) && d->tok[i].end - d->tok[i].start >= 2 &&
	       !is_address(d, i);
}

/* Whether sentence ST gives its last token's final period a token of its
 * own: not when it already holds LN_MAX_SENT_TOKENS (it would pass the cap,
 * and a sentence cut there ends at the cap, not at the period). */
static int split_final(const ln_doc *d, const ln_sentence *st)
{
	return st->count < LN_MAX_SENT_TOKENS && final_period(d, st->first + st->count - 1);
}

int ln_doc_split_final_periods(ln_doc *d)
{
	size_t k = 0;
	for (size_t s = 0; s < d->nsent; s++)
		k += split_final(d, &d->sent[s]);
	if (!k)
		return 0;
	size_t old = d->ntok;
	for (size_t j = 0; j < k; j++)
		if (ln_push_token(d, 0, 1, 0) < 0)
			return -1;
	/* back to front, so every token moves once, onto a slot already read */
	size_t add = k, next = old;
	for (size_t s = d->nsent; s-- > 0;) {
		ln_sentence *st = &d->sent[s];
		size_t last = st->first + st->count - 1;
		if (last + 1 != next)
			return -1; /* sentences do not tile the tokens */
		int sp = split_final(d, st);
		for (size_t i = last + 1; i-- > st->first;) {
			ln_token t = d->tok[i];
			if (i == last && sp) {
				ln_token p = t;
				p.start = t.end - 1;
				p.flags = t.flags & LN_TOK_SPACE_AFTER;
				t.end--;
				t.flags &= (uint8_t)~LN_TOK_SPACE_AFTER;
				d->tok[i + add] = p;
				add--;
			}
			d->tok[i + add] = t;
		}
		next = st->first;
		st->first += (uint32_t)add;
		st->count += (uint32_t)sp;
	}
	return 0;
}

/* What the sentence-boundary model (sbound.c) reads of token i: the
 * terminator kind (T_*: bits 0-2) and the LN_TC_* flags. */
unsigned ln_tok_class(const ln_doc *d, size_t i)
{
	unsigned c = (unsigned)terminator(d, i);
	if (closer(d, i))
		c |= LN_TC_CLOSER;
	if (is_starter(d, i))
		c |= LN_TC_STARTER;
	if (is_address(d, i))
		c |= LN_TC_ADDRESS;
	if (is_emoticon(d, i))
		c |= LN_TC_EMOTICON;
	if (ln_wordlist_find_fold(&ln_tab_closing, d->text + d->tok[i].start,
	                          d->tok[i].end - d->tok[i].start) >= 0)
		c |= LN_TC_CLOSING;
	return c;
}

/* ---- the document ------------------------------------------------------ */

int ln_doc_tokenize(ln_doc *d)
{
	d->ntok = d->nsent = d->nent = 0;
	if (d->len > UINT32_MAX - 1)
		return -1;
	tk t = {
	    .d = d, .s = d->text, .len = d->len, .pending = LN_TOK_PARA_START | LN_TOK_LINE_START};
	size_t i = 0;
	while (i < d->len && !t.failed) {
		int newlines = 0;
		size_t ws = i;
		int32_t cp;
		while (i < d->len) {
			size_t n = ln_u8_at(d->text, d->len, i, &cp);
			if (!ln_is_space(cp))
				break;
			if (cp == '\n' || cp == 0x2028 || cp == 0x2029)
				newlines += cp == 0x2029 ? 2 : 1;
			i += n;
		}
		if (i > ws && d->ntok)
			d->tok[d->ntok - 1].flags |= LN_TOK_SPACE_AFTER;
		if (newlines >= 2)
			t.pending |= LN_TOK_PARA_START;
		if (newlines >= 1)
			t.pending |= LN_TOK_LINE_START;
		size_t cs = i;
		while (i < d->len) {
			size_t n = ln_u8_at(d->text, d->len, i, &cp);
			if (ln_is_space(cp))
				break;
			i += n;
		}
		if (i > cs)
			chunk(&t, cs, i);
	}
	if (t.failed)
		return -1;
	if (split_sentences(d))
		return -1;
	return ln_doc_split_final_periods(d);
}
