/*
 * dict_parse — reads the dictionary's TSV tables from bytes.
 *
 * Every table is plain UTF-8 TSV: '#' starts a comment line, fields are
 * separated by tabs, list fields by ';'.  Each file documents its own
 * columns at its top.  The table is chosen by file name, so adding data
 * never needs code, and a malformed line names its file and line.
 */
#include "extract/internal.h"

#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_FIELDS 8

typedef struct row {
	char *field[MAX_FIELDS];
	size_t n;
} row;

/* Splits one line in place (line is a writable copy). */
static void split_row(char *line, row *r)
{
	r->n = 0;
	char *p = line;
	while (r->n < MAX_FIELDS) {
		r->field[r->n++] = p;
		char *tab = strchr(p, '\t');
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	for (size_t i = r->n; i < MAX_FIELDS; i++)
		r->field[i] = "";
	for (size_t i = 0; i < r->n; i++) {
		char *f = r->field[i];
		size_t k = strlen(f);
		while (k && (f[k - 1] == ' ' || f[k - 1] == '\r'))
			f[--k] = '\0';
		if (!strcmp(f, "-"))
			r->field[i] = "";
	}
}

/* Calls add for each ';'-separated item of list. */
static void each_item(px_dict *d, const char *list, unsigned kind, uint32_t ref)
{
	const char *p = list;
	while (*p) {
		const char *semi = strchr(p, ';');
		size_t n = semi ? (size_t)(semi - p) : strlen(p);
		while (n && *p == ' ')
			p++, n--;
		if (n)
			px_dict_add_phrase(d, p, n, kind, ref);
		if (!semi)
			break;
		p = semi + 1;
	}
}

/* "YYYY-MM-DD" at s (exactly ten bytes up to end) as days; false if not a date. */
static bool day_of(const char *s, const char *end, int32_t *days)
{
	char tmp[11];
	px_date dt;
	if (end - s != 10)
		return false;
	memcpy(tmp, s, 10);
	tmp[10] = '\0';
	if (!px_parse_iso_date(tmp, &dt) || tmp[4] != '-' || tmp[7] != '-')
		return false;
	*days = px_days_from_civil(dt.y, dt.m, dt.d);
	return true;
}

/* When a title is held: terms "SINCE..UNTIL" separated by ';', either
 * side empty when open ("2017-01-20..2021-01-20;2025-01-20.."); empty:
 * always. */
static int title_validity(const char *v, px_dict_actor *a, const char **why)
{
	a->n_terms = 0;
	for (const char *p = v; *p;) {
		const char *semi = strchr(p, ';'), *end = semi ? semi : p + strlen(p);
		const char *dots = strstr(p, "..");
		int32_t since = PX_OPEN_SINCE, until = PX_OPEN_UNTIL;
		if (a->n_terms == PX_TITLE_TERMS || !dots || dots > end ||
		    (dots > p && !day_of(p, dots, &since)) ||
		    (dots + 2 < end && !day_of(dots + 2, end, &until)) || since > until) {
			*why =
			    "title terms must be SINCE..UNTIL (YYYY-MM-DD, either side empty when "
			    "open, SINCE not after UNTIL), at most 4, separated by ';'";
			return -1;
		}
		a->title_since[a->n_terms] = since;
		a->title_until[a->n_terms++] = until;
		p = semi ? semi + 1 : end;
	}
	return 0;
}

static int add_actor_row(px_dict *d, row *r, const char **why)
{
	px_dict_actor valid;
	if (title_validity(r->field[6], &valid, why))
		return -1;
	const char *al[64];
	size_t n = 0;
	char *list = r->field[5], *save = NULL;
	for (char *tok = strtok_r(list, ";", &save); tok && n < 64;
	     tok = strtok_r(NULL, ";", &save)) {
		while (*tok == ' ')
			tok++;
		if (*tok)
			al[n++] = tok;
	}
	if (px_dict_add_actor(d, r->field[0], r->field[1], r->field[2], r->field[3], r->field[4],
	                      al, n))
		return -1;
	px_dict_actor *a = &d->actors[d->n_actors - 1];
	a->n_terms = valid.n_terms;
	memcpy(a->title_since, valid.title_since, sizeof a->title_since);
	memcpy(a->title_until, valid.title_until, sizeof a->title_until);
	return 0;
}

static int add_country_row(px_dict *d, row *r)
{
	if (strlen(r->field[0]) != 3)
		return -1;
	px_country *c = VEC_PUSH(d->countries, d->n_countries, d->cap_countries);
	memcpy(c->iso3, r->field[0], 4);
	c->name = xstrdup(r->field[1]);
	c->cameo = xstrdup(*r->field[2] ? r->field[2] : r->field[0]);
	uint32_t ref = (uint32_t)(d->n_countries - 1);
	px_dict_add_phrase(d, c->name, strlen(c->name), LX_COUNTRY, ref);
	each_item(d, r->field[3], LX_COUNTRY, ref);
	each_item(d, r->field[4], LX_DEMONYM, ref);
	each_item(d, r->field[5], LX_METONYM, ref);
	return 0;
}

/* A coordinate: a whole decimal number within [-limit, limit]. */
static bool parse_degrees(const char *s, double limit, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !(v >= -limit && v <= limit))
		return false;
	*out = v;
	return true;
}

