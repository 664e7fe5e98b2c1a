/*
 * speaker — who said it: the subject of the speech verb, from the parse.
 *
 * Design note
 * -----------
 * A quotation or a reported clause is credited to the grammatical subject
 * of its speech verb (a cues.tsv verb, matched by form or by lemma, so
 * "says", "said" and "saying" are one row): "X said", inverted "said X",
 * "X, a spokeswoman for Y, said", "a spokeswoman for Y, X, said" (the
 * named apposition wins over the role noun, also when the parse hangs the
 * name set off before the verb elsewhere: "the other candidate on the
 * stage, Ada Roe, drew ..."), "X smiled and said" and
 * "..., saying" (a verb without a subject takes its head's).  "according
 * to X" marks X as the source: the cue word is the case marker of X.
 * When the parse gives an inverted cue no subject ("said Huckabee campaign
 * spokesman Hogan Gidley"), the person heading the noun phrase after it
 * speaks: the last name of its run of names, titles and modifiers.  A
 * cue with no subject, or whose subject is a word naming no one set off by
 * a comma ("Tuesday, while ..., Rep. Jo Roe (R-Ohio) said"), takes the
 * person named right before it.  The
 * subject's phrase (for "stands beside the quote") is its dependents
 * reached leftwards without a gap, never into a quotation.
 *
 * The subject then becomes an actor, first through the mention table
 * (actors.c: names, surnames, titles), then, for a person the entity
 * tagger found but no mention covers, through a person of its own made
 * here: an earlier fuller spelling in the text gives the name ("Rio
 * Tilton" for "Tilton").  Pronouns agree in gender (names.tsv) with a
 * person subject before them in their own sentence ("Trump blasted the
 * system, which he said ...", never one inside an opening participle
 * phrase: "Asked whether Roe would run, she said"), else the last speaker
 * or, when the story
 * has moved on, the latest person subject (failing any subject, the first
 * person the sentence names outside objects and obliques, or the one
 * person it names at all, not after a preposition; a verbless line of a
 * few words, a credit like "Getty.", or a sentence in brackets names no
 * one).
 * A role noun with "the" or a possessive ("the senator", "X's spokesman")
 * is the last person holding that title (from where the article gives it:
 * a title given only later names no one earlier; and a person subject
 * just before it with no title of its own, met after the holder's last
 * mention, is the one it describes), "the Republican" too,
 * and "“A,” said the businessman" when the parse makes the role noun the
 * cue's object; any other common noun ("a senior
 * official", "officials", "the report") is an unnamed source: found, but
 * no actor, so the caller never credits a nearby name instead.  An epithet
 * ("the Republican presidential candidate") that does not fit the title of
 * the person a pronoun would take goes to the story's main person when
 * that one is met far more often.
 *
 * The lexicon (cues.tsv, second column) holds every word these rules ask
 * about: speech verbs and nouns, source markers, pronouns with gender and
 * number.  Rows are checked at load: an unknown class names its line.
 */
#include "extract/speaker.h"

#include "core/buf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SPEECH_BUCKETS 512
#define NAME_MAX_TOKENS 6
#define CLIMB_MAX 3
#define PRONOUN_PARAS 3
#define DESC_NAME_REACH 16   /* ln tokens from a subject noun to its verb past a name */
#define LOOKBACK_TOKENS 4000 /* how far back a fuller spelling or a subject is sought */

/* ------------------------------------------------------------ the lexicon */

enum {
	SP_VERB = 1 << 0,   /* a speech verb: "said", "say", "tweeted" */
	SP_NOUN = 1 << 1,   /* a speech noun: "statement", "remarks" */
	SP_SOURCE = 1 << 2, /* marks its head as the source: "according (to X)" */
	SP_HE = 1 << 3,
	SP_SHE = 1 << 4,
	SP_THEY = 1 << 5,
	SP_DEFINITE = 1 << 6, /* a determiner that points back: "the" */
	SP_LEMMA = 1 << 7,    /* a speech verb's lemma, never matched by form */
	SP_ROLE = 1 << 8,     /* a person noun "the X" refers back with ("the nominee") */
	SP_SELF = 1 << 9,     /* a reflexive after a name: "Obama himself" */
};

typedef struct speech_word {
	char *w;
	uint32_t h;
	unsigned cls;
	int32_t next;
} speech_word;

struct px_speech {
	speech_word *v;
	size_t n, cap;
	int32_t bucket[SPEECH_BUCKETS];
};

static unsigned class_of_name(const char *s)
{
	static const struct {
		const char *name;
		unsigned cls;
	} names[] = {{"", SP_VERB},         {"verb", SP_VERB},
	             {"noun", SP_NOUN},     {"source", SP_SOURCE},
	             {"he", SP_HE},         {"she", SP_SHE},
	             {"they", SP_THEY},     {"definite", SP_DEFINITE},
	             {"lemma", SP_LEMMA},   {"role", SP_ROLE},
	             {"reflexive", SP_SELF}};
	for (size_t k = 0; k < sizeof names / sizeof *names; k++)
		if (!strcmp(s, names[k].name))
			return names[k].cls;
	return 0;
}

static speech_word *speech_find(const px_speech *s, const char *w, size_t n)
{
	if (!s || !n)
		return NULL;
	uint32_t h = px_hash_lower(w, n);
	for (int32_t e = s->bucket[h % SPEECH_BUCKETS]; e >= 0; e = s->v[e].next)
		if (s->v[e].h == h && strlen(s->v[e].w) == n && !strncasecmp(s->v[e].w, w, n))
			return &s->v[e];
	return NULL;
}

int px_speech_add_row(px_dict *d, const char *phrase, const char *cls_name)
{
	unsigned cls = class_of_name(cls_name);
	size_t n = strlen(phrase);
	if (!cls || !n)
		return -1;
	if (cls & SP_VERB)
		px_dict_add_phrase(d, phrase, n, LX_CUE, 0);
	if (strchr(phrase, ' ') && cls != SP_VERB)
		return -1; /* only verbs may be phrases ("pointed out") */
	if (strchr(phrase, ' '))
		return 0;
	if (!d->speech) {
		d->speech = xcalloc(1, sizeof *d->speech);
		for (size_t b = 0; b < SPEECH_BUCKETS; b++)
			d->speech->bucket[b] = -1;
	}
	px_speech *s = d->speech;
	speech_word *have = speech_find(s, phrase, n);
	if (have) {
		have->cls |= cls;
		return 0;
	}
	speech_word *e = VEC_PUSH(s->v, s->n, s->cap);
	e->w = xstrdup(phrase);
	e->h = px_hash_lower(phrase, n);
	e->cls = cls;
	e->next = s->bucket[e->h % SPEECH_BUCKETS];
	s->bucket[e->h % SPEECH_BUCKETS] = (int32_t)(s->n - 1);
	return 0;
}

bool px_speech_verb_form(const px_dict *d, const char *w, size_t n)
{
	const speech_word *e = speech_find(d->speech, w, n);
	return e && (e->cls & SP_VERB);
}

void px_speech_free(px_speech *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].w);
	free(s->v);
	free(s);
}

/* The classes of ln token k: its form's and its lemma's (a "lemma" row
 * counts only as the lemma, and then as a verb). */
static unsigned ln_class(const px_doc *doc, size_t k)
{
	const px_speech *s = doc->dict->speech;
	const ln_token *t = &doc->syn.lang.tok[k];
	const speech_word *f = speech_find(s, doc->syn.text + t->start, t->end - t->start);
	const char *lemma = px_syn_lemma(doc, k);
	const speech_word *l = speech_find(s, lemma, strlen(lemma));
	unsigned c = (f ? f->cls & ~SP_LEMMA : 0) | (l ? l->cls : 0);
	return c & SP_LEMMA ? (c & ~SP_LEMMA) | SP_VERB : c;
}

unsigned px_speech_class_at(const px_doc *doc, size_t i)
{
	int32_t k = px_syn_ln(doc, i);
	if (k >= 0 && doc->syn.ok)
		return ln_class(doc, (size_t)k);
	const px_token *t = &doc->toks[i];
	const speech_word *f =
	    speech_find(doc->dict->speech, doc->text.s + t->start, t->end - t->start);
	return f ? f->cls & ~SP_LEMMA : 0;
}

/* ------------------------------------------------------------ the tree */

static int32_t child_with(const px_doc *doc, size_t k, const char *rel)
{
	for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c])
		if (px_syn_rel_is(doc, (size_t)c, rel))
			return c;
	return -1;
}

static bool is_name_tok(const px_doc *doc, size_t k)
{
	return px_syn_upos(doc, k) == LN_UPOS_PROPN ||
	       (doc->syn.ent[k] >= 0 && doc->syn.lang.ent[doc->syn.ent[k]].type == LN_ENT_PER);
}

static bool per_entity(const px_doc *doc, size_t k)
{
	return doc->syn.ent[k] >= 0 && doc->syn.lang.ent[doc->syn.ent[k]].type == LN_ENT_PER;
}

/* ln token j names a person: the entity tagger's, or a person mention
 * (the tagger may have read "Judicial Watch President Tom Fitton" as one
 * organisation). */
static bool person_at(const px_doc *doc, size_t j)
{
	int32_t t = px_syn_tok(doc, j);
	if (t < 0 || px_syn_upos(doc, j) == LN_UPOS_PRON ||
	    doc->toks[t].end - doc->toks[t].start < 2)
		return false; /* "I" is no name, whatever the tagger says */
	if (per_entity(doc, j))
		return true;
	int32_t m = doc->tok_mention[t];
	return m >= 0 && doc->mentions[m].actor >= 0 && px_is_person(doc, doc->mentions[m].actor);
}

bool px_speech_verb_at(const px_doc *doc, size_t i)
{
	const px_lex_entry *e;
	int32_t k = px_syn_ln(doc, i);
	if (!doc->syn.ok || k < 0)
		return px_lex_match(doc, i, LX_CUE, &e) > 0;
	unsigned cls = ln_class(doc, (size_t)k);
	if (cls & SP_SOURCE)
		return true;
	return (cls & SP_VERB) && px_syn_upos(doc, (size_t)k) == LN_UPOS_VERB;
}

static bool clausal(const px_doc *doc, size_t k)
{
	return px_syn_rel_is(doc, k, "ccomp") || px_syn_rel_is(doc, k, "parataxis") ||
	       px_syn_rel_is(doc, k, "xcomp");
}

bool px_speech_governs(const px_doc *doc, size_t cue, size_t a, size_t b)
{
	int32_t k = px_syn_ln(doc, cue);
	if (!doc->syn.ok || k < 0 || a >= b)
		return false;
	int32_t ka = px_syn_ln(doc, a), kb = px_syn_ln(doc, b - 1);
	if (ka < 0 || kb < ka)
		return false;
	for (int32_t t = ka; t <= kb; t++)
		if ((doc->syn.head[t] == k && clausal(doc, (size_t)t)) ||
		    (doc->syn.head[k] == t && clausal(doc, (size_t)k)))
			return true;
	return false;
}

