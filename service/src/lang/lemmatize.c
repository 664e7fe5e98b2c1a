/*
 * lemmatize — lemmas from forms and tags, good enough to look verbs up
 * ("said" -> "say", "accused" -> "accuse", "n't" -> "not").
 *
 * Design note
 * -----------
 * Irregular forms come from the exceptions table (service/data/lang/
 * lemmas.tsv, compiled in; tables.h), looked up by lower-cased form and
 * word class.  Regular forms go through the suffix rules below, chosen by
 * the XPOS tag when the model has one (VBD, NNS, JJR, ...) and by UPOS
 * otherwise.  Untagged tokens (no models) get their verb exception
 * ("said" -> "say") or the form as written.  Following UD English,
 * proper nouns, numbers, punctuation and symbols keep their form, and "I"
 * stays capitalised.  Lemmas longer than MAX_LEMMA are kept as they are.
 */
#include "lang/doc_build.h"
#include "lang/tables.h"

#include <string.h>

#define MAX_LEMMA 64

static const char *word_class(int upos)
{
	switch (upos) {
	case LN_UPOS_VERB:
	case LN_UPOS_AUX: return "VERB";
	case LN_UPOS_NOUN: return "NOUN";
	case LN_UPOS_ADJ: return "ADJ";
	case LN_UPOS_ADV: return "ADV";
	case LN_UPOS_PRON:
	case LN_UPOS_DET: return "PRON";
	default: return NULL;
	}
}

/* The exception for (form, class), else for (form, "*"); NULL if none. */
static const char *exception(const char *low, const char *cls)
{
	size_t lo = 0, hi = ln_tab_nlemmas;
	while (lo < hi) { /* first entry with form >= low */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ln_tab_lemmas[mid].form, low) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	const char *any = NULL;
	for (size_t i = lo; i < ln_tab_nlemmas && !strcmp(ln_tab_lemmas[i].form, low); i++) {
		if (cls && !strcmp(ln_tab_lemmas[i].cls, cls))
			return ln_tab_lemmas[i].lemma;
		if (!strcmp(ln_tab_lemmas[i].cls, "*"))
			any = ln_tab_lemmas[i].lemma;
	}
	return any;
}

static int ends(const char *w, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n > k && !memcmp(w + n - k, suf, k);
}

static int vowel(char c)
{
	return c && strchr("aeiou", c) != NULL;
}

/* Stems whose verb needs its 'e' back after "-ed"/"-ing" lost it:
 * "creat" -> "create", "us" -> "use", "enabl" -> "enable". */
static const char *const e_endings[] = {
    "at", "it", "iz", "ys", "yz", "v",  "c",  "u",  "bl", "cl", "dl", "fl", "gl",   "kl",
    "pl", "tl", "zl", "ng", "rg", "dg", "lg", "ir", "ur", "ar", "ok", "ak", "ik",   "uk",
    "ib", "ud", "id", "od", "in", "um", "om", "ot", "ut", "as", "is", "os", "us",   "rs",
    "ns", "ps", "ap", "ip", "op", "ug", "rc", "nc", "af", "iv", "ag", "am", "plet", "elet"};
/* ... but not these, whose base ends as written. */
static const char *const e_keep[] = {
    "eat",  "oat", "eet",  "ait",  "uit",  "ain",  "oin",  "ein", "ead",  "oid",
    "aid",  "ear", "oar",  "eak",  "oak",  "ook",  "eek",  "ess", "iss",  "uss",
    "ass",  "oss", "isit", "edit", "omit", "imit", "ocus", "ias", "rn",   "olid",
    "ant",  "ent", "ult",  "ain",  "rm",   "ism",  "ort",  "oup", "elop", "ibit",
    "osit", "ing", "ong",  "ump",  "ip",   "en",   "on",   "er",  "or",   "ound"};

static int any_end(const char *w, size_t n, const char *const *list, size_t m)
{
	for (size_t i = 0; i < m; i++) {
		size_t k = strlen(list[i]);
		if (n >= k && !memcmp(w + n - k, list[i], k))
			return 1;
	}
	return 0;
}