/* A place's latitude and longitude are both given or both '-', and the
 * columns are there: a row without them is malformed. */
static int add_place_row(px_dict *d, row *r)
{
	double lat = 0, lon = 0;
	bool located = *r->field[3] || *r->field[4];
	if (r->n < 5 || (located && (!parse_degrees(r->field[3], 90, &lat) ||
	                             !parse_degrees(r->field[4], 180, &lon))))
		return -1;
	px_place *p = VEC_PUSH(d->places, d->n_places, d->cap_places);
	p->name = xstrdup(r->field[0]);
	snprintf(p->iso3, sizeof p->iso3, "%s", r->field[1]);
	p->located = located;
	p->lat = lat;
	p->lon = lon;
	uint32_t ref = (uint32_t)(d->n_places - 1);
	px_dict_add_phrase(d, p->name, strlen(p->name), LX_PLACE, ref);
	each_item(d, r->field[2], LX_PLACE, ref);
	return 0;
}

/* Titles: a person's ("president"), an office's, a modifier that
 * qualifies the title after it ("former", "acting"), or an honorific
 * (a person's, never recorded as a title: "Mr."); empty: a person's. */
static int add_title_row(px_dict *d, row *r, const char **why)
{
	/* person|office|modifier|honorific (empty: person); the optional fourth
	 * column a gender, m or f */
	const char *k = r->field[2], *g = r->field[3];
	if (*k && strcmp(k, "person") && strcmp(k, "office") && strcmp(k, "modifier") &&
	    strcmp(k, "honorific")) {
		*why = "the third column must be person, office, modifier or honorific";
		return -1;
	}
	if (*g && strcmp(g, "m") && strcmp(g, "f")) {
		*why = "the fourth column (a gender) must be m, f or empty";
		return -1;
	}
	px_title *t = VEC_PUSH(d->titles, d->n_titles, d->cap_titles);
	t->canonical = xstrdup(*r->field[1] ? r->field[1] : r->field[0]);
	t->honorific = !strcmp(k, "honorific");
	t->person = !*k || !strcmp(k, "person") || t->honorific;
	t->modifier = !strcmp(k, "modifier");
	t->gender = !strcmp(g, "m") ? 1 : !strcmp(g, "f") ? 2 : 0;
	px_dict_add_phrase(d, r->field[0], strlen(r->field[0]), LX_TITLE,
	                   (uint32_t)(d->n_titles - 1));
	return 0;
}

/* roles.tsv: generic head, then the ';'-separated heads it stands for; both
 * given, and each generic word once. */
static int add_role_row(px_dict *d, row *r)
{
	if (!*r->field[1])
		return -1;
	/* no chains (a generic word among the offices of another): they could loop */
	for (size_t i = 0; i < d->n_roles; i++) {
		if (!strcmp(d->roles[i].generic, r->field[0]))
			return -1;
		for (size_t k = 0; k < d->roles[i].n_offices; k++)
			if (!strcmp(d->roles[i].offices[k], r->field[0]))
				return -1;
		char list[512];
		snprintf(list, sizeof list, ";%s;", r->field[1]);
		char needle[256];
		snprintf(needle, sizeof needle, ";%s;", d->roles[i].generic);
		if (strstr(list, needle))
			return -1;
	}
	{
		char list[512], needle[256];
		snprintf(list, sizeof list, ";%s;", r->field[1]);
		snprintf(needle, sizeof needle, ";%s;", r->field[0]);
		if (strstr(list, needle))
			return -1;
	}
	px_generic *role = VEC_PUSH(d->roles, d->n_roles, d->cap_roles);
	role->generic = xstrdup(r->field[0]);
	role->offices = NULL;
	role->n_offices = 0;
	size_t cap = 0;
	char *save = NULL;
	for (char *t = strtok_r(r->field[1], ";", &save); t; t = strtok_r(NULL, ";", &save)) {
		while (*t == ' ')
			t++;
		if (*t)
			*VEC_PUSH(role->offices, role->n_offices, cap) = xstrdup(t);
	}
	return 0;
}