bool px_speech_any_verb_at(const px_doc *doc, size_t i)
{
	int32_t k = px_syn_ln(doc, i);
	return doc->syn.ok && k >= 0 && px_syn_upos(doc, (size_t)k) == LN_UPOS_VERB &&
	       doc->syn.ent[k] < 0 && !doc->toks[i].cap;
}

/* ------------------------------------------------------------ persons */

static px_mention *insert_mention(px_doc *doc, size_t a, size_t b, int32_t actor, uint8_t how)
{
	VEC_PUSH(doc->mentions, doc->n_mentions, doc->cap_mentions);
	size_t at = doc->n_mentions - 1;
	while (at > 0 && doc->mentions[at - 1].tok_start > a) {
		doc->mentions[at] = doc->mentions[at - 1];
		at--;
	}
	doc->mentions[at] = (px_mention){(uint32_t)a, (uint32_t)b, actor, how};
	for (size_t m = at; m < doc->n_mentions; m++)
		for (size_t t = doc->mentions[m].tok_start; t < doc->mentions[m].tok_end; t++)
			doc->tok_mention[t] = (int32_t)m;
	doc->actors[actor].n_mentions++;
	return &doc->mentions[at];
}

static void add_alias_once(px_actor *a, const char *s)
{
	if (!strcasecmp(a->name, s))
		return;
	for (size_t k = 0; k < a->n_aliases; k++)
		if (!strcasecmp(a->aliases[k], s))
			return;
	*VEC_PUSH(a->aliases, a->n_aliases, a->cap_aliases) = xstrdup(s);
}

static const char *last_word(const char *s)
{
	const char *sp = strrchr(s, ' ');
	return sp ? sp + 1 : s;
}

/* Two spellings of one person: the same last word, and the same first
 * initial when both give more than a surname. */
static bool names_agree(const char *a, const char *b)
{
	if (strcasecmp(last_word(a), last_word(b)))
		return false;
	bool fa = strchr(a, ' ') != NULL, fb = strchr(b, ' ') != NULL;
	return !fa || !fb ||
	       px_ascii_lower((unsigned char)a[0]) == px_ascii_lower((unsigned char)b[0]);
}

static uint8_t gender_at(const px_doc *doc, size_t i)
{
	const px_lex_entry *e;
	return px_lex_match(doc, i, LX_FIRSTNAME, &e) ? (uint8_t)e->ref : 0;
}

/* A name's px tokens [*a, *b) from an ln entity or PROPN run, without the
 * titles before it ("Sen."), or false when it is no clean name. */
static bool name_tokens(const px_doc *doc, size_t first, size_t count, size_t *a, size_t *b)
{
	int32_t ta = px_syn_tok(doc, first), tb = px_syn_tok(doc, first + count - 1);
	if (ta < 0 || tb < ta)
		return false;
	size_t i = (size_t)ta, end = (size_t)tb + 1;
	const px_lex_entry *e;
	size_t tl;
	while (i < end && (tl = px_lex_match(doc, i, LX_TITLE, &e)) > 0 && i + tl < end)
		i += tl;
	while (end > i && doc->toks[end - 1].kind != TK_WORD)
		end--;
	if (end <= i || end - i > NAME_MAX_TOKENS)
		return false;
	for (size_t k = i; k < end; k++)
		if (doc->toks[k].kind == TK_QUOTE || doc->toks[k].inq ||
		    (doc->toks[k].kind == TK_WORD && !doc->toks[k].cap))
			return false;
	*a = i, *b = end;
	return true;
}

/* The person named by px tokens [a, b): the mention there, a person met
 * with an agreeing name, or a new person (named by the fullest spelling
 * an earlier entity of the text gives). */
static int32_t person_for(px_doc *doc, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		int32_t m = doc->tok_mention[i];
		if (m >= 0 && doc->mentions[m].actor >= 0)
			return doc->mentions[m].actor;
	}
	char *name = px_tok_span_dup(doc, a, b);
	int32_t who = -1;
	for (size_t k = 0; k < doc->n_actors && who < 0; k++)
		if (px_is_person(doc, (int32_t)k) && names_agree(doc->actors[k].name, name))
			who = (int32_t)k;
	if (who < 0 && b == a + 1) {
		/* "Tilton said" after "Rio Tilton, 19, ...": the full name */
		const ln_doc *L = &doc->syn.lang;
		int32_t ka = px_syn_ln(doc, a);
		for (size_t e = L->nent; e-- > 0 && who < 0;) {
			const ln_entity *en = &L->ent[e];
			size_t ea, eb;
			if (ka >= 0 && en->first + LOOKBACK_TOKENS < (size_t)ka)
				break;
			if (en->type != LN_ENT_PER || en->count < 2 ||
			    en->end > doc->toks[a].start ||
			    !name_tokens(doc, en->first, en->count, &ea, &eb) || eb - ea < 2)
				continue;
			char *full = px_tok_span_dup(doc, ea, eb);
			if (names_agree(full, name)) {
				free(name);
				name = full;
				full = NULL;
				break;
			}
			free(full);
		}
	}
	if (who < 0 && b == a + 1 && !strchr(name, ' ')) {
		/* ... or the capitalised words before the same word earlier */
		const px_token *w = &doc->toks[a];
		size_t wn = w->end - w->start;
		for (size_t j = a; j-- > 0 && j + LOOKBACK_TOKENS > a;) {
			const px_token *t = &doc->toks[j];
			if (t->end - t->start != wn ||
			    memcmp(doc->text.s + t->start, doc->text.s + w->start, wn))
				continue;
			size_t f = j;
			const px_lex_entry *e;
			while (f > 0 && j - f < 2 && doc->toks[f - 1].kind == TK_WORD &&
			       doc->toks[f - 1].cap && !doc->toks[f - 1].inq &&
			       doc->toks[f - 1].sent == t->sent &&
			       !px_lex_match(doc, f - 1, LX_TITLE | LX_STOP | LX_COUNTRY | LX_PLACE,
			                     &e))
				f--;
			if (f < j) {
				free(name);
				name = px_tok_span_dup(doc, f, j + 1);
				break;
			}
		}
	}
	if (who < 0) {
		px_actor *ac = VEC_PUSH(doc->actors, doc->n_actors, doc->cap_actors);
		memset(ac, 0, sizeof *ac);
		ac->name = xstrdup(name);
		ac->kind = xstrdup(vocab_actor_kinds[KIND_PERSON]);
		ac->dict_id = ac->country_id = -1;
		who = (int32_t)(doc->n_actors - 1);
		/* gender from the given name, when the name has one */
		if (strchr(name, ' ')) {
			px_doc tmp = {.dict = doc->dict};
			px_tokenize(name, 0, strlen(name), &tmp.toks, &tmp.n_toks, &tmp.cap_toks);
			tmp.text.s = name;
			ac->gender = tmp.n_toks > 1 ? gender_at(&tmp, 0) : 0;
			free(tmp.toks);
		}
	}
	char *surface = px_tok_span_dup(doc, a, b);
	add_alias_once(&doc->actors[who], surface);
	free(surface);
	free(name);
	insert_mention(doc, a, b, who, b == a + 1 ? MH_SURNAME : MH_NAME);
	return who;
}

/* Px tokens i and j are the same word, letter for letter. */
static bool same_form(const px_doc *doc, size_t i, size_t j)
{
	const px_token *x = &doc->toks[i], *y = &doc->toks[j];
	return x->end - x->start == y->end - y->start &&
	       !memcmp(doc->text.s + x->start, doc->text.s + y->start, x->end - x->start);
}

/* px token i is a capitalised word that is the surname of a person met
 * in full. */
static bool surname_met(const px_doc *doc, size_t i)
{
	const px_token *t = &doc->toks[i];
	if (!t->cap || t->kind != TK_WORD || t->end - t->start < 3)
		return false;
	char *w = px_tok_span_dup(doc, i, i + 1);
	bool met = false;
	for (size_t q = doc->n_actors; q-- > 0 && !met;)
		met = px_is_person(doc, (int32_t)q) && strchr(doc->actors[q].name, ' ') &&
		      !strcasecmp(last_word(doc->actors[q].name), w);
	free(w);
	return met;
}

int32_t px_speaker_surname(px_doc *doc, size_t i)
{
	int32_t m = doc->tok_mention[i];
	if (m >= 0 || !surname_met(doc, i))
		return -1;
	return person_for(doc, i, i + 1);
}

/* The actor a mention or name at ln token k stands for, or -1. */
/* A plural proper noun ("Americans", "Democrats") names a group, never a
 * person (Penn tag NNPS). */
static bool plural_name(const px_doc *doc, size_t k)
{
	return !strcmp(px_syn_xpos(doc, k), "NNPS");
}

/* Px token a (a capitalised word a table knows otherwise: "Read") ends
 * a person's name of several words the entity tagger found before it
 * ("Ian Read"). */
static bool surname_of_entity(const px_doc *doc, size_t a)
{
	const ln_doc *L = &doc->syn.lang;
	int32_t ka = px_syn_ln(doc, a);
	const px_token *w = &doc->toks[a];
	for (size_t e = L->nent; e-- > 0;) {
		const ln_entity *en = &L->ent[e];
		if (ka >= 0 && en->first + LOOKBACK_TOKENS < (size_t)ka)
			break;
		if (en->type != LN_ENT_PER || en->count < 2 || en->end > w->start)
			continue;
		int32_t lt = px_syn_tok(doc, en->first + en->count - 1);
		if (lt >= 0 && (size_t)lt != a && same_form(doc, (size_t)lt, a))
			return true;
	}
	return false;
}

