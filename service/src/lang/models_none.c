/*
 * models_none — TEMPORARY stand-in for the learned models (branch
 * lang-model), so the tokeniser branch builds and runs on its own.
 * DELETE THIS FILE when merging lang-model: its models.c, tagger.c,
 * parser.c and ner.c implement these functions for real.
 *
 * No fake models: loading always fails with "models not built", and
 * ln_annotate() leaves every tag unset (callers then print '_').
 */
#include "lang/lang.h"

#include <stdlib.h>
#include <string.h>

ln_models *ln_models_load_dir(const char *dir, char **err)
{
	(void)dir;
	if (err)
		*err = strdup("models not built");
	return NULL;
}

void ln_models_free(ln_models *m)
{
	(void)m;
}

const char *const *ln_models_xpos(const ln_models *m, size_t *n)
{
	(void)m;
	*n = 0;
	return NULL;
}

const char *const *ln_models_deprel(const ln_models *m, size_t *n)
{
	(void)m;
	*n = 0;
	return NULL;
}

int ln_annotate(const ln_models *m, ln_doc *d)
{
	(void)m;
	(void)d;
	return 0;
}