/* A CAMEO code: two or three digits (four for the rare sub-codes). */
static bool cameo_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 4)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Column 5: empty (the phrase as written), VERB or NOUN (the phrase is a
 * lemma: every form the parser gives that lemma and part of speech), and
 * ";occasion" for a speech act's occasion (an interview, a briefing) or
 * ";judgement" for a word of praise or blame inside what someone said
 * ("racist", "a great leader"; a phrase as written, of a 05 or 11 code),
 * ";advice" for a modal of obligation inside it ("should"; a phrase as
 * written, of a 02 appeal or 10 demand code). */
static int add_event_row(px_dict *d, row *r, const char **why)
{
	if (!*r->field[1] || !cameo_ok(r->field[2])) {
		*why = "needs a type and a CAMEO code of digits";
		return -1;
	}
	char *how = r->field[4];
	bool occasion = false, judgement = false, advice = false;
	char *semi = strchr(how, ';');
	if (semi) {
		*semi = '\0';
		occasion = !strcmp(semi + 1, "occasion");
		judgement = !strcmp(semi + 1, "judgement");
		advice = !strcmp(semi + 1, "advice");
		if (!occasion && !judgement && !advice) {
			*why =
			    "column 5: only ';occasion', ';judgement' or ';advice' may follow the "
			    "part of speech";
			return -1;
		}
	}
	if (judgement && *how) {
		/* its code is checked against cameo_praise / cameo_blame once
		 * words.tsv is read (px_events_check) */
		*why = "a ';judgement' row is a phrase as written";
		return -1;
	}
	if (advice && *how) {
		/* its code is checked against cameo_advice once words.tsv is read */
		*why = "an ';advice' row is a phrase as written";
		return -1;
	}
	int derived = -1;
	if (r->field[0][0] == '@') {
		for (int k = 0; k < PX_DERIVED_COUNT; k++)
			if (!strcmp(r->field[0], px_derived_names[k]))
				derived = k;
		if (derived < 0) {
			*why = "an '@' row names an event the rules derive: '@statement', "
			       "'@intent' or "
			       "'@address'";
			return -1;
		}
		if (*how || occasion || judgement || advice || d->derived[derived]) {
			*why = "an '@' row stands once, with column 5 empty";
			return -1;
		}
	}
	int upos = 0;
	if (*how && strcmp(how, "VERB") && strcmp(how, "NOUN")) {
		*why = "column 5 is VERB, NOUN or empty (match the phrase as written)";
		return -1;
	}
	if (*how) {
		upos = ln_upos_from_name(how);
		if (strchr(r->field[0], ' ')) {
			*why = "a lemma row names one word";
			return -1;
		}
	}
	px_event_word *e = VEC_PUSH(d->events, d->n_events, d->cap_events);
	memset(e, 0, sizeof *e);
	e->type = xstrdup(r->field[1]);
	e->cameo = xstrdup(r->field[2]);
	e->verb = xstrdup(*r->field[3] ? r->field[3] : r->field[1]);
	e->occasion = occasion;
	e->judgement = judgement;
	e->advice = advice;
	if (derived >= 0) {
		e->derived = true;
		d->derived[derived] = (int32_t)d->n_events;
	} else if (upos > 0) {
		e->lemma = xstrdup(r->field[0]);
		for (char *c = e->lemma; *c; c++)
			*c = (char)px_ascii_lower((unsigned char)*c);
		e->upos = (uint8_t)upos;
	} else {
		px_dict_add_phrase(d, r->field[0], strlen(r->field[0]), LX_EVENT,
		                   (uint32_t)(d->n_events - 1));
	}
	return 0;
}

const char *const px_derived_names[PX_DERIVED_COUNT] = {"@statement", "@intent", "@address"};

/* What events.tsv needs of the other tables, checked once the directory is
 * read: every '@' row present, every ';judgement' code one that praises or
 * blames (the cameo_praise and cameo_blame classes of words.tsv), every
 * ';advice' code an appeal or a demand (cameo_advice).
 * NULL when all is well, else what is wrong. */