static int32_t named_at(px_doc *doc, size_t k, bool lenient)
{
	int32_t i = px_syn_tok(doc, k);
	if (i < 0)
		return -1;
	int32_t m = doc->tok_mention[i];
	size_t a, b;
	if (m >= 0 && doc->mentions[m].actor >= 0) {
		/* "said German Ortega": a speaker's name the tagger found whole,
		 * whose first word the tables took for a country or a people */
		const ln_entity *en =
		    per_entity(doc, k) ? &doc->syn.lang.ent[doc->syn.ent[k]] : NULL;
		if (lenient && en && !px_is_person(doc, doc->mentions[m].actor) &&
		    doc->mentions[m].tok_end == doc->mentions[m].tok_start + 1 &&
		    name_tokens(doc, en->first, en->count, &a, &b) && b >= a + 2 &&
		    (size_t)i >= a && (size_t)i < b) {
			/* ("Israeli Prime Minister Jo Roe" is Roe's, already met) */
			const px_lex_entry *te;
			for (size_t q = a; q < b; q++) {
				int32_t mq = doc->tok_mention[q];
				if (mq >= 0 && doc->mentions[mq].actor >= 0 &&
				    px_is_person(doc, doc->mentions[mq].actor) &&
				    doc->mentions[mq].tok_end > doc->mentions[mq].tok_start + 1)
					return doc->mentions[mq].actor;
				if (px_lex_match(doc, q, LX_TITLE, &te))
					return doc->mentions[m].actor;
			}
			for (size_t q = a; q < b; q++) {
				int32_t mq = doc->tok_mention[q];
				if (mq >= 0 && doc->mentions[mq].actor >= 0) {
					/* (a lone surname there is another Ortega's) */
					doc->actors[doc->mentions[mq].actor].n_mentions--;
					doc->mentions[mq].actor = -1;
				}
			}
			return person_for(doc, a, b);
		}
		return doc->mentions[m].actor;
	}
	if (plural_name(doc, k))
		return -1;
	/* "Pence continued": a capitalised word that is the surname of a
	 * person met, whatever the tagger made of it */
	if (!per_entity(doc, k) && surname_met(doc, (size_t)i))
		return person_for(doc, (size_t)i, (size_t)i + 1);
	if (per_entity(doc, k)) {
		const ln_entity *en = &doc->syn.lang.ent[doc->syn.ent[k]];
		if (name_tokens(doc, en->first, en->count, &a, &b))
			return person_for(doc, a, b);
		return -1;
	}
	if (px_syn_upos(doc, k) != LN_UPOS_PROPN)
		return -1;
	/* a PROPN run the tagger did not mark: a person only when a given name
	 * starts it or a person met already carries its last word */
	size_t first = k, last = k;
	for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c])
		if ((px_syn_rel_is(doc, (size_t)c, "flat") ||
		     px_syn_rel_is(doc, (size_t)c, "compound")) &&
		    px_syn_upos(doc, (size_t)c) == LN_UPOS_PROPN) {
			if ((size_t)c < first && (size_t)c + 1 == first)
				first = (size_t)c;
			if ((size_t)c > last && (size_t)c == last + 1)
				last = (size_t)c;
		}
	if (!name_tokens(doc, first, last - first + 1, &a, &b))
		return -1;
	if (lenient) {
		/* the subject of a speech verb: a name unless an organisation or
		 * a place ("Husted said", not "Fox News said") */
		const px_lex_entry *le;
		for (size_t q = a; q < b; q++)
			if (px_lex_match(doc, q,
			                 LX_COUNTRY | LX_PLACE | LX_DEMONYM | LX_METONYM | LX_ACTOR,
			                 &le))
				return -1;
		/* vouched for by the entity tagger; a capitalised word it left
		 * alone ("Officials Said") needs what any other name needs below */
		int32_t en = doc->syn.ent[k];
		if (en >= 0 && doc->syn.lang.ent[en].type == LN_ENT_PER)
			return person_for(doc, a, b);
		if (en >= 0)
			return -1;
		/* "Cruz openly admitted": one capitalised word, no entity of any
		 * kind and in no table, as the subject of a speech verb names a
		 * person */
		const px_token *t = &doc->toks[a];
		if (b == a + 1 && t->cap && !t->allcaps && t->end - t->start >= 3 &&
		    px_syn_rel_is(doc, k, "nsubj") &&
		    (!px_lex_match(doc, a, LX_TITLE | LX_STOP | LX_FIRSTNAME, &le) ||
		     surname_of_entity(doc, a)))
			return person_for(doc, a, b);
	}
	bool given = b > a + 1 && gender_at(doc, a);
	char *name = px_tok_span_dup(doc, a, b);
	bool known = false;
	for (size_t q = 0; q < doc->n_actors && !known; q++)
		known = px_is_person(doc, (int32_t)q) && strchr(doc->actors[q].name, ' ') &&
		        names_agree(doc->actors[q].name, name);
	free(name);
	return given || known ? person_for(doc, a, b) : -1;
}

/* ------------------------------------------------------------ pronouns */

static size_t para_of(const px_doc *doc, size_t tok)
{
	return doc->sents[doc->toks[tok].sent].para;
}

static bool gender_fits(const px_doc *doc, int32_t actor, int want)
{
	uint8_t g = doc->actors[actor].gender;
	return !want || !g || g == want;
}

static int pronoun_gender(const px_doc *doc, size_t tok)
{
	unsigned c = px_speech_class_at(doc, tok);
	return c & SP_HE ? 1 : c & SP_SHE ? 2 : 0;
}

#define FOCUS_KEPT (-2) /* latest_subject: the story stays with its person */

/* ln token k (a subject) refers back to someone: a pronoun of the wanted
 * gender, or a person title or role noun ("the spokesman"). */
static bool refers_back(const px_doc *doc, size_t k, int want)
{
	int32_t i = px_syn_tok(doc, k);
	if (i < 0 || is_name_tok(doc, k))
		return false;
	unsigned c = ln_class(doc, k);
	if (px_syn_upos(doc, k) == LN_UPOS_PRON)
		return ((c & SP_HE) && want != 2) || ((c & SP_SHE) && want != 1);
	const px_lex_entry *e;
	return (c & SP_ROLE) ||
	       (px_lex_match(doc, (size_t)i, LX_TITLE, &e) && doc->dict->titles[e->ref].person);
}

static int depth_of(const px_doc *doc, size_t k)
{
	int d = 0;
	for (int32_t h = doc->syn.head[k]; h >= 0 && d < 64; h = doc->syn.head[h])
		d++;
	return d;
}

/* "Obama consultant Cornell Belcher": the person named after role words
 * that the name at px token i (standing for who) modifies, else who. */
static int32_t role_holder(const px_doc *doc, int32_t who, int32_t i)
{
	if (who < 0 || i < 0)
		return who;
	int32_t m = doc->tok_mention[i];
	size_t from = m >= 0 ? doc->mentions[m].tok_end : (size_t)i + 1;
	size_t p = px_person_after_role(doc, from, doc->sents[doc->toks[i].sent].tok_end);
	return p ? doc->mentions[doc->tok_mention[p]].actor : who;
}

/* The first ln token of the name headed by ln token k: its flat and
 * compound dependents before it. */
static size_t leftmost_name(const px_doc *doc, size_t k)
{
	size_t first = k;
	for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c])
		if ((size_t)c < first && (px_syn_rel_is(doc, (size_t)c, "flat") ||
		                          px_syn_rel_is(doc, (size_t)c, "compound")))
			first = (size_t)c;
	return first;
}

/* "the other candidate on the stage, Ada Roe, drew": for a common noun
 * subject at ln token k, the ln token of a person's name closing the
 * words between it and its verb, set off by commas; else -1. */
static int32_t appos_name(const px_doc *doc, size_t k)
{
	int32_t v = doc->syn.head[k];
	if (v <= (int32_t)k + 2 || !px_syn_rel_is(doc, k, "nsubj") ||
	    px_syn_upos(doc, k) != LN_UPOS_NOUN || v > (int32_t)k + DESC_NAME_REACH)
		return -1;
	int32_t vt = px_syn_tok(doc, (size_t)v), ct = px_syn_tok(doc, (size_t)v - 1);
	if (vt < 0 || ct < 0 || !px_tok_char(doc, (size_t)ct, ','))
		return -1;
	int32_t m = ct > 0 ? doc->tok_mention[ct - 1] : -1;
	if (m < 0 || doc->mentions[m].actor < 0 || !px_is_person(doc, doc->mentions[m].actor))
		return -1;
	size_t start = doc->mentions[m].tok_start;
	int32_t open = px_syn_ln(doc, start);
	/* a comma before the name, after the noun */
	for (size_t t = start; t-- > (size_t)px_syn_tok(doc, k) + 1;)
		if (px_tok_char(doc, t, ','))
			return open >= 0 && !doc->toks[start].inq ? open : -1;
	return -1;
}

/* The person subject nearest the root among ln tokens [a, b) outside
 * quotations, agreeing with want; *at its px token, *depth its depth. */
static int32_t person_subject(px_doc *doc, size_t a, size_t b, int want, size_t *at, int *depth)
{
	int32_t best = -1;
	*depth = 1 << 20;
	for (size_t k0 = a; k0 < b; k0++) {
		size_t k = k0;
		/* "Obama himself seemed", the parse's subject the reflexive */
		if (k > a && px_syn_rel_is(doc, k, "nsubj") && (ln_class(doc, k) & SP_SELF) &&
		    is_name_tok(doc, k - 1))
			k = k - 1;
		/* "After backing Roe, Jo Doe still believes", parsed with Roe the
		 * subject and Doe its conjunct with no "and": the name nearer the
		 * verb is the subject */
		bool coordinated = false;
		for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c])
			coordinated |= px_syn_rel_is(doc, (size_t)c, "conj") &&
			               child_with(doc, (size_t)c, "cc") >= 0;
		for (int32_t c = coordinated ? -1 : doc->syn.child[k]; c >= 0;
		     c = doc->syn.sibling[c]) {
			int32_t cl = c > 0 ? (int32_t)leftmost_name(doc, (size_t)c) : -1;
			int32_t ct = cl > 0 ? px_syn_tok(doc, (size_t)cl - 1) : -1;
			if ((size_t)c > k && px_syn_rel_is(doc, (size_t)c, "conj") &&
			    child_with(doc, (size_t)c, "cc") < 0 && is_name_tok(doc, (size_t)c) &&
			    ct >= 0 && px_tok_char(doc, (size_t)ct, ',') && doc->syn.head[k0] > c)
				k = (size_t)c;
		}
		/* "the other candidate on the stage, Ada Roe, drew a contrast":
		 * the name set off before the verb of a subject noun */
		int32_t ap = appos_name(doc, k0);
		if (ap >= 0)
			k = (size_t)ap;
		int32_t i = px_syn_tok(doc, k);
		if (i < 0 || doc->toks[i].inq || !px_syn_rel_is(doc, k0, "nsubj") ||
		    !is_name_tok(doc, k))
			continue;
		int d = depth_of(doc, k0);
		if (d >= *depth)
			continue;
		/* "Senator Ruth Okafor" parsed with the title as the head: the
		 * name among its flat dependents */
		size_t nk = k;
		for (int32_t c = doc->syn.child[k]; c >= 0 && !person_at(doc, nk);
		     c = doc->syn.sibling[c])
			if (px_syn_rel_is(doc, (size_t)c, "flat") && person_at(doc, (size_t)c))
				nk = (size_t)c;
		/* a name no mention covers becomes a person only as a speaker */
		int32_t head = doc->syn.head[k],
		        ht = head >= 0 ? px_syn_tok(doc, (size_t)head) : -1;
		int32_t m = doc->tok_mention[i];
		if ((m < 0 || doc->mentions[m].actor < 0) && !per_entity(doc, k) && nk == k &&
		    (ht < 0 || !px_speech_verb_at(doc, (size_t)ht)))
			continue;
		int32_t who = role_holder(doc, named_at(doc, nk, false), i);
		if (who >= 0 && px_is_person(doc, who) && gender_fits(doc, who, want)) {
			best = who, *depth = d;
			*at = (size_t)i;
		}
	}
	if (best >= 0)
		return best;
	/* no person subject (the parse may miss the verb: "Trump cast himself
	 * as ..."): the first person named outside quotations and not as an
	 * object, an oblique or a possessor, ranked below any subject */
	for (size_t k = a; k < b; k++) {
		int32_t i = px_syn_tok(doc, k);
		if (i < 0 || doc->toks[i].inq || !person_at(doc, k))
			continue;
		size_t h = k; /* the name's head: "Trump" of "Donald Trump" */
		while (doc->syn.head[h] >= 0 &&
		       (px_syn_rel_is(doc, h, "flat") || px_syn_rel_is(doc, h, "compound")) &&
		       person_at(doc, (size_t)doc->syn.head[h]))
			h = (size_t)doc->syn.head[h];
		if (px_syn_rel_is(doc, h, "obj") || px_syn_rel_is(doc, h, "iobj") ||
		    px_syn_rel_is(doc, h, "obl") || px_syn_rel_is(doc, h, "nmod") ||
		    px_syn_rel_is(doc, h, "nmod:poss") || child_with(doc, h, "case") >= 0)
			return -1;
		int32_t who = role_holder(doc, named_at(doc, k, false), i);
		if (who >= 0 && px_is_person(doc, who) && gender_fits(doc, who, want)) {
			*depth = 1 << 10;
			*at = (size_t)i;
			return who;
		}
		return -1;
	}
	return -1;
}

