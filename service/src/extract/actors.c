/*
 * actors — who is mentioned: people, organisations and countries.
 *
 * One left-to-right pass over each sentence.  At every token the dictionary
 * is asked first (known actors with all aliases, countries and their
 * metonyms); failing that, a run of capitalised name-shaped words becomes a
 * person when something vouches for it: a title right before it ("Special
 * Envoy ..."), a known first name, or a speech verb right after it.  A lone
 * surname, or a spelling one edit away with the same first initial, joins
 * the person already met.  "The Kremlin spokesman" with no name after it
 * is a title mention, resolved to the last person who held that title.
 * Capitalised common words never start a name (stop-word table), so
 * "However" or "Wednesday" cannot become people.
 */
#include "extract/internal.h"

#include "core/buf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
	return actor >= 0 && !strcmp(doc->actors[actor].kind, "person");
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

/* Full names are the same person when surnames match (to one edit) and
 * first initials agree: Yury/Yuri, Zelensky/Zelenskyy. */
static bool same_person_name(const char *a, const char *b)
{
	if (!strcasecmp(a, b))
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
	if (!strcmp(kind, "person"))
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
	int32_t k = new_actor(doc, c->name, "country");
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
		if (same_person_name(a->name, name)) {
			/* a longer spelling of a pattern-found name becomes the name */
			if (a->dict_id < 0 && strchr(name, ' ') && !strchr(a->name, ' ')) {
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
	return new_actor(doc, name, "person");
}

static void add_mention(px_doc *doc, size_t a, size_t b, int32_t actor, uint8_t how)
{
	px_mention *m = VEC_PUSH(doc->mentions, doc->n_mentions, doc->cap_mentions);
	m->tok_start = (uint32_t)a;
	m->tok_end = (uint32_t)b;
	m->actor = actor;
	m->how = how;
	for (size_t i = a; i < b; i++)
		doc->tok_mention[i] = (int32_t)(doc->n_mentions - 1);
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

static bool is_particle(const px_doc *doc, size_t i)
{
	static const char *const particles[] = {"bin", "al", "de", "van", "von", "der", "da",
	                                        "la",  "el", "di", "du",  "le",  NULL};
	if (!tok_word(doc, i) || doc->toks[i].cap)
		return false;
	for (const char *const *p = particles; *p; p++)
		if (px_tok_is(doc, i, *p))
			return true;
	return false;
}

/* Length in tokens of the personal-name run at i (0: none): capitalised
 * words, hyphenated parts ("Jong-un") and name particles, at most 4 words. */
static size_t name_run(const px_doc *doc, size_t i)
{
	if (!name_token(doc, i))
		return 0;
	size_t j = i + 1, words = 1;
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
		bool initial = t->kind == TK_WORD && t->end - t->start == 1 &&
		               isupper((unsigned char)doc->text.s[t->start]) &&
		               px_tok_char(doc, j + 1, '.') && name_token(doc, j + 2);
		if (initial) {
			j += 2;
			continue;
		}
		if (is_particle(doc, j) && name_token(doc, j + 1)) {
			j += 2, words += 2;
			continue;
		}
		/* "Abdel Fattah el-Sisi" */
		if (is_particle(doc, j) && px_tok_char(doc, j + 1, '-') && name_token(doc, j + 2) &&
		    doc->toks[j + 1].start == doc->toks[j].end) {
			j += 3, words++;
			continue;
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
} pretitle;

/* Reads the title words that end right before token end. */
static pretitle pretitle_before(const px_doc *doc, size_t end)
{
	pretitle pt = {end, NULL, -1, false, false, false};
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
		if (!found && pt.head && i >= 2 && px_tok_is(doc, i - 1, "'s")) {
			const px_lex_entry *c;
			size_t n = px_lex_match(doc, i - 2, LX_COUNTRY | LX_METONYM, &c);
			if (n == 1 && pt.country < 0)
				pt.country = (int32_t)c->ref;
			break;
		}
		if (!found)
			break;
		if (e->kind & LX_ACTOR && strcmp(doc->dict->actors[e->ref].kind, "person") == 0)
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
	const char *head = pt->modified ? NULL : pt->head;
	bool same_office = a->title_head && head && !strcmp(a->title_head, head);
	if (!a->title_from_text && !same_office && !pt->honorific) {
		free(a->title);
		free(a->title_head);
		a->title = px_tok_span_dup(doc, pt->start, name_start);
		a->title_head = head ? xstrdup(head) : NULL;
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
static bool title_fits(const char *held, const char *head);

/* Words that refer back to several offices: "the Russian leader" is the
 * president or the prime minister, "the diplomat" the minister or envoy. */
static bool generic_fits(const char *held, const char *head)
{
	static const char *const leaders[] = {"president", "prime minister", "chancellor", "king",
	                                      "emir",      "supreme leader", NULL};
	static const char *const diplomats[] = {"foreign minister",
	                                        "foreign secretary",
	                                        "secretary of state",
	                                        "ambassador",
	                                        "envoy",
	                                        "external affairs minister",
	                                        NULL};
	static const struct {
		const char *generic;
		const char *const *offices;
	} generic[] = {{"leader", leaders}, {"diplomat", diplomats}};
	for (size_t g = 0; g < sizeof generic / sizeof *generic; g++) {
		if (strcmp(head, generic[g].generic))
			continue;
		for (const char *const *o = generic[g].offices; *o; o++)
			if (title_fits(held, *o))
				return true;
	}
	return false;
}

static bool title_fits(const char *held, const char *head)
{
	if (!held)
		return false;
	size_t n = strlen(held), k = strlen(head);
	return !strcmp(held, head) ||
	       (n > k && held[n - k - 1] == ' ' && !strcmp(held + n - k, head)) ||
	       generic_fits(held, head);
}

int32_t px_person_by_title(const px_doc *doc, size_t before_tok, const char *head,
                           const char *country)
{
	for (size_t m = doc->n_mentions; m-- > 0;) {
		const px_mention *mm = &doc->mentions[m];
		if (mm->tok_start >= before_tok || mm->actor < 0 || !px_is_person(doc, mm->actor))
			continue;
		const px_actor *a = &doc->actors[mm->actor];
		if (!title_fits(a->title_head, head))
			continue;
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
	if (!px_tok_is(doc, i, "the"))
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
		} else if (e->kind & LX_ACTOR &&
		           !strcmp(doc->dict->actors[e->ref].kind, "person")) {
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
	add_mention(doc, i, j, who, MH_TITLE);
	return j - i;
}

/* ------------------------------------------------------------ the scan */

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
	/* a person's name may run on ("Donald J. Trump" is in the table; "Kim Jong Un" too) */
	int32_t actor =
	    (e->kind & LX_ACTOR) ? actor_for_dict(doc, e->ref) : actor_for_country(doc, e->ref);
	if (n == 1 && px_is_person(doc, actor) && (e->kind & LX_ACTOR)) {
		/* a known surname after another given name is someone else: "Jane Peskov" */
		const px_lex_entry *fn;
		if (i > 0 && same_sentence(doc, i - 1, i) && name_token(doc, i - 1) &&
		    !doc->toks[i - 1].inq && doc->tok_mention[i - 1] < 0 &&
		    px_lex_match(doc, i - 1, LX_FIRSTNAME, &fn))
			return false;
	}
	pretitle pt = pretitle_before(doc, i);
	add_mention(doc, i, i + n, actor, MH_NAME);
	apply_pretitle(doc, actor, &pt, i);
	*used = n;
	return true;
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
	if (n >= 2 && i > 0 && cue_at(doc, i - 1) && px_tok_is(doc, i - 1, "said"))
		return true;
	/* an appositive title: "Jane Roe, the agency's director, ..." */
	if (n >= 2 && px_tok_char(doc, i + n, ',') && same_sentence(doc, i, i + n + 1)) {
		size_t j = i + n + 1;
		if (px_tok_is(doc, j, "the") || px_tok_is(doc, j, "a") || px_tok_is(doc, j, "an")) {
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

/* A single capitalised word that is the surname of someone already met. */
static int32_t known_surname(const px_doc *doc, size_t i)
{
	const px_token *t = &doc->toks[i];
	const char *w = doc->text.s + t->start;
	size_t n = t->end - t->start;
	if (n < 3)
		return -1;
	for (size_t k = 0; k < doc->n_actors; k++)
		if (px_is_person(doc, (int32_t)k) && strchr(doc->actors[k].name, ' ') &&
		    surname_matches(doc->actors[k].name, w, n))
			return (int32_t)k;
	return -1;
}

/* The dictionary person of entry e when tokens [a, b) are the first words
 * of their name, else -1. */
static int32_t given_names_of(px_doc *doc, size_t a, size_t b, const px_lex_entry *e)
{
	const px_dict_actor *da = &doc->dict->actors[e->ref];
	if (strcmp(da->kind, "person"))
		return -1;
	char *words = px_tok_span_dup(doc, a, b);
	size_t n = strlen(words);
	bool prefix = !strncasecmp(da->name, words, n) && da->name[n] == ' ';
	free(words);
	return prefix ? actor_for_dict(doc, e->ref) : -1;
}

static size_t pattern_mention(px_doc *doc, size_t i)
{
	size_t n = name_run(doc, i);
	if (!n)
		return 0;
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
			add_mention(doc, i, i + k + alias, known, MH_NAME);
			apply_pretitle(doc, known, &pt, i);
			return k + alias;
		}
		n = k;
		break;
	}
	if (n == 1) {
		int32_t who = known_surname(doc, i);
		if (who < 0 && pt.head && pt.person_title && !doc->toks[i].allcaps) {
			char *name = px_tok_span_dup(doc, i, i + 1);
			who = actor_for_person(doc, name);
			free(name);
		}
		if (who < 0)
			return 0;
		add_mention(doc, i, i + 1, who, MH_SURNAME);
		apply_pretitle(doc, who, &pt, i);
		return 1;
	}
	if (!vouched_name(doc, i, n, &pt)) {
		int32_t who = known_surname(doc, i + n - 1);
		if (who < 0)
			return 0;
		/* "Yuri Ushakov" beside "Yury Ushakov": the variant joins */
		char *name = px_tok_span_dup(doc, i, i + n);
		bool same = same_person_name(doc->actors[who].name, name);
		free(name);
		if (!same)
			return 0;
	}
	char *name = px_tok_span_dup(doc, i, i + n);
	int32_t who = actor_for_person(doc, name);
	free(name);
	add_mention(doc, i, i + n, who, MH_NAME);
	apply_pretitle(doc, who, &pt, i);
	return n;
}

void px_find_actors(px_doc *doc)
{
	doc->tok_mention = xmalloc((doc->n_toks + 1) * sizeof *doc->tok_mention);
	for (size_t i = 0; i <= doc->n_toks; i++)
		doc->tok_mention[i] = -1;
	for (size_t i = 0; i < doc->n_toks;) {
		size_t used = 0;
		if (doc->toks[i].kind != TK_WORD) {
			i++;
			continue;
		}
		if ((used = title_mention(doc, i)) > 0 || dictionary_mention(doc, i, &used) ||
		    (used = pattern_mention(doc, i)) > 0)
			i += used;
		else
			i++;
	}
}
