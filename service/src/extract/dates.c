/*
 * dates — finds date expressions in a sentence and resolves them against
 * the publication date.
 *
 * News dates are mostly relative ("on Wednesday", "last month", "this
 * spring") or lack a year ("August 15"), so each expression is resolved
 * against the publication date into a calendar date with a precision (day,
 * month, year).  Weekdays mean the latest such day on or before publication;
 * a month and day without a year mean the nearest one not after
 * publication.  Without a publication date relative expressions stay
 * unresolved rather than guessed.
 */
#include "extract/internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int px_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void px_civil_from_days(int z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

static bool valid_ymd(int y, int m, int d)
{
	return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

bool px_parse_iso_date(const char *s, px_date *out)
{
	int y, m, d;
	if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || !valid_ymd(y, m, d))
		return false;
	*out = (px_date){y, m, d, 3};
	return true;
}

bool px_date_days(const px_date *d, int *days)
{
	if (d->precision < 1)
		return false;
	*days =
	    px_days_from_civil(d->y, d->precision >= 2 ? d->m : 1, d->precision >= 3 ? d->d : 1);
	return true;
}

static char *digits(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + (v < 0 ? -v : v) % 10);
	return p + width;
}

/* By hand: written for every event and statement of every article. */
void px_date_format(const px_date *d, char out[16])
{
	char *p = out;
	if (d->precision >= 1)
		p = digits(p, d->y % 10000, 4);
	if (d->precision >= 2) {
		*p++ = '-';
		p = digits(p, d->m % 100, 2);
	}
	if (d->precision >= 3) {
		*p++ = '-';
		p = digits(p, d->d % 100, 2);
	}
	*p = '\0';
}

/* The words of each class are data (words.tsv, read by words.c). */

static size_t tok_len(const px_doc *doc, size_t i)
{
	return doc->toks[i].end - doc->toks[i].start;
}

/* Month number of token i ("August", "Aug", "Sept"), 0 if none.  "May" and
 * "March" only count with a day or year beside them (checked by callers). */
static int month_at(const px_doc *doc, size_t i)
{
	int m;
	if (i >= doc->n_toks || !doc->toks[i].cap || !px_word_in(doc, i, WC_MONTH, &m))
		return 0;
	return m;
}

static int weekday_at(const px_doc *doc, size_t i)
{
	int w;
	if (i >= doc->n_toks || !doc->toks[i].cap || !px_word_in(doc, i, WC_WEEKDAY, &w))
		return -1;
	return w;
}

static int number_at(const px_doc *doc, size_t i, int lo, int hi)
{
	if (i >= doc->n_toks || doc->toks[i].kind != TK_NUM)
		return -1;
	const char *s = doc->text.s + doc->toks[i].start;
	size_t n = tok_len(doc, i);
	int v = 0;
	size_t k = 0;
	for (; k < n && isdigit((unsigned char)s[k]) && k < 5; k++)
		v = v * 10 + (s[k] - '0');
	/* allow ordinal suffixes: 15th, 1st */
	if (k < n && !(n - k == 2 && isalpha((unsigned char)s[k])))
		return -1;
	return k && v >= lo && v <= hi ? v : -1;
}

typedef px_found_date found;

static void set_day(found *f, int y, int m, int d)
{
	if (valid_ymd(y, m, d))
		f->date = (px_date){y, m, d, 3};
}

/* The values of relative words (words.tsv). */
enum { REL_NONE = -9, REL_LAST = -2, REL_PAST = -1, REL_THIS = 0, REL_NEXT = 1, REL_HEDGE = 2 };

static int relative_word(const px_doc *doc, size_t i)
{
	int v;
	return px_word_in(doc, i, WC_RELATIVE, &v) ? v : REL_NONE;
}

static bool counts_back(int rel)
{
	return rel == REL_LAST || rel == REL_PAST;
}

/* "in December", "by March", "since July", "at a February hearing", "the
 * March summit": a month of the publication year (the caller moves it a
 * year when the event's status says so); "last February", "next March":
 * the nearest such month before or after publication. */