int32_t px_main_person_subject(px_doc *doc, size_t a, size_t b)
{
	if (!doc->syn.ok || a >= b)
		return -1;
	int32_t ka = -1, kb = -1;
	for (size_t i = a; i < b && ka < 0; i++)
		ka = px_syn_ln(doc, i);
	for (size_t i = b; i > a && kb < 0; i--)
		kb = px_syn_ln(doc, i - 1);
	if (ka < 0 || kb < ka)
		return -1;
	size_t at;
	int depth;
	return person_subject(doc, (size_t)ka, (size_t)kb + 1, 0, &at, &depth);
}

/* The one person ln tokens [a, b) name outside quotations (by a mention
 * already made), agreeing with want; -1 for none or several.  *at gets
 * its px token. */
static int32_t only_person(const px_doc *doc, size_t a, size_t b, int want, size_t *at)
{
	int32_t one = -1;
	size_t one_at = 0;
	for (size_t k = a; k < b; k++) {
		int32_t i = px_syn_tok(doc, k);
		if (i < 0 || doc->toks[i].inq)
			continue;
		int32_t m = doc->tok_mention[i];
		int32_t who = m >= 0 ? doc->mentions[m].actor : -1;
		if (who < 0 || !px_is_person(doc, who) || who == one)
			continue;
		/* "Like Roe, their days begin ...": the object of a preposition
		 * is an aside */
		int32_t first = px_syn_ln(doc, doc->mentions[m].tok_start);
		if (first > 0 && px_syn_upos(doc, (size_t)first - 1) == LN_UPOS_ADP)
			continue;
		if (one >= 0)
			return -1;
		one = who, one_at = (size_t)i;
	}
	if (one < 0 || !gender_fits(doc, one, want))
		return -1;
	*at = one_at;
	return one;
}

#define FRAGMENT_WORDS 4 /* words of a credit or caption line ("Getty.") */

/* A sentence of a few words and no verb ("Getty.", "Reuters photo."): a
 * credit, caption or heading; or one in brackets: an aside.  Neither moves
 * the story to anyone. */
static bool fragment(const px_doc *doc, const ln_sentence *S)
{
	/* "(Listen to the podcast with Jo Roe.)": an aside */
	int32_t t0 = px_syn_tok(doc, S->first);
	if (t0 >= 0 && px_tok_char(doc, (size_t)t0, '('))
		return true;
	size_t words = 0;
	for (size_t k = S->first; k < S->first + S->count; k++) {
		ln_upos u = px_syn_upos(doc, k);
		if (u == LN_UPOS_VERB || u == LN_UPOS_AUX)
			return false;
		words += u != LN_UPOS_PUNCT;
	}
	return words <= FRAGMENT_WORDS;
}

/* "Asked whether Roe would win, she said": a sentence opening with a
 * participle has the words up to the last comma before ln token k as the
 * participle's, whose implied subject is the one after them; the first ln
 * token after them (else first). */
static size_t participle_end(const px_doc *doc, size_t first, size_t k)
{
	/* (the tagger may read "Asked" as a past tense: one with no subject) */
	const char *x = px_syn_xpos(doc, first);
	if (px_syn_upos(doc, first) != LN_UPOS_VERB ||
	    (strcmp(x, "VBN") && strcmp(x, "VBG") && strcmp(x, "VBD")) ||
	    child_with(doc, first, "nsubj") >= 0 || child_with(doc, first, "nsubj:pass") >= 0)
		return first;
	for (size_t j = k; j-- > first;) {
		int32_t t = px_syn_tok(doc, j);
		if (t >= 0 && !doc->toks[t].inq && px_tok_char(doc, (size_t)t, ','))
			return j + 1;
	}
	return first;
}

/* The person subject of the latest sentence before the pronoun at tok that
 * has one (outside quotations): the subject nearest the sentence's root,
 * so "Podesta reiterated it, saying Clinton was committed" gives Podesta.
 * *at gets its px token. */
