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

static int add_actor_row(px_dict *d, row *r)
{
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
	return px_dict_add_actor(d, r->field[0], r->field[1], r->field[2], r->field[3], r->field[4],
	                         al, n);
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

static int add_title_row(px_dict *d, row *r)
{
	px_title *t = VEC_PUSH(d->titles, d->n_titles, d->cap_titles);
	t->canonical = xstrdup(*r->field[1] ? r->field[1] : r->field[0]);
	t->person = strcmp(r->field[2], "office") != 0;
	px_dict_add_phrase(d, r->field[0], strlen(r->field[0]), LX_TITLE,
	                   (uint32_t)(d->n_titles - 1));
	return 0;
}

static int add_event_row(px_dict *d, row *r)
{
	if (!*r->field[1] || !*r->field[2])
		return -1;
	px_event_word *e = VEC_PUSH(d->events, d->n_events, d->cap_events);
	e->type = xstrdup(r->field[1]);
	e->cameo = xstrdup(r->field[2]);
	e->verb = xstrdup(*r->field[3] ? r->field[3] : r->field[1]);
	px_dict_add_phrase(d, r->field[0], strlen(r->field[0]), LX_EVENT,
	                   (uint32_t)(d->n_events - 1));
	return 0;
}

static int add_marker_row(px_dict *d, row *r)
{
	/* in enum px_marker order */
	static const char *const names[] = {"intent",    "future",   "postponed",
	                                    "cancelled", "negation", "scheduled"};
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

static int add_word_row(px_dict *d, row *r, unsigned kind)
{
	px_dict_add_phrase(d, r->field[0], strlen(r->field[0]), kind, 0);
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
	T_UNKNOWN
} table;

static table table_of(const char *name)
{
	static const char *const files[] = {"actors", "countries", "places",    "titles", "events",
	                                    "cues",   "names",     "stopwords", "markers"};
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	for (int k = 0; k < T_UNKNOWN; k++) {
		size_t n = strlen(files[k]);
		if (!strncmp(base, files[k], n) && !strcmp(base + n, ".tsv"))
			return (table)k;
	}
	return T_UNKNOWN;
}

static int add_row(px_dict *d, table t, row *r)
{
	switch (t) {
	case T_ACTORS: return add_actor_row(d, r);
	case T_COUNTRIES: return add_country_row(d, r);
	case T_PLACES: return add_place_row(d, r);
	case T_TITLES: return add_title_row(d, r);
	case T_EVENTS: return add_event_row(d, r);
	case T_CUES: return px_speech_add_row(d, r->field[0], r->field[1]);
	case T_NAMES: return add_name_row(d, r);
	case T_STOP: return add_word_row(d, r, LX_STOP);
	case T_MARKERS: return add_marker_row(d, r);
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
		if (*r.field[0] && r.field[0][0] != '#')
			rc = add_row(d, t, &r);
		free(line);
		if (rc) {
			if (err)
				*err = errorf(name, line_no, "malformed row");
			return -1;
		}
	}
	return 0;
}
