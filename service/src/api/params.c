/*
 * params — validation of query parameters before anything reaches SQL:
 * unknown names are rejected (a typo should not silently mean "no
 * filter"), values are checked by kind, limits are bounded.
 */
#include "api/api.h"

#include "core/utf8.h"
#include "core/vocab.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TEXT_PARAM 200
#define DEFAULT_LIMIT 50
#define MAX_LIMIT 500

int api_valid_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 18 || s[0] == '0')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

int api_valid_date(const char *s)
{
	int y, m, d, n = 0;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Two ASCII digits at p (stops at a NUL, so never reads past the end). */
static int two_digits(const char *p, int *out)
{
	if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
		return 0;
	*out = (p[0] - '0') * 10 + (p[1] - '0');
	return 1;
}

/* YYYY-MM-DD, optionally followed by [T ]hh:mm[:ss[.frac]][Z|±hh[[:]mm]].
 * Every field is read as exact digits (no sign, no width games) and each
 * step checks the byte it moves over, so parsing stops at the NUL. */
int api_valid_timestamp(const char *s)
{
	char day[11];
	if (strlen(s) < 10)
		return 0;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!api_valid_date(day))
		return 0;
	const char *t = s + 10;
	if (!*t)
		return 1;
	if (*t != 'T' && *t != ' ')
		return 0;
	int hh, mm, ss;
	if (!two_digits(t + 1, &hh) || t[3] != ':' || !two_digits(t + 4, &mm) || hh > 23 || mm > 59)
		return 0;
	t += 6;
	if (*t == ':') {
		if (!two_digits(t + 1, &ss) || ss > 60)
			return 0;
		t += 3;
	}
	if (*t == '.') {
		if (!isdigit((unsigned char)*++t))
			return 0;
		while (isdigit((unsigned char)*t))
			t++;
	}
	if (*t == 'Z') {
		t++;
	} else if (*t == '+' || *t == '-') {
		int oh, om;
		if (!two_digits(t + 1, &oh) || oh > 23)
			return 0;
		t += 3;
		int colon = *t == ':';
		t += colon;
		if (*t || colon) {
			if (!two_digits(t, &om) || om > 59)
				return 0;
			t += 2;
		}
	}
	return *t == '\0';
}

static void bad_param(http_response *res, const char *name, const char *value, const char *why)
{
	json_t *details = json_object();
	if (value)
		json_object_set_new(details, "value", api_text(value));
	api_error_about(res, 400, "invalid_parameter", "parameter", name, why, details);
}

static int listed(const char *const *names, const char *name)
{
	for (; names && *names; names++)
		if (!strcmp(*names, name))
			return 1;
	return 0;
}

int api_check_params(const http_request *req, const char *const *allowed, http_response *res)
{
	for (size_t i = 0; i < req->n_query; i++)
		if (!listed(allowed, req->query[i].name)) {
			bad_param(res, req->query[i].name, NULL, "unknown parameter");
			return -1;
		}
	return 0;
}

/* What is wrong with v for filter f, or NULL; an enum's answer names the
 * words that would do, written into must. */
static const char *check_value(const db_filter *f, const char *v, buf *must)
{
	size_t len = strlen(v);
	if (len == 0)
		return "must not be empty";
	if (!utf8_valid(v, len))
		return "must be valid UTF-8";
	switch (f->kind) {
	case PARAM_ID: return api_valid_id(v) ? NULL : "must be a positive integer id";
	case PARAM_DATE: return api_valid_date(v) ? NULL : "must be a date YYYY-MM-DD";
	case PARAM_ENUM:
		if (listed(f->choices, v))
			return NULL;
		vocab_must_be(must, f->choices);
		return must->data;
	case PARAM_TEXT:
	case PARAM_SEARCH:
	case PARAM_ACTOR: return len <= MAX_TEXT_PARAM ? NULL : "too long (200 bytes at most)";
	}
	return NULL;
}

static int parse_limit(const char *v, int *out)
{
	if (!api_valid_id(v) || strlen(v) > 4)
		return -1;
	int n = atoi(v);
	if (n < 1 || n > MAX_LIMIT)
		return -1;
	*out = n;
	return 0;
}

/* Off-topic articles stay out unless asked for: ?relevance= absent means
 * relevant, except for one article named by article_id (asked for by
 * name); "all" means no predicate. */
static void default_relevance(const db_collection *col, api_list_params *out)
{
	int rel = db_filter_index(col, "relevance");
	int art = db_filter_index(col, "article_id");
	if (rel < 0)
		return;
	if (!out->values[rel] && !(art >= 0 && out->values[art]))
		out->values[rel] = "relevant";
	if (out->values[rel] && !strcmp(out->values[rel], "all"))
		out->values[rel] = NULL;
}

int api_parse_list(const http_request *req, const db_collection *col, api_list_params *out,
                   const char *const *extra_allowed, http_response *res)
{
	memset(out, 0, sizeof *out);
	out->limit = DEFAULT_LIMIT;
	for (size_t i = 0; i < req->n_query; i++) {
		const char *name = req->query[i].name;
		const char *v = req->query[i].value ? req->query[i].value : "";
		if (!strcmp(name, "limit")) {
			if (parse_limit(v, &out->limit)) {
				bad_param(res, name, v, "must be an integer from 1 to 500");
				return -1;
			}
			continue;
		}
		if (!strcmp(name, "cursor")) {
			if (api_cursor_decode(v, out->cursor_sort, sizeof out->cursor_sort,
			                      out->cursor_id, sizeof out->cursor_id) ||
			    (col->sort && !api_valid_date(out->cursor_sort))) {
				bad_param(res, name, NULL, "not a cursor this collection issued");
				return -1;
			}
			out->has_cursor = 1;
			continue;
		}
		if (listed(extra_allowed, name))
			continue;
		int k = db_filter_index(col, name);
		if (k < 0) {
			bad_param(res, name, NULL, "unknown parameter");
			return -1;
		}
		buf must;
		buf_init(&must);
		const char *why = check_value(&col->filters[k], v, &must);
		if (why)
			bad_param(res, name, v, why);
		buf_free(&must);
		if (why)
			return -1;
		out->values[k] = v;
	}
	default_relevance(col, out);
	return 0;
}