static int32_t latest_subject(px_doc *doc, size_t tok, int want, size_t *at)
{
	int32_t k0 = px_syn_ln(doc, tok);
	if (k0 < 0)
		return -1;
	const ln_doc *L = &doc->syn.lang;
	size_t para = para_of(doc, tok);
	/* the pronoun's sentence: the last one starting at or before it */
	size_t lo = 0, hi = L->nsent;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (L->sent[mid].first <= (size_t)k0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t js = lo ? lo - 1 : L->nsent;
	/* "Trump blasted the system, which he said is rigged": a person
	 * subject before the pronoun in its own sentence */
	int best_depth;
	if (js < L->nsent) {
		int32_t own =
		    person_subject(doc, participle_end(doc, L->sent[js].first, (size_t)k0),
		                   (size_t)k0, want, at, &best_depth);
		if (own >= 0)
			return own;
	}
	bool kept = false;
	size_t kept_at = 0;
	for (size_t j = js; j-- > 0;) {
		const ln_sentence *S = &L->sent[j];
		int32_t first = px_syn_tok(doc, S->first);
		if ((first >= 0 && para_of(doc, (size_t)first) + PRONOUN_PARAS < para) ||
		    S->first + LOOKBACK_TOKENS < (size_t)k0)
			break;
		if (fragment(doc, S))
			continue;
		int32_t best =
		    person_subject(doc, S->first, S->first + S->count, want, at, &best_depth);
		/* "The spokesman confirmed that Putin ...", "He added that ...":
		 * a role noun or pronoun as the main subject keeps the person in
		 * focus, whoever the reported clause names */
		int32_t main = -1, spoke = -1;
		int main_depth = 1 << 20;
		for (size_t k = S->first; k < S->first + S->count; k++) {
			int32_t i = px_syn_tok(doc, k);
			int d;
			if (i < 0 || doc->toks[i].inq || !px_syn_rel_is(doc, k, "nsubj"))
				continue;
			if ((d = depth_of(doc, k)) < main_depth)
				main = (int32_t)k, main_depth = d;
			/* "..., he noted, so Doe may ...": a pronoun that speaks keeps
			 * the person in focus, whoever the rest of the sentence names */
			int32_t v = doc->syn.head[k], vt = v >= 0 ? px_syn_tok(doc, (size_t)v) : -1;
			if (spoke < 0 && vt >= 0 && px_syn_upos(doc, k) == LN_UPOS_PRON &&
			    px_speech_verb_at(doc, (size_t)vt) && refers_back(doc, k, want))
				spoke = (int32_t)k;
		}
		/* (a person named before it is the one it stands for) */
		if (spoke >= 0 && (best < 0 || *at > (size_t)px_syn_tok(doc, (size_t)spoke)))
			main = spoke, main_depth = -1;
		if (main >= 0 && main_depth < best_depth && refers_back(doc, (size_t)main, want) &&
		    appos_name(doc, (size_t)main) < 0) {
			/* "Roe said ... He added that Doe ...": the pronoun chain
			 * goes on back to the person who began it */
			if (!kept)
				kept_at = (size_t)px_syn_tok(doc, (size_t)main);
			kept = true;
			continue;
		}
		if (best >= 0)
			return best;
		/* "This is not the race Roe hoped for. She ...": a sentence
		 * without a person subject that names one person only */
		if ((best = only_person(doc, S->first, S->first + S->count, want, at)) >= 0)
			return best;
	}
	if (kept) {
		*at = kept_at;
		return FOCUS_KEPT;
	}
	return -1;
}

#define NEAR_SENTENCES 1 /* sentences before a title's own that may give its person */

/* The person subject of px token tok's own sentence before it, else of
 * the sentence before (a credit line, an aside or a piece of a quotation
 * skipped); *at its px token. */
static int32_t near_subject(px_doc *doc, size_t tok, size_t *at)
{
	int32_t k0 = px_syn_ln(doc, tok);
	if (k0 < 0)
		return -1;
	const ln_doc *L = &doc->syn.lang;
	size_t js = 0;
	while (js + 1 < L->nsent && L->sent[js + 1].first <= (size_t)k0)
		js++;
	int depth;
	int32_t who = person_subject(doc, L->sent[js].first, (size_t)k0, 0, at, &depth);
	for (int n = 0; who < 0 && n < NEAR_SENTENCES && js-- > 0;) {
		const ln_sentence *S = &L->sent[js];
		if (fragment(doc, S))
			continue;
		int32_t first = px_syn_tok(doc, S->first);
		if (first < 0 || para_of(doc, (size_t)first) + 1 < para_of(doc, tok))
			break;
		who = person_subject(doc, S->first, S->first + S->count, 0, at, &depth);
		/* (a sentence the splitter cut inside a quotation counts as none) */
		n += px_syn_tok(doc, S->first + S->count - 1) >= 0 &&
		     !doc->toks[px_syn_tok(doc, S->first + S->count - 1)].inq;
	}
	return who;
}

/* The last px token before tok where actor is mentioned (0 when none). */
static size_t last_mention_before(const px_doc *doc, int32_t actor, size_t tok)
{
	for (size_t m = doc->n_mentions; m-- > 0;)
		if (doc->mentions[m].actor == actor && doc->mentions[m].tok_start < tok)
			return doc->mentions[m].tok_start;
	return 0;
}

/* "Sen. Jo Roe ... Doe defends his record in an ad: "A," the senator
 * says": the title at px token tok names holder, unless the person subject
 * just before it has no title of its own and is met in a later paragraph
 * than the holder's last mention: then it describes that subject. */
static int32_t title_near(px_doc *doc, int32_t holder, size_t tok)
{
	size_t at = 0;
	int32_t near = doc->syn.ok ? near_subject(doc, tok, &at) : -1;
	if (near >= 0 && near != holder && !doc->actors[near].title_head &&
	    para_of(doc, at) > para_of(doc, last_mention_before(doc, holder, tok)))
		return near;
	return holder;
}

/* The person a pronoun or role noun at tok refers back to (want: gender,
 * 0 any): the last speaker, unless the story has since moved to another
 * person as a sentence subject. */
static int32_t person_referent(px_doc *doc, const px_speaker_ctx *ctx, size_t tok, int want)
{
	size_t at = 0;
	int32_t subject = doc->syn.ok ? latest_subject(doc, tok, want, &at) : -1;
	if (subject == FOCUS_KEPT) {
		bool fresh = ctx->have_last && ctx->last_speaker >= 0 &&
		             px_is_person(doc, ctx->last_speaker) &&
		             gender_fits(doc, ctx->last_speaker, want) &&
		             para_of(doc, tok) <= ctx->last_para + 2;
		if (fresh)
			return ctx->last_speaker;
		subject = -1;
	}
	bool fresh =
	    ctx->have_last && ctx->last_speaker >= 0 && px_is_person(doc, ctx->last_speaker) &&
	    gender_fits(doc, ctx->last_speaker, want) && para_of(doc, tok) <= ctx->last_para + 2;
	if (fresh && (subject < 0 || ctx->last_tok >= at))
		return ctx->last_speaker;
	if (subject >= 0)
		return subject;
	/* the story's reading knows no gender for a role noun ("the
	 * businessman"): one of the other gender is no referent */
	int32_t story = want ? px_resolve_pronoun(doc, tok) : -1;
	return story >= 0 && gender_fits(doc, story, want) ? story : -1;
}

int32_t px_speaker_pronoun(px_doc *doc, const px_speaker_ctx *ctx, size_t tok)
{
	int want = pronoun_gender(doc, tok);
	return want ? person_referent(doc, ctx, tok, want) : -1;
}

/* ------------------------------------------------------------ subjects */

#define PRETITLE_REACH 6 /* tokens of a title before a name */

/* Px tokens a and b are the same word, whatever its case. */
static bool same_word(const px_doc *doc, size_t a, size_t b)
{
	const px_token *x = &doc->toks[a], *y = &doc->toks[b];
	return x->end - x->start == y->end - y->start &&
	       !strncasecmp(doc->text.s + x->start, doc->text.s + y->start, x->end - x->start);
}

/* The canonical office of a title word at px tokens [s, ...] covering
 * token last, not a modifier; NULL when none. */
static const char *office_at(const px_doc *doc, size_t s, size_t last)
{
	const px_lex_entry *e;
	size_t n = px_lex_match(doc, s, LX_TITLE, &e);
	if (!n || s + n <= last || doc->dict->titles[e->ref].modifier)
		return NULL;
	return doc->dict->titles[e->ref].canonical;
}

/* "the former president" (modifier at px token mod, head at px token
 * head): the last person before it named after the same modifier and a
 * title of the same office ("former President Ada Roe"), or -1. */
static int32_t former_holder(const px_doc *doc, size_t mod, size_t head)
{
	const char *office = NULL;
	for (size_t s = mod + 1; s <= head && !office; s++)
		office = office_at(doc, s, head);
	if (!office)
		return -1;
	for (size_t m = doc->n_mentions; m-- > 0;) {
		const px_mention *mm = &doc->mentions[m];
		if (mm->tok_start >= mod || mm->actor < 0 || !px_is_person(doc, mm->actor))
			continue;
		size_t a = mm->tok_start > PRETITLE_REACH ? mm->tok_start - PRETITLE_REACH : 0;
		for (size_t k = a; k < mm->tok_start; k++) {
			if (!same_word(doc, k, mod))
				continue;
			for (size_t t = k + 1; t < mm->tok_start; t++) {
				const char *o = office_at(doc, t, t);
				if (o && !strcmp(o, office))
					return mm->actor;
			}
		}
	}
	return -1;
}

/* "the former governor" (modifier at px token mod, head at px token head)
 * with no one met as a former holder: the person the story is about, as
 * for a role noun, unless the text gives that person the office now
 * ("President Ada Roe" is not "the former president"). */
static int32_t former_in_focus(px_doc *doc, const px_speaker_ctx *ctx, size_t mod, size_t head)
{
	const char *office = NULL;
	for (size_t s = mod + 1; s <= head && !office; s++)
		office = office_at(doc, s, head);
	int32_t who = person_referent(doc, ctx, head, 0);
	if (who < 0 || !office)
		return -1;
	const char *held = doc->actors[who].title_head;
	return held && !strcmp(held, office) ? -1 : who;
}

#define EPITHET_MARGIN 3 /* how many times more often the main person is met */

/* How many times actor is mentioned before px token tok. */
static size_t mentions_before(const px_doc *doc, int32_t actor, size_t tok)
{
	size_t n = 0;
	for (size_t m = 0; m < doc->n_mentions && doc->mentions[m].tok_start < tok; m++)
		n += doc->mentions[m].actor == actor;
	return n;
}

/* The person mentioned most before px token tok, agreeing with want. */
static int32_t main_person_before(const px_doc *doc, size_t tok, int want)
{
	int32_t best = -1;
	size_t most = 0;
	for (size_t a = 0; a < doc->n_actors; a++) {
		if (!px_is_person(doc, (int32_t)a) || !gender_fits(doc, (int32_t)a, want))
			continue;
		size_t n = mentions_before(doc, (int32_t)a, tok);
		if (n > most)
			best = (int32_t)a, most = n;
	}
	return best;
}

/* The name at ln token k is one of several joined by a conjunction
 * ("Bush and Christie, who say"). */
static bool coordinated(const px_doc *doc, size_t k)
{
	for (int n = 0;
	     n < NAME_MAX_TOKENS && px_syn_rel_is(doc, k, "flat") && doc->syn.head[k] >= 0; n++)
		k = (size_t)doc->syn.head[k];
	return px_syn_rel_is(doc, k, "conj") || child_with(doc, k, "conj") >= 0;
}

/* The actor a subject phrase headed by ln token h stands for; -1 for an
 * unnamed source. */
static int32_t subject_actor(px_doc *doc, const px_speaker_ctx *ctx, size_t h)
{
	/* "Mike Lee, who declared": a relative pronoun stands for the noun its
	 * clause describes */
	if (px_syn_upos(doc, h) == LN_UPOS_PRON && !strcmp(px_syn_xpos(doc, h), "WP")) {
		int32_t v = doc->syn.head[h];
		if (v >= 0 && px_syn_rel_is(doc, (size_t)v, "acl:relcl") && doc->syn.head[v] >= 0)
			h = (size_t)doc->syn.head[v];
		/* "Roe, who signed the bill, interjected" parsed with the clause
		 * as the sentence's: the name before the comma */
		else if (h > 1 && px_syn_upos(doc, h - 1) == LN_UPOS_PUNCT &&
		         person_at(doc, h - 2) && !coordinated(doc, h - 2))
			h = h - 2;
	}
	/* "a spokeswoman for X, Jane Doe, said": the name in apposition */
	if (!is_name_tok(doc, h)) {
		int32_t ap = child_with(doc, h, "appos");
		if (ap < 0 || !is_name_tok(doc, (size_t)ap))
			ap = appos_name(doc, h); /* (the parse hung it elsewhere) */
		if (ap >= 0 && is_name_tok(doc, (size_t)ap))
			h = (size_t)ap;
	}
	/* "Senator" in "Senator John Smith" leans on the name it titles */
	for (int n = 0; n < CLIMB_MAX && px_syn_rel_is(doc, h, "compound") &&
	                doc->syn.head[h] >= 0 && is_name_tok(doc, (size_t)doc->syn.head[h]);
	     n++)
		h = (size_t)doc->syn.head[h];
	int32_t i = px_syn_tok(doc, h);
	if (i < 0)
		return -1;
	if (px_syn_upos(doc, h) == LN_UPOS_PRON)
		return px_speaker_pronoun(doc, ctx, (size_t)i);
	int32_t who = named_at(doc, h, true);
	int32_t hm = doc->tok_mention[i];
	if (who >= 0 && hm >= 0 && doc->mentions[hm].how == MH_TITLE)
		return title_near(doc, who, (size_t)doc->mentions[hm].tok_start);
	if (who >= 0)
		return who;
	/* "Ben Sasse" under a title head: a name among its dependents */
	for (int32_t c = doc->syn.child[h]; c >= 0; c = doc->syn.sibling[c])
		if ((px_syn_rel_is(doc, (size_t)c, "flat") ||
		     px_syn_rel_is(doc, (size_t)c, "compound")) &&
		    per_entity(doc, (size_t)c) && (who = named_at(doc, (size_t)c, false)) >= 0)
			return who;
	/* "the Republican said": a capitalised person title with "the" is a
	 * role noun like "the senator" */
	int32_t det0 = child_with(doc, h, "det");
	int32_t dt0 = det0 >= 0 ? px_syn_tok(doc, (size_t)det0) : -1;
	const px_lex_entry *te0;
	bool titled = px_syn_upos(doc, h) == LN_UPOS_PROPN && !plural_name(doc, h) && dt0 >= 0 &&
	              (px_speech_class_at(doc, (size_t)dt0) & SP_DEFINITE) &&
	              px_lex_match(doc, (size_t)i, LX_TITLE, &te0) == 1 &&
	              doc->dict->titles[te0->ref].person;
	if (px_syn_upos(doc, h) != LN_UPOS_NOUN && !titled)
		return -1;
	/* "said former Utah governor Michael Leavitt", parsed with the role
	 * noun as the subject: a bare role noun right before a person's name
	 * titles that name */
	if (child_with(doc, h, "det") < 0 && child_with(doc, h, "nmod:poss") < 0 &&
	    h + 1 < doc->syn.lang.ntok && person_at(doc, h + 1) &&
	    (who = named_at(doc, h + 1, true)) >= 0)
		return who;
	/* "said former secretary of state Jo Roe": the name after the title's
	 * last word */
	if (child_with(doc, h, "det") < 0 && child_with(doc, h, "nmod:poss") < 0) {
		const px_lex_entry *te;
		size_t tl = px_lex_match(doc, (size_t)i, LX_TITLE, &te);
		int32_t nk = tl > 1 ? px_syn_ln(doc, (size_t)i + tl) : -1;
		if (nk >= 0 && person_at(doc, (size_t)nk) &&
		    (who = named_at(doc, (size_t)nk, true)) >= 0)
			return who;
	}
	/* "the senator", "X's spokesman": the last person with that title */
	bool definite = child_with(doc, h, "nmod:poss") >= 0;
	int32_t det = child_with(doc, h, "det");
	if (det >= 0) {
		int32_t dt = px_syn_tok(doc, (size_t)det);
		definite = dt >= 0 && (px_speech_class_at(doc, (size_t)dt) & SP_DEFINITE);
	}
	if (!definite)
		return -1;
	const px_lex_entry *e;
	size_t start = (size_t)i;
	for (int32_t c = doc->syn.child[h]; c >= 0; c = doc->syn.sibling[c]) {
		int32_t ct = px_syn_tok(doc, (size_t)c);
		if (ct >= 0 && (size_t)ct < start && px_syn_rel_is(doc, (size_t)c, "compound"))
			start = (size_t)ct;
	}
	/* "the former president": an office held no longer names only someone
	 * met with that modifier and office ("former President Ada Roe"); with
	 * none met, the person the story is about, as for a role noun */
	for (int32_t c = doc->syn.child[h]; c >= 0; c = doc->syn.sibling[c]) {
		int32_t ct = px_syn_tok(doc, (size_t)c);
		if (ct >= 0 && (size_t)ct < (size_t)i &&
		    px_lex_match(doc, (size_t)ct, LX_TITLE, &e) &&
		    doc->dict->titles[e->ref].modifier) {
			who = former_holder(doc, (size_t)ct, (size_t)i);
			return who >= 0 ? who : former_in_focus(doc, ctx, (size_t)ct, (size_t)i);
		}
	}
	who = -1;
	for (size_t s = start; s <= (size_t)i && who < 0; s++) {
		size_t n = px_lex_match(doc, s, LX_TITLE, &e);
		if (n && s + n > (size_t)i && doc->dict->titles[e->ref].person)
			who = px_person_by_title(doc, s, doc->dict->titles[e->ref].canonical, NULL);
	}
	if (who >= 0)
		who = title_near(doc, who, (size_t)i);
	/* "the Democratic nominee", "the senator" with no holder named: the
	 * person the story is about, as for a pronoun (of the noun's gender:
	 * "the businessman" is a he) */
	if (who < 0 && (ln_class(doc, h) & SP_ROLE)) {
		int want = pronoun_gender(doc, (size_t)i);
		who = person_referent(doc, ctx, (size_t)i, want);
		/* "Mayor Jo Roe ... "A," the Republican presidential candidate
		 * said": an epithet, a role noun a word before it narrows, that
		 * does not fit the nearer person's title is the story's main
		 * person when that one is met far more often */
		const px_lex_entry *re;
		const char *held = who >= 0 ? doc->actors[who].title_head : NULL;
		bool narrowed = held && px_syn_rel_is(doc, h, "nsubj") &&
		                px_lex_match(doc, (size_t)i, LX_TITLE, &re) == 1 &&
		                strcmp(held, doc->dict->titles[re->ref].canonical);
		bool modified = false;
		for (int32_t c = doc->syn.child[h]; c >= 0; c = doc->syn.sibling[c])
			modified |= (size_t)c < h && (px_syn_rel_is(doc, (size_t)c, "amod") ||
			                              px_syn_rel_is(doc, (size_t)c, "compound"));
		int32_t main = narrowed && modified ? main_person_before(doc, (size_t)i, want) : -1;
		if (main >= 0 && who >= 0 && main != who &&
		    mentions_before(doc, main, (size_t)i) >=
		        EPITHET_MARGIN * mentions_before(doc, who, (size_t)i))
			who = main;
	}
	return who;
}

/* "the senator", "the New York businessman" as an event's party: a
 * definite common noun for a person, read as a speaker's subject is
 * (subject_actor) but with no running attribution to lean on. */
int32_t px_role_noun_person(px_doc *doc, size_t k)
{
	const char *xpos = doc->syn.ok ? px_syn_xpos(doc, k) : NULL;
	/* "the candidates": many people, not one */
	if (!xpos || strcmp(xpos, "NN") || px_syn_upos(doc, k) != LN_UPOS_NOUN ||
	    child_with(doc, k, "appos") >= 0)
		return -1;
	int32_t det = child_with(doc, k, "det");
	int32_t dt = det >= 0 ? px_syn_tok(doc, (size_t)det) : -1;
	if (dt < 0 || !(px_speech_class_at(doc, (size_t)dt) & SP_DEFINITE))
		return -1;
	/* "the Florida senator": a title a place narrows is read by the
	 * speaker rules, which know the running attribution; alone, the last
	 * senator met may be another state's */
	int32_t kt = px_syn_tok(doc, k);
	const px_lex_entry *te;
	if (kt >= 0 && px_lex_match(doc, (size_t)kt, LX_TITLE, &te))
		for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c]) {
			int32_t ct = px_syn_tok(doc, (size_t)c);
			if (ct >= 0 && ct < kt && doc->toks[ct].cap &&
			    (px_syn_rel_is(doc, (size_t)c, "compound") ||
			     px_syn_rel_is(doc, (size_t)c, "amod")))
				return -1;
		}
	px_speaker_ctx none = {.last_speaker = -1};
	int32_t who = subject_actor(doc, &none, k);
	return who >= 0 && px_is_person(doc, who) ? who : -1;
}

