/*
 * extract — `parley extract FILE`: runs the extraction engine on one text
 * without a database, for developers and for the offline evaluation.
 *
 * It does exactly what the ingest pipeline does with pushed text: clean it
 * (px_clean_text), then extract from the cleaned text, and prints the
 * cleaned text beside the extraction so offsets can be checked by eye.
 */
#include "cli/commands.h"
#include "cli/runtime.h"
#include "core/buf.h"
#include "core/file.h"
#include "extract/extract.h"
#include "lang/lang.h"
#include "parse/mojibake.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char usage_extract[] =
    "usage: parley extract FILE [--published-at DATE] [--title T] [--data-dir DIR]\n"
    "\n"
    "Cleans FILE ('-' for standard input) as pushed article text, extracts actors,\n"
    "statements and events, and prints {\"text\": cleaned, ...extraction} as JSON.\n"
    "\n"
    "  --published-at DATE  publication date, YYYY-MM-DD (else inferred from the text)\n"
    "  --title T            the article's title\n"
    "  --data-dir DIR       dictionary folder (default the configured PARLEY_DICT_DIR:\n"
    "                       see 'parley help serve')\n";

typedef struct extract_args {
	const char *file, *published_at, *title, *data_dir;
} extract_args;

static int parse_args(int argc, char **argv, extract_args *a)
{
	for (int i = 1; i < argc; i++) {
		const char **slot = NULL;
		if (!strcmp(argv[i], "--published-at"))
			slot = &a->published_at;
		else if (!strcmp(argv[i], "--title"))
			slot = &a->title;
		else if (!strcmp(argv[i], "--data-dir"))
			slot = &a->data_dir;
		if (slot) {
			if (i + 1 >= argc) {
				fprintf(stderr, "parley extract: %s needs a value\n", argv[i]);
				return -1;
			}
			*slot = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "parley extract: unknown option %s\n", argv[i]);
			return -1;
		} else if (a->file) {
			fprintf(stderr, "parley extract: one FILE only\n");
			return -1;
		} else {
			a->file = argv[i];
		}
	}
	if (!a->file) {
		fputs(usage_extract, stderr);
		return -1;
	}
	int y, m, d;
	char tail;
	if (a->published_at && (sscanf(a->published_at, "%4d-%2d-%2d%c", &y, &m, &d, &tail) < 3 ||
	                        m < 1 || m > 12 || d < 1 || d > 31)) {
		fprintf(stderr, "parley extract: --published-at wants YYYY-MM-DD, not '%s'\n",
		        a->published_at);
		return -1;
	}
	return 0;
}

int cmd_extract(int argc, char **argv)
{
	extract_args a = {0};
	if (parse_args(argc, argv, &a))
		return 2;
	char *err = NULL;
	config cfg;
	if (runtime_load_config(&cfg, NULL, &err)) {
		fprintf(stderr, "parley extract: %s\n", err);
		free(err);
		return 2;
	}
	px_dict *d = px_dict_load_dir(a.data_dir ? a.data_dir : cfg.dict_dir, &err);
	if (!d) {
		config_free(&cfg);
		fprintf(stderr, "parley extract: %s\n", err ? err : "cannot load dictionary");
		free(err);
		return 1;
	}
	ln_models *models = cfg.models_dir ? ln_models_load_dir(cfg.models_dir, &err) : NULL;
	if (!models) {
		fprintf(stderr,
		        "parley extract: no language models (%s): extracting without syntax\n",
		        err ? err : "no models directory");
		free(err);
		err = NULL;
	}
	config_free(&cfg);
	px_dict_set_models(d, models);
	size_t len;
	char *raw = file_read(a.file, FILE_NO_LIMIT, &len, NULL);
	if (!raw) {
		fprintf(stderr, "parley extract: cannot read %s\n", a.file);
		px_dict_free(d);
		ln_models_free(models);
		return 2;
	}
	size_t fixed_len, clean_len;
	char *fixed = mojibake_repair(raw, len, &fixed_len);
	char *clean = px_clean_text(d, fixed, fixed_len, &clean_len);
	free(fixed);
	px_input in = {clean, clean_len, a.title, a.published_at, NULL, false};
	px_result *r = px_extract(d, &in);
	json_t *out = json_object();
	json_object_set_new(out, "text", json_stringn(clean, clean_len));
	json_t *extraction = px_result_to_json(r);
	json_object_update(out, extraction);
	json_decref(extraction);
	json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(out);
	px_result_free(r);
	free(clean);
	free(raw);
	px_dict_free(d);
	ln_models_free(models);
	return 0;
}
