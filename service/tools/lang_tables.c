/*
 * lang_tables — build-time generator: reads service/data/lang/tokens.tsv and
 * lemmas.tsv, checks every line, and writes the C tables of lang/tables.h.
 *
 *   lang_tables OUT.c TOKENS.tsv LEMMAS.tsv
 *
 * Grammar is data: the word lists live in the data files; this program only
 * validates and sorts them, so a malformed line, an unknown kind or class, a
 * duplicate or an abbreviation listed under two kinds stops the build with
 * "file:line: why".  Not part of the service binary.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 8192
#define MAX_LINE 512

typedef struct row {
	char *a, *b, *c; /* kind/entry, or form/class/lemma */
	int line;
} row;

static const char *const kinds[] = {"title",   "abbr",     "numabbr", "starter",
                                    "split",   "clitic",   "prefix",  "emoticon",
                                    "closing", "ctxsplit", "ctxnext", "unit"};
#define NKINDS (sizeof kinds / sizeof kinds[0])
static const char *const classes[] = {"VERB", "NOUN", "ADJ", "ADV", "PRON", "*"};

static row rows[NKINDS][MAX_ROWS];
static size_t nrows[NKINDS];
static row lemmas[MAX_ROWS];
static size_t nlemmas;

static void die(const char *file, int line, const char *why, const char *what)
{
	fprintf(stderr, "%s:%d: %s%s%s\n", file, line, why, what ? ": " : "", what ? what : "");
	exit(1);
}

static char *dup(const char *s)
{
	char *d = strdup(s);
	if (!d) {
		perror("strdup");
		exit(1);
	}
	return d;
}

/* Printable, no space, nothing that needs escaping in a C string. */
static int plain(const char *s)
{
	if (!*s)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == '"' || *p == '\\' || *p == 0x7f)
			return 0;
	return 1;
}

static int lower_ascii(const char *s)
{
	for (; *s; s++)
		if (isupper((unsigned char)*s))
			return 0;
	return 1;
}

static int ends_with_period(const char *s)
{
	size_t n = strlen(s);
	return n >= 2 && s[n - 1] == '.';
}

/* Splits a line into up to max tab-separated fields; returns the count. */
static int fields(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;
	while (n < max) {
		f[n++] = p;
		char *t = strchr(p, '\t');
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	return strchr(p, '\t') ? max + 1 : n;
}

static FILE *open_or_die(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(1);
	}
	return f;
}

static int read_line(FILE *f, char *line, const char *path, int lineno)
{
	if (!fgets(line, MAX_LINE, f))
		return 0;
	size_t n = strlen(line);
	if (n == MAX_LINE - 1 && line[n - 1] != '\n')
		die(path, lineno, "line too long", NULL);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return 1;
}

static void check_token_entry(const char *path, int ln, size_t k, const char *e)
{
	const char *kind = kinds[k];
	if (!plain(e))
		die(path, ln, "entry must be printable, without spaces, quotes or backslashes", e);
	if ((!strcmp(kind, "title") || !strcmp(kind, "abbr") || !strcmp(kind, "numabbr")) &&
	    !ends_with_period(e))
		die(path, ln, "an abbreviation ends in '.'", e);
	if (!strcmp(kind, "starter") && !isupper((unsigned char)e[0]))
		die(path, ln, "a starter is capitalised", e);
	if (!strcmp(kind, "split") || !strcmp(kind, "ctxsplit")) {
		size_t n = strlen(e);
		if (!strchr(e, '|') || e[0] == '|' || e[n - 1] == '|' || strstr(e, "||"))
			die(path, ln, "a split is pieces joined by '|'", e);
	}
	if (!strcmp(kind, "clitic") && e[0] != '\'' && strncmp(e, "n'", 2))
		die(path, ln, "a clitic starts with an apostrophe or n'", e);
	if ((!strcmp(kind, "split") || !strcmp(kind, "clitic") || !strcmp(kind, "prefix") ||
	     !strcmp(kind, "closing") || !strcmp(kind, "ctxsplit") || !strcmp(kind, "ctxnext") ||
	     !strcmp(kind, "unit")) &&
	    !lower_ascii(e))
		die(path, ln, "this kind is matched ignoring case: write it in lower case", e);
	if (!strcmp(kind, "prefix") || !strcmp(kind, "closing") || !strcmp(kind, "ctxnext") ||
	    !strcmp(kind, "unit"))
		for (const char *p = e; *p; p++)
			if (!islower((unsigned char)*p))
				die(path, ln, "a prefix, closing, ctxnext or unit is letters", e);
}

static void read_tokens(const char *path)
{
	FILE *f = open_or_die(path);
	char line[MAX_LINE];
	for (int ln = 1; read_line(f, line, path, ln); ln++) {
		if (!line[0] || line[0] == '#')
			continue;
		char *fl[2];
		if (fields(line, fl, 2) != 2)
			die(path, ln, "expected: kind<TAB>entry", NULL);
		size_t k = 0;
		while (k < NKINDS && strcmp(kinds[k], fl[0]))
			k++;
		if (k == NKINDS)
			die(path, ln, "unknown kind", fl[0]);
		check_token_entry(path, ln, k, fl[1]);
		if (nrows[k] == MAX_ROWS)
			die(path, ln, "too many entries", NULL);
		rows[k][nrows[k]++] = (row){dup(fl[1]), NULL, NULL, ln};
	}
	fclose(f);
}

