/*
 * parley — one binary, many subcommands (see cli/commands.h).
 */
#include "cli/commands.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc < 2) { /* help, but not success: a script that forgot the command */
		cmd_help(1, (char *[]){"help", NULL});
		return 2;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h"))
		name = "help";
	if (!strcmp(name, "--version"))
		name = "version";
	const command *c = command_find(name);
	if (!c) {
		fprintf(stderr, "parley: '%s' is not a command; see 'parley help'\n", name);
		return 2;
	}
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			command_print_help(c);
			return 0;
		}
	return c->run(argc - 1, argv + 1);
}