static bool month_alone(const px_doc *doc, size_t i, int m, found *f)
{
	const px_date *p = &doc->published;
	bool prep = i > 0 && px_word_in(doc, i - 1, WC_MONTH_PREP, NULL);
	/* a determiner only with a noun after the month: "a February hearing" */
	bool det = i > 0 && !prep && px_word_in(doc, i - 1, WC_DETERMINER, NULL) &&
	           i + 1 < doc->n_toks && doc->toks[i + 1].kind == TK_WORD &&
	           !doc->toks[i + 1].cap && doc->toks[i + 1].sent == doc->toks[i].sent;
	int rel = i > 0 ? relative_word(doc, i - 1) : REL_NONE;
	if (counts_back(rel) || rel == REL_NEXT) { /* last, past, next, coming */
		if (p->precision < 2)
			return false;
		bool ahead = rel == REL_NEXT;
		int y = ahead ? (m > p->m ? p->y : p->y + 1) : (m < p->m ? p->y : p->y - 1);
		f->start = i - 1;
		f->end = i + 1;
		f->date = (px_date){y, m, 0, 2};
		f->future = ahead;
		f->relative = true;
		return true;
	}
	if ((!prep && !det) || p->precision < 2)
		return false;
	f->start = det ? i - 1 : i;
	f->end = i + 1;
	f->date = (px_date){p->y, m, 0, 2};
	f->year_implied = true;
	f->future = m > p->m;
	return true;
}

/* Month, day and maybe year: "August 15", "Aug. 15, 2025", "15 August 2025". */
static bool month_day(const px_doc *doc, size_t i, found *f)
{
	const px_date *p = &doc->published;
	int m = month_at(doc, i), d = -1, y = -1;
	size_t j = i + 1;
	if (m) {
		if (px_tok_char(doc, j, '.'))
			j++;
		d = number_at(doc, j, 1, 31);
		if (d < 0) {
			y = number_at(doc, j, 1900, 2200);
			if (y < 0)
				return month_alone(doc, i, m, f);
			f->start = i, f->end = j + 1;
			f->date = (px_date){y, m, 0, 2};
			return true;
		}
		j++;
	} else if ((d = number_at(doc, i, 1, 31)) > 0 && (m = month_at(doc, i + 1)) > 0) {
		j = i + 2;
	} else {
		return false;
	}
	size_t k = px_tok_char(doc, j, ',') ? j + 1 : j;
	y = number_at(doc, k, 1900, 2200);
	f->start = i;
	f->end = y > 0 ? k + 1 : j;
	if (y > 0) {
		set_day(f, y, m, d);
	} else if (p->precision == 3) {
		y = p->y;
		int pub = px_days_from_civil(p->y, p->m, p->d);
		if (valid_ymd(y, m, d) && px_days_from_civil(y, m, d) > pub + 2)
			f->future = true; /* the caller decides whether a past year fits better */
		set_day(f, y, m, d);
		f->year_implied = true;
	}
	return true;
}

static void shift_days(const px_date *p, int delta, px_date *out, int precision)
{
	int y, m, d;
	px_civil_from_days(px_days_from_civil(p->y, p->m, p->d) + delta, &y, &m, &d);
	*out = (px_date){y, precision >= 2 ? m : 0, precision >= 3 ? d : 0, precision};
}

/* "on Wednesday", "last Friday", "next Monday" */
static bool weekday_expr(const px_doc *doc, size_t i, found *f)
{
	int w = weekday_at(doc, i);
	if (w < 0)
		return false;
	const px_date *p = &doc->published;
	int rel = i > 0 ? relative_word(doc, i - 1) : REL_NONE;
	f->start = rel != REL_NONE ? i - 1 : i;
	f->end = i + 1;
	if (p->precision != 3)
		return true;
	int pub = px_days_from_civil(p->y, p->m, p->d);
	int pub_w = ((pub % 7) + 7 + 3) % 7; /* 1970-01-01 was a Thursday (3) */
	int back = (pub_w - w + 7) % 7, ahead = (w - pub_w + 7) % 7;
	if (rel == REL_NEXT) {
		shift_days(p, ahead ? ahead : 7, &f->date, 3);
		f->future = true;
		f->relative = true;
	} else {
		if (rel == REL_LAST && back == 0)
			back = 7;
		shift_days(p, -back, &f->date, 3);
		if (rel == REL_NONE)
			shift_days(p, ahead, &f->ahead, 3);
	}
	/* "on Tuesday, October 14": the calendar date says which Tuesday */
	found exact = {0};
	size_t k = px_tok_char(doc, i + 1, ',') ? i + 2 : i + 1;
	if (month_day(doc, k, &exact) && exact.date.precision == 3) {
		exact.start = f->start;
		*f = exact;
	}
	return true;
}

