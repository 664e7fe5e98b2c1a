/*
 * dict_load — the one file of the engine that touches the file system:
 * reads every *.tsv in a directory into a fresh dictionary.
 */
#include "extract/internal.h"

#include "core/buf.h"
#include "core/file.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int tsv_only(const struct dirent *e)
{
	size_t n = strlen(e->d_name);
	return n > 4 && !strcmp(e->d_name + n - 4, ".tsv");
}

px_dict *px_dict_load_dir(const char *dir, char **err)
{
	struct dirent **names;
	int n = scandir(dir, &names, tsv_only, by_name);
	if (n < 0) {
		buf b;
		buf_init(&b);
		buf_printf(&b, "%s: cannot read dictionary directory", dir);
		*err = buf_detach(&b);
		return NULL;
	}
	px_dict *d = px_dict_new();
	int rc = 0;
	for (int i = 0; i < n; i++) {
		if (!rc) {
			buf path;
			buf_init(&path);
			buf_printf(&path, "%s/%s", dir, names[i]->d_name);
			size_t len;
			char *data = file_read(path.data, FILE_NO_LIMIT, &len, NULL);
			if (!data) {
				buf_printf(&path, ": cannot read");
				*err = buf_detach(&path);
				rc = -1;
			} else {
				rc = px_dict_add_file(d, names[i]->d_name, data, len, err);
				free(data);
				buf_free(&path);
			}
		}
		free(names[i]);
	}
	free(names);
	int missing = rc ? -1 : px_words_missing(d);
	if (missing >= 0) {
		buf b;
		buf_init(&b);
		if (missing == WC_COUNT)
			buf_printf(&b, "%s/furniture.tsv: no phrase of class 'prefix'", dir);
		else
			buf_printf(&b, "%s/words.tsv: no word of class '%s'", dir,
			           px_word_class_name(missing));
		*err = buf_detach(&b);
		rc = -1;
	}
	const char *bad = rc ? NULL : px_events_check(d);
	if (bad) {
		buf b;
		buf_init(&b);
		buf_printf(&b, "%s/events.tsv: %s", dir, bad);
		*err = buf_detach(&b);
		rc = -1;
	}
	if (rc) {
		px_dict_free(d);
		return NULL;
	}
	return d;
}