const char *px_events_check(const px_dict *d)
{
	for (int k = 0; k < PX_DERIVED_COUNT; k++)
		if (!d->derived[k])
			return k == PX_DERIVED_STATEMENT ? "no '@statement' row"
			       : k == PX_DERIVED_INTENT  ? "no '@intent' row"
			                                 : "no '@address' row";
	for (size_t i = 0; i < d->n_events; i++) {
		const px_event_word *w = &d->events[i];
		if (w->judgement && !px_code_in(d, w->cameo, WC_CAMEO_PRAISE) &&
		    !px_code_in(d, w->cameo, WC_CAMEO_BLAME))
			return "a ';judgement' row's code is in neither cameo_praise nor "
			       "cameo_blame (words.tsv)";
		if (w->advice && !px_code_in(d, w->cameo, WC_CAMEO_ADVICE))
			return "an ';advice' row's code is not in cameo_advice (words.tsv)";
	}
	return NULL;
}

/* frames.tsv: type, relation ("obl/with", "head.nsubj"), role. */
static int add_frame_row(px_dict *d, row *r, const char **why)
{
	static const char *const roles[] = {"source", "target", "participant", "place"};
	int role = -1;
	for (int k = 0; k < 4; k++)
		if (!strcmp(r->field[2], roles[k]))
			role = k;
	if (!*r->field[0] || !*r->field[1] || role < 0) {
		*why = "needs a type, a relation and a role (source, target, participant, place)";
		return -1;
	}
	/* events.tsv is read first (files load in name order) */
	bool known = !strcmp(r->field[0], "*") || !d->n_events;
	for (size_t k = 0; k < d->n_events && !known; k++)
		known = !strcmp(d->events[k].type, r->field[0]);
	if (!known) {
		*why = "no event type of that name in events.tsv";
		return -1;
	}
	const char *rel = r->field[1];
	bool via_head = !strncmp(rel, "head.", 5);
	if (via_head)
		rel += 5;
	const char *slash = strchr(rel, '/');
	size_t rn = slash ? (size_t)(slash - rel) : strlen(rel);
	const char *cw = slash ? slash + 1 : "";
	if (!rn || rn >= sizeof d->frames->rel || strlen(cw) >= sizeof d->frames->casew ||
	    (slash && !*cw)) {
		*why = "relation is a UD relation, optionally head. before and /caseword after";
		return -1;
	}
	uint8_t kinds = 0;
	for (const char *k = r->field[3]; *k;) {
		size_t n = strcspn(k, ";");
		int bit = -1;
		for (int j = 0; j < 4; j++)
			if (strlen(vocab_actor_kinds[j]) == n &&
			    !strncmp(k, vocab_actor_kinds[j], n))
				bit = j;
		if (bit < 0) {
			*why = "kinds are person, organization, country or group, separated by ';'";
			return -1;
		}
		kinds |= (uint8_t)(1u << bit);
		k += n + (k[n] == ';');
	}
	px_frame *f = VEC_PUSH(d->frames, d->n_frames, d->cap_frames);
	memset(f, 0, sizeof *f);
	f->kinds = kinds;
	f->type = xstrdup(r->field[0]);
	memcpy(f->rel, rel, rn);
	snprintf(f->casew, sizeof f->casew, "%s", cw);
	f->via_head = via_head;
	f->role = (uint8_t)role;
	return 0;
}

/* factuality.tsv: cue, where (dep, gov, end), status (or drop). */
static int add_fact_row(px_dict *d, row *r, const char **why)
{
	static const char *const wheres[] = {"dep", "gov", "end"};
	int where = -1, status = -1;
	for (int k = 0; k < 3; k++)
		if (!strcmp(r->field[1], wheres[k]))
			where = k;
	for (int k = ST_PLANNED; k < ST_DROP; k++)
		if (!strcmp(r->field[2], vocab_event_statuses[k]))
			status = k;
	if (!strcmp(r->field[2], "drop"))
		status = ST_DROP;
	if (where < 0 || status < 0 || status == ST_POSTPONED || status == ST_CANCELLED) {
		*why = "needs a cue, where (dep, gov, end) and a status (planned, possible, "
		       "hypothetical, denied, drop)";
		return -1;
	}
	px_fact *f = VEC_PUSH(d->facts, d->n_facts, d->cap_facts);
	f->cue = xstrdup(r->field[0]);
	for (char *c = f->cue; *c; c++)
		*c = (char)px_ascii_lower((unsigned char)*c);
	f->where = (uint8_t)where;
	f->status = (uint8_t)status;
	return 0;
}

