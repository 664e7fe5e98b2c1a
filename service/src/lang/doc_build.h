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
