/*
 * dictionary — the extraction dictionary as the service uses it: the data
 * files we ship plus the actors users curated in the database.
 */
#ifndef PARLEY_INGEST_DICTIONARY_H
#define PARLEY_INGEST_DICTIONARY_H

#include "db/pool.h"
#include "extract/extract.h"

/* c may be NULL (files only).  Returns NULL with *err set. */
px_dict *dictionary_build(const char *dir, db_conn *c, char **err);

#endif