/* "last month", "this week", "next year", "earlier this year", "this spring" */
static bool relative_expr(const px_doc *doc, size_t i, found *f)
{
	int rel = relative_word(doc, i);
	if (rel == REL_NONE || i + 1 >= doc->n_toks)
		return false;
	size_t unit = i + 1;
	if (rel == REL_HEDGE && relative_word(doc, unit) == REL_THIS)
		unit++, rel = REL_THIS;
	int u = -1;
	if (!px_word_in(doc, unit, WC_UNIT, &u))
		u = -1;
	enum { U_DAY, U_WEEK, U_MONTH, U_YEAR };
	bool week = u == U_WEEK, month = u == U_MONTH, year = u == U_YEAR,
	     season = px_word_in(doc, unit, WC_SEASON, NULL);
	if (!week && !month && !year && !season)
		return false;
	/* "ABC's This Week": capitalised inside a sentence, a title */
	if (doc->toks[unit].cap && doc->toks[i].cap && i > doc->sents[doc->toks[i].sent].tok_start)
		return false;
	const px_date *p = &doc->published;
	f->start = i;
	f->end = unit + 1;
	int dir = counts_back(rel) ? -1 : rel == REL_NEXT ? 1 : 0;
	f->future = dir > 0;
	f->relative = true;
	if (p->precision != 3)
		return true;
	if (week)
		shift_days(p, dir * 7, &f->date, 2);
	else if (month) {
		int m = p->m + dir, y = p->y;
		if (m < 1)
			m = 12, y--;
		if (m > 12)
			m = 1, y++;
		f->date = (px_date){y, m, 0, 2};
	} else {
		f->date = (px_date){p->y + (year ? dir : 0), 0, 0, 1};
	}
	return true;
}

static bool day_word(const px_doc *doc, size_t i, found *f)
{
	int delta, u;
	size_t end = i + 1;
	if (px_word_in(doc, i, WC_DAY, &delta))
		;
	else if (px_word_in(doc, i, WC_DAY_LEAD, &delta) && px_word_in(doc, i + 1, WC_UNIT, &u) &&
	         u == 0)
		end = i + 2; /* "the previous day's talks" */
	else
		return false;
	f->start = i;
	f->end = end;
	f->future = delta > 0;
	f->relative = true;
	if (doc->published.precision == 3)
		shift_days(&doc->published, delta, &f->date, 3);
	return true;
}

/* "in 2022", "since 2014", "in the 1952 campaign" */
static bool year_expr(const px_doc *doc, size_t i, found *f)
{
	if (!px_word_in(doc, i, WC_YEAR_PREP, NULL))
		return false;
	/* a determiner and a year before a lower-case noun: the year of that campaign,
	 * war or election */
	size_t at = i + 1;
	if (px_word_in(doc, at, WC_DETERMINER, NULL)) {
		at++;
		if (at + 1 >= doc->n_toks || doc->toks[at + 1].kind != TK_WORD ||
		    doc->toks[at + 1].cap)
			return false;
	}
	int y = number_at(doc, at, 1900, 2200);
	if (y < 0 || px_tok_char(doc, at + 1, '-'))
		return false;
	f->start = at;
	f->end = at + 1;
	f->date = (px_date){y, 0, 0, 1};
	return true;
}

