/*
 * conllu — CoNLL-U reader (see conllu.h).
 */
#include "lang/conllu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cu_free(cu_corpus *c)
{
	free(c->mem);
	free(c->toks);
	free(c->sent);
	memset(c, 0, sizeof *c);
}

int cu_parse(const char *data, size_t len, cu_corpus *c, char **err)
{
	memset(c, 0, sizeof *c);
	size_t lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += data[i] == '\n';
	c->mem = malloc(len + 1);
	c->toks = calloc(lines, sizeof *c->toks);
	c->sent = calloc(lines / 2 + 1, sizeof *c->sent);
	if (!c->mem || !c->toks || !c->sent)
		goto nomem;
	memcpy(c->mem, data, len);
	c->mem[len] = '\0';
	size_t ntok = 0, lineno = 0;
	cu_sent *cur = NULL;
	const char *text = NULL;
	int newdoc = 0;
	char *p = c->mem, *end = c->mem + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *line = p;
		if (nl)
			*nl = '\0';
		p = nl ? nl + 1 : end;
		lineno++;
		size_t ll = strlen(line);
		if (ll && line[ll - 1] == '\r')
			line[--ll] = '\0';
		if (ll == 0) {
			cur = NULL;
			text = NULL;
			continue;
		}
		if (line[0] == '#') {
			if (!strncmp(line, "# text = ", 9))
				text = line + 9;
			if (!strncmp(line, "# newdoc", 8) || !strncmp(line, "# doc =", 7))
				newdoc = 1;
			continue;
		}
		cu_token *t = &c->toks[ntok];
		int k = 0;
		for (char *q = line; k < CU_COLS;) {
			t->col[k++] = q;
			char *tab = strchr(q, '\t');
			if (!tab)
				break;
			*tab = '\0';
			q = tab + 1;
		}
		for (; k < CU_COLS; k++)
			t->col[k] = "_";
		if (strchr(t->col[0], '-') || strchr(t->col[0], '.'))
			continue;
		if (t->col[0][0] < '0' || t->col[0][0] > '9') {
			if (err &&
			    asprintf(err, "line %zu: bad token id '%s'", lineno, t->col[0]) < 0)
				*err = NULL;
			cu_free(c);
			return -1;
		}
		if (!cur) {
			cur = &c->sent[c->n++];
			cur->tok = t;
			cur->text = text;
			cur->newdoc = newdoc;
			newdoc = 0;
		}
		cur->n++;
		ntok++;
	}
	return 0;
nomem:
	if (err && asprintf(err, "out of memory") < 0)
		*err = NULL;
	cu_free(c);
	return -1;
}