/* "the comment", "the remarks": a speech noun (cues.tsv noun) at ln
 * token k with "the" before it and no one named in its phrase. */
bool px_definite_speech_noun(const px_doc *doc, size_t k)
{
	int32_t t = px_syn_tok(doc, k);
	if (t < 0 || px_syn_upos(doc, k) != LN_UPOS_NOUN || !(ln_class(doc, k) & SP_NOUN))
		return false;
	int32_t det = child_with(doc, k, "det");
	int32_t dt = det >= 0 ? px_syn_tok(doc, (size_t)det) : -1;
	return dt >= 0 && (px_speech_class_at(doc, (size_t)dt) & SP_DEFINITE) &&
	       child_with(doc, k, "nmod:poss") < 0 && child_with(doc, k, "compound") < 0 &&
	       child_with(doc, k, "nmod") < 0;
}

/* ln token j lies in the phrase headed by k. */
static bool within(const px_doc *doc, size_t j, size_t k)
{
	int32_t h = (int32_t)j;
	for (int d = 0; h >= 0 && d < 64; d++, h = doc->syn.head[h])
		if ((size_t)h == k)
			return true;
	return false;
}

/* The first ln token of the phrase headed by k: its dependents reached
 * leftwards without a gap, never into a quotation (a parse may hang the
 * quoted words on the speaker's name). */
static size_t leftmost(const px_doc *doc, size_t k)
{
	size_t left = k;
	for (size_t j = k; j-- > 0;) {
		int32_t t = px_syn_tok(doc, j);
		if (t < 0 || doc->toks[t].inq || doc->toks[t].kind == TK_QUOTE)
			break;
		bool punct = px_syn_upos(doc, j) == LN_UPOS_PUNCT;
		if (within(doc, j, k) && !punct)
			left = j;
		else if (!punct)
			break;
	}
	return left;
}

/* The last ln token of the phrase headed by k (its rightmost dependent,
 * recursively; punctuation aside): "a spokeswoman for the ministry". */
static size_t rightmost(const px_doc *doc, size_t k, int depth)
{
	int32_t last = -1;
	for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c])
		if (px_syn_upos(doc, (size_t)c) != LN_UPOS_PUNCT)
			last = c;
	if (last < 0 || (size_t)last < k || depth > 16)
		return k;
	return rightmost(doc, (size_t)last, depth + 1);
}

/* A comma stands before px token t, maybe inside a quotation's closing
 * mark ('titled "The Barn," explaining'). */
static bool comma_before(const px_doc *doc, size_t t)
{
	return (t > 0 && px_tok_char(doc, t - 1, ',')) ||
	       (t > 1 && doc->toks[t - 1].kind == TK_QUOTE && px_tok_char(doc, t - 2, ','));
}

/* The nsubj of ln token k outside quotations (a parse may hang a quoted
 * clause's subject on the speech verb as well).  A verb has one subject;
 * when the parse gives it several before it, the nearest wins unless a
 * comma stands between it and the verb: then it is a noun of a phrase set
 * off between subject and verb ("X, speaking beside her counterpart Y,
 * said") and the first is the subject.  After the verb ("said X"), the
 * nearest. */
static int32_t subject_of(const px_doc *doc, size_t k)
{
	int32_t first = -1, near = -1, after = -1;
	/* "..., saying": a participle set off by a comma has no subject of its
	 * own, whatever noun the parse hangs on it ("for Y, saying") */
	int32_t kt = px_syn_tok(doc, k);
	if (kt > 0 && doc->syn.head[k] >= 0 && !strcmp(px_syn_xpos(doc, k), "VBG") &&
	    px_tok_char(doc, (size_t)kt - 1, ','))
		return -1;
	for (int32_t c = doc->syn.child[k]; c >= 0; c = doc->syn.sibling[c]) {
		int32_t i = px_syn_tok(doc, (size_t)c);
		if (!px_syn_rel_is(doc, (size_t)c, "nsubj") || i < 0 || doc->toks[i].inq)
			continue;
		if ((size_t)c < k) {
			if (first < 0)
				first = c;
			near = c; /* children come in text order */
		} else if (after < 0) {
			after = c;
		}
	}
	if (near < 0)
		return after;
	if (near != first)
		for (size_t j = (size_t)near + 1; j < k; j++) {
			int32_t t = px_syn_tok(doc, j);
			if (px_syn_upos(doc, j) == LN_UPOS_PUNCT && t >= 0 &&
			    px_tok_char(doc, (size_t)t, ','))
				return first;
		}
	return near;
}

/* "says Geoffrey Garin, a pollster", "said Huckabee campaign spokesman
 * Hogan Gidley", "said Rubio's deputy campaign manager, Rich Beeson": when
 * the parse gave the verb no subject, the person that heads the noun
 * phrase right after the cue — the last name of its run of names, titles
 * and modifiers (a name modifying a role noun is not the speaker), past a
 * comma only where a role noun ends before it. */
