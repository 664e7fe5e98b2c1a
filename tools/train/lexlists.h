/*
 * lexlists — the repository's own word lists that the entity tagger's
 * lexicon is trained from: the given names of service/data/names.tsv
 * (LX_LEX_GIVEN | LX_LEX_PER_FIRST) and the last word of each person title
 * of service/data/titles.tsv (LX_LEX_PERSON_NOUN: "senator", "sen.").
 * One reader for parley-train, which builds the lexicon, and for the unit
 * test that checks ner.bin against the lists (tests/unit/lang/test_models.c).
 */
#ifndef PARLEY_TRAIN_LEXLISTS_H
#define PARLEY_TRAIN_LEXLISTS_H

#include <stddef.h>
#include <stdint.h>

/* Called once per word of the lists, in file order, with its LX_LEX_* bits;
 * WORD is not NUL-terminated. */
typedef void (*lexlists_fn)(void *ctx, const char *word, size_t len, uint8_t bits);

/* Read both lists below ROOT (the repository).  Returns 0, or -1 when a
 * file cannot be opened: its path is then in BAD (BADLEN bytes), errno set. */
int lexlists_read(const char *root, lexlists_fn fn, void *ctx, char *bad, size_t badlen);

#endif
