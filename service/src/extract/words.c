/*
 * words — the closed-class words that extraction rules name, as data.
 *
 * A rule speaks of a class ("a month name", "a word that counts back from
 * the publication date", "a preposition that may stand before a month"),
 * never of an English word: the words of each class, and the number a word
 * stands for in its class (August 8, Monday 0, yesterday -1), are the rows
 * of service/data/words.tsv.  A word may belong to several classes ("in"
 * opens a month and a year), so one record per word holds a bit per class
 * and a value per class.
 *
 * Lookup goes by the lower-case hash the tokeniser already computed for
 * every token, through a small chained table, then compares the bytes.
 * The file is checked at load: an unknown class, a value outside its
 * class's range, a row repeated, or (once the directory is read) a class
 * left without words is an error naming the file and line.
 *
 * The cameo_ classes hold CAMEO codes instead of words (what events.c asks
 * of a code: is it a meeting, a statement ...); px_code_in looks a code up,
 * by itself and by its two-digit family.
 */
#include "extract/internal.h"

#include "core/buf.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

typedef struct word_class {
	const char *name;
	int lo, hi;  /* allowed values; lo == hi == 0: no value column */
	bool needed; /* a dictionary without it is incomplete */
	bool code;   /* rows are CAMEO codes (2-4 digits), not words */
} word_class;

/* in enum px_word_class order */
static const word_class classes[WC_COUNT] = {
    [WC_MONTH] = {"month", 1, 12, true, false},
    [WC_WEEKDAY] = {"weekday", 0, 6, true, false},
    [WC_RELATIVE] = {"relative", -2, 2, true, false},
    [WC_UNIT] = {"unit", 0, 3, true, false},
    [WC_SEASON] = {"season", 0, 0, true, false},
    [WC_DAY] = {"day", -7, 7, true, false},
    [WC_DAY_LEAD] = {"day_lead", -7, 7, false, false},
    [WC_MONTH_PREP] = {"month_prep", 0, 0, true, false},
    [WC_YEAR_PREP] = {"year_prep", 0, 0, true, false},
    [WC_DETERMINER] = {"determiner", 0, 0, true, false},
    [WC_ABBREVIATION] = {"abbreviation", 0, 0, true, false},
    [WC_CLAUSE_VERB] = {"clause_verb", 0, 0, true, false},
    [WC_CUE_ADVERBIAL] = {"cue_adverbial", 0, 0, true, false},
    [WC_INFINITIVE] = {"infinitive", 0, 0, true, false},
    [WC_COMPLEMENTIZER] = {"complementizer", 0, 0, true, false},
    [WC_RELATIVE_PRONOUN] = {"relative_pronoun", 0, 1, true, false},
    [WC_PERSON_PRONOUN] = {"person_pronoun", 0, 0, true, false},
    [WC_SPEAKER_PRONOUN] = {"speaker_pronoun", 0, 0, true, false},
    [WC_NAMING_VERB] = {"naming_verb", 0, 0, true, false},
    [WC_NAME_FILLER] = {"name_filler", 0, 0, true, false},
    [WC_COORDINATOR] = {"coordinator", 0, 0, true, false},
    [WC_DEFINITE] = {"definite", 0, 0, true, false},
    [WC_AGENT] = {"agent", 0, 0, true, false},
    [WC_AGENT_STOP] = {"agent_stop", 0, 0, true, false},
    [WC_TARGET_PREP] = {"target_prep", 0, 0, true, false},
    [WC_CLAUSE_BREAK] = {"clause_break", 0, 1, true, false},
    [WC_SIDES] = {"sides", 0, 0, true, false},
    [WC_VENUE_PREP] = {"venue_prep", 0, 0, true, false},
    [WC_DELEGATION] = {"delegation", 0, 0, true, false},
    [WC_PLACE_DETERMINER] = {"place_determiner", 0, 0, true, false},
    [WC_ORG_HEAD] = {"org_head", 0, 1, true, false},
    [WC_CAMEO_STATEMENT] = {"cameo_statement", 0, 0, true, true},
    [WC_CAMEO_MEETING] = {"cameo_meeting", 0, 0, true, true},
    [WC_CAMEO_ONE_SIDED] = {"cameo_one_sided", 0, 0, true, true},
    [WC_CAMEO_PRAISE] = {"cameo_praise", 0, 0, true, true},
    [WC_CAMEO_BLAME] = {"cameo_blame", 0, 0, true, true},
    [WC_CAMEO_ADVICE] = {"cameo_advice", 0, 0, true, true},
    [WC_PHONE_TYPE] = {"phone_type", 0, 0, true, false},
};

static int32_t find_form(const px_dict *d, const char *form, size_t n, uint32_t h)
{
	for (int32_t k = d->word_bucket[h % PX_WORD_BUCKETS]; k; k = d->words[k - 1].next) {
		const px_word *w = &d->words[k - 1];
		if (w->hash == h && strlen(w->form) == n && !memcmp(w->form, form, n))
			return k - 1;
	}
	return -1;
}

