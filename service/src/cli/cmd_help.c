/*
 * help and version — and the command table, so every command's text lives
 * next to the others.
 */
#include "cli/commands.h"

#include "core/config.h"

#include <stdio.h>
#include <string.h>

static const char usage_help[] = "usage: parley help [COMMAND]\n";
static const char usage_version[] = "usage: parley version\n";

const command commands[] = {
    {"serve", cmd_serve, "serve the REST API and dashboard", usage_serve, 1},
    {"worker", cmd_worker, "run the ingestion worker (sources, feeds, pages)", usage_worker, 1},
    {"ingest", cmd_ingest, "ingest URLs, files or folders once and exit", usage_ingest, 1},
    {"sources", cmd_sources, "add, list or remove polled sources", usage_sources, 1},
    {"migrate", cmd_migrate, "apply database migrations and exit", usage_migrate, 1},
    {"page", cmd_page, "extract the article of a saved HTML page as JSON", usage_page, 0},
    {"extract", cmd_extract, "extract actors, statements and events from a text file",
     usage_extract, 0},
    {"parse", cmd_parse, "split, tag and parse a text; CoNLL-U out", usage_parse, 1},
    {"actors", cmd_actors, "import a PETRARCH/Phoenix actor dictionary", usage_actors, 1},
    {"reextract", cmd_reextract, "extract again from stored articles", usage_reextract, 1},
    {"health", cmd_health, "ask a running server whether it is ready", usage_health, 1},
    {"version", cmd_version, "print the version", usage_version, 0},
    {"help", cmd_help, "show help for a command", usage_help, 0},
    {NULL, NULL, NULL, NULL, 0},
};

const command *command_find(const char *name)
{
	for (const command *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

void command_print_help(const command *c)
{
	fputs(c->usage, stdout);
	if (c->config_flags) {
		puts("\nconfiguration (environment, overridden by flags):");
		fputs(config_flags_help, stdout);
	}
}

int cmd_version(int argc, char **argv)
{
	printf("parley %s\n", PARLEY_VERSION);
	return 0;
}

int cmd_help(int argc, char **argv)
{
	if (argc >= 2) {
		const command *c = command_find(argv[1]);
		if (!c) {
			fprintf(stderr, "parley: no command '%s'\n", argv[1]);
			return 2;
		}
		command_print_help(c);
		return 0;
	}
	puts("usage: parley COMMAND [OPTIONS]\n\n"
	     "Parley reads diplomatic news and answers who met whom, who said what,\n"
	     "when and where, as a REST JSON API.\n\ncommands:");
	for (const command *c = commands; c->name; c++)
		printf("  %-10s %s\n", c->name, c->summary);
	puts("\n'parley help COMMAND' or 'parley COMMAND --help' explains its flags.\n"
	     "Configuration comes from an optional file (--config FILE or PARLEY_CONFIG,\n"
	     "KEY=value lines), then the environment (PARLEY_*); flags override both.\n\n"
	     "exit status: 0 success; 1 a runtime failure (database, files, server,\n"
	     "health check); 2 a usage or configuration error (also a bare 'parley').");
	return 0;
}
