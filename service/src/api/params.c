/*
 * params — validation of query parameters before anything reaches SQL:
 * unknown names are rejected (a typo should not silently mean "no
 * filter"), values are checked by kind, limits are bounded.
 */
#include "api/api.h"

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
	int hh, mm, ss = 0, n = 0;
	if (sscanf(t + 1, "%2d:%2d%n", &hh, &mm, &n) < 2 || hh > 23 || mm > 59)
		return 0;
	t += 1 + n;
	if (*t == ':' && sscanf(t + 1, "%2d%n", &ss, &n) == 1 && ss <= 60)
		t += 1 + n;
	if (*t == '.')
		for (t++; isdigit((unsigned char)*t); t++)
			;
	if (*t == 'Z')
		t++;
	else if ((*t == '+' || *t == '-') && isdigit((unsigned char)t[1]) &&
	         isdigit((unsigned char)t[2]))
		t += (t[3] == ':' ? 6 : 5);
	return *t == '\0';
}

int api_valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		unsigned c = *p;
		int extra = c < 0x80         ? 0
		            : (c >> 5) == 6  ? 1
		            : (c >> 4) == 14 ? 2
		            : (c >> 3) == 30 ? 3
		                             : -1;
		if (extra < 0 || c == 0 || end - p <= extra)
			return extra == 0 && c != 0;
		unsigned cp = extra ? c & (0x3f >> extra) : c;
		for (int i = 1; i <= extra; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		static const unsigned min[] = {0, 0x80, 0x800, 0x10000};
		if (cp < min[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		p += extra + 1;
	}
	return 1;
}

static void bad_param(http_response *res, const char *name, const char *value, const char *why)
{
	json_t *details = json_pack("{s:s}", "parameter", name);
	if (value && api_valid_utf8(value, strlen(value)))
		json_object_set_new(details, "value", json_string_nocheck(value));
	char msg[256];
	snprintf(msg, sizeof msg, "parameter '%s': %s", name, why);
	api_error(res, 400, "invalid_parameter", msg, details);
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

static const char *check_value(const db_filter *f, const char *v)
{
	size_t len = strlen(v);
	if (len == 0)
		return "must not be empty";
	if (!api_valid_utf8(v, len))
		return "must be valid UTF-8";
	switch (f->kind) {
	case PARAM_ID: return api_valid_id(v) ? NULL : "must be a positive integer id";
	case PARAM_DATE: return api_valid_date(v) ? NULL : "must be a date YYYY-MM-DD";
	case PARAM_ENUM: return listed(f->choices, v) ? NULL : "not one of the allowed values";
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
		const char *why = check_value(&col->filters[k], v);
		if (why) {
			bad_param(res, name, api_valid_utf8(v, strlen(v)) ? v : NULL, why);
			return -1;
		}
		out->values[k] = v;
	}
	return 0;
}