/* 2025-08-27 as tokens NUM - NUM - NUM */
static bool iso_expr(const px_doc *doc, size_t i, found *f)
{
	int y = number_at(doc, i, 1900, 2200);
	if (y < 0 || !px_tok_char(doc, i + 1, '-') || !px_tok_char(doc, i + 3, '-'))
		return false;
	int m = number_at(doc, i + 2, 1, 12), d = number_at(doc, i + 4, 1, 31);
	if (m < 0 || d < 0)
		return false;
	f->start = i;
	f->end = i + 5;
	set_day(f, y, m, d);
	return true;
}

/* Most tokens cannot start a date; this cheap test skips them. */
static bool may_start_date(const px_doc *doc, size_t i)
{
	const px_token *t = &doc->toks[i];
	if (t->kind == TK_NUM || t->cap)
		return true;
	const px_word *w = px_word_at(doc, i);
	return w && (w->classes &
	             (1u << WC_RELATIVE | 1u << WC_DAY | 1u << WC_DAY_LEAD | 1u << WC_YEAR_PREP));
}

static bool date_at(const px_doc *doc, size_t i, found *f)
{
	*f = (found){0};
	if (!may_start_date(doc, i))
		return false;
	return iso_expr(doc, i, f) || month_day(doc, i, f) || weekday_expr(doc, i, f) ||
	       relative_expr(doc, i, f) || day_word(doc, i, f) || year_expr(doc, i, f);
}

static size_t distance(size_t a, size_t b)
{
	return a > b ? a - b : b - a;
}

/* "NEW DELHI, Nov 12 (Wire) - ...": a dateline opening the sentence gives
 * the day of the report, not of what it reports. */
static bool in_dateline(const px_doc *doc, const found *f)
{
	size_t first = doc->sents[doc->toks[f->start].sent].tok_start;
	if (f->start > first + 5)
		return false;
	size_t i = f->end;
	if (px_tok_char(doc, i, '(')) {
		size_t close = i + 1;
		while (close < i + 6 && close < doc->n_toks && !px_tok_char(doc, close, ')'))
			close++;
		if (!px_tok_char(doc, close, ')'))
			return false;
		i = close + 1;
	}
	return px_tok_char(doc, i, '-');
}

/* Every date expression of tokens [a, b). */
static size_t scan_dates(const px_doc *doc, size_t a, size_t b, found *out, size_t max)
{
	size_t n = 0;
	found f;
	for (size_t i = a; i < b && n < max; i++) {
		if (!date_at(doc, i, &f))
			continue;
		if (in_dateline(doc, &f)) {
			i = f.end - 1;
			continue;
		}
		out[n++] = f;
		i = f.end - 1;
	}
	return n;
}

/* Sentences are asked again and again (each statement, each event); the
 * expressions of a whole sentence are found once and kept. */
static const px_date_cache *sentence_dates(const px_doc *doc, size_t sent)
{
	px_date_cache *c = &doc->date_cache[sent];
	if (!c->done) {
		const px_sentence *s = &doc->sents[sent];
		c->n = (uint8_t)scan_dates(doc, s->tok_start, s->tok_end, c->found,
		                           PX_DATES_PER_SENTENCE);
		c->done = true;
	}
	return c;
}

static bool before_publication(const px_doc *doc, const px_date *d)
{
	const px_date *p = &doc->published;
	if (p->precision < 2 || d->precision < 2)
		return false;
	if (d->y != p->y)
		return d->y < p->y;
	if (d->m != p->m)
		return d->m < p->m;
	return d->precision == 3 && p->precision == 3 && d->d < p->d;
}

/* Another verb between a date expression and the word it could date: the
 * date belongs to that verb first ("The Kremlin on Wednesday welcomed the
 * talks in Geneva on Tuesday": Wednesday dates the welcome, Tuesday the
 * talks).  Needs the parse's tags; without them, never. */
