/*
 * conllu — a reader for CoNLL-U and the column files derived from it
 * (UNER's .iob2: ID FORM NER ...), used to train and evaluate the models.
 *
 * Design note
 * -----------
 * Parses a buffer the caller read (no I/O here).  The buffer is copied once
 * and cut in place: every field is a NUL-terminated pointer into that copy.
 * Comment lines are skipped ("# text = ..." is kept per sentence),
 * multiword-token lines ("3-4") and empty nodes ("5.1") are skipped, a
 * blank line ends a sentence.  Only word lines become tokens.
 */
#ifndef PARLEY_LANG_CONLLU_H
#define PARLEY_LANG_CONLLU_H

#include <stddef.h>

#define CU_COLS 10

typedef struct cu_token {
	const char *
	    col[CU_COLS]; /* ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC; "_" when absent */
} cu_token;

typedef struct cu_sent {
	cu_token *tok;
	size_t n;
	const char *text; /* "# text = " value or NULL */
	int newdoc;       /* a "# newdoc" or "# doc =" line came before it */
} cu_sent;

typedef struct cu_corpus {
	cu_sent *sent;
	size_t n;
	char *mem;
	cu_token *toks;
} cu_corpus;

/* Returns 0, or -1 with *err (malloc'd) naming the line. */
int cu_parse(const char *data, size_t len, cu_corpus *c, char **err);
void cu_free(cu_corpus *c);

#endif