static int add_marker_row(px_dict *d, row *r)
{
	/* in enum px_marker order */
	static const char *const names[] = {"intent",    "future",   "postponed",
	                                    "cancelled", "negation", "scheduled",
	                                    "press",     "question", "additive"};
	for (uint32_t k = 0; k < sizeof names / sizeof *names; k++)
		if (!strcmp(r->field[1], names[k])) {
			px_dict_add_phrase(d, r->field[0], strlen(r->field[0]), LX_MARKER, k);
			return 0;
		}
	return -1;
}

/* Given names carry a gender (ref 1 male, 2 female, 0 either) for pronouns. */
static int add_name_row(px_dict *d, row *r)
{
	uint32_t gender = !strcmp(r->field[1], "m") ? 1 : !strcmp(r->field[1], "f") ? 2 : 0;
	px_dict_add_phrase(d, r->field[0], strlen(r->field[0]), LX_FIRSTNAME, gender);
	return 0;
}

/* namewords.tsv: word, class (particle|suffix|credit|…|kin); a word has one class
 * (a second row for it is an error, not a silent override). */
static int add_nameword_row(px_dict *d, row *r)
{
	/* in enum px_nameword order */
	static const char *const classes[] = {"particle", "suffix",     "credit",
	                                      "credited", "he",         "she",
	                                      "definite", "indefinite", "kin"};
	for (uint32_t k = 0; k < sizeof classes / sizeof *classes; k++) {
		if (strcmp(r->field[1], classes[k]))
			continue;
		size_t n = strlen(r->field[0]);
		for (size_t i = 0; i < d->n_lex; i++) {
			const px_lex_entry *e = &d->lex[i];
			if (!(e->kind & LX_NAMEWORD))
				continue;
			buf b;
			buf_init(&b);
			for (size_t t = 0; t < e->ntok; t++)
				buf_printf(&b, "%s%s", t ? " " : "", e->toks[t]);
			bool dup = b.len == n && !strncasecmp(b.data, r->field[0], n);
			buf_free(&b);
			if (dup)
				return -1;
		}
		px_dict_add_phrase(d, r->field[0], n, LX_NAMEWORD, k);
		return 0;
	}
	return -1;
}

const char *const px_quoteword_names[PX_QUOTEWORD_CLASSES] = {
    "determiner",  "filler",      "gap",         "object",         "aside",
    "unnamed",     "lead-in",     "adverbial",   "complementizer", "listener",
    "topic",       "clause-prep", "contrast",    "request",        "source",
    "source-link", "subject-he",  "subject-she", "credit",         "minor"};

/* quotewords.tsv: word, class; the classes of one word gather in one entry
 * (its ref's bits).  A phrase, an unknown class or a repeated row fails. */
static int add_quoteword_row(px_dict *d, row *r, const char **why)
{
	uint32_t bit = 0;
	for (int k = 0; k < PX_QUOTEWORD_CLASSES && !bit; k++)
		if (!strcmp(r->field[1], px_quoteword_names[k]))
			bit = 1u << k;
	if (!bit) {
		*why = "unknown class (see the classes at the top of quotewords.tsv)";
		return -1;
	}
	px_token *toks = NULL;
	size_t n = 0, cap = 0;
	px_tokenize(r->field[0], 0, strlen(r->field[0]), &toks, &n, &cap);
	free(toks);
	if (n != 1) {
		*why = "a quote word is one token";
		return -1;
	}
	for (size_t i = 0; i < d->n_lex; i++) {
		px_lex_entry *e = &d->lex[i];
		if (!(e->kind & LX_QUOTEWORD) || strcasecmp(e->toks[0], r->field[0]))
			continue;
		if (e->ref & bit) {
			*why = "repeats a row";
			return -1;
		}
		e->ref |= bit;
		return 0;
	}
	px_dict_add_phrase(d, r->field[0], strlen(r->field[0]), LX_QUOTEWORD, bit);
	return 0;
}

static int add_word_row(px_dict *d, row *r, unsigned kind)
{
	px_dict_add_phrase(d, r->field[0], strlen(r->field[0]), kind, 0);
	return 0;
}

