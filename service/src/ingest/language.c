/*
 * language — see language.h.  One pthread_once guards the load, so the
 * first article that needs the models waits for them and no thread sees
 * them half-built; they live until the process ends.  language_check()
 * only reads the files' headers (another once), so a process that never
 * extracts (a read-only `parley serve`) still warns at start about a
 * missing or foreign models directory without holding the models' tens of
 * MiB.
 */
#include "ingest/language.h"

#include "core/buf.h"
#include "core/log.h"

#include <pthread.h>
#include <stdlib.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_once_t check_once = PTHREAD_ONCE_INIT;
static char *models_dir;
static int configured;
static ln_models *models;

void language_configure(const char *dir)
{
	free(models_dir);
	models_dir = dir ? xstrdup(dir) : NULL;
	configured = 1;
}

static const char *dir_in_use(void)
{
	return configured ? models_dir : PARLEY_SOURCE_DIR "/service/models";
}

static void check(void)
{
	const char *dir = dir_in_use();
	char *err = NULL;
	if (dir && ln_models_check_dir(dir, &err) != 0)
		log_warn("language models will not load: articles will be tokenised only", "dir",
		         dir, "error", err ? err : "unknown", NULL);
	free(err);
}

void language_check(void)
{
	pthread_once(&check_once, check);
}

static void load(void)
{
	const char *dir = dir_in_use();
	if (!dir) {
		log_warn("no language models directory: articles are tokenised only", NULL);
		return;
	}
	char *err = NULL;
	models = ln_models_load_dir(dir, &err);
	if (models)
		log_info("language models loaded", "dir", dir, NULL);
	else
		log_warn("language models not loaded: articles are tokenised only", "dir", dir,
		         "error", err ? err : "unknown", NULL);
	free(err);
}

const ln_models *language_models(void)
{
	pthread_once(&once, load);
	return models;
}
