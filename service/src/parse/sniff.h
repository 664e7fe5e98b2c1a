/*
 * sniff — bounded, case-insensitive byte search over a body prefix, shared
 * by the charset and document-kind sniffers (see sniff.c).
 */
#ifndef PARLEY_PARSE_SNIFF_H
#define PARLEY_PARSE_SNIFF_H

/* First occurrence of needle (ASCII, any case) in [p, end), or NULL. */
const char *sniff_find_ci(const char *p, const char *end, const char *needle);

#endif