/* relevance.tsv: "phrase topic weight most"; a phrase "@name" is a signal. */
static int add_relevance_row(px_dict *d, row *r, const char **why)
{
	static const char *const signals[PX_SIGNALS] = {"@bias", "@country", "@actor", "@event",
	                                                "@title"};
	char *end;
	double w = strtod(r->field[2], &end);
	long most = 3;
	if (*r->field[3]) {
		char *e2;
		most = strtol(r->field[3], &e2, 10);
		if (*e2 || most < 1 || most > 20) {
			*why = "most must be an integer from 1 to 20 (or '-')";
			return -1;
		}
	}
	if (!*r->field[1]) {
		*why = "a topic is required";
		return -1;
	}
	if (!*r->field[2] || *end || !(w >= -5 && w <= 5)) {
		*why = "weight must be a number from -5 to 5";
		return -1;
	}
	px_topic_cue cue = {xstrdup(r->field[1]), w, (int)most};
	d->has_relevance = true;
	if (r->field[0][0] == '@') {
		for (int k = 0; k < PX_SIGNALS; k++)
			if (!strcmp(r->field[0], signals[k])) {
				free(d->signals[k].topic);
				d->signals[k] = cue;
				return 0;
			}
		free(cue.topic);
		*why = "unknown signal (one of @bias, @country, @actor, @event, @title)";
		return -1;
	}
	*VEC_PUSH(d->topics, d->n_topics, d->cap_topics) = cue;
	px_dict_add_phrase(d, r->field[0], strlen(r->field[0]), LX_TOPIC,
	                   (uint32_t)(d->n_topics - 1));
	return 0;
}

typedef enum table {
	T_ACTORS,
	T_COUNTRIES,
	T_PLACES,
	T_TITLES,
	T_EVENTS,
	T_CUES,
	T_NAMES,
	T_STOP,
	T_MARKERS,
	T_RELEVANCE,
	T_FRAMES,
	T_FACTUALITY,
	T_NAMEWORDS,
	T_ROLES,
	T_WORDS,
	T_FURNITURE,
	T_QUOTEWORDS,
	T_UNKNOWN
} table;

static table table_of(const char *name)
{
	static const char *const files[] = {
	    "actors",    "countries", "places",  "titles",    "events",    "cues",
	    "names",     "stopwords", "markers", "relevance", "frames",    "factuality",
	    "namewords", "roles",     "words",   "furniture", "quotewords"};
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	for (int k = 0; k < T_UNKNOWN; k++) {
		size_t n = strlen(files[k]);
		if (!strncmp(base, files[k], n) && !strcmp(base + n, ".tsv"))
			return (table)k;
	}
	return T_UNKNOWN;
}

static int add_row(px_dict *d, table t, row *r, const char **why)
{
	switch (t) {
	case T_ACTORS: return add_actor_row(d, r, why);
	case T_RELEVANCE: return add_relevance_row(d, r, why);
	case T_FRAMES: return add_frame_row(d, r, why);
	case T_FACTUALITY: return add_fact_row(d, r, why);
	case T_COUNTRIES: return add_country_row(d, r);
	case T_PLACES: return add_place_row(d, r);
	case T_TITLES: return add_title_row(d, r, why);
	case T_EVENTS: return add_event_row(d, r, why);
	case T_CUES: return px_speech_add_row(d, r->field[0], r->field[1]);
	case T_NAMES: return add_name_row(d, r);
	case T_STOP: return add_word_row(d, r, LX_STOP);
	case T_MARKERS: return add_marker_row(d, r);
	case T_NAMEWORDS: return add_nameword_row(d, r);
	case T_ROLES: return add_role_row(d, r);
	case T_WORDS: return px_word_add_row(d, r->field[0], r->field[1], r->field[2], why);
	case T_FURNITURE: return px_furniture_add_row(d, r->field[0], r->field[1], why);
	case T_QUOTEWORDS: return add_quoteword_row(d, r, why);
	default: return -1;
	}
}

static char *errorf(const char *name, size_t line, const char *what)
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "%s:%zu: %s", name, line, what);
	return buf_detach(&b);
}

int px_dict_add_file(px_dict *d, const char *name, const char *data, size_t len, char **err)
{
	table t = table_of(name);
	if (t == T_UNKNOWN) {
		if (err)
			*err = errorf(name, 0, "not a dictionary table");
		return -1;
	}
	size_t line_no = 0;
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && data[j] != '\n')
			j++;
		line_no++;
		char *line = xstrndup(data + i, j - i);
		i = j + 1;
		row r;
		split_row(line, &r);
		int rc = 0;
		const char *why = "malformed row";
		if (*r.field[0] && r.field[0][0] != '#')
			rc = add_row(d, t, &r, &why);
		free(line);
		if (rc) {
			if (err)
				*err = errorf(name, line_no, why);
			return -1;
		}
	}
	return 0;
}
