/*
 * utf8 — client bytes made safe to quote.  Anything a client sends (query
 * names and values, paths, headers, JSON keys) may be invalid UTF-8 or
 * arbitrarily long; every message, log line and label that repeats it goes
 * through these, so the text we emit is always valid UTF-8 and cut only
 * between characters.  Invalid bytes become U+FFFD, one per byte (the
 * "maximal subpart" practice of Unicode §3.9 simplified to bytes).
 */
#ifndef PARLEY_CORE_UTF8_H
#define PARLEY_CORE_UTF8_H

#include "core/buf.h"

#include <stddef.h>
#include <stdint.h>

/* The replacement character U+FFFD in UTF-8. */
#define UTF8_REPLACEMENT "\xef\xbf\xbd"

/* Length (1–4) of the well-formed UTF-8 sequence at s[0..len), with its
 * code point in *cp; 0 when there is none (stray continuation, overlong
 * form, surrogate, beyond U+10FFFF, or cut short).  NUL counts as valid. */
size_t utf8_seq(const char *s, size_t len, uint32_t *cp);

/* 1 when s[0..len) is well-formed UTF-8 without a NUL. */
int utf8_valid(const char *s, size_t len);

/* Appends s[0..len) as well-formed UTF-8 (invalid bytes and NULs become
 * U+FFFD), at most max bytes and whole characters only.  Returns the
 * number of input bytes consumed (< len when it had to stop). */
size_t buf_put_utf8(buf *b, const char *s, size_t len, size_t max);

/* A malloc'd, NUL-terminated, well-formed copy of s[0..len) (see
 * buf_put_utf8) of at most max bytes; when cut, it ends in "…" within
 * the max (max >= 3). */
char *utf8_sanitize(const char *s, size_t len, size_t max);

/* The same into a fixed buffer of cap bytes (NUL included, cap >= 4);
 * returns the length written. */
size_t utf8_copy(char *dst, size_t cap, const char *s, size_t len);

#endif
