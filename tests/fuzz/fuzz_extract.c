/*
 * fuzz_extract — libFuzzer target over the whole extraction path a pushed
 * article takes: px_clean_text, px_extract on the cleaned text, and the
 * JSON rendering.  The real dictionary is loaded once, so the fuzzer
 * explores the same lexicon paths production does.  The first input byte
 * picks whether a publication date is given (relative dates resolve only
 * then).
 */
#include "extract/extract.h"
#include "lang/lang.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static px_dict *fuzz_dict;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;
	const char *dir = getenv("PARLEY_DICT_DIR");
	fuzz_dict = px_dict_load_dir(dir ? dir : PARLEY_SOURCE_DIR "/service/data", &err);
	if (!fuzz_dict) {
		fprintf(stderr, "fuzz_extract: %s\n", err ? err : "no dictionary");
		abort();
	}
	/* the committed models, so the fuzzer reaches the rules that read the parse */
	const char *mdir = getenv("PARLEY_MODELS_DIR");
	ln_models *m = ln_models_load_dir(mdir ? mdir : PARLEY_SOURCE_DIR "/service/models", &err);
	if (!m) {
		fprintf(stderr, "fuzz_extract: %s\n", err ? err : "no models");
		abort();
	}
	px_dict_set_models(fuzz_dict, m); /* lives as long as the process */
	return 0;
}

/* Whatever the bytes, the result is JSON the database will accept. */
static void must_be_json(const px_result *r)
{
	size_t len;
	char *s = px_result_json(r, &len);
	json_error_t e;
	json_t *j = json_loadb(s, len, 0, &e);
	if (!j) {
		fprintf(stderr, "fuzz_extract: invalid JSON (%s): %.200s\n", e.text, s);
		abort();
	}
	json_decref(j);
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	const char *published = (data[0] & 1) ? "2025-08-27" : NULL;
	size_t clean_len;
	char *clean = px_clean_text(fuzz_dict, (const char *)data + 1, size - 1, &clean_len);
	px_input in = {clean, clean_len, NULL, published, NULL, false};
	px_result *r = px_extract(fuzz_dict, &in);
	must_be_json(r);
	px_result_free(r);
	/* raw text straight into the extractor must be safe too */
	px_input raw = {(const char *)data + 1, size - 1, NULL, published, NULL, false};
	r = px_extract(fuzz_dict, &raw);
	must_be_json(r);
	px_result_free(r);
	free(clean);
	return 0;
}
