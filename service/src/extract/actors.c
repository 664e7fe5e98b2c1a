/*
 * actors — who is mentioned: people, organisations and countries.
 *
 * Design note
 * -----------
 * A person exists because the text names them.  The dictionary gives a
 * name found in the text its identity (aliases, title, country, CAMEO
 * code); it never introduces a person the text does not name, and an
 * article's own full name beats the dictionary's reading of a surname.
 *
 * Before the scan (three passes over the document, then one left to right):
 *  - headlines: a sentence in title case ("Clinton Wades In, Urges Britain
 *    To Stay") says nothing with its capitals; it creates no one, and its
 *    words only resolve to people named elsewhere;
 *  - credits: names after a credit cue at a line's start ("By", "Reporting
 *    by", "Photo:") or before "contributed to this report" are no actors;
 *  - full names: every run of two or more name words the entity tagger
 *    reads as a person, so that a surname met before its full name (a lead
 *    "Valdebenito said ...") resolves to it.
 *
 * At every token the scan tries, in order:
 *  1. "the senator", "the Russian leader" with no name after it: a title
 *     mention of the last person holding that title (roles.tsv lets a
 *     generic word stand for several offices);
 *  2. the dictionary (people with their aliases, countries, their demonyms
 *     and metonyms, organisations).  A one-word person alias yields to the
 *     article: when it begins a longer name the tagger reads as one person
 *     ("Kim Jong Il"), or when the article names someone else with that
 *     surname ("Elena Lavrov ... Lavrov said");
 *  3. a run of name words (capitalised words, particles — "bin", "van
 *     der" —, hyphenated parts, initials — "J. Gerald Hebert", "Robert F.
 *     Kennedy" —, suffixes — "III", "Jr." —,
 *     at most five words), cut where the tagger says a word is a verb or a
 *     function word ("Like Corker").  It is a person when the tagger marks
 *     it a person (ending in a singular proper noun, and not inside a
 *     longer organisation or place), or a title stands before it ("Special
 *     Envoy ..."), or it starts with a known given name (names.tsv), or a
 *     speech verb follows it, or it is the subject of one before it ("said
 *     Jane Roe"), or an apposition gives it a person's title ("Jane Roe,
 *     the agency's director" / "the party's leader, Jane Roe");
 *  4. a pronoun (he/she and their forms, namewords.tsv) outside quotations.
 *
 * Resolution within the article:
 *  - a one-word name (or a hyphenated or particle-led surname) is the
 *    surname of a person met in full: when several people share it, the
 *    one whose full name was the latest mention of that surname, in this
 *    sentence or the one before, with a verb after it ("former president
 *    Bill Clinton said ... Clinton said" is Bill; "the aide, Ann Roe, who"
 *    is no such mention); else the one already called by that
 *    surname alone, else the one mentioned most, else the one met last
 *    (an article about Hillary Clinton that once names Bill Clinton means
 *    her by "Clinton"); an honorific narrows by gender ("Mrs. Clinton").
 *    Failing that, the full name the article writes nearest before (or
 *    first after) it.  Failing that too, the first word of a full name
 *    ("Miriam", "Dong" of "Dong Xiaolin", "Kim" of "Kim Jong Il");
 *  - a given name alone that resolves to no one is no person ("Vladimir");
 *    a single word becomes a new person only after a person's title or as
 *    the tagger's person that is the subject of its clause, and never as
 *    the first word of a longer name the tagger cut;
 *  - "Sheldon and Miriam Adelson": the given name takes the surname after;
 *  - spelling variants one edit apart with the same first initial are one
 *    person (Yury/Yuri Ushakov, Zelensky/Zelenskyy);
 *  - a pronoun stands for the nearest person before it in its sentence,
 *    else the first person (the subject, as a rule) of the nearest of the
 *    three sentences before that names one; only people agreeing in gender
 *    (from the given name, names.tsv, or a gendered title, titles.tsv)
 *    count; "they" and "it" are not resolved (persons are singular).
 *    Pronoun mentions go into doc->mentions (how MH_PRONOUN) and are
 *    indexed by doc->tok_pronoun, apart from doc->tok_mention, so a later
 *    stage opts in to them.
 *
 * Every mention (name, surname, title, pronoun) is recorded in
 * doc->mentions with its actor; doc->tok_mention maps tokens to the first
 * three kinds.  Capitalised common words never start a name (stopwords.tsv),
 * so "However" or "Wednesday" cannot become people.
 */
#include "extract/internal.h"

#include "core/buf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A full personal name the article writes (tokens [a, b)), found before
 * the scan so that a surname met first resolves to it. */
typedef struct px_fullname {
	uint32_t a, b;
	uint8_t gender; /* as px_actor.gender */
} px_fullname;

/* The scan's working state (doc->scan while px_find_actors runs). */
struct px_actor_scan {
	px_fullname *fullnames;
	size_t n_fullnames, cap_fullnames;
	uint8_t *sent_headline; /* per sentence: 1 a title-case headline */
	uint8_t *credit;        /* per token: 1 inside a byline or credit */
};

static bool tok_word(const px_doc *doc, size_t i)
{
	return i < doc->n_toks && doc->toks[i].kind == TK_WORD;
}

static bool same_sentence(const px_doc *doc, size_t a, size_t b)
{
	return a < doc->n_toks && b < doc->n_toks && doc->toks[a].sent == doc->toks[b].sent;
}

bool px_is_person(const px_doc *doc, int32_t actor)
{
	return actor >= 0 && !strcmp(doc->actors[actor].kind, vocab_actor_kinds[KIND_PERSON]);
}

/* ------------------------------------------------------------ names */

static const char *last_word(const char *name)
{
	const char *sp = strrchr(name, ' ');
	return sp ? sp + 1 : name;
}

/* Case-insensitive: equal up to one insertion, deletion or substitution. */
static bool within_one_edit(const char *a, size_t la, const char *b, size_t lb)
{
	if (la > lb)
		return within_one_edit(b, lb, a, la);
	if (lb - la > 1)
		return false;
	size_t i = 0, j = 0;
	int diff = 0;
	while (i < la && j < lb) {
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[j])) {
			if (++diff > 1)
				return false;
			if (la == lb)
				i++;
			j++;
		} else {
			i++, j++;
		}
	}
	return diff + (int)(lb - j) <= 1;
}

/* "Lee Jae-myung", "Moon Jae-in": a hyphenated given name with a lower-case
 * second part after a one-word family name, which is the one used alone
 * ("Lee said").  "Lloyd-Jones" (upper case after the hyphen) is a surname. */
static bool family_name_first(const char *name, size_t *family_len)
{
	const char *sp = strchr(name, ' ');
	if (!sp || strchr(sp + 1, ' '))
		return false;
	const char *h = strchr(sp + 1, '-');
	if (!h || !islower((unsigned char)h[1]))
		return false;
	*family_len = (size_t)(sp - name);
	return true;
}

static bool surname_matches(const char *name, const char *word, size_t n)
{
	size_t fl;
	if (family_name_first(name, &fl))
		return fl == n && !strncasecmp(name, word, n);
	const char *last = last_word(name);
	size_t ll = strlen(last);
	if (ll == n && !strncasecmp(last, word, n))
		return true;
	return n >= 5 && ll >= 5 && within_one_edit(last, ll, word, n);
}

static bool starts_with_given_name(const px_dict *d, const char *name);

/* SHORT, of two words or more and not begun by a given name, is the last
 * words of LONG: a compound surname written without the given names
 * ("Peña Nieto" of "Enrique Peña Nieto", "Van Hollen" of "Chris Van
 * Hollen").  "Hillary Clinton" is no surname of "Unlike Hillary Clinton". */
static bool name_tail_of(const px_dict *d, const char *shrt, const char *lng)
{
	size_t ls = strlen(shrt), ll = strlen(lng);
	return strchr(shrt, ' ') && ll > ls + 1 && lng[ll - ls - 1] == ' ' &&
	       !strcasecmp(lng + ll - ls, shrt) && !starts_with_given_name(d, shrt);
}

/* Full names are the same person when surnames match (to one edit) and
 * first initials agree (Yury/Yuri, Zelensky/Zelenskyy), or when one is a
 * compound surname that ends the other. */
static bool same_person_name(const px_dict *d, const char *a, const char *b)
{
	if (!strcasecmp(a, b) || name_tail_of(d, a, b) || name_tail_of(d, b, a))
		return true;
	const char *la = last_word(a);
	if (!surname_matches(b, la, strlen(la)))
		return false;
	bool a_single = la == a, b_single = last_word(b) == b;
	return a_single || b_single || tolower((unsigned char)a[0]) == tolower((unsigned char)b[0]);
}