static void read_lemmas(const char *path)
{
	FILE *f = open_or_die(path);
	char line[MAX_LINE];
	for (int ln = 1; read_line(f, line, path, ln); ln++) {
		if (!line[0] || line[0] == '#')
			continue;
		char *fl[3];
		if (fields(line, fl, 3) != 3)
			die(path, ln, "expected: form<TAB>class<TAB>lemma", NULL);
		size_t c = 0;
		while (c < sizeof classes / sizeof classes[0] && strcmp(classes[c], fl[1]))
			c++;
		if (c == sizeof classes / sizeof classes[0])
			die(path, ln, "unknown class (VERB, NOUN, ADJ, ADV, PRON or *)", fl[1]);
		if (!plain(fl[0]) || !plain(fl[2]))
			die(path, ln, "form and lemma must be printable, without spaces", NULL);
		if (!lower_ascii(fl[0]))
			die(path, ln, "forms are matched ignoring case: write them in lower case",
			    fl[0]);
		if (nlemmas == MAX_ROWS)
			die(path, ln, "too many entries", NULL);
		lemmas[nlemmas++] = (row){dup(fl[0]), dup(fl[1]), dup(fl[2]), ln};
	}
	fclose(f);
}

static void strip_bars(char *s)
{
	char *o = s;
	for (; *s; s++)
		if (*s != '|')
			*o++ = *s;
	*o = '\0';
}

static int by_key(const void *x, const void *y)
{
	const row *a = x, *b = y;
	int c = strcmp(a->c ? a->c : a->a, b->c ? b->c : b->a);
	return c;
}

static int by_form(const void *x, const void *y)
{
	const row *a = x, *b = y;
	int c = strcmp(a->a, b->a);
	return c ? c : strcmp(a->b, b->b);
}

static void check_unique(const char *path, row *r, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (!by_key(&r[i - 1], &r[i]))
			die(path, r[i].line, "duplicate entry", r[i].a);
}

static size_t kind_index(const char *name)
{
	size_t k = 0;
	while (strcmp(kinds[k], name))
		k++;
	return k;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: lang_tables OUT.c TOKENS.tsv LEMMAS.tsv\n");
		return 2;
	}
	read_tokens(argv[2]);
	read_lemmas(argv[3]);
	/* split and ctxsplit entries sort by the word without cuts (kept in .c). */
	size_t ks = kind_index("split"), kc = kind_index("ctxsplit");
	for (size_t i = 0; i < nrows[ks]; i++) {
		rows[ks][i].c = dup(rows[ks][i].a);
		strip_bars(rows[ks][i].c);
	}
	for (size_t i = 0; i < nrows[kc]; i++) {
		rows[kc][i].c = dup(rows[kc][i].a);
		strip_bars(rows[kc][i].c);
	}
	for (size_t k = 0; k < NKINDS; k++) {
		qsort(rows[k], nrows[k], sizeof(row), by_key);
		check_unique(argv[2], rows[k], nrows[k]);
	}
	/* An abbreviation has one kind, so the splitter has one answer. */
	const char *abbr_kinds[] = {"title", "abbr", "numabbr"};
	for (int i = 0; i < 3; i++)
		for (int j = i + 1; j < 3; j++) {
			size_t a = kind_index(abbr_kinds[i]), b = kind_index(abbr_kinds[j]);
			for (size_t x = 0; x < nrows[a]; x++)
				for (size_t y = 0; y < nrows[b]; y++)
					if (!strcmp(rows[a][x].a, rows[b][y].a))
						die(argv[2], rows[b][y].line,
						    "listed under two kinds", rows[b][y].a);
		}
	qsort(lemmas, nlemmas, sizeof(row), by_form);
	for (size_t i = 1; i < nlemmas; i++)
		if (!by_form(&lemmas[i - 1], &lemmas[i]))
			die(argv[3], lemmas[i].line, "duplicate form and class", lemmas[i].a);

	FILE *o = fopen(argv[1], "w");
	if (!o) {
		perror(argv[1]);
		return 1;
	}
	fprintf(o, "/* Generated by service/tools/lang_tables.c from %s and %s.  Do not edit. */\n",
	        "service/data/lang/tokens.tsv", "service/data/lang/lemmas.tsv");
	fprintf(o, "#include \"lang/tables.h\"\n\n");
	for (size_t k = 0; k < NKINDS; k++) {
		fprintf(o, "static const char *const tab_%s[] = {\n", kinds[k]);
		for (size_t i = 0; i < nrows[k]; i++)
			fprintf(o, "    \"%s\",\n", rows[k][i].c ? rows[k][i].c : rows[k][i].a);
		fprintf(o, "    0};\nconst ln_wordlist ln_tab_%s = {tab_%s, %zu};\n\n", kinds[k],
		        kinds[k], nrows[k]);
	}
	fprintf(o, "const char *const ln_tab_split_cuts[] = {\n");
	for (size_t i = 0; i < nrows[ks]; i++)
		fprintf(o, "    \"%s\",\n", rows[ks][i].a);
	fprintf(o, "    0};\n\nconst char *const ln_tab_ctxsplit_cuts[] = {\n");
	for (size_t i = 0; i < nrows[kc]; i++)
		fprintf(o, "    \"%s\",\n", rows[kc][i].a);
	fprintf(o, "    0};\n\nconst ln_lemma_entry ln_tab_lemmas[] = {\n");
	for (size_t i = 0; i < nlemmas; i++)
		fprintf(o, "    {\"%s\", \"%s\", \"%s\"},\n", lemmas[i].a, lemmas[i].b,
		        lemmas[i].c);
	fprintf(o, "    {0, 0, 0}};\nconst size_t ln_tab_nlemmas = %zu;\n", nlemmas);
	if (fclose(o)) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
