/*
 * mojibake — UTF-8 text that was decoded once as windows-1252 (or
 * ISO-8859-1) and encoded again, repaired: "PeÃ±a" becomes "Peña",
 * "itâ€™s" becomes "it’s".  Pushed text and pages whose server mislabelled
 * its charset arrive like this; names so mangled are neither found by the
 * entity tagger nor matched to the same person elsewhere.
 *
 * Only a whole mangled character is repaired: a character that stands for
 * a UTF-8 lead byte (U+00C2–U+00F4, or its windows-1252 reading) followed
 * by exactly as many characters standing for continuation bytes (U+0080–
 * U+00BF, or the windows-1252 punctuation of 0x80–0x9F) as that lead byte
 * needs (the lead may be a letter and a combining mark, as NFD writes
 * "Ã"), which together decode to a well-formed character at or above
 * U+0080.  A lone "Ã" or "é" in honest text, followed by a letter or a
 * space, is left alone.
 */
#ifndef PARLEY_PARSE_MOJIBAKE_H
#define PARLEY_PARSE_MOJIBAKE_H

#include <stddef.h>

/* A malloc'd, NUL-terminated copy of the UTF-8 text s[0..len) with its
 * mangled characters repaired (length in *out_len; never longer than len).
 * Bytes that are not well-formed UTF-8 are copied unchanged. */
char *mojibake_repair(const char *s, size_t len, size_t *out_len);

#endif