/* ------------------------------------------------------------ actor table */

static void add_alias(px_actor *a, const char *s, size_t n)
{
	if (strlen(a->name) == n && !strncmp(a->name, s, n))
		return;
	for (size_t i = 0; i < a->n_aliases; i++)
		if (strlen(a->aliases[i]) == n && !strncmp(a->aliases[i], s, n))
			return;
	*VEC_PUSH(a->aliases, a->n_aliases, a->cap_aliases) = xstrndup(s, n);
}

static char *dup_opt(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* Whether the names table knows the first word of NAME as a given name. */
static bool starts_with_given_name(const px_dict *d, const char *name)
{
	px_doc tmp = {.dict = d};
	px_tokenize(name, 0, strlen(name), &tmp.toks, &tmp.n_toks, &tmp.cap_toks);
	tmp.text.s = (char *)name;
	const px_lex_entry *e = NULL;
	bool given = tmp.n_toks > 1 && px_lex_match(&tmp, 0, LX_FIRSTNAME, &e);
	free(tmp.toks);
	return given;
}

/* The gender of a person's given name, when the names table knows it. */
static uint8_t gender_of_name(const px_dict *d, const char *name)
{
	px_doc tmp = {.dict = d};
	px_tokenize(name, 0, strlen(name), &tmp.toks, &tmp.n_toks, &tmp.cap_toks);
	tmp.text.s = (char *)name;
	const px_lex_entry *e = NULL;
	uint8_t g = tmp.n_toks > 1 && px_lex_match(&tmp, 0, LX_FIRSTNAME, &e) ? (uint8_t)e->ref : 0;
	free(tmp.toks);
	return g;
}

static int32_t new_actor(px_doc *doc, const char *name, const char *kind)
{
	px_actor *a = VEC_PUSH(doc->actors, doc->n_actors, doc->cap_actors);
	memset(a, 0, sizeof *a);
	a->name = xstrdup(name);
	a->kind = xstrdup(kind);
	a->dict_id = -1;
	a->country_id = -1;
	if (!strcmp(kind, vocab_actor_kinds[KIND_PERSON]))
		a->gender = gender_of_name(doc->dict, name);
	return (int32_t)(doc->n_actors - 1);
}

/* The canonical head of a title phrase ("Kremlin spokesman" -> "spokesperson"). */
static char *title_head_of(const px_dict *d, const char *title)
{
	if (!title)
		return NULL;
	px_doc tmp = {.dict = d};
	px_tokenize(title, 0, strlen(title), &tmp.toks, &tmp.n_toks, &tmp.cap_toks);
	tmp.text.s = (char *)title;
	char *head = NULL;
	for (size_t i = 0; i < tmp.n_toks;) {
		const px_lex_entry *e;
		size_t n = px_lex_match(&tmp, i, LX_TITLE, &e);
		if (n && d->titles[e->ref].modifier) {
			free(head); /* a former president is not "the president" */
			free(tmp.toks);
			return NULL;
		}
		if (n) {
			free(head);
			head = xstrdup(d->titles[e->ref].canonical);
			i += n;
		} else {
			i++;
		}
	}
	free(tmp.toks);
	return head;
}

/* The dictionary's title holds at the article's date (any date when the
 * date or the title's terms are unknown). */
static bool title_held(const px_doc *doc, const px_dict_actor *da)
{
	int day;
	if (!da->n_terms || !px_date_days(&doc->published, &day))
		return true;
	for (size_t k = 0; k < da->n_terms; k++)
		if (day >= da->title_since[k] && day <= da->title_until[k])
			return true;
	return false;
}

static int32_t actor_for_dict(px_doc *doc, uint32_t id)
{
	for (size_t i = 0; i < doc->n_actors; i++)
		if (doc->actors[i].dict_id == (int32_t)id)
			return (int32_t)i;
	const px_dict_actor *da = &doc->dict->actors[id];
	int32_t k = new_actor(doc, da->name, da->kind);
	px_actor *a = &doc->actors[k];
	a->dict_id = (int32_t)id;
	/* today's title only when it was held at the article's date: "Trump"
	 * in a 2016 article was no president */
	if (title_held(doc, da)) {
		a->title = dup_opt(da->title);
		a->title_head = title_head_of(doc->dict, da->title);
	}
	a->country = dup_opt(da->country);
	a->cameo = dup_opt(da->cameo);
	return k;
}

static int32_t actor_for_country(px_doc *doc, uint32_t id)
{
	for (size_t i = 0; i < doc->n_actors; i++)
		if (doc->actors[i].country_id == (int32_t)id)
			return (int32_t)i;
	const px_country *c = &doc->dict->countries[id];
	int32_t k = new_actor(doc, c->name, vocab_actor_kinds[KIND_COUNTRY]);
	px_actor *a = &doc->actors[k];
	a->country_id = (int32_t)id;
	a->country = xstrdup(c->iso3);
	a->cameo = xstrdup(c->cameo);
	return k;
}

/* An unknown person: joins a person already met with a compatible name. */
static int32_t actor_for_person(px_doc *doc, const char *name)
{
	for (size_t i = 0; i < doc->n_actors; i++) {
		px_actor *a = &doc->actors[i];
		if (!px_is_person(doc, (int32_t)i))
			continue;
		if (same_person_name(doc->dict, a->name, name)) {
			/* a longer spelling of a pattern-found name becomes the name */
			if (a->dict_id < 0 && strchr(name, ' ') &&
			    (!strchr(a->name, ' ') || name_tail_of(doc->dict, a->name, name))) {
				add_alias(a, a->name, strlen(a->name));
				free(a->name);
				a->name = xstrdup(name);
			} else {
				add_alias(a, name, strlen(name));
			}
			return (int32_t)i;
		}
		for (size_t k = 0; k < a->n_aliases; k++)
			if (!strcasecmp(a->aliases[k], name))
				return (int32_t)i;
	}
	return new_actor(doc, name, vocab_actor_kinds[KIND_PERSON]);
}

void px_add_mention(px_doc *doc, size_t a, size_t b, int32_t actor, uint8_t how)
{
	px_mention *m = VEC_PUSH(doc->mentions, doc->n_mentions, doc->cap_mentions);
	m->tok_start = (uint32_t)a;
	m->tok_end = (uint32_t)b;
	m->actor = actor;
	m->how = how;
	for (size_t i = a; i < b; i++)
		(how == MH_PRONOUN ? doc->tok_pronoun : doc->tok_mention)[i] =
		    (int32_t)(doc->n_mentions - 1);
	doc->actors[actor].n_mentions++;
	if (how == MH_NAME || how == MH_SURNAME) {
		const char *surface = doc->text.s + doc->toks[a].start;
		add_alias(&doc->actors[actor], surface, doc->toks[b - 1].end - doc->toks[a].start);
	}
}

/* ------------------------------------------------------------ name shapes */

static bool is_stop(const px_doc *doc, size_t i)
{
	const px_lex_entry *e;
	return px_lex_match(doc, i, LX_STOP, &e) == 1;
}

/* A capitalised word that may be part of a personal name. */
static bool name_token(const px_doc *doc, size_t i)
{
	if (!tok_word(doc, i) || !doc->toks[i].cap)
		return false;
	const px_token *t = &doc->toks[i];
	if (t->allcaps && t->end - t->start > 3)
		return false;
	if (t->end - t->start < 2 || is_stop(doc, i))
		return false;
	const px_lex_entry *e;
	if (px_lex_match(doc, i, LX_TITLE | LX_COUNTRY | LX_DEMONYM | LX_METONYM | LX_PLACE, &e))
		return false;
	return true;
}

static int nameword_at(const px_doc *doc, size_t i, size_t *len)
{
	const px_lex_entry *e;
	size_t n = px_lex_match(doc, i, LX_NAMEWORD, &e);
	if (len)
		*len = n;
	return n ? (int)e->ref : -1;
}

/* Token i is a one-word name word of class w (namewords.tsv). */
static bool is_nameword(const px_doc *doc, size_t i, int w)
{
	size_t n;
	return nameword_at(doc, i, &n) == w && n == 1;
}

/* A name particle ("bin", "van", "el"; capitalised too: "Le Pen"). */
static bool is_particle(const px_doc *doc, size_t i)
{
	size_t n;
	return tok_word(doc, i) && nameword_at(doc, i, &n) == NW_PARTICLE && n == 1;
}

/* Length in tokens of the personal-name run at i (0: none): capitalised
 * words, hyphenated parts ("Jong-un") and name particles, at most 4 words. */
static bool same_person_entity(const px_doc *doc, size_t i, size_t j);

/* Token i is an initial with its dot before a name word: the "F." of
 * "John F. Kennedy". */
static bool initial_at(const px_doc *doc, size_t i)
{
	const px_token *t = &doc->toks[i];
	return t->kind == TK_WORD && t->end - t->start == 1 &&
	       isupper((unsigned char)doc->text.s[t->start]) && px_tok_char(doc, i + 1, '.') &&
	       name_token(doc, i + 2);
}

static size_t name_run(const px_doc *doc, size_t i)
{
	size_t j = i + 1, words = 1;
	/* a leading initial before two name words: "J. Gerald Hebert" */
	if (initial_at(doc, i) && same_sentence(doc, i, i + 3) && name_token(doc, i + 3))
		j = i + 2, words = 0;
	else if (!name_token(doc, i))
		return 0;
	/* five words: "Mohammed bin Abdulrahman Al Thani" */
	while (j < doc->n_toks && same_sentence(doc, i, j) && words < 5) {
		const px_token *t = &doc->toks[j];
		bool hyphen = t->end - t->start == 1 && doc->text.s[t->start] == '-' &&
		              t->start == doc->toks[j - 1].end && tok_word(doc, j + 1) &&
		              doc->toks[j + 1].start == t->end;
		if (hyphen) {
			j += 2;
			continue;
		}
		/* a middle initial: "John F. Kennedy" */
		if (initial_at(doc, j)) {
			j += 2;
			continue;
		}
		/* "bin Salman", "van der Berg": particles, then a name word */
		size_t p = j;
		while (p < j + 3 && is_particle(doc, p))
			p++;
		if (p > j && name_token(doc, p)) {
			words += p - j + 1;
			j = p + 1;
			continue;
		}
		/* "Abdel Fattah el-Sisi" */
		if (is_particle(doc, j) && px_tok_char(doc, j + 1, '-') && name_token(doc, j + 2) &&
		    doc->toks[j + 1].start == doc->toks[j].end) {
			j += 3, words++;
			continue;
		}
		/* "Mark Cuban", "Steve Israel": a demonym, country or place as the
		 * surname after a given name, the tagger reading both as one person */
		const px_lex_entry *ge;
		if (j == i + 1 && tok_word(doc, j) && doc->toks[j].cap && !doc->toks[j].allcaps &&
		    px_lex_match(doc, i, LX_FIRSTNAME, &ge) == 1 &&
		    px_lex_match(doc, j, LX_COUNTRY | LX_DEMONYM | LX_METONYM | LX_PLACE, &ge) ==
		        1 &&
		    !px_lex_match(doc, j, LX_TITLE, &ge) && same_person_entity(doc, i, j) &&
		    !(tok_word(doc, j + 1) && doc->toks[j + 1].cap)) {
			j++, words++;
			break;
		}
		/* "Joe Manchin III", "Martin Luther King Jr." */
		size_t sl;
		if (words >= 2 && (j == i + 1 || doc->toks[j - 1].kind == TK_WORD) &&
		    nameword_at(doc, j, &sl) == NW_SUFFIX && doc->toks[j].cap) {
			j += sl;
			break;
		}
		if (!name_token(doc, j))
			break;
		j++, words++;
	}
	return j - i;
}

static bool cue_at(const px_doc *doc, size_t i)
{
	const px_lex_entry *e;
	return px_lex_match(doc, i, LX_CUE, &e) > 0;
}

/* ------------------------------------------------------------ titles before a name */

typedef struct pretitle {
	size_t start;     /* first token of "Russian Foreign Minister" */
	const char *head; /* canonical title, NULL when none */
	int32_t country;  /* dict country from a demonym or country name, -1 */
	bool person_title;
	bool modified;  /* "former Secretary of State": held no longer */
	bool honorific; /* "Mr.": vouches, records nothing */
	uint8_t gender; /* the title's gender ("Mrs.", "congresswoman"), 0 none */
} pretitle;

/* The possessive ending "'s" to the tagger (none without models). */
static bool possessive(const px_doc *doc, size_t i)
{
	int32_t k = px_syn_ln(doc, i);
	return k >= 0 && !strcmp(px_syn_xpos(doc, (size_t)k), "POS");
}

/* Reads the title words that end right before token end. */
static pretitle pretitle_before(const px_doc *doc, size_t end)
{
	pretitle pt = {end, NULL, -1, false, false, false, 0};
	size_t i = end;
	/* walk back over title words, demonyms, country names and organisations */
	while (i > 0 && same_sentence(doc, i - 1, end ? end - 1 : 0)) {
		size_t found = 0;
		const px_lex_entry *e = NULL;
		for (size_t len = 1; len <= 3 && len <= i; len++) {
			const px_lex_entry *c;
			size_t n = px_lex_match(
			    doc, i - len,
			    LX_TITLE | LX_DEMONYM | LX_COUNTRY | LX_METONYM | LX_ACTOR, &c);
			if (n == len) {
				found = len;
				e = c;
			}
		}
		/* "Oman's Foreign Minister": a possessive country before the title */
		if (!found && pt.head && i >= 2 && possessive(doc, i - 1)) {
			const px_lex_entry *c;
			size_t n = px_lex_match(doc, i - 2, LX_COUNTRY | LX_METONYM, &c);
			if (n == 1 && pt.country < 0)
				pt.country = (int32_t)c->ref;
			break;
		}
		if (!found)
			break;
		if (e->kind & LX_ACTOR &&
		    strcmp(doc->dict->actors[e->ref].kind, vocab_actor_kinds[KIND_PERSON]) == 0)
			break;
		if (e->kind & LX_TITLE) {
			const px_title *t = &doc->dict->titles[e->ref];
			if (t->modifier && !pt.head)
				break; /* "former" qualifies a title, it is none */
			if (t->modifier)
				pt.modified = true;
			else if (!pt.head) {
				pt.head = t->canonical;
				pt.person_title = t->person;
				pt.honorific = t->honorific;
				pt.gender = t->gender;
			}
		} else if (e->kind & (LX_DEMONYM | LX_COUNTRY)) {
			if (pt.country < 0)
				pt.country = (int32_t)e->ref;
		} else if (!pt.head) {
			break; /* an organisation only counts before a title */
		}
		i -= found;
	}
	/* a title must be the last thing before the name */
	pt.start = pt.head ? i : end;
	return pt;
}

/* The title an article gives a person at its date wins over the
 * dictionary's ("candidate Trump" in 2016), unless it names the same office
 * (the dictionary's wording is kept); the first the article gives stays. */
static void apply_pretitle(px_doc *doc, int32_t actor, const pretitle *pt, size_t name_start)
{
	px_actor *a = &doc->actors[actor];
	if (!pt->head || !px_is_person(doc, actor))
		return;
	if (!a->gender)
		a->gender = pt->gender;
	const char *head = pt->modified ? NULL : pt->head;
	bool same_office = a->title_head && head && !strcmp(a->title_head, head);
	if (!a->title_from_text && !same_office && !pt->honorific) {
		free(a->title);
		free(a->title_head);
		a->title = px_tok_span_dup(doc, pt->start, name_start);
		a->title_head = head ? xstrdup(head) : NULL;
		a->title_tok = (uint32_t)pt->start;
	}
	a->title_from_text = a->title_from_text || !pt->honorific;
	if (!a->country && pt->country >= 0)
		a->country = xstrdup(doc->dict->countries[pt->country].iso3);
	/* "Kremlin" in "Kremlin spokesman X" describes X; it is no mention */
	for (size_t k = pt->start; k < name_start; k++) {
		int32_t m = doc->tok_mention[k];
		if (m >= 0 && doc->mentions[m].actor != actor && doc->mentions[m].actor >= 0) {
			doc->actors[doc->mentions[m].actor].n_mentions--;
			doc->mentions[m].actor = -1;
		}
	}
}

/* ------------------------------------------------------------ title mentions */

/* "the minister" fits a foreign minister; "the president" a president. */
static bool title_fits(const px_dict *d, const char *held, const char *head);

/* Words that refer back to several offices (roles.tsv): "the Russian
 * leader" is the president or the prime minister, "the diplomat" the
 * minister or envoy. */
static bool generic_fits(const px_dict *d, const char *held, const char *head)
{
	for (size_t g = 0; g < d->n_roles; g++) {
		if (strcmp(head, d->roles[g].generic))
			continue;
		for (size_t o = 0; o < d->roles[g].n_offices; o++)
			if (title_fits(d, held, d->roles[g].offices[o]))
				return true;
	}
	return false;
}

static bool title_fits(const px_dict *d, const char *held, const char *head)
{
	if (!held)
		return false;
	size_t n = strlen(held), k = strlen(head);
	return !strcmp(held, head) ||
	       (n > k && held[n - k - 1] == ' ' && !strcmp(held + n - k, head)) ||
	       generic_fits(d, held, head);
}

int32_t px_person_by_title(const px_doc *doc, size_t before_tok, const char *head,
                           const char *country)
{
	for (size_t m = doc->n_mentions; m-- > 0;) {
		const px_mention *mm = &doc->mentions[m];
		if (mm->tok_start >= before_tok || mm->actor < 0 || !px_is_person(doc, mm->actor))
			continue;
		const px_actor *a = &doc->actors[mm->actor];
		if (!title_fits(doc->dict, a->title_head, head) ||
		    (a->title_from_text && a->title_tok >= before_tok))
			continue; /* a title the article gives only later */
		if (country && a->country && strcmp(country, a->country))
			continue;
		return mm->actor;
	}
	return -1;
}

/* "the Kremlin spokesman", "the Russian president", "the foreign minister"
 * with no name after it.  Returns tokens consumed (0: not one). */
static size_t title_mention(px_doc *doc, size_t i)
{
	if (!is_nameword(doc, i, NW_DEFINITE))
		return 0;
	size_t j = i + 1;
	int32_t country = -1;
	const char *head = NULL;
	bool person = false;
	while (j < doc->n_toks && same_sentence(doc, i, j) && j < i + 6) {
		const px_lex_entry *e;
		size_t n = px_lex_match(
		    doc, j, LX_TITLE | LX_DEMONYM | LX_COUNTRY | LX_METONYM | LX_ACTOR, &e);
		if (!n)
			break;
		if (e->kind & LX_TITLE) {
			if (doc->dict->titles[e->ref].modifier)
				return 0; /* "the former president": not whoever holds it now */
			head = doc->dict->titles[e->ref].canonical;
			person = doc->dict->titles[e->ref].person;
		} else if (e->kind & (LX_DEMONYM | LX_COUNTRY)) {
			country = (int32_t)e->ref;
		} else if (e->kind & LX_ACTOR && !strcmp(doc->dict->actors[e->ref].kind,
		                                         vocab_actor_kinds[KIND_PERSON])) {
			break;
		}
		j += n;
	}
	if (!head || !person || name_run(doc, j) ||
	    (j < doc->n_toks && doc->toks[j].kind == TK_QUOTE && name_run(doc, j + 1)))
		return 0;
	const char *iso = country >= 0 ? doc->dict->countries[country].iso3 : NULL;
	int32_t who = px_person_by_title(doc, i, head, iso);
	if (who < 0)
		return 0;
	px_add_mention(doc, i, j, who, MH_TITLE);
	return j - i;
}

/* ------------------------------------------------------------ the scan */

static int32_t resolve_surname(px_doc *doc, size_t a, size_t b, uint8_t want);
static bool same_person_entity(const px_doc *doc, size_t i, size_t j);
static int32_t resolve_given_name(px_doc *doc, size_t i);

static bool dictionary_mention(px_doc *doc, size_t i, size_t *used)
{
	const px_lex_entry *e;
	size_t n = px_lex_match(doc, i, LX_ACTOR | LX_COUNTRY | LX_METONYM | LX_DEMONYM, &e);
	if (!n || !(doc->toks[i].cap || doc->toks[i].allcaps))
		return false;
	/* "Russian officials" stand for Russia; "Russian-speaking" does not, and
	 * "Russian President X" is only X's affiliation (apply_pretitle drops it) */
	if ((e->kind & (LX_ACTOR | LX_COUNTRY | LX_METONYM)) == 0 && px_tok_char(doc, i + n, '-') &&
	    doc->toks[i + n].start == doc->toks[i + n - 1].end)
		return false;
	pretitle pt = pretitle_before(doc, i);
	bool surname = n == 1 && (e->kind & LX_ACTOR) &&
	               !strcmp(doc->dict->actors[e->ref].kind, vocab_actor_kinds[KIND_PERSON]);
	if (surname) {
		/* a surname the dictionary knows that begins a longer name the
		 * tagger reads as one person is that other name ("Kim Jong Il") */
		if (name_token(doc, i + 1) && doc->toks[i + 1].cap &&
		    same_person_entity(doc, i, i + 1))
			return false;
		/* the article's own full name wins over the dictionary's: "Clinton"
		 * after "Hillary Clinton" is she, whoever the table calls Clinton */
		int32_t own = resolve_surname(doc, i, i + 1, pt.gender);
		if (own < 0) /* "Kim" after "Kim Jong Il": a family name written first */
			own = resolve_given_name(doc, i);
		if (own >= 0 && doc->actors[own].dict_id != (int32_t)e->ref) {
			px_add_mention(doc, i, i + 1, own, MH_SURNAME);
			apply_pretitle(doc, own, &pt, i);
			*used = 1;
			return true;
		}
	}
	/* "Cuban said" after "Mark Cuban", "Paris said" after "Jeremy Paris": a
	 * demonym or place that is the surname of someone named in full, as a
	 * clause's subject, is that person */
	if (n == 1 && !(e->kind & LX_ACTOR)) {
		int32_t k = px_syn_ln(doc, i);
		int32_t own = k >= 0 && px_syn_rel_is(doc, (size_t)k, "nsubj") &&
		                      !(i + 1 < doc->n_toks && doc->toks[i + 1].cap)
		                  ? resolve_surname(doc, i, i + 1, pt.gender)
		                  : -1;
		if (own >= 0 && px_is_person(doc, own)) {
			px_add_mention(doc, i, i + 1, own, MH_SURNAME);
			*used = 1;
			return true;
		}
	}
	/* a person's name may run on ("Donald J. Trump" is in the table; "Kim Jong Un" too) */
	int32_t actor =
	    (e->kind & LX_ACTOR) ? actor_for_dict(doc, e->ref) : actor_for_country(doc, e->ref);
	if (surname) {
		/* a known surname after another given name is someone else: "Jane Peskov" */
		const px_lex_entry *fn;
		if (i > 0 && same_sentence(doc, i - 1, i) && name_token(doc, i - 1) &&
		    !doc->toks[i - 1].inq && doc->tok_mention[i - 1] < 0 &&
		    px_lex_match(doc, i - 1, LX_FIRSTNAME, &fn))
			return false;
	}
	px_add_mention(doc, i, i + n, actor, MH_NAME);
	apply_pretitle(doc, actor, &pt, i);
	*used = n;
	return true;
}

static int32_t run_head(const px_doc *doc, size_t a, size_t b);

#define DESC_REACH 40 /* tokens of a description between a name and its cue */

/* Token i follows a closing quotation mark: a mark glued to the word or
 * punctuation before it and set off from token i ('...," Fred Kagan'). */
static bool after_closing_mark(const px_doc *doc, size_t i)
{
	return i > 1 && i < doc->n_toks && doc->toks[i - 1].kind == TK_QUOTE &&
	       doc->toks[i - 1].start == doc->toks[i - 2].end &&
	       doc->toks[i].start > doc->toks[i - 1].end;
}

static bool vouched_name(const px_doc *doc, size_t i, size_t n, const pretitle *pt)
{
	const px_lex_entry *e;
	if (pt->head && pt->person_title)
		return true;
	if (n >= 2 && px_lex_match(doc, i, LX_FIRSTNAME, &e) == 1)
		return true;
	if (n >= 2 && same_sentence(doc, i, i + n) && cue_at(doc, i + n))
		return true;
	/* '"...," Nate Silver, the analyst who founded the site, tweeted': a
	 * name right after a closing mark, set off by commas before a cue */
	if (n >= 2 && after_closing_mark(doc, i) && px_tok_char(doc, i + n, ','))
		for (size_t k = i + n + 1; k < i + n + DESC_REACH && same_sentence(doc, i, k);
		     k++) {
			if (doc->toks[k].kind == TK_QUOTE)
				break;
			if (px_tok_char(doc, k, ',') && k + 1 < doc->n_toks && cue_at(doc, k + 1) &&
			    !doc->toks[k + 1].cap)
				return true;
		}
	/* "said Jane Roe": after a speech verb, as its subject (not "told
	 * Jane Roe", whom it was told) */
	int32_t h = n >= 2 && i > 0 && cue_at(doc, i - 1) ? run_head(doc, i, i + n) : -1;
	if (h >= 0 && px_syn_rel_is(doc, (size_t)h, "nsubj"))
		return true;
	/* an appositive title: "Jane Roe, the agency's director, ..." */
	if (n >= 2 && px_tok_char(doc, i + n, ',') && same_sentence(doc, i, i + n + 1)) {
		size_t j = i + n + 1;
		/* or right after the comma: "Fred Roe, director of the institute," */
		const px_lex_entry *t0;
		if (px_lex_match(doc, j, LX_TITLE, &t0) && doc->dict->titles[t0->ref].person &&
		    !doc->dict->titles[t0->ref].honorific && !doc->toks[j].cap)
			return true;
		if (is_nameword(doc, j, NW_DEFINITE) || is_nameword(doc, j, NW_INDEFINITE)) {
			for (size_t k = j + 1; k < j + 6 && same_sentence(doc, i, k); k++) {
				const px_lex_entry *t;
				if (px_lex_match(doc, k, LX_TITLE, &t) &&
				    doc->dict->titles[t->ref].person)
					return true;
				if (px_tok_char(doc, k, ','))
					break;
			}
		}
	}
	return false;
}

/* ------------------------------------------------------------ the entity tagger */

static bool per_at(const px_doc *doc, size_t i)
{
	return px_syn_ent_type(doc, i) == LN_ENT_PER;
}

static bool per_in(const px_doc *doc, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if (per_at(doc, k))
			return true;
	return false;
}

/* "Fox and Friends", "Smith and Sons": a capitalised word joined by a
 * conjunction to a capitalised word the tagger reads as no entity at all
 * is the first word of a longer name (a show, a firm), not a person.
 * "Sanders and Clinton", "Sanders and Congress" tag both sides. */
static bool first_of_coordinated_name(const px_doc *doc, size_t i)
{
	int32_t c = px_syn_ln(doc, i + 1);
	return c >= 0 && px_syn_upos(doc, (size_t)c) == LN_UPOS_CCONJ && tok_word(doc, i + 2) &&
	       doc->toks[i + 2].cap && !doc->toks[i + 2].allcaps && same_sentence(doc, i, i + 2) &&
	       px_syn_ent_type(doc, i + 2) < 0;
}

/* A one-word name the tagger marks as a person, used as people are: the
 * subject of a clause ("Sanders said", "said Sanders"). */
static bool lone_person(const px_doc *doc, size_t i)
{
	int32_t k = px_syn_ln(doc, i);
	return per_at(doc, i) && k >= 0 && px_syn_rel_is(doc, (size_t)k, "nsubj") &&
	       !first_of_coordinated_name(doc, i);
}

/* The tagger's part of speech allows token i to be part of a name: not a
 * verb or function word ("Like Corker", "Clinton Says").  Without models,
 * anything may. */
static bool name_pos(const px_doc *doc, size_t i)
{
	int32_t k = px_syn_ln(doc, i);
	if (!doc->syn.ok || k < 0)
		return true;
	/* "Fred Kagan" right after a closing quotation mark, "Fred" read as a
	 * verb: the entity tagger's person wins, unless the word is a cue */
	if (px_syn_upos(doc, (size_t)k) == LN_UPOS_VERB && doc->toks[i].cap &&
	    px_syn_ent_type(doc, i) == LN_ENT_PER && !cue_at(doc, i) && after_closing_mark(doc, i))
		return true;
	switch (px_syn_upos(doc, (size_t)k)) {
	case LN_UPOS_PROPN:
	case LN_UPOS_NOUN:
	case LN_UPOS_ADJ:
	case LN_UPOS_X:
	case LN_UPOS_PUNCT:
	case LN_UPOS_SYM: return true;
	default: return false;
	}
}

/* A run the tagger marks (in part) as a person, ending in a proper noun,
 * no word plural ("Ottoman Turks" are a people, not a person). */
static bool tagged_person(const px_doc *doc, size_t a, size_t b);

/* A singular proper noun to the tagger ("Turks" is plural); without
 * models, any word. */
static bool proper_noun(const px_doc *doc, size_t i)
{
	int32_t k = px_syn_ln(doc, i);
	if (!doc->syn.ok || k < 0)
		return true;
	return px_syn_upos(doc, (size_t)k) == LN_UPOS_PROPN &&
	       strcmp(px_syn_xpos(doc, (size_t)k), "NNPS") != 0;
}

/* The ln token of [a, b) whose head lies outside it: the run's head. */
static int32_t run_head(const px_doc *doc, size_t a, size_t b)
{
	int32_t first = px_syn_ln(doc, a), last = px_syn_ln(doc, b - 1);
	if (!doc->syn.ok || first < 0 || last < 0)
		return -1;
	for (int32_t k = first; k <= last; k++) {
		int32_t h = doc->syn.head[k];
		if (h < first || h > last)
			return k;
	}
	return -1;
}

static bool person_title_tok(const px_doc *doc, int32_t k)
{
	int32_t t = px_syn_tok(doc, (size_t)k);
	const px_lex_entry *e;
	return t >= 0 && px_lex_match(doc, (size_t)t, LX_TITLE, &e) &&
	       doc->dict->titles[e->ref].person;
}

/* "the party's leader, Jane Roe," or "Jane Roe, the party's leader,": an
 * apposition with a person's title (the parse says which words pair). */
static bool appos_title(const px_doc *doc, size_t a, size_t b)
{
	int32_t h = run_head(doc, a, b);
	if (h < 0)
		return false;
	if (px_syn_rel_is(doc, (size_t)h, "appos") && doc->syn.head[h] >= 0 &&
	    person_title_tok(doc, doc->syn.head[h]))
		return true;
	for (int32_t c = doc->syn.child[h]; c >= 0; c = doc->syn.sibling[c])
		if (px_syn_rel_is(doc, (size_t)c, "appos") && person_title_tok(doc, c))
			return true;
	return false;
}

/* Tokens [a, b) lie inside a longer organisation, place or other entity
 * ("the James Martin Center for Nonproliferation Studies"): no person. */
static bool inside_other_entity(const px_doc *doc, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++) {
		int t = px_syn_ent_type(doc, k);
		size_t ea, eb;
		if (t >= 0 && t != LN_ENT_PER && px_syn_ent_span(doc, k, &ea, &eb) &&
		    (ea < a || eb > b) && ea <= a && eb >= b)
			return true;
	}
	return false;
}