/* Repairs a verb stem left by removing "ed" or "ing" (w holds n bytes). */
static size_t verb_stem(char *w, size_t n)
{
	if (n >= 2 && w[n - 1] == w[n - 2] && !strchr("lsfzeo", w[n - 1]) && !vowel(w[n - 1]))
		return n - 1; /* stopped -> stop */
	if (n >= 2 && n < MAX_LEMMA - 1 && !vowel(w[n - 1]) && w[n - 1] != 'y' && w[n - 1] != 'w' &&
	    w[n - 1] != 'x' && any_end(w, n, e_endings, sizeof e_endings / sizeof *e_endings) &&
	    !any_end(w, n, e_keep, sizeof e_keep / sizeof *e_keep)) {
		w[n] = 'e';
		return n + 1;
	}
	if (n >= 1 && n < MAX_LEMMA - 1 && (w[n - 1] == 'u' || w[n - 1] == 'v')) {
		w[n] = 'e';
		return n + 1;
	}
	return n;
}

/* Repairs an adjective stem left by removing "er"/"est": "bigg" -> "big",
 * "lat" -> "late" (consonant, one vowel, consonant), "high" stays. */
static size_t adj_stem(char *w, size_t n)
{
	if (n >= 3 && w[n - 1] == w[n - 2] && !vowel(w[n - 1]) && w[n - 1] != 'l' &&
	    w[n - 1] != 's')
		return n - 1;
	if (n >= 2 && n < MAX_LEMMA - 1 &&
	    ((!vowel(w[n - 1]) && !strchr("wxyrlh", w[n - 1]) && vowel(w[n - 2]) &&
	      (n < 3 || !vowel(w[n - 3]))) ||
	     (w[n - 1] == 'g' && w[n - 2] == 'r'))) { /* "larg" -> "large" */
		w[n] = 'e';
		return n + 1;
	}
	return n;
}

/* A capitalised adjective of nationality or creed keeps its capital
 * ("Israeli", "Palestinian", "Islamic", "French"). */
static int proper_adjective(const char *form, size_t n)
{
	static const char *const ends_of[] = {"an", "ese", "ish", "i", "ic", "ch"};
	if (n < 3 || form[0] < 'A' || form[0] > 'Z' || form[1] < 'a' || form[1] > 'z')
		return 0;
	for (size_t k = 0; k < sizeof ends_of / sizeof *ends_of; k++)
		if (ends(form, n, ends_of[k]))
			return 1;
	return 0;
}

typedef enum { R_NONE, R_VERB_S, R_VERB_ED, R_VERB_ING, R_PLURAL, R_COMPAR, R_SUPER } rule;

static rule rule_for(int upos, const char *xpos, const char *w, size_t n)
{
	if (xpos && *xpos) {
		if (!strcmp(xpos, "VBZ"))
			return R_VERB_S;
		if (!strcmp(xpos, "VBD") || !strcmp(xpos, "VBN"))
			return R_VERB_ED;
		if (!strcmp(xpos, "VBG"))
			return R_VERB_ING;
		if (!strcmp(xpos, "NNS") || !strcmp(xpos, "NNPS"))
			return R_PLURAL;
		if (!strcmp(xpos, "JJR") || !strcmp(xpos, "RBR"))
			return R_COMPAR;
		if (!strcmp(xpos, "JJS") || !strcmp(xpos, "RBS"))
			return R_SUPER;
		return R_NONE;
	}
	if (upos == LN_UPOS_VERB || upos == LN_UPOS_AUX) {
		if (ends(w, n, "ing") && n > 4)
			return R_VERB_ING;
		if (ends(w, n, "ed") && n > 3)
			return R_VERB_ED;
		if (ends(w, n, "s") && !ends(w, n, "ss") && n > 3)
			return R_VERB_S;
	}
	if (upos == LN_UPOS_NOUN && ends(w, n, "s") && !ends(w, n, "ss") && !ends(w, n, "us") &&
	    !ends(w, n, "is") && n > 3)
		return R_PLURAL;
	return R_NONE;
}

