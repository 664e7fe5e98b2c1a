/*
 * models_none — TEMPORARY stand-in for the learned models (branch
 * lang-model), so the tokeniser branch builds and runs on its own.
 * DELETE THIS FILE when merging lang-model: its models.c, tagger.c,
 * parser.c and ner.c implement these functions for real.
 *
 * No fake models: loading always fails with "models not built", and
 * ln_annotate() leaves every tag unset (callers then print '_').  The fixed
 * vocabularies of lang.h are here too because lang-model defines them (in
 * its vocab.c): one file to delete, no duplicate symbols.
 */
#include "lang/lang.h"

#include <stdlib.h>
#include <string.h>

const char *const ln_upos_names[LN_UPOS_COUNT] = {
    "X",   "ADJ",  "ADP",  "ADV",   "AUX",   "CCONJ", "DET", "INTJ", "NOUN",
    "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB",
};

const char *const ln_ent_names[LN_ENT_COUNT] = {"PER", "ORG", "LOC", "MISC"};

int ln_upos_from_name(const char *name)
{
	for (int i = 0; i < LN_UPOS_COUNT; i++)
		if (name && !strcmp(ln_upos_names[i], name))
			return i;
	return -1;
}

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
