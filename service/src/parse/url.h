/*
 * url — canonical form of article URLs, so one story under two spellings of
 * its URL is stored once: scheme and host lower-cased, default ports and
 * fragments dropped, utm_* and similar tracking parameters removed.
 */
#ifndef PARLEY_PARSE_URL_H
#define PARLEY_PARSE_URL_H

/* Returns a malloc'd canonical URL, or NULL when url is not an absolute
 * http(s) or file URL. */
char *url_canonical(const char *url);
/* Resolves ref against base; malloc'd, or NULL. */
char *url_resolve(const char *base, const char *ref);

#endif
