/*
 * date — see date.h.  Hand-written scanners rather than strptime(): the
 * formats in the wild mix optional weekdays, seconds, fractions and zone
 * spellings, and strptime's behaviour on those differs between libcs.
 * Zone offsets are applied with timegm() so the output is always UTC.
 */
#include "parse/date.h"

#include "core/buf.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef struct when {
	int y, mo, d, h, mi, s;
	bool has_time;
	long off; /* seconds east of UTC */
} when;

static bool plausible(const when *w)
{
	return w->y >= 1970 && w->y <= 2100 && w->mo >= 1 && w->mo <= 12 && w->d >= 1 &&
	       w->d <= 31 && w->h <= 24 && w->mi <= 59 && w->s <= 60;
}

static int month_of(const char *s)
{
	static const char *const m[] = {"jan", "feb", "mar", "apr", "may", "jun",
	                                "jul", "aug", "sep", "oct", "nov", "dec"};
	for (int i = 0; i < 12; i++)
		if (!strncasecmp(s, m[i], 3))
			return i + 1;
	return 0;
}

static int digits(const char **p, int max)
{
	int v = 0, n = 0;
	while (n < max && isdigit((unsigned char)**p)) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n ? v : -1;
}

/* "Z", "+01:00", "+0100", "GMT", "UTC", "EST"... (zones we cannot name are
 * taken as UTC: a few hours off beats no date). */
static long zone_offset(const char *p)
{
	while (*p == ' ')
		p++;
	if (*p == '+' || *p == '-') {
		int sign = *p == '-' ? -1 : 1;
		p++;
		int hh = digits(&p, 2);
		if (*p == ':')
			p++;
		int mm = digits(&p, 2);
		return hh < 0 ? 0 : sign * (hh * 3600L + (mm > 0 ? mm : 0) * 60L);
	}
	static const struct {
		const char *name;
		int hours;
	} zones[] = {{"EST", -5}, {"EDT", -4}, {"CST", -6}, {"CDT", -5}, {"MST", -7},
	             {"MDT", -6}, {"PST", -8}, {"PDT", -7}, {"CET", 1},  {"CEST", 2},
	             {"BST", 1},  {"MSK", 3},  {"IST", 5}};
	for (size_t i = 0; i < sizeof zones / sizeof *zones; i++)
		if (!strncasecmp(p, zones[i].name, strlen(zones[i].name)))
			return zones[i].hours * 3600L + (!strcmp(zones[i].name, "IST") ? 1800L : 0);
	return 0;
}

static void scan_time(const char *p, when *w)
{
	int h = digits(&p, 2);
	if (h < 0 || *p != ':')
		return;
	p++;
	int mi = digits(&p, 2);
	if (mi < 0)
		return;
	int s = 0;
	if (*p == ':') {
		p++;
		s = digits(&p, 2);
		if (s < 0)
			s = 0;
	}
	while (*p == '.' || *p == ',' || isdigit((unsigned char)*p))
		p++; /* fractions of a second */
	w->h = h, w->mi = mi, w->s = s, w->has_time = true;
	w->off = zone_offset(p);
}

/* 2019-11-18, 2019-11-18T10:00:00Z, 2019/11/18 10:00 +0100 */
static bool scan_iso(const char *p, when *w)
{
	w->y = digits(&p, 4);
	if (w->y < 0 || (*p != '-' && *p != '/' && *p != '.'))
		return false;
	char sep = *p++;
	w->mo = digits(&p, 2);
	if (*p++ != sep)
		return false;
	w->d = digits(&p, 2);
	if (w->d < 0)
		return false;
	if (*p == 'T' || *p == 't' || *p == ' ')
		scan_time(p + 1, w);
	return true;
}

/* [Mon,] 18 Nov 2019 10:00:00 GMT, and "November 18, 2019" / "Nov 18 2019". */
static bool scan_rfc822(const char *p, when *w)
{
	while (*p && !isdigit((unsigned char)*p) && !month_of(p))
		p++;
	if (isdigit((unsigned char)*p)) {
		w->d = digits(&p, 2);
		while (*p == ' ' || *p == '-')
			p++;
		w->mo = month_of(p);
		while (isalpha((unsigned char)*p))
			p++;
	} else {
		w->mo = month_of(p);
		while (isalpha((unsigned char)*p) || *p == '.')
			p++;
		while (*p == ' ')
			p++;
		w->d = digits(&p, 2);
		while (isalpha((unsigned char)*p))
			p++; /* "18th" */
		if (*p == ',')
			p++;
	}
	while (*p == ' ' || *p == '-' || *p == ',')
		p++;
	w->y = digits(&p, 4);
	if (w->y >= 0 && w->y < 100)
		w->y += w->y < 70 ? 2000 : 1900;
	while (*p == ' ' || *p == ',')
		p++;
	scan_time(p, w);
	return w->mo > 0 && w->d > 0 && w->y > 0;
}

static char *format(const when *w)
{
	char out[32];
	if (!w->has_time) {
		snprintf(out, sizeof out, "%04d-%02d-%02d", w->y, w->mo, w->d);
		return xstrdup(out);
	}
	struct tm tm = {.tm_year = w->y - 1900,
	                .tm_mon = w->mo - 1,
	                .tm_mday = w->d,
	                .tm_hour = w->h,
	                .tm_min = w->mi,
	                .tm_sec = w->s};
	time_t t = timegm(&tm) - w->off;
	struct tm u;
	gmtime_r(&t, &u);
	strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &u);
	return xstrdup(out);
}

char *date_normalize(const char *s)
{
	if (!s)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	when w = {0};
	bool ok = isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	                  isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3])
	              ? scan_iso(s, &w)
	              : scan_rfc822(s, &w);
	if (!ok) {
		w = (when){0};
		ok = scan_rfc822(s, &w);
	}
	return ok && plausible(&w) ? format(&w) : NULL;
}

char *date_from_url(const char *url)
{
	if (!url)
		return NULL;
	const char *p = strstr(url, "://");
	p = p ? strchr(p + 3, '/') : url;
	for (; p && *p; p = strchr(p + 1, '/')) {
		const char *q = p + 1;
		when w = {0};
		w.y = digits(&q, 4);
		if (w.y < 1990 || w.y > 2100)
			continue;
		char sep = *q;
		if (sep == '/' || sep == '-' || sep == '_') {
			q++;
			w.mo = digits(&q, 2);
			if (*q != sep)
				continue;
			q++;
			w.d = digits(&q, 2);
		} else {
			w.mo = digits(&q, 2);
			w.d = digits(&q, 2);
		}
		if (w.d > 0 && !isdigit((unsigned char)*q) && plausible(&w))
			return format(&w);
	}
	return NULL;
}
