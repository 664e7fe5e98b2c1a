/*
 * petrarch — see petrarch.h.  Names come upper-case with underscores for
 * spaces; we store them as people write them ("Vladimir Putin").
 */
#include "extract/petrarch.h"
#include "extract/internal.h"

#include "core/buf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct pending {
	petrarch_actor a;
	int open;
	int code_current; /* the code held is valid today */
} pending;

/* "VLADIMIR_PUTIN_" → "Vladimir Putin" (ASCII case rules; other bytes kept). */
static char *display_name(const char *s, size_t n)
{
	buf b;
	buf_init(&b);
	int word_start = 1;
	for (size_t i = 0; i < n; i++) {
		char c = s[i] == '_' ? ' ' : s[i];
		if (c == ' ') {
			if (b.len && b.data[b.len - 1] != ' ')
				buf_putc(&b, ' ');
			word_start = 1;
			continue;
		}
		buf_putc(
		    &b, (char)(word_start ? toupper((unsigned char)c) : tolower((unsigned char)c)));
		word_start = c == '-' || c == '.' || c == '\'';
	}
	while (b.len && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	return buf_detach(&b);
}

/* Phoenix codes say a role, not what the actor is: an IGO code belongs to
 * organisations and to the people who lead them alike.  So: a bare country
 * code is a country; a name with a word of words.tsv's "org_head" class
 * ("Ministry", "Council") is an organisation; anything else is a person. */
static const char *kind_of(const px_dict *words, const char *code, const char *name)
{
	if (code && strlen(code) == 3)
		return vocab_actor_kinds[KIND_COUNTRY];
	for (const char *s = name; words && *s;) {
		size_t n = strcspn(s, " -");
		char w[41];
		if (n && n < sizeof w) {
			for (size_t i = 0; i < n; i++)
				w[i] = (char)px_ascii_lower((unsigned char)s[i]);
			w[n] = '\0';
			if (px_name_in(words, w, WC_ORG_HEAD))
				return vocab_actor_kinds[KIND_ORGANIZATION];
		}
		s += n;
		s += *s != '\0';
	}
	return vocab_actor_kinds[KIND_PERSON];
}

static int is_org_code(const char *code)
{
	static const char *const orgs[] = {"IGO", "NGO", "MNC", "NGM", "UNO", "IMG", NULL};
	for (const char *const *o = orgs; *o; o++)
		if (!strncmp(code, *o, 3))
			return 1;
	return 0;
}

static void flush(const px_dict *words, pending *p, petrarch_fn fn, void *ud, int *count)
{
	if (!p->open)
		return;
	p->a.kind = kind_of(words, p->a.cameo, p->a.name);
	if (p->a.cameo && !is_org_code(p->a.cameo) && strlen(p->a.cameo) >= 3)
		p->a.country = xstrndup(p->a.cameo, 3);
	fn(ud, &p->a);
	(*count)++;
	free(p->a.name);
	for (size_t i = 0; i < p->a.n_aliases; i++)
		free(p->a.aliases[i]);
	free(p->a.aliases);
	free(p->a.cameo);
	free(p->a.country);
	memset(p, 0, sizeof *p);
}

/* "[CODE]" or "[CODE 000101-991231]" or "[CODE >120507]" or "[CODE <120507]". */
static int take_code(pending *p, const char *s, size_t n, const char *today)
{
	const char *close = memchr(s, ']', n);
	if (!close)
		return -1;
	size_t clen = strcspn(s + 1, " ]");
	if (clen == 0 || clen > 15)
		return -1;
	char range[32] = "";
	if (s[1 + clen] == ' ')
		snprintf(range, sizeof range, "%.*s", (int)(close - s - 2 - (int)clen),
		         s + 2 + clen);
	int current = 1;
	if (range[0] == '>')
		current = strcmp(today, range + 1) >= 0;
	else if (range[0] == '<')
		current = strcmp(today, range + 1) < 0;
	else if (strlen(range) == 13 && range[6] == '-')
		current = strncmp(today, range, 6) >= 0 && strcmp(today, range + 7) <= 0;
	if (!p->a.cameo || current || !p->code_current) {
		free(p->a.cameo);
		p->a.cameo = xstrndup(s + 1, clen);
		p->code_current = current;
	}
	return 0;
}

int petrarch_parse(const px_dict *words, const char *data, size_t len, const char *today,
                   petrarch_fn fn, void *ud, char **err)
{
	pending p;
	memset(&p, 0, sizeof p);
	int count = 0, lineno = 0;
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len;
		const char *s = data + pos;
		size_t n = end - pos;
		pos = end + 1;
		lineno++;
		const char *hash = memchr(s, '#', n);
		if (hash)
			n = (size_t)(hash - s);
		while (n && isspace((unsigned char)*s))
			s++, n--;
		while (n && isspace((unsigned char)s[n - 1]))
			n--;
		if (n == 0)
			continue;
		int rc = 0;
		if (*s == '+') {
			if (!p.open)
				rc = -1;
			else {
				p.a.aliases =
				    xrealloc(p.a.aliases, (p.a.n_aliases + 1) * sizeof(char *));
				size_t an = strcspn(s + 1, " [");
				p.a.aliases[p.a.n_aliases++] =
				    display_name(s + 1, an < n - 1 ? an : n - 1);
			}
		} else if (*s == '[') {
			rc = p.open ? take_code(&p, s, n, today) : -1;
		} else {
			flush(words, &p, fn, ud, &count);
			size_t nn = strcspn(s, " [");
			if (nn > n)
				nn = n;
			p.open = 1;
			p.a.name = display_name(s, nn);
			const char *bracket = memchr(s, '[', n);
			if (bracket)
				rc = take_code(&p, bracket, n - (size_t)(bracket - s), today);
		}
		if (rc) {
			flush(words, &p, fn, ud, &count);
			buf e;
			buf_init(&e);
			buf_printf(&e, "line %d: not an actor, alias (+) or code ([…]) line",
			           lineno);
			*err = buf_detach(&e);
			return -1;
		}
	}
	flush(words, &p, fn, ud, &count);
	return count;
}