static int32_t name_after(const px_doc *doc, int32_t k)
{
	const ln_doc *L = &doc->syn.lang;
	int32_t best = -1;
	bool in_name = false;
	for (size_t j = (size_t)k + 1; j < L->ntok && j <= (size_t)k + 2 * NAME_MAX_TOKENS; j++) {
		ln_upos u = px_syn_upos(doc, j);
		/* "exhorted the senator's aide, actress Jo Roe": an article
		 * opening the run */
		if (j == (size_t)k + 1 && u == LN_UPOS_DET)
			continue;
		if (person_at(doc, j)) {
			if (!in_name)
				best = (int32_t)j;
			in_name = true;
			continue;
		}
		/* "said Roe's spokesman": a name before "'s" owns the role noun
		 * that speaks, it does not speak */
		if (in_name && !strcmp(px_syn_xpos(doc, j), "POS"))
			best = -1;
		in_name = false;
		int32_t t = px_syn_tok(doc, j);
		/* "said master of ceremonies Jo Roe": a title of several words,
		 * whatever the parse makes of its words */
		const px_lex_entry *te;
		size_t tl = t >= 0 ? px_lex_match(doc, (size_t)t, LX_TITLE, &te) : 0;
		int32_t tl_last = tl > 1 ? px_syn_ln(doc, (size_t)t + tl - 1) : -1;
		if (tl_last > (int32_t)j) {
			j = (size_t)tl_last;
			continue;
		}
		if (u == LN_UPOS_PROPN || u == LN_UPOS_ADJ || u == LN_UPOS_NOUN ||
		    u == LN_UPOS_PART || u == LN_UPOS_X || !strcmp(px_syn_xpos(doc, j), "VBN"))
			continue;
		/* "said Virginia delegate Jo Roe": a title the parse read as a verb */
		if (tl == 1 && !doc->toks[t].cap)
			continue;
		/* "said Roe's introducer, actress Jo Doe": past the comma to the
		 * person a role noun ends at */
		if (u == LN_UPOS_PUNCT && t >= 0 && px_tok_char(doc, (size_t)t, ',') &&
		    j > (size_t)k + 1 && px_syn_upos(doc, j - 1) == LN_UPOS_NOUN &&
		    j + 1 < L->ntok &&
		    (person_at(doc, j + 1) ||
		     px_person_after_role(doc, (size_t)t + 1,
		                          doc->sents[doc->toks[t].sent].tok_end)))
			continue;
		/* words the tagger misread inside the run: "said Oversight
		 * ranking Democrat Jo Roe", "said Concord resident Jo Roe",
		 * "Auto Workers Secretary-Treasurer", "Gov. and Party Chairman" */
		int32_t tn = j + 1 < L->ntok ? px_syn_tok(doc, j + 1) : -1;
		bool next_cap = tn >= 0 && doc->toks[tn].kind == TK_WORD && doc->toks[tn].cap &&
		                !doc->toks[tn].inq;
		bool linking = u == LN_UPOS_ADP || u == LN_UPOS_DET || u == LN_UPOS_PRON ||
		               u == LN_UPOS_AUX || u == LN_UPOS_ADV || u == LN_UPOS_PART;
		if (t >= 0 && doc->toks[t].kind == TK_WORD && !doc->toks[t].inq &&
		    (doc->toks[t].cap || (next_cap && !linking)) &&
		    !px_speech_verb_at(doc, (size_t)t))
			continue;
		if (t >= 0 && next_cap && px_tok_char(doc, (size_t)t, '-'))
			continue;
		break;
	}
	return best;
}

#define ROLE_REACH 4 /* role words between a modifying name and a person's */

/* A role word between two names: lower-case, no cue or function word, a
 * title ("delegate") or a noun or adjective to the parse. */
static bool role_word(const px_doc *doc, size_t k)
{
	const px_token *t = &doc->toks[k];
	const px_lex_entry *e;
	if (t->kind != TK_WORD || t->inq || px_lex_match(doc, k, LX_CUE, &e))
		return false;
	if (px_lex_match(doc, k, LX_QUOTEWORD, &e) && (e->ref & (QW_MINOR | QW_OBJECT)))
		return false;
	/* "Dock Workers President Jo Roe": a title, capitalised or not */
	if (px_lex_match(doc, k, LX_TITLE, &e))
		return true;
	if (t->cap)
		return false;
	/* "Clinton ally Jo Roe": a common word between two names, whatever
	 * the parse makes of it, but none that links clauses or phrases */
	int32_t l = px_syn_ln(doc, k);
	if (l < 0)
		return false;
	ln_upos u = px_syn_upos(doc, (size_t)l);
	return u == LN_UPOS_NOUN || u == LN_UPOS_ADJ || u == LN_UPOS_ADV;
}

size_t px_person_after_role(const px_doc *doc, size_t j, size_t end)
{
	bool role = false;
	size_t words = 0; /* a title of several tokens counts as one word */
	for (size_t k = j; k < end && words <= ROLE_REACH; k++, words++) {
		int32_t m = doc->tok_mention[k];
		if (m >= 0 && doc->mentions[m].tok_start == k && doc->mentions[m].actor >= 0 &&
		    px_is_person(doc, doc->mentions[m].actor))
			return role ? k : 0;
		/* "Secretary-Treasurer", "master of ceremonies": a title of
		 * several tokens */
		const px_lex_entry *te;
		size_t tl = px_lex_match(doc, k, LX_TITLE, &te);
		if (tl > 1)
			k += tl - 1;
		else if (!role_word(doc, k))
			return 0;
		role = true;
	}
	return 0;
}

/* px token i right before a cue: a person's mention opening the sentence
 * or following a quotation that the parse left out of the clause ("Roe
 * interjected," read as an adjective), or the surname of a person met in
 * full; else -1. */
static int32_t surname_or_person(px_doc *doc, size_t i)
{
	int32_t m = doc->tok_mention[i];
	if (m >= 0 && doc->mentions[m].tok_end == i + 1 && doc->mentions[m].actor >= 0 &&
	    px_is_person(doc, doc->mentions[m].actor)) {
		size_t s = doc->mentions[m].tok_start;
		bool opens = s == doc->sents[doc->toks[s].sent].tok_start ||
		             (s > 0 && doc->toks[s - 1].kind == TK_QUOTE);
		return opens ? doc->mentions[m].actor : -1;
	}
	return px_speaker_surname(doc, i);
}

/* "“A,” Roe's campaign manager, Jo Doe, said in an interview" with
 * the phrase between the quotation and the cue verb hung elsewhere by the
 * parse: the one nominal heading the words from the quotation's end to ln
 * token k, or -1. */
static int32_t subject_before(const px_doc *doc, size_t k)
{
	size_t a = k;
	while (a > 0) {
		int32_t t = px_syn_tok(doc, a - 1);
		if (t < 0 || doc->toks[t].inq)
			break;
		a--;
	}
	int32_t tq = a > 0 ? px_syn_tok(doc, a - 1) : -1;
	if (a == k || tq < 0 || !doc->toks[tq].inq || k - a > 2 * NAME_MAX_TOKENS)
		return -1;
	int32_t best = -1;
	for (size_t j = a; j < k; j++) {
		int32_t h = doc->syn.head[j];
		ln_upos u = px_syn_upos(doc, j);
		/* (", 66,": an age after the name) */
		if ((h >= (int32_t)a && h < (int32_t)k) || u == LN_UPOS_PUNCT ||
		    (u == LN_UPOS_NUM && best >= 0))
			continue;
		if (best >= 0 || (u != LN_UPOS_NOUN && u != LN_UPOS_PROPN && u != LN_UPOS_PRON))
			return -1;
		best = (int32_t)j;
	}
	return best;
}

/* "“A,” said the New York businessman", the parse's object of the cue (px
 * token cue, ln token k) a role noun right after it: the speaker, when
 * nothing but a quotation, a comma or the sentence's start comes before
 * the cue. */
static int32_t inverted_role(const px_doc *doc, size_t cue, int32_t k)
{
	if (cue > 0 && !doc->toks[cue - 1].inq && doc->toks[cue - 1].kind != TK_QUOTE &&
	    !px_tok_char(doc, cue - 1, ',') && doc->toks[cue - 1].sent == doc->toks[cue].sent)
		return -1;
	int32_t obj = child_with(doc, (size_t)k, "obj");
	if (obj < 0 || obj <= k || obj > k + NAME_MAX_TOKENS)
		return -1;
	for (int32_t j = k + 1; j < obj; j++)
		if (doc->syn.head[j] != obj && !within(doc, (size_t)j, (size_t)obj))
			return -1;
	int32_t ot = px_syn_tok(doc, (size_t)obj);
	const px_lex_entry *te;
	bool role = (ln_class(doc, (size_t)obj) & SP_ROLE) ||
	            (ot >= 0 && px_lex_match(doc, (size_t)ot, LX_TITLE, &te) &&
	             doc->dict->titles[te->ref].person);
	return role && child_with(doc, (size_t)obj, "det") >= 0 ? obj : -1;
}

/* Ln token k is inside a mention of a person. */
static bool person_tok(const px_doc *doc, int32_t k)
{
	int32_t t = px_syn_tok(doc, (size_t)k);
	int32_t m = t >= 0 ? doc->tok_mention[t] : -1;
	return m >= 0 && doc->mentions[m].actor >= 0 && px_is_person(doc, doc->mentions[m].actor);
}

/* A comma between ln tokens a and b (a < b). */
static bool comma_between(const px_doc *doc, int32_t a, int32_t b)
{
	for (int32_t j = a + 1; j < b; j++) {
		int32_t t = px_syn_tok(doc, (size_t)j);
		if (t >= 0 && px_tok_char(doc, (size_t)t, ','))
			return true;
	}
	return false;
}

/* "... , Speaker of the House Rep. Jo Roe (R-Ohio) said": a cue the parse
 * gave no subject, right after a person's name (a bracketed label between
 * them allowed) — the name is its subject.  Fills out and says so. */
static bool person_right_before(const px_doc *doc, size_t cue, px_said *out)
{
	if (cue < 1 || doc->toks[cue - 1].inq)
		return false;
	size_t j = cue - 1;
	if (px_tok_char(doc, j, ')')) {
		size_t open = j;
		while (open > 0 && j - open < 8 && !px_tok_char(doc, open, '('))
			open--;
		if (!px_tok_char(doc, open, '(') || open == 0)
			return false;
		j = open - 1;
	}
	int32_t m = doc->tok_mention[j];
	if (m < 0 || doc->mentions[m].tok_end != j + 1 ||
	    doc->toks[doc->mentions[m].tok_start].sent != doc->toks[cue].sent)
		return false;
	int32_t who = doc->mentions[m].actor;
	if (who < 0 || !px_is_person(doc, who))
		return false;
	*out = (px_said){true, who, j, doc->mentions[m].tok_start, j + 1};
	return true;
}