int px_word_add_row(px_dict *d, const char *form, const char *cls, const char *value,
                    const char **why)
{
	size_t n = strlen(form);
	if (!n || n > 40 || strpbrk(form, " \t")) {
		*why = "a word is one token of at most 40 bytes";
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (px_ascii_lower((unsigned char)form[i]) != (unsigned char)form[i]) {
			*why = "words are written in lower case";
			return -1;
		}
	int c = 0;
	while (c < WC_COUNT && (assert(classes[c].name), strcmp(classes[c].name, cls)))
		c++;
	if (c == WC_COUNT) {
		*why = "unknown class (see the classes at the top of words.tsv)";
		return -1;
	}
	if (classes[c].code != (n >= 2 && n <= 4 && strspn(form, "0123456789") == n)) {
		*why = classes[c].code ? "a cameo_ class holds CAMEO codes of 2 to 4 digits"
		                       : "only the cameo_ classes hold codes";
		return -1;
	}
	long v = 0;
	if (classes[c].lo || classes[c].hi) {
		char *end;
		v = strtol(value, &end, 10);
		if (!*value || *end || v < classes[c].lo || v > classes[c].hi) {
			*why = "value missing or outside its class's range (see the file's header)";
			return -1;
		}
	} else if (*value) {
		*why = "this class takes no value";
		return -1;
	}
	uint32_t h = px_hash_lower(form, n);
	int32_t k = find_form(d, form, n, h);
	if (k < 0) {
		px_word *w = VEC_PUSH(d->words, d->n_words, d->cap_words);
		*w = (px_word){.form = xstrdup(form), .hash = h};
		k = (int32_t)(d->n_words - 1);
		w->next = d->word_bucket[h % PX_WORD_BUCKETS];
		d->word_bucket[h % PX_WORD_BUCKETS] = k + 1;
	}
	px_word *w = &d->words[k];
	if (w->classes & (UINT64_C(1) << c)) {
		*why = "the word is already in that class";
		return -1;
	}
	w->classes |= UINT64_C(1) << c;
	w->value[c] = (int8_t)v;
	return 0;
}

int px_words_missing(const px_dict *d)
{
	uint64_t seen = 0;
	for (size_t i = 0; i < d->n_words; i++)
		seen |= d->words[i].classes;
	for (int c = 0; c < WC_COUNT; c++)
		if (classes[c].needed && !(seen & (UINT64_C(1) << c)))
			return c;
	return d->n_furniture[FURN_PREFIX] ? -1 : WC_COUNT;
}

static bool form_in(const px_dict *d, const char *form, size_t n, enum px_word_class c)
{
	int32_t k = find_form(d, form, n, px_hash_lower(form, n));
	return k >= 0 && d->words[k].classes & (UINT64_C(1) << c);
}

bool px_name_in(const px_dict *d, const char *name, enum px_word_class c)
{
	return form_in(d, name, strlen(name), c);
}

bool px_code_in(const px_dict *d, const char *code, enum px_word_class c)
{
	assert(classes[c].code);
	size_t n = strlen(code);
	return form_in(d, code, n, c) || (n > 2 && form_in(d, code, 2, c));
}

const char *px_word_class_name(int c)
{
	assert(c >= 0 && c < WC_COUNT);
	return classes[c].name;
}

void px_words_free(px_dict *d)
{
	for (size_t i = 0; i < d->n_words; i++)
		free(d->words[i].form);
	free(d->words);
	for (int k = 0; k < FURN_COUNT; k++) {
		for (size_t i = 0; i < d->n_furniture[k]; i++)
			free(d->furniture[k][i]);
		free(d->furniture[k]);
	}
}

const px_word *px_word_at(const px_doc *doc, size_t i)
{
	if (i >= doc->n_toks || doc->toks[i].kind != TK_WORD || !doc->dict)
		return NULL;
	const px_dict *d = doc->dict;
	const px_token *t = &doc->toks[i];
	for (int32_t k = d->word_bucket[t->hash % PX_WORD_BUCKETS]; k; k = d->words[k - 1].next) {
		const px_word *w = &d->words[k - 1];
		if (w->hash == t->hash && px_tok_is(doc, i, w->form))
			return w;
	}
	return NULL;
}

bool px_word_in(const px_doc *doc, size_t i, enum px_word_class c, int *value)
{
	const px_word *w = px_word_at(doc, i);
	if (!w || !(w->classes & (UINT64_C(1) << c)))
		return false;
	if (value)
		*value = w->value[c];
	return true;
}

int px_furniture_add_row(px_dict *d, const char *phrase, const char *cls, const char **why)
{
	static const char *const names[FURN_COUNT] = {"prefix", "block", "caption", "credit",
	                                              "byline"};
	int k = 0;
	while (k < FURN_COUNT && strcmp(names[k], cls))
		k++;
	if (k == FURN_COUNT) {
		*why = "unknown class (prefix, block, caption, credit, byline)";
		return -1;
	}
	size_t n = strlen(phrase);
	if (!n || n > 40) {
		*why = "a phrase has 1 to 40 bytes";
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (px_ascii_lower((unsigned char)phrase[i]) != (unsigned char)phrase[i]) {
			*why = "phrases are written in lower case";
			return -1;
		}
	for (size_t i = 0; i < d->n_furniture[k]; i++)
		if (!strcmp(d->furniture[k][i], phrase)) {
			*why = "the phrase is already in that class";
			return -1;
		}
	*VEC_PUSH(d->furniture[k], d->n_furniture[k], d->cap_furniture[k]) = xstrdup(phrase);
	if (k == FURN_CAPTION)
		d->caption_first[(unsigned char)phrase[0]] = true;
	return 0;
}
