/*
 * help and version — and the command table, so every command's text lives
 * next to the others.
 */
#include "cli/commands.h"

#include <stdio.h>
#include <string.h>

static const char usage_help[] = "usage: parley help [COMMAND]\n";
static const char usage_version[] = "usage: parley version\n";

const command commands[] = {
	{"serve", cmd_serve, "serve the REST API and dashboard", usage_serve},
	{"migrate", cmd_migrate, "apply database migrations and exit", usage_migrate},
	{"page", cmd_page, "extract the article of a saved HTML page as JSON", usage_page},
	{"extract", cmd_extract, "extract actors, statements and events from a text file", usage_extract},
	{"version", cmd_version, "print the version", usage_version},
	{"help", cmd_help, "show help for a command", usage_help},
	{NULL, NULL, NULL, NULL},
};

const command *command_find(const char *name)
{
	for (const command *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
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
		fputs(c->usage, stdout);
		return 0;
	}
	puts("usage: parley COMMAND [OPTIONS]\n\n"
	     "Parley reads diplomatic news and answers who met whom, who said what,\n"
	     "when and where, as a REST JSON API.\n\ncommands:");
	for (const command *c = commands; c->name; c++)
		printf("  %-10s %s\n", c->name, c->summary);
	puts("\n'parley help COMMAND' or 'parley COMMAND --help' explains its flags.\n"
	     "Configuration comes from the environment (PARLEY_*); flags override it.");
	return 0;
}
