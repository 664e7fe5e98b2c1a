/*
 * dictionary — see dictionary.h.
 */
#include "ingest/dictionary.h"

#include "core/log.h"
#include "db/actors.h"
#include "ingest/language.h"

static void add_curated(void *ud, const char *name, const char *kind, const char *title,
                        const char *country, const char *cameo, const char *const *aliases,
                        size_t n_aliases)
{
	px_dict_add_actor(ud, name, kind, title, country, cameo, aliases, n_aliases);
}

px_dict *dictionary_build(const char *dir, db_conn *c, char **err)
{
	px_dict *d = px_dict_load_dir(dir, err);
	if (d) {
		language_check();
		px_dict_set_models_loader(d, language_models); /* loaded at the first parse */
	}
	if (!d || !c)
		return d;
	if (db_curated_actors(c, add_curated, d) != DB_OK)
		log_warn("curated actors could not be read; using the shipped dictionary", NULL);
	return d;
}