static bool tagged_person(const px_doc *doc, size_t a, size_t b)
{
	if (!per_in(doc, a, b) || inside_other_entity(doc, a, b))
		return false;
	for (size_t k = a; k < b; k++) {
		int32_t l = px_syn_ln(doc, k);
		if (l >= 0 && !strcmp(px_syn_xpos(doc, (size_t)l), "NNPS"))
			return false;
	}
	return proper_noun(doc, b - 1);
}

/* Tokens i and j lie in one person entity. */
static bool same_person_entity(const px_doc *doc, size_t i, size_t j)
{
	int32_t a = px_syn_ln(doc, i), b = px_syn_ln(doc, j);
	return per_at(doc, i) && per_at(doc, j) && a >= 0 && b >= 0 &&
	       doc->syn.ent[a] == doc->syn.ent[b];
}

/* ------------------------------------------------------------ headlines */

/* Lines in title case ("Clinton Wades In: Urges Britain To Stay"), whose
 * capitals say nothing about names: past the first word, three or
 * more words of four letters or more, at most a quarter of them lower-case, and two or more of the
 * capitalised ones neither inside an entity the tagger found nor known to
 * the dictionary as a name, title or place; and no content word (verb,
 * noun, adjective, adverb) in lower case, as prose full of names has
 * ("Minister X met Minister Y in Oslo on 11 March").  Needs models. */
