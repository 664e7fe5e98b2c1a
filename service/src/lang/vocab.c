/*
 * vocab — the closed vocabularies of lang.h: UPOS names and entity types.
 */
#include "lang/lang.h"

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
