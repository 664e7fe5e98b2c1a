/*
 * lexlists — reads names.tsv and titles.tsv for the lexicon (lexlists.h).
 */
#include "lexlists.h"

#include "lang/internal.h"

#include <stdio.h>
#include <string.h>

static FILE *open_list(const char *root, const char *name, char *bad, size_t badlen)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/service/data/%s", root, name);
	FILE *f = fopen(path, "r");
	if (!f)
		snprintf(bad, badlen, "%s", path);
	return f;
}

int lexlists_read(const char *root, lexlists_fn fn, void *ctx, char *bad, size_t badlen)
{
	char line[8192];
	FILE *f = open_list(root, "names.tsv", bad, badlen);
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		size_t l = strcspn(line, "\t\r\n");
		if (line[0] != '#' && l)
			fn(ctx, line, l, LX_LEX_GIVEN | LX_LEX_PER_FIRST);
	}
	fclose(f);
	/* a person title's last word: "senator", "sen." */
	f = open_list(root, "titles.tsv", bad, badlen);
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		size_t l = strcspn(line, "\t\r\n");
		if (line[0] == '#' || !l || !strstr(line + l, "\tperson"))
			continue;
		line[l] = '\0';
		const char *last = strrchr(line, ' ');
		last = last ? last + 1 : line;
		fn(ctx, last, strlen(last), LX_LEX_PERSON_NOUN);
	}
	fclose(f);
	return 0;
}
