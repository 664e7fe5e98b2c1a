/*
 * commands — the parley subcommands, one file each under cli/.
 */
#ifndef PARLEY_CLI_COMMANDS_H
#define PARLEY_CLI_COMMANDS_H

typedef struct command {
	const char *name;
	int (*run)(int argc, char **argv); /* argv[0] is the command name */
	const char *summary;
	const char *usage; /* full help text for `parley help NAME` */
	int config_flags;  /* also takes the configuration flags (config.h) */
} command;

extern const command commands[];
const command *command_find(const char *name);
void command_print_help(const command *c);

int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_health(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_reextract(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_page(int argc, char **argv);
int cmd_worker(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_sources(int argc, char **argv);
int cmd_parse(int argc, char **argv);

extern const char usage_serve[], usage_migrate[], usage_health[], usage_actors[], usage_reextract[],
    usage_extract[], usage_page[];
extern const char usage_worker[], usage_ingest[], usage_sources[], usage_parse[];

#endif
