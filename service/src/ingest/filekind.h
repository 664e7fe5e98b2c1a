/*
 * filekind — what `parley ingest FILE` makes of a local file, by its name:
 * a page, a feed whose items are then fetched, or plain text.  The user
 * named the file, so the extension is trusted rather than sniffed.  Also
 * the classification of fetched bodies by their Content-Type.
 */
#ifndef PARLEY_INGEST_FILEKIND_H
#define PARLEY_INGEST_FILEKIND_H

typedef enum { FILE_TEXT, FILE_HTML, FILE_FEED } file_kind;

file_kind filekind_of(const char *path);
/* Whether an argument names a URL (http, https or file) rather than a path. */
int filekind_is_url(const char *arg);

/* What a Content-Type header announces (parameters ignored, any case). */
typedef enum { CT_NONE, CT_HTML, CT_TEXT, CT_XML, CT_OTHER } content_class;
content_class content_type_class(const char *content_type);

#endif