static void mark_headlines(px_doc *doc)
{
	doc->scan->sent_headline = xcalloc(doc->n_sents + 1, 1);
	if (!doc->syn.ok)
		return;
	/* counted over each line, so "Clinton Wades In: Urges ..." is one */
	for (size_t s = 0; s < doc->n_sents;) {
		size_t e = s + 1;
		while (e < doc->n_sents && doc->sents[e].para == doc->sents[s].para)
			e++;
		size_t words = 0, lower = 0, bare = 0, content_lower = 0;
		for (size_t i = doc->sents[s].tok_start + 1; i < doc->sents[e - 1].tok_end; i++) {
			const px_token *t = &doc->toks[i];
			const px_lex_entry *x;
			/* title case capitalises every content word: a lower-case
			 * verb, noun, adjective or adverb makes the line prose */
			int32_t k = px_syn_ln(doc, i);
			if (t->kind == TK_WORD && !t->cap && k >= 0) {
				ln_upos u = px_syn_upos(doc, (size_t)k);
				if (u == LN_UPOS_VERB || u == LN_UPOS_NOUN || u == LN_UPOS_ADJ ||
				    u == LN_UPOS_ADV)
					content_lower++;
			}
			if (t->kind != TK_WORD || t->end - t->start < 4)
				continue;
			words++;
			if (!t->cap)
				lower++;
			else if (px_syn_ent_type(doc, i) < 0 &&
			         !px_lex_match(doc, i,
			                       LX_ACTOR | LX_COUNTRY | LX_DEMONYM | LX_METONYM |
			                           LX_PLACE | LX_TITLE | LX_FIRSTNAME,
			                       &x))
				bare++;
		}
		bool headline = words >= 3 && lower * 4 <= words && bare >= 2 && !content_lower;
		memset(doc->scan->sent_headline + s, headline, e - s);
		s = e;
	}
}

