/*
 * date — turns the date spellings found in pages and feeds (RFC 3339 /
 * ISO 8601, RFC 822 and its sloppy variants, dates in URL paths) into
 * ISO 8601: "YYYY-MM-DDTHH:MM:SSZ" (UTC) when a time is given, else
 * "YYYY-MM-DD".  Shared by html_meta.c and feed.c.
 */
#ifndef PARLEY_PARSE_DATE_H
#define PARLEY_PARSE_DATE_H

/* malloc'd ISO 8601, or NULL when s is not a recognisable date. */
char *date_normalize(const char *s);
/* A /2019/11/18/ or /2019-11-18/ or /20191118/ date in a URL's path, or NULL. */
char *date_from_url(const char *url);

#endif