/* Applies r to w (n bytes, buffer MAX_LEMMA); returns the new length. */
static size_t apply(rule r, char *w, size_t n)
{
	switch (r) {
	case R_VERB_S:
	case R_PLURAL:
		if (ends(w, n, "ies") && n > 4) {
			w[n - 3] = 'y';
			return n - 2;
		}
		if (ends(w, n, "sses") || ends(w, n, "shes") || ends(w, n, "ches") ||
		    ends(w, n, "xes") || ends(w, n, "zzes") || (r == R_VERB_S && ends(w, n, "oes")))
			return n - 2;
		if (ends(w, n, "s") && !ends(w, n, "ss"))
			return n - 1;
		return n;
	case R_VERB_ED:
		if (ends(w, n, "ied") && n > 4) {
			w[n - 3] = 'y';
			return n - 2;
		}
		if (ends(w, n, "eed") && n <= 5)
			return n; /* need, feed */
		if (ends(w, n, "ed") && n > 3)
			return verb_stem(w, n - 2);
		return n;
	case R_VERB_ING:
		if (ends(w, n, "ying") && n > 5)
			return n - 3; /* saying -> say */
		if (ends(w, n, "ing") && n > 4)
			return verb_stem(w, n - 3);
		return n;
	case R_COMPAR:
		if (ends(w, n, "ier") && n > 4) {
			w[n - 3] = 'y';
			return n - 2;
		}
		if (ends(w, n, "er") && n > 4)
			return adj_stem(w, n - 2);
		return n;
	case R_SUPER:
		if (ends(w, n, "iest") && n > 5) {
			w[n - 4] = 'y';
			return n - 3;
		}
		if (ends(w, n, "est") && n > 5)
			return adj_stem(w, n - 3);
		return n;
	default: return n;
	}
}

static const char *xpos_name(const ln_models *m, const ln_token *t)
{
	if (!m || !t->xpos)
		return NULL;
	size_t n = 0;
	const char *const *names = ln_models_xpos(m, &n);
	return names && t->xpos < n ? names[t->xpos] : NULL;
}

size_t ln_lemmatize_word(const char *form, size_t n, int upos, const char *xpos, char *out,
                         size_t cap)
{
	char w[MAX_LEMMA + 1];
	const char *res = form;
	size_t rn = n;
	int nnp = xpos && (!strcmp(xpos, "NNP") || !strcmp(xpos, "NNPS"));
	if (upos == LN_UPOS_NUM && n <= MAX_LEMMA - 2) { /* "5,000" -> "5000", "One" -> "one" */
		rn = 0;
		for (size_t k = 0; k < n; k++)
			if (form[k] != ',' || !k || k + 1 == n)
				w[rn++] = (form[k] >= 'A' && form[k] <= 'Z') ? (char)(form[k] + 32)
				                                             : form[k];
		res = w;
	} else if (n > MAX_LEMMA - 2 || upos == LN_UPOS_PROPN || upos == LN_UPOS_PUNCT ||
	           upos == LN_UPOS_SYM || (nnp && upos != LN_UPOS_X) ||
	           (upos == LN_UPOS_ADJ && proper_adjective(form, n))) {
		if (upos == LN_UPOS_PROPN && xpos && !strcmp(xpos, "NNPS") && n > 3 &&
		    n <= MAX_LEMMA - 2 && form[n - 1] == 's')
			rn = n - 1; /* "Americans" -> "American" */
	} else {
		for (size_t k = 0; k < n; k++)
			w[k] = (form[k] >= 'A' && form[k] <= 'Z') ? (char)(form[k] + 32) : form[k];
		w[n] = '\0';
		/* a typographic apostrophe reads as ' for the tables */
		char *ap = strstr(w, "\xe2\x80\x99");
		size_t wn = n;
		if (ap) {
			*ap = '\'';
			memmove(ap + 1, ap + 3, strlen(ap + 3) + 1);
			wn -= 2;
		}
		const char *ex = exception(w, upos == LN_UPOS_X ? "VERB" : word_class(upos));
		if (ex) {
			res = ex;
			rn = strlen(ex);
		} else if (upos != LN_UPOS_X) { /* untagged: the form as written */
			if (!strcmp(w, "i"))
				w[0] = 'I';
			res = w;
			rn = apply(rule_for(upos, xpos, w, wn), w, wn);
		}
	}
	if (rn >= cap)
		rn = cap ? cap - 1 : 0;
	if (cap) {
		memmove(out, res, rn);
		out[rn] = '\0';
	}
	return rn;
}

int ln_doc_lemmatize(const ln_models *m, ln_doc *d)
{
	for (size_t i = 0; i < d->ntok; i++) {
		ln_token *t = &d->tok[i];
		char w[MAX_LEMMA + 1];
		const char *form = d->text + t->start;
		size_t n = t->end - t->start;
		uint32_t off;
		if (n > MAX_LEMMA - 2) {
			off = ln_push_lemma(d, form, n);
		} else {
			size_t k =
			    ln_lemmatize_word(form, n, t->upos, xpos_name(m, t), w, sizeof w);
			off = ln_push_lemma(d, w, k);
		}
		if (!off)
			return -1;
		t->lemma = off;
	}
	return 0;
}
