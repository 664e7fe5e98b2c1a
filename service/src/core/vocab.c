/* vocab — the shared vocabularies (see vocab.h). */
#include "core/vocab.h"

#include "core/buf.h"

#include <string.h>

const char *const vocab_actor_kinds[KIND_COUNT + 1] = {
    [KIND_PERSON] = "person",   [KIND_ORGANIZATION] = "organization",
    [KIND_COUNTRY] = "country", [KIND_GROUP] = "group",
    [KIND_COUNT] = NULL,
};

const char *const vocab_event_statuses[STATUS_COUNT + 1] = {
    [STATUS_OCCURRED] = "occurred",   [STATUS_PLANNED] = "planned",
    [STATUS_POSTPONED] = "postponed", [STATUS_CANCELLED] = "cancelled",
    [STATUS_POSSIBLE] = "possible",   [STATUS_HYPOTHETICAL] = "hypothetical",
    [STATUS_DENIED] = "denied",       [STATUS_COUNT] = NULL,
};

const char *const vocab_statement_kinds[STATEMENT_KIND_COUNT + 1] = {
    [STATEMENT_DIRECT] = "direct",
    [STATEMENT_INDIRECT] = "indirect",
    [STATEMENT_KIND_COUNT] = NULL,
};

int vocab_index(const char *const *list, const char *word)
{
	for (int i = 0; word && list[i]; i++)
		if (!strcmp(list[i], word))
			return i;
	return -1;
}

void vocab_must_be(buf *b, const char *const *list)
{
	buf_puts(b, "must be ");
	for (int i = 0; list[i]; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : list[i + 1] ? ", " : " or ", list[i]);
}