enum { VERB_PENALTY = 1000 };
static size_t verb_between(const px_doc *doc, const found *f, size_t near)
{
	size_t lo = f->start < near ? f->end : near + 1, hi = f->start < near ? near : f->start;
	for (size_t i = lo; i < hi; i++) {
		int32_t k = px_syn_ln(doc, i);
		if (k >= 0 && px_syn_upos(doc, (size_t)k) == LN_UPOS_VERB)
			return 1;
	}
	return 0;
}

/* The expression of tokens [a, b) nearest to `near`, a verb between them
 * counting as far; a resolved one beats an unresolved one at any
 * distance.  false when there is none. */
static bool nearest_date(const px_doc *doc, size_t a, size_t b, size_t near, found *out)
{
	found local[PX_DATES_PER_SENTENCE];
	const found *list = local;
	size_t n;
	/* within one sentence, its expressions are found once and kept; a
	 * narrower range takes those that lie inside it */
	bool one_sentence = doc->date_cache && a < b && doc->toks[a].sent == doc->toks[b - 1].sent;
	if (one_sentence) {
		const px_date_cache *c = sentence_dates(doc, doc->toks[a].sent);
		list = c->found;
		n = c->n;
	} else {
		n = scan_dates(doc, a, b, local, PX_DATES_PER_SENTENCE);
	}
	size_t best_dist = (size_t)-1;
	const found *keep = NULL;
	for (size_t k = 0; k < n; k++) {
		const found *f = &list[k];
		if (f->start < a || f->end > b)
			continue;
		/* a day in a name is no date ("Fox News Sunday") */
		if (doc->tok_mention && doc->tok_mention[f->start] >= 0)
			continue;
		size_t dist = distance(f->start, near) + verb_between(doc, f, near) * VERB_PENALTY;
		bool better =
		    !keep || (f->date.precision && !keep->date.precision) ||
		    ((f->date.precision > 0) == (keep->date.precision > 0) && dist < best_dist);
		if (better) {
			best_dist = dist;
			keep = f;
		}
	}
	if (keep)
		*out = *keep;
	return keep != NULL;
}

long px_find_date(const px_doc *doc, size_t a, size_t b, size_t near, px_date *out, int *future,
                  px_date *ahead)
{
	found f;
	if (!nearest_date(doc, a, b, near, &f))
		return -1;
	*out = f.date;
	/* what was said was said by publication: a calendar date without its
	 * year that falls after it is last year's ("at a December hearing" read
	 * in August) */
	if (!future && f.year_implied && f.future && out->precision >= 2)
		out->y--;
	if (future)
		*future = f.relative                         ? (f.future ? 1 : 0)
		          : !f.year_implied                  ? 0
		          : f.future                         ? 2
		          : before_publication(doc, &f.date) ? 3
		                                             : 0;
	if (ahead)
		*ahead = f.ahead;
	return (long)f.start;
}

/* A dateline near the top wins; otherwise the latest full date in the body.
 * With a fallback day in doc->published (precision 3, the day the article
 * was stored), a dateline without its year ("MOSCOW, Aug 27 -") is the
 * nearest such day not after it. */
bool px_infer_published(const px_doc *doc, px_date *out)
{
	found f;
	int latest = -1;
	px_date keep = {0};
	for (size_t i = 0; i < doc->n_toks; i++) {
		f = (found){0};
		if (!(iso_expr(doc, i, &f) || month_day(doc, i, &f)) || f.date.precision != 3)
			continue;
		/* a dateline: "Wednesday, August 27, 2025" or a date opening the text */
		bool after_weekday = (i >= 1 && weekday_at(doc, i - 1) >= 0) ||
		                     (i >= 2 && weekday_at(doc, i - 2) >= 0);
		bool dateline =
		    doc->toks[i].sent == 0 && (after_weekday || i < 3 || in_dateline(doc, &f));
		if (f.year_implied && !dateline)
			continue; /* a yearless date in the body tells no year */
		if (dateline) {
			*out = f.date;
			if (f.year_implied && f.future)
				out->y--;
			return true;
		}
		int days = px_days_from_civil(f.date.y, f.date.m, f.date.d);
		if (days > latest)
			latest = days, keep = f.date;
	}
	if (latest < 0)
		return false;
	*out = keep;
	return true;
}