/* ------------------------------------------------------------ credits */

/* Token i opens its line: only blanks between it and the line's start,
 * or an opening "(", ";" or "|" ("(Photo: ...)", "...; Editing by ..."). */
static bool line_opening(const px_doc *doc, size_t i)
{
	size_t b = doc->toks[i].start;
	while (b > 0 && (doc->text.s[b - 1] == ' ' || doc->text.s[b - 1] == '\t'))
		b--;
	return b == 0 || strchr("\n(;|", doc->text.s[b - 1]);
}

/* A token of a list of names: a capitalised word, an initial's dot, a
 * particle, a hyphen, a comma, a slash or a conjunction. */
static bool credit_token(const px_doc *doc, size_t i)
{
	const px_token *t = &doc->toks[i];
	int32_t k = px_syn_ln(doc, i);
	if (t->kind == TK_WORD)
		return t->cap || t->allcaps || is_particle(doc, i) ||
		       (k >= 0 && px_syn_upos(doc, (size_t)k) == LN_UPOS_CCONJ);
	return px_tok_char(doc, i, ',') || px_tok_char(doc, i, '.') || px_tok_char(doc, i, '-') ||
	       px_tok_char(doc, i, '/');
}

static bool same_line(const px_doc *doc, size_t a, size_t b)
{
	for (uint32_t k = doc->toks[a].end; k < doc->toks[b].start; k++)
		if (doc->text.s[k] == '\n')
			return false;
	return true;
}

