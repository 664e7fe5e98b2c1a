/*
 * vocab — the closed vocabularies every layer shares: an actor's kind, an
 * event's status, a statement's kind.  Each is spelled here once, in C;
 * extraction writes these words, the API checks filters and edits against
 * them, and the two other places that must spell them — the CHECK
 * constraints of migrations/ (append-only, so a new word takes a new
 * migration) and api-spec/openapi.yaml's enums — are compared with these
 * lists by tests/unit/core/test_vocab.c, so that they cannot drift apart.
 */
#ifndef PARLEY_CORE_VOCAB_H
#define PARLEY_CORE_VOCAB_H

enum vocab_actor_kind { KIND_PERSON, KIND_ORGANIZATION, KIND_COUNTRY, KIND_GROUP, KIND_COUNT };
/* "person", "organization", "country", "group", NULL */
extern const char *const vocab_actor_kinds[KIND_COUNT + 1];

enum vocab_event_status {
	STATUS_OCCURRED,
	STATUS_PLANNED,
	STATUS_POSTPONED,
	STATUS_CANCELLED,
	STATUS_POSSIBLE,
	STATUS_HYPOTHETICAL,
	STATUS_DENIED,
	STATUS_COUNT
};
/* "occurred", "planned", ... "denied", NULL */
extern const char *const vocab_event_statuses[STATUS_COUNT + 1];

enum vocab_statement_kind { STATEMENT_DIRECT, STATEMENT_INDIRECT, STATEMENT_KIND_COUNT };
/* "direct" (a quotation), "indirect" (reported speech), NULL */
extern const char *const vocab_statement_kinds[STATEMENT_KIND_COUNT + 1];

/* The index of word in a NULL-terminated list, or -1. */
int vocab_index(const char *const *list, const char *word);

/* Appends "must be a, b or c" for a NULL-terminated list (an error's text). */
struct buf;
void vocab_must_be(struct buf *b, const char *const *list);

#endif
