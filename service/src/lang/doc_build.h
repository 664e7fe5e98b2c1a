/*
 * doc_build — what the tokeniser, lemmatiser and doc glue share and callers
 * do not: growing a document's arrays, and reading UTF-8 one code point at
 * a time with the character classes they agree on.
 */
#ifndef PARLEY_LANG_DOC_BUILD_H
#define PARLEY_LANG_DOC_BUILD_H

#include "lang/lang.h"

#include <stddef.h>
#include <stdint.h>

/* Appends a token; returns its index or -1 on allocation failure. */
long ln_push_token(ln_doc *d, uint32_t start, uint32_t end, uint8_t flags);
int ln_push_sentence(ln_doc *d, uint32_t first, uint32_t count);
/* Token classes of the sentence rules (tokenize.c), for the boundary model:
 * bits 0-2 the terminator kind (0 none, 1 stop, 2 ellipsis, 3 abbreviation,
 * 4 never: title or initial), then these flags. */
#define LN_TC_CLOSER 0x08   /* closing quote or bracket */
#define LN_TC_STARTER 0x10  /* a word that usually starts a sentence */
#define LN_TC_ADDRESS 0x20  /* URL or e-mail address */
#define LN_TC_EMOTICON 0x40 /* listed emoticon */
#define LN_TC_CLOSING 0x80  /* greeting or closing word ("regards", "hi") */
unsigned ln_tok_class(const ln_doc *d, size_t i);
/* A sentence ending with an abbreviation or an initial ends with the
 * period as a token of its own ("etc ."), as UD English writes it.  Run
 * after the sentences change.  0, or -1 on allocation failure. */
int ln_doc_split_final_periods(ln_doc *d);

/* Copies n bytes into the lemma arena; returns their offset, 0 on failure. */
uint32_t ln_push_lemma(ln_doc *d, const char *s, size_t n);

/* The code point at s[i] (i < len) and its length in bytes (>= 1).  An
 * invalid sequence reads as one byte with *cp = -1. */
size_t ln_u8_at(const char *s, size_t len, size_t i, int32_t *cp);

/* Classes the tokeniser and lemmatiser agree on. */
int ln_is_space(int32_t cp);  /* separates tokens (controls too) */
int ln_is_letter(int32_t cp); /* letters and combining marks */
int ln_is_digit(int32_t cp);
int ln_is_wordch(int32_t cp); /* letter, digit, '_', or a byte we cannot read */
int ln_is_upper(int32_t cp);

#endif