/* Bylines and credits ("By Jane Roe and John Doe", "(Photo: Jane Roe/AP)",
 * "Jane Roe contributed to this report"): their names are no actors. */
static void mark_credits(px_doc *doc)
{
	uint8_t *c = doc->scan->credit = xcalloc(doc->n_toks + 1, 1);
	for (size_t i = 0; i < doc->n_toks; i++) {
		size_t n;
		int w = nameword_at(doc, i, &n);
		if (w == NW_CREDIT && line_opening(doc, i)) {
			size_t j = i + n;
			while (j < doc->n_toks && j < i + n + 30 && same_line(doc, j - 1, j) &&
			       credit_token(doc, j))
				c[j++] = 1;
		} else if (w == NW_CREDITED) {
			size_t j = i;
			while (j > 0 && j + 30 > i && same_line(doc, j - 1, j) &&
			       credit_token(doc, j - 1))
				j--;
			if (j < i && line_opening(doc, j))
				memset(c + j, 1, i - j);
		}
	}
}

static bool in_headline(const px_doc *doc, size_t i)
{
	return doc->scan && doc->scan->sent_headline[doc->toks[i].sent];
}

/* ------------------------------------------------------------ surnames */

/* Tokens [a, b), one word ("Kowalczyk-Brandt"), are the surname of name
 * (to one edit for long ones). */
static bool tok_surname_of(const px_doc *doc, size_t a, size_t b, const char *name)
{
	size_t n = doc->toks[b - 1].end - doc->toks[a].start;
	return n >= 3 && strchr(name, ' ') &&
	       surname_matches(name, doc->text.s + doc->toks[a].start, n);
}

/* The same for a person's name or any of its full-name aliases ("Robert
 * Dale" of "Robert Dale III"). */
static bool surname_of_actor(const px_doc *doc, size_t a, size_t b, const px_actor *p)
{
	/* a person the article names by one word ("President Obama") is that
	 * word again later ("Obama said") */
	size_t n = doc->toks[b - 1].end - doc->toks[a].start;
	if (!strchr(p->name, ' ') && strlen(p->name) == n &&
	    !strncmp(p->name, doc->text.s + doc->toks[a].start, n))
		return true;
	if (tok_surname_of(doc, a, b, p->name))
		return true;
	for (size_t k = 0; k < p->n_aliases; k++)
		if (tok_surname_of(doc, a, b, p->aliases[k]))
			return true;
	return false;
}

static bool gender_agrees(uint8_t have, uint8_t want)
{
	return !want || !have || have == want;
}

/* The actor for the article's full name f: the dictionary's when the
 * dictionary knows that very name, else a person of the article's own. */
static int32_t actor_for_fullname(px_doc *doc, const px_fullname *f)
{
	const px_lex_entry *e;
	if (px_lex_match(doc, f->a, LX_ACTOR, &e) == f->b - f->a &&
	    !strcmp(doc->dict->actors[e->ref].kind, vocab_actor_kinds[KIND_PERSON]))
		return actor_for_dict(doc, e->ref);
	char *name = px_tok_span_dup(doc, f->a, f->b);
	int32_t who = actor_for_person(doc, name);
	free(name);
	return who;
}

/* A single capitalised word that is the surname of a person the article
 * names in full.  Among people already met: the one already called by the
 * surname alone, else the one mentioned most, else the one met last (an
 * article about Hillary Clinton that mentions Bill Clinton once means her
 * by "Clinton").  Failing those, the full name written nearest before (or
 * first after) it.  want: a gender the person must not contradict (0 any). */
static bool rank_above(const int a[3], const int b[3])
{
	for (int k = 0; k < 3; k++)
		if (a[k] != b[k])
			return a[k] > b[k];
	return false;
}

/* The person whose full name the article wrote last before token a, in a's
 * sentence or the one before, as its clause's subject, when that person has
 * the surname of [a, b) and no other person of that surname was mentioned
 * since: "former
 * president Bill Clinton said ... Clinton said" is Bill even in a story
 * about Hillary.  -1 when there is none or the surname is not shared. */
static bool verb_follows(const px_doc *doc, const px_mention *mm)
{
	int32_t k = px_syn_ln(doc, mm->tok_end);
	const char *x = k >= 0 && same_sentence(doc, mm->tok_start, mm->tok_end)
	                    ? px_syn_xpos(doc, (size_t)k)
	                    : "";
	return !strncmp(x, "VB", 2) || !strcmp(x, "MD");
}

static int32_t recent_fullname(px_doc *doc, size_t a, size_t b, uint8_t want)
{
	uint32_t sent = doc->toks[a].sent;
	for (size_t m = doc->n_mentions; m-- > 0;) {
		const px_mention *mm = &doc->mentions[m];
		if (mm->tok_start >= a || mm->how == MH_PRONOUN || mm->actor < 0)
			continue;
		if (doc->toks[mm->tok_start].sent + 1 < sent)
			return -1;
		const px_actor *p = &doc->actors[mm->actor];
		if (!px_is_person(doc, mm->actor) || !surname_of_actor(doc, a, b, p))
			continue;
		/* the latest mention of anyone with this surname decides, when it
		 * is a full name that a verb follows: "Tom Roe said", not "the
		 * aide, Ann Roe, who" nor "whose husband, Tom Roe, was" */
		if (mm->how != MH_NAME || mm->tok_end - mm->tok_start < 2 ||
		    !gender_agrees(p->gender, want) || !verb_follows(doc, mm))
			return -1;
		/* only worth it when another person shares the surname */
		for (int32_t k = 0; k < (int32_t)doc->n_actors; k++)
			if (k != mm->actor && doc->actors[k].n_mentions && px_is_person(doc, k) &&
			    surname_of_actor(doc, a, b, &doc->actors[k]))
				return mm->actor;
		return -1;
	}
	return -1;
}

static int32_t resolve_surname(px_doc *doc, size_t a, size_t b, uint8_t want)
{
	int32_t recent = recent_fullname(doc, a, b, want);
	if (recent >= 0)
		return recent;
	int32_t best = -1;
	int best_rank[3] = {0, 0, 0};
	for (int32_t k = 0; k < (int32_t)doc->n_actors; k++) {
		if (!doc->actors[k].n_mentions || !px_is_person(doc, k) ||
		    !surname_of_actor(doc, a, b, &doc->actors[k]) ||
		    !gender_agrees(doc->actors[k].gender, want))
			continue;
		int rank[3] = {0, (int)doc->actors[k].n_mentions, 0};
		for (size_t m = 0; m < doc->n_mentions; m++)
			if (doc->mentions[m].actor == k) {
				rank[0] |= doc->mentions[m].how == MH_SURNAME;
				rank[2] = (int)m;
			}
		if (best < 0 || rank_above(rank, best_rank)) {
			best = k;
			memcpy(best_rank, rank, sizeof rank);
		}
	}
	if (best >= 0)
		return best;
	const px_fullname *near = NULL;
	for (size_t f = 0; f < doc->scan->n_fullnames; f++) {
		const px_fullname *c = &doc->scan->fullnames[f];
		if (!gender_agrees(c->gender, want))
			continue;
		char *name = px_tok_span_dup(doc, c->a, c->b);
		bool fits = tok_surname_of(doc, a, b, name);
		free(name);
		if (fits && (!near || c->a < a))
			near = c;
		if (near && c->a > a)
			break;
	}
	return near ? actor_for_fullname(doc, near) : -1;
}

