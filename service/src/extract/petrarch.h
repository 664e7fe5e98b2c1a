/*
 * petrarch — reads the actor-dictionary format of PETRARCH/Phoenix, the
 * one the event-data field already maintains:
 *
 *   VLADIMIR_PUTIN_  [RUSGOV]        an actor, with its CAMEO code
 *   +PUTIN_                          an alias of the actor above
 *   [RUSELI 000101-000507]           a dated code (the current one wins)
 *   # a comment
 *
 * Pure: bytes in (and words.tsv's org_head words), one callback per
 * actor out.
 */
#ifndef PARLEY_EXTRACT_PETRARCH_H
#define PARLEY_EXTRACT_PETRARCH_H

#include <stddef.h>

typedef struct petrarch_actor {
	char *name; /* "Vladimir Putin" */
	char **aliases;
	size_t n_aliases;
	char *cameo;      /* the code current on `today`, else the last listed */
	char *country;    /* ISO alpha-3 from the code, NULL for IGO/NGO/… */
	const char *kind; /* person, organization or country (from code and name) */
} petrarch_actor;

struct px_dict;

typedef void (*petrarch_fn)(void *ud, const petrarch_actor *a);

/* today is YYMMDD as the format writes dates (e.g. "251123"); words, the
 * dictionary whose words.tsv "org_head" class tells an organisation's
 * name (NULL: every non-country is a person).  Returns the number of
 * actors, or -1 with *err set on a malformed line. */
int petrarch_parse(const struct px_dict *words, const char *data, size_t len, const char *today,
                   petrarch_fn fn, void *ud, char **err);

#endif
