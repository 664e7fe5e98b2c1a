/*
 * language — the process's language models (lang/) for ingestion: loaded
 * once, on first use, from the directory the configuration names, and
 * shared read-only by every worker and request thread.
 *
 * Ingestion never depends on them: when the directory is missing or the
 * models do not load, a warning is logged once and articles are tokenised
 * and split into sentences only.
 */
#ifndef PARLEY_INGEST_LANGUAGE_H
#define PARLEY_INGEST_LANGUAGE_H

#include "lang/lang.h"

/* Where the models live (config's models_dir); call before the first
 * language_models(), e.g. while configuring.  NULL: no models. */
void language_configure(const char *models_dir);
/* A cheap look at the configured directory (ln_models_check_dir, headers
 * only; once a process): logs a warning when the models will not load. */
void language_check(void);
/* The loaded models, or NULL (then ln_doc_analyze tokenises only).  The
 * first call loads them (tens of MiB, a fraction of a second). */
const ln_models *language_models(void);

#endif