/* The person named by the given name at token i and the surname sur (n
 * bytes): "Miriam" + "Adelson". */
static int32_t given_with_surname(px_doc *doc, size_t i, const char *sur, size_t n)
{
	const px_token *g = &doc->toks[i];
	buf b;
	buf_init(&b);
	buf_printf(&b, "%.*s %.*s", (int)(g->end - g->start), doc->text.s + g->start, (int)n, sur);
	int32_t who = actor_for_person(doc, b.data);
	buf_free(&b);
	return who;
}

/* "his wife, Jane," / "Roe's husband, Bill.": a given name alone set
 * beside a family noun (namewords.tsv kin) after a pronoun that stands for
 * a person, or a person's possessive, takes that person's surname.
 * Returns the person, or -1. */
static int32_t kin_given_name(px_doc *doc, size_t i)
{
	if (i < 3 || !px_tok_char(doc, i - 1, ',') || !is_nameword(doc, i - 2, NW_KIN) ||
	    !same_sentence(doc, i - 3, i))
		return -1;
	int32_t pm = doc->tok_pronoun[i - 3];
	/* or a person's possessive: "Hillary Clinton's husband, Bill," */
	if (pm < 0 && possessive(doc, i - 3) && i >= 4)
		pm = doc->tok_mention[i - 4];
	if (pm < 0 || i + 1 >= doc->n_toks ||
	    !(px_tok_char(doc, i + 1, ',') || px_tok_char(doc, i + 1, '.')))
		return -1;
	int32_t p = doc->mentions[pm].actor;
	const char *sur = p >= 0 && px_is_person(doc, p) ? strrchr(doc->actors[p].name, ' ') : NULL;
	return sur ? given_with_surname(doc, i, sur + 1, strlen(sur + 1)) : -1;
}

/* A lone given name ("Miriam") of a person the article names in full. */
static int32_t resolve_given_name(px_doc *doc, size_t i)
{
	const px_token *t = &doc->toks[i];
	size_t n = t->end - t->start;
	for (size_t m = doc->n_mentions; m-- > 0;) {
		int32_t k = doc->mentions[m].actor;
		if (k < 0 || !px_is_person(doc, k))
			continue;
		const char *name = doc->actors[k].name;
		if (strchr(name, ' ') && !strncmp(name, doc->text.s + t->start, n) &&
		    name[n] == ' ')
			return k;
	}
	return -1;
}

/* The dictionary person of entry e when tokens [a, b) are the first words
 * of their name, else -1. */
static int32_t given_names_of(px_doc *doc, size_t a, size_t b, const px_lex_entry *e)
{
	const px_dict_actor *da = &doc->dict->actors[e->ref];
	if (strcmp(da->kind, vocab_actor_kinds[KIND_PERSON]))
		return -1;
	char *words = px_tok_span_dup(doc, a, b);
	size_t n = strlen(words);
	bool prefix = !strncasecmp(da->name, words, n) && da->name[n] == ' ';
	free(words);
	return prefix ? actor_for_dict(doc, e->ref) : -1;
}

/* "Sheldon and Miriam Adelson": a given name coordinated with a full name
 * shares its surname.  Returns the person, or -1. */
static int32_t coordinated_given_name(px_doc *doc, size_t i)
{
	int32_t k = px_syn_ln(doc, i + 1);
	if (k < 0 || px_syn_upos(doc, (size_t)k) != LN_UPOS_CCONJ || !same_sentence(doc, i, i + 2))
		return -1;
	size_t m = name_run(doc, i + 2);
	const px_lex_entry *e;
	if (m < 2 || doc->toks[i + 2 + m - 2].kind != TK_WORD ||
	    !(tagged_person(doc, i + 2, i + 2 + m) ||
	      px_lex_match(doc, i + 2, LX_FIRSTNAME, &e) == 1))
		return -1;
	const px_token *s = &doc->toks[i + 2 + m - 1];
	return given_with_surname(doc, i, doc->text.s + s->start, s->end - s->start);
}

/* The run [i, i + n) runs on into a symbol with no space between
 * ("FranÃ§ois" read in the wrong encoding): the name is cut, no name. */
static bool glued_to_symbol(const px_doc *doc, size_t i, size_t n)
{
	uint32_t end = doc->toks[i + n - 1].end;
	const char *s = doc->text.s + end, *e = doc->text.s + doc->text.len;
	return end < doc->text.len && (unsigned char)*s >= 0x80 && !px_is_letter_at(s, e);
}

