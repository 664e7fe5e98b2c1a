/*
 * case_files — the reader for table-driven test cases, shared by the
 * suites that keep their cases as text files (extract/cases, lang/cases).
 *
 * A case file holds cases like jq's .test files:
 *
 *   === a name
 *   key: value                   (optional header lines)
 *   --- input
 *   the input, any number of lines
 *   --- expect
 *   the expected output, any number of lines
 *
 * Lines outside cases are ignored.  Every *.txt in a folder is read, in
 * name order.  Header-only: each test binary includes it once.
 */
#ifndef PARLEY_TEST_CASE_FILES_H
#define PARLEY_TEST_CASE_FILES_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct case_file_case {
	char name[512];
	char *header; /* the lines between the name and "--- input" */
	char *input;
	char *expect;
} case_file_case;

static inline char *case_files_read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	size_t got = fread(s, 1, (size_t)n, f);
	s[got] = '\0';
	fclose(f);
	return s;
}

static inline char *case_files_dup(const char *a, const char *b)
{
	while (b > a && b[-1] == '\n')
		b--;
	char *s = malloc((size_t)(b - a) + 1);
	memcpy(s, a, (size_t)(b - a));
	s[b - a] = '\0';
	return s;
}

/* Appends the cases of one file's text to out[*n] (up to max). */
static inline void case_files_parse(const char *file, const char *text, case_file_case *out, int *n,
                                    int max)
{
	const char *p = text;
	while ((p = strstr(p, "=== ")) && *n < max) {
		if (p != text && p[-1] != '\n') {
			p += 4;
			continue;
		}
		case_file_case *c = &out[*n];
		const char *eol = strchr(p, '\n');
		if (!eol)
			break;
		snprintf(c->name, sizeof c->name, "%.64s: %.*s", file,
		         (int)(eol - p - 4 > 400 ? 400 : eol - p - 4), p + 4);
		const char *in = strstr(eol, "\n--- input\n");
		const char *ex = in ? strstr(in, "\n--- expect\n") : NULL;
		if (!in || !ex)
			break;
		c->header = case_files_dup(eol + 1, in + 1);
		c->input = case_files_dup(in + 11, ex + 1);
		const char *next = strstr(ex + 12, "\n=== ");
		c->expect = case_files_dup(ex + 12, next ? next + 1 : ex + 12 + strlen(ex + 12));
		(*n)++;
		p = next ? next + 1 : ex + 12 + strlen(ex + 12);
	}
}

static inline int case_files_by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Reads every *.txt in dir; returns how many cases out holds. */
static inline int case_files_load(const char *dir, case_file_case *out, int max)
{
	struct dirent **names;
	int count = 0;
	int n = scandir(dir, &names, NULL, case_files_by_name);
	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]->d_name);
		if (len > 4 && !strcmp(names[i]->d_name + len - 4, ".txt")) {
			char path[512];
			snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
			char *text = case_files_read_all(path);
			if (text)
				case_files_parse(names[i]->d_name, text, out, &count, max);
			free(text);
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	return count;
}

static inline void case_files_free(case_file_case *c, int n)
{
	for (int i = 0; i < n; i++) {
		free(c[i].header);
		free(c[i].input);
		free(c[i].expect);
	}
}

#endif