bool px_said_by(px_doc *doc, const px_speaker_ctx *ctx, size_t cue, px_said *out)
{
	*out = (px_said){false, -1, 0, 0, 0};
	/* "..., Roe said, adding, '...'": a participle right after a speech
	 * verb and its comma speaks with that verb's subject, whatever clause
	 * the parse hung it on */
	int32_t kc = px_syn_ln(doc, cue);
	if (cue >= 2 && kc >= 0 && !strcmp(px_syn_xpos(doc, (size_t)kc), "VBG") &&
	    px_tok_char(doc, cue - 1, ',') && !doc->toks[cue - 2].inq &&
	    px_speech_verb_at(doc, cue - 2) && px_said_by(doc, ctx, cue - 2, out) &&
	    out->actor >= 0)
		return true;
	*out = (px_said){false, -1, 0, 0, 0};
	int32_t k0 = px_syn_ln(doc, cue);
	if (!doc->syn.ok || k0 < 0)
		return false;
	size_t k = (size_t)k0;
	int32_t subj = -1;
	if (ln_class(doc, k) & SP_SOURCE) {
		/* "according to X": X is the head of the marker */
		subj = doc->syn.head[k];
	} else {
		for (int n = 0; n <= CLIMB_MAX && subj < 0; n++) {
			subj = subject_of(doc, k);
			if (subj >= 0 || doc->syn.head[k] < 0)
				break;
			/* "X smiled and said", "..., saying": the head's subject; "X
			 * urged voters to back Y, saying": through the infinitive */
			bool infinitive =
			    px_syn_rel_is(doc, k, "acl") && !strcmp(px_syn_xpos(doc, k), "VB");
			if (!px_syn_rel_is(doc, k, "conj") && !px_syn_rel_is(doc, k, "xcomp") &&
			    !px_syn_rel_is(doc, k, "advcl") && !infinitive)
				break;
			/* "X said the move was made by Y and said": a speech verb
			 * joined to the clause another speech verb reports shares
			 * that verb's subject; so does a participle set off by a
			 * comma after a clause with no person as its subject ("X
			 * said the book reminds him of Y, explaining, ...") */
			int32_t kt0 = px_syn_tok(doc, k);
			int32_t hs = subject_of(doc, (size_t)doc->syn.head[k]);
			bool participle =
			    px_syn_rel_is(doc, k, "advcl") && !strcmp(px_syn_xpos(doc, k), "VBG") &&
			    kt0 > 0 && comma_before(doc, (size_t)kt0) &&
			    (hs < 0 || (!is_name_tok(doc, (size_t)hs) &&
			                px_syn_upos(doc, (size_t)hs) != LN_UPOS_PRON));
			if (px_syn_rel_is(doc, k, "conj") || participle) {
				int32_t h = doc->syn.head[k], ht = px_syn_tok(doc, (size_t)h);
				int32_t g = doc->syn.head[h],
				        gt = g >= 0 ? px_syn_tok(doc, (size_t)g) : -1;
				if (ht >= 0 && !px_speech_verb_at(doc, (size_t)ht) &&
				    px_syn_rel_is(doc, (size_t)h, "ccomp") && gt >= 0 &&
				    px_speech_verb_at(doc, (size_t)gt) &&
				    (subj = subject_of(doc, (size_t)g)) >= 0)
					break;
			}
			/* "X signaled ... but noted": the nearest conjunct before it
			 * with a subject, even where the parse hangs both on a third */
			if (px_syn_rel_is(doc, k, "conj")) {
				int32_t h = doc->syn.head[k], near = -1;
				for (int32_t c = doc->syn.child[h]; c >= 0 && (size_t)c < k;
				     c = doc->syn.sibling[c])
					if (px_syn_rel_is(doc, (size_t)c, "conj") &&
					    subject_of(doc, (size_t)c) >= 0)
						near = c;
				if (near >= 0) {
					subj = subject_of(doc, (size_t)near);
					break;
				}
			}
			k = (size_t)doc->syn.head[k];
		}
	}
	/* "Jo Roe (D-Nev.) said", the parse's subject the bracketed label:
	 * the name before the bracket */
	if (subj >= 0 && subj < k0) {
		int32_t st0 = px_syn_tok(doc, (size_t)subj);
		if (st0 > 1 && px_tok_char(doc, (size_t)st0 - 1, '(')) {
			int32_t nb = px_syn_ln(doc, (size_t)st0 - 2);
			if (nb >= 0 && person_at(doc, (size_t)nb))
				subj = nb;
		}
	}
	bool after = subj < 0 || subj > k0;
	/* "Obama himself said"; "Roe, herself a delegate, ..." */
	if (subj > 0 && (ln_class(doc, (size_t)subj) & SP_SELF)) {
		if (is_name_tok(doc, (size_t)subj - 1))
			subj = subj - 1;
		else if (subj > 1 && px_syn_upos(doc, (size_t)subj - 1) == LN_UPOS_PUNCT &&
		         (is_name_tok(doc, (size_t)subj - 2) || person_at(doc, (size_t)subj - 2)))
			subj = subj - 2;
	}
	if (subj < 0)
		subj = name_after(doc, k0);
	if (subj < 0)
		subj = inverted_role(doc, cue, k0);
	if (subj < 0)
		subj = subject_before(doc, (size_t)k0);
	/* the parse's subject a word that is no one, set off from the cue by
	 * a comma ("Tuesday, while ..., Rep. Jo Roe said"): the name right
	 * before the cue */
	if (subj >= 0 && subj < k0 && px_syn_upos(doc, (size_t)subj) == LN_UPOS_PROPN &&
	    !person_tok(doc, subj) && comma_between(doc, subj, k0) &&
	    person_right_before(doc, cue, out))
		return true;
	if (subj < 0 && person_right_before(doc, cue, out))
		return true;
	/* "Roe said the report was bad. Adding, \"...\"": a participle opening
	 * its sentence goes on with the speaker of the sentence before */
	if (subj < 0 && !strcmp(px_syn_xpos(doc, (size_t)k0), "VBG") &&
	    doc->sents[doc->toks[cue].sent].tok_start == cue && doc->toks[cue].sent > 0) {
		const px_sentence *ps = &doc->sents[doc->toks[cue].sent - 1];
		size_t best = cue;
		int best_depth = 1 << 20;
		/* (its speech verb nearest the root: "after the interview
		 * concluded, Roe stated") */
		for (size_t i = ps->tok_start;
		     ps->para == doc->sents[doc->toks[cue].sent].para && i < ps->tok_end; i++) {
			int32_t ki = px_syn_ln(doc, i);
			int d = ki >= 0 ? depth_of(doc, (size_t)ki) : 1 << 20;
			if (!doc->toks[i].inq && d < best_depth && px_speech_verb_at(doc, i))
				best = i, best_depth = d;
		}
		if (best != cue && px_said_by(doc, ctx, best, out) && out->actor >= 0)
			return true;
		*out = (px_said){false, -1, 0, 0, 0};
	}
	if (subj < 0) {
		/* "“A,” Read said", "said Baron": a surname of a person met in
		 * full that the tagger took for another word */
		size_t nb = cue > 0 && !doc->toks[cue - 1].inq ? cue - 1 : cue;
		size_t na = cue + 1 < doc->n_toks && !doc->toks[cue + 1].inq ? cue + 1 : cue;
		int32_t who = nb != cue ? surname_or_person(doc, nb) : -1;
		size_t at = nb;
		if (who < 0 && na != cue)
			who = px_speaker_surname(doc, na), at = na;
		if (who < 0 || !px_is_person(doc, who))
			return false;
		*out = (px_said){true, who, at, at, at + 1};
		return true;
	}
	int32_t st = px_syn_tok(doc, (size_t)subj);
	if (st < 0 || doc->toks[st].inq)
		return false;
	out->found = true;
	out->subj_tok = (size_t)st;
	size_t left = leftmost(doc, (size_t)subj);
	int32_t lt = px_syn_tok(doc, left);
	out->subj_start = lt >= 0 && lt <= st ? (size_t)lt : (size_t)st;
	size_t right = rightmost(doc, (size_t)subj, 0);
	int32_t rt = px_syn_tok(doc, right);
	out->subj_end = rt >= st ? (size_t)rt + 1 : (size_t)st + 1;
	out->actor = subject_actor(doc, ctx, (size_t)subj);
	/* "said United Auto Workers Secretary-Treasurer Jo Roe", the parse's
	 * subject the union: the person the run after the cue ends with */
	if (after && (out->actor < 0 || !px_is_person(doc, out->actor))) {
		int32_t na = name_after(doc, k0);
		int32_t who = na >= 0 && na != subj ? named_at(doc, (size_t)na, true) : -1;
		if (who >= 0 && px_is_person(doc, who)) {
			out->actor = who;
			out->subj_tok = (size_t)px_syn_tok(doc, (size_t)na);
			if (out->subj_end <= out->subj_tok)
				out->subj_end = out->subj_tok + 1;
		}
	}
	/* "“A,” Jo Roe, 66, said on Capital Download", the parse's subject
	 * "Download": the one noun phrase between the quotation and the cue */
	int32_t sb;
	if (after && out->actor < 0 && subj > k0 && (sb = subject_before(doc, (size_t)k0)) >= 0) {
		int32_t who = subject_actor(doc, ctx, (size_t)sb);
		int32_t bt = px_syn_tok(doc, (size_t)sb);
		if (who >= 0 && px_is_person(doc, who) && bt >= 0) {
			out->actor = who;
			out->subj_tok = out->subj_start = (size_t)bt;
			out->subj_end = (size_t)bt + 1;
		}
	}
	/* "“A,” Read said": a surname of a person met in full that the
	 * tagger took for another word */
	if (out->actor < 0 && doc->toks[out->subj_tok].cap) {
		int32_t who = px_speaker_surname(doc, out->subj_tok);
		if (who >= 0 && px_is_person(doc, who))
			out->actor = who;
	}
	/* "Texas delegate Bill Eastland said", the parse's subject "Texas";
	 * "Speaker of the House Rep. Jo Roe said", the subject the title */
	if (doc->toks[st].cap && px_syn_upos(doc, (size_t)subj) != LN_UPOS_PRON) {
		int32_t m = doc->tok_mention[st];
		const px_lex_entry *te;
		size_t from = m >= 0 ? doc->mentions[m].tok_end
		              : px_lex_match(doc, (size_t)st, LX_TITLE, &te) > 1 ? (size_t)st
		                                                                 : (size_t)st + 1;
		size_t end = doc->sents[doc->toks[st].sent].tok_end;
		size_t p = px_person_after_role(doc, from, (size_t)st < cue ? cue : end);
		if (p) {
			out->actor = doc->mentions[doc->tok_mention[p]].actor;
			out->subj_tok = p;
			if (out->subj_end <= p)
				out->subj_end = doc->mentions[doc->tok_mention[p]].tok_end;
		}
	}
	return true;
}
