/*
 * migrate — applies pending migrations and exits.
 */
#include "cli/commands.h"
#include "cli/runtime.h"

const char usage_migrate[] =
    "usage: parley migrate [FLAGS]\n\n"
    "Applies the pending migrations in PARLEY_MIGRATIONS_DIR (each in a\n"
    "transaction, recorded in schema_migrations) and exits.  A migration edited\n"
    "after it was applied is refused.  Safe to run from several processes.\n";

int cmd_migrate(int argc, char **argv)
{
	runtime rt;
	int rc = runtime_configure(&rt, argc, argv, usage_migrate, NULL, NULL);
	if (rc)
		return rc;
	rc = runtime_open_db(&rt, 1) ? 1 : 0;
	runtime_close(&rt);
	return rc;
}