static size_t pattern_mention(px_doc *doc, size_t i)
{
	size_t n = name_run(doc, i);
	if (!n || !name_pos(doc, i))
		return 0;
	/* "Chief of Staff Denis McDonough": a run that starts inside a title
	 * of several words is no name; the name starts after the title */
	for (size_t p = i > 3 ? i - 3 : 0; p < i; p++) {
		const px_lex_entry *te;
		if (px_lex_match(doc, p, LX_TITLE, &te) > i - p && same_sentence(doc, p, i))
			return 0;
	}
	/* a common noun opening the run right before the tagger's person
	 * ("Actor Clint Howard", "Filmmaker Jack Marino"; at a sentence's start
	 * the tagger may call it a proper noun), no given name: the name
	 * starts after it */
	int32_t lead = px_syn_ln(doc, i);
	const px_lex_entry *lead_fn;
	if (n >= 3 && lead >= 0 && px_syn_ent_type(doc, i) < 0 &&
	    px_syn_ent_type(doc, i + 1) == LN_ENT_PER &&
	    !px_lex_match(doc, i, LX_FIRSTNAME, &lead_fn) &&
	    (px_syn_upos(doc, (size_t)lead) == LN_UPOS_NOUN ||
	     (i == doc->sents[doc->toks[i].sent].tok_start &&
	      px_syn_upos(doc, (size_t)lead) == LN_UPOS_PROPN)))
		return 0;
	if (glued_to_symbol(doc, i, n))
		return n;
	if (in_headline(doc, i)) {
		/* a headline's capitals say nothing: only names met elsewhere */
		int32_t who = resolve_surname(doc, i, i + 1, 0);
		if (who < 0)
			who = resolve_given_name(doc, i);
		if (who < 0)
			return 0;
		px_add_mention(doc, i, i + 1, who, MH_SURNAME);
		return 1;
	}
	/* a surname led by its particle: "Van der Berg said" */
	if (n >= 2 && is_particle(doc, i)) {
		int32_t who = resolve_surname(doc, i + n - 1, i + n, 0);
		if (who >= 0) {
			px_add_mention(doc, i, i + n, who, MH_SURNAME);
			return n;
		}
	}
	/* a hyphenated surname alone stays whole: "Kowalczyk-Brandt said" */
	if (n == 3 && px_tok_char(doc, i + 1, '-')) {
		int32_t who = resolve_surname(doc, i, i + 3, 0);
		if (who >= 0) {
			px_add_mention(doc, i, i + 3, who, MH_SURNAME);
			return 3;
		}
	}
	/* "the Obama-Clinton policy": two people's surnames, each its own */
	if (n == 3 && px_tok_char(doc, i + 1, '-')) {
		int32_t x = resolve_surname(doc, i, i + 1, 0),
		        y = x >= 0 ? resolve_surname(doc, i + 2, i + 3, 0) : -1;
		if (x >= 0 && y >= 0 && x != y) {
			px_add_mention(doc, i, i + 1, x, MH_SURNAME);
			px_add_mention(doc, i + 2, i + 3, y, MH_SURNAME);
			return 3;
		}
	}
	/* "Billie Jean King": a title word the tagger reads as the end of the
	 * person's name is their surname */
	const px_lex_entry *te;
	if (n >= 2 && i + n < doc->n_toks && doc->toks[i + n].cap &&
	    px_lex_match(doc, i + n, LX_TITLE, &te) == 1 && same_person_entity(doc, i, i + n) &&
	    !name_token(doc, i + n + 1))
		n++;
	while (n > 1 && !name_pos(doc, i + n - 1) && nameword_at(doc, i + n - 1, NULL) != NW_SUFFIX)
		n--;
	/* a trailing possessive or dictionary actor ends the run early */
	pretitle pt = pretitle_before(doc, i);
	for (size_t k = 1; k < n; k++) {
		const px_lex_entry *e;
		size_t alias = px_lex_match(doc, i + k, LX_ACTOR, &e);
		if (alias <= 1)
			continue;
		/* ... unless the words before it begin that person's name:
		 * "Abdel Fattah" + "el-Sisi" is Abdel Fattah al-Sisi */
		int32_t known = given_names_of(doc, i, i + k, e);
		if (known >= 0) {
			px_add_mention(doc, i, i + k + alias, known, MH_NAME);
			apply_pretitle(doc, known, &pt, i);
			return k + alias;
		}
		n = k;
		break;
	}
	if (n == 1) {
		int32_t who = resolve_surname(doc, i, i + 1, pt.gender);
		const px_lex_entry *fn;
		bool given = px_lex_match(doc, i, LX_FIRSTNAME, &fn) == 1;
		if (who < 0)
			who = resolve_given_name(doc, i);
		if (who < 0 && (given || proper_noun(doc, i)))
			who = kin_given_name(doc, i);
		/* a name of one word: after a person's title, or tagged a
		 * person on its own; never a given name alone ("Vladimir") */
		/* a word starting its name ("New Hampshire and Lisa Murkowski" no) */
		bool starts = i == 0 || !doc->toks[i - 1].cap || !same_sentence(doc, i - 1, i) ||
		              doc->toks[i - 1].kind != TK_WORD;
		if (who < 0 && starts && (per_at(doc, i) || given))
			who = coordinated_given_name(doc, i);
		int et = px_syn_ent_type(doc, i);
		bool alone = (pt.head && pt.person_title && (et < 0 || et == LN_ENT_PER)) ||
		             (lone_person(doc, i) && !inside_other_entity(doc, i, i + 1));
		/* '"...," Viguerie concludes.': one word between a closing mark and
		 * a speech verb, tagged as no entity or a person */
		alone = alone || ((et < 0 || et == LN_ENT_PER) && after_closing_mark(doc, i) &&
		                  cue_at(doc, i + 1) && !doc->toks[i + 1].cap &&
		                  same_sentence(doc, i, i + 1));
		/* a word the tagger reads as a name, and not the first word of a
		 * longer one it cut ("Nathan" of "Nathan Deal") */
		alone = alone && proper_noun(doc, i) &&
		        !(doc->toks[i + 1].cap && same_person_entity(doc, i, i + 1));
		/* "Gov. Nathan Deal", where "Deal" stops a name: the name runs on
		 * past what can be read, so it is none */
		if (pt.head && tok_word(doc, i + 1) && doc->toks[i + 1].cap &&
		    same_sentence(doc, i, i + 1))
			alone = false;
		if (who < 0 && alone && !given && !doc->toks[i].allcaps) {
			char *name = px_tok_span_dup(doc, i, i + 1);
			who = actor_for_person(doc, name);
			free(name);
		}
		if (who < 0)
			return 0;
		px_add_mention(doc, i, i + 1, who, MH_SURNAME);
		apply_pretitle(doc, who, &pt, i);
		return 1;
	}
	bool tagged = tagged_person(doc, i, i + n) || appos_title(doc, i, i + n);
	if (!tagged && !vouched_name(doc, i, n, &pt)) {
		int32_t who = resolve_surname(doc, i + n - 1, i + n, 0);
		if (who < 0)
			return 0;
		/* "Yuri Ushakov" beside "Yury Ushakov": the variant joins */
		char *name = px_tok_span_dup(doc, i, i + n);
		bool same = same_person_name(doc->dict, doc->actors[who].name, name);
		free(name);
		if (!same)
			return 0;
	}
	char *name = px_tok_span_dup(doc, i, i + n);
	int32_t who = actor_for_person(doc, name);
	free(name);
	px_add_mention(doc, i, i + n, who, MH_NAME);
	apply_pretitle(doc, who, &pt, i);
	/* "Robert Dale III" is also "Robert Dale", whose surname is Dale: the
	 * person goes by the name without its suffix, which stays an alias */
	size_t sl, k = i + n - 1;
	while (k > i && !tok_word(doc, k))
		k--;
	if (k > i + 1 && nameword_at(doc, k, &sl) == NW_SUFFIX) {
		size_t e = k;
		while (e > i + 1 && !tok_word(doc, e - 1))
			e--; /* "King, Jr." */
		char *bare = px_tok_span_dup(doc, i, e);
		char *full = px_tok_span_dup(doc, i, i + n);
		px_actor *ac = &doc->actors[who];
		if (!strcmp(ac->name, full)) {
			free(ac->name);
			ac->name = bare;
			bare = NULL;
			add_alias(ac, full, strlen(full));
		} else {
			add_alias(ac, bare, strlen(bare));
		}
		free(bare);
		free(full);
	}
	return n;
}

/* ------------------------------------------------------------ pronouns */

/* The person a singular pronoun outside quotations stands for, among the
 * mentions met so far: in its own sentence, the nearest person before it;
 * else, in the nearest of the three sentences before that names one, the
 * first (the subject, as a rule).  Only people agreeing in gender count,
 * and only mentions outside quotations. */
static int32_t pronoun_antecedent(const px_doc *doc, size_t i, uint8_t want)
{
	uint32_t sent = doc->toks[i].sent, found_sent = 0;
	int32_t who = -1;
	for (size_t m = doc->n_mentions; m-- > 0;) {
		const px_mention *mm = &doc->mentions[m];
		uint32_t s = doc->toks[mm->tok_start].sent;
		if (who >= 0 && s != found_sent)
			break;
		if (s + 3 < sent)
			break;
		if (mm->actor < 0 || !px_is_person(doc, mm->actor) ||
		    doc->toks[mm->tok_start].inq ||
		    !gender_agrees(doc->actors[mm->actor].gender, want))
			continue;
		if (s == sent)
			return mm->actor;
		who = mm->actor, found_sent = s;
	}
	return who;
}

static size_t pronoun_mention(px_doc *doc, size_t i)
{
	size_t n;
	int w = nameword_at(doc, i, &n);
	if ((w != NW_HE && w != NW_SHE) || n != 1 || doc->toks[i].inq)
		return 0;
	int32_t who = pronoun_antecedent(doc, i, w == NW_HE ? 1 : 2);
	if (who < 0)
		return 0;
	px_add_mention(doc, i, i + 1, who, MH_PRONOUN);
	return 1;
}

/* The article's full names, before the scan: runs of two or more name
 * words the entity tagger marks as a person. */
static void collect_fullnames(px_doc *doc)
{
	for (size_t i = 0; i < doc->n_toks;) {
		size_t n =
		    doc->toks[i].kind == TK_WORD && !in_headline(doc, i) && !doc->scan->credit[i]
		        ? name_run(doc, i)
		        : 0;
		if (n >= 2 && name_pos(doc, i) && name_pos(doc, i + n - 1) &&
		    tagged_person(doc, i, i + n)) {
			px_fullname *f = VEC_PUSH(doc->scan->fullnames, doc->scan->n_fullnames,
			                          doc->scan->cap_fullnames);
			f->a = (uint32_t)i;
			f->b = (uint32_t)(i + n);
			char *name = px_tok_span_dup(doc, i, i + n);
			f->gender = gender_of_name(doc->dict, name);
			free(name);
		}
		i += n ? n : 1;
	}
}

void px_find_actors(px_doc *doc)
{
	doc->tok_mention = xmalloc((doc->n_toks + 1) * sizeof *doc->tok_mention);
	doc->tok_pronoun = xmalloc((doc->n_toks + 1) * sizeof *doc->tok_pronoun);
	for (size_t i = 0; i <= doc->n_toks; i++)
		doc->tok_mention[i] = doc->tok_pronoun[i] = -1;
	doc->scan = xcalloc(1, sizeof *doc->scan);
	mark_headlines(doc);
	mark_credits(doc);
	collect_fullnames(doc);
	for (size_t i = 0; i < doc->n_toks;) {
		size_t used = 0;
		if (doc->toks[i].kind != TK_WORD || doc->scan->credit[i]) {
			i++;
			continue;
		}
		if ((used = title_mention(doc, i)) > 0 || dictionary_mention(doc, i, &used) ||
		    (used = pattern_mention(doc, i)) > 0 || (used = pronoun_mention(doc, i)) > 0)
			i += used;
		else
			i++;
	}
	free(doc->scan->fullnames), free(doc->scan->sent_headline), free(doc->scan->credit);
	free(doc->scan);
	doc->scan = NULL;
}
