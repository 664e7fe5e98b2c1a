/*
 * paths — where the data files (migrations, dictionary, dashboard, API
 * description, demo corpus, models) are found when no setting names them:
 * an installed parley finds them under ../share/parley next to its own
 * executable (/proc/self/exe), so `make install` needs no environment
 * variables; a parley run from its build tree finds the source tree.
 */
#ifndef PARLEY_CORE_PATHS_H
#define PARLEY_CORE_PATHS_H

/* The share/parley folder of the installed layout, or NULL when the
 * executable is not installed (no migrations/ there).  Computed once. */
const char *paths_share_dir(void);
/* A newly allocated default path: SHARE/installed when installed, else
 * PARLEY_SOURCE_DIR/source. */
char *paths_default(const char *installed, const char *source);

#endif
