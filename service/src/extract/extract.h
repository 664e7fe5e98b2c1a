/*
 * extract — the extraction engine's public face.
 *
 * Pure: article text (plus title and publication date when known) in;
 * actors, statements and events out, each tied to character offsets in the
 * text.  No I/O, no globals, no database.  Dictionaries are parsed from
 * bytes (px_dict_add_file) by whoever read them, and passed in.
 *
 * Offsets are Unicode code point offsets into the text given to
 * px_extract(), half-open [start, end), so they match PostgreSQL substr()
 * and JavaScript string indexing of the stored article text.
 *
 * The JSON from px_result_json() is the contract with the database layer
 * (the store_extraction() SQL function reads exactly this shape):
 *
 * {
 *   "published": "2025-08-27" | null, "published_from": "given" | "text" | "fallback" | null,
 *   "relevance": 0.93,
 *   "actors": [{
 *     "ref": "a0", "name": "Dmitry Peskov",
 *     "kind": "person" | "organization" | "country" | "group",
 *     "title": "Kremlin spokesman" | null, "country": "RUS" | null,   (ISO 3166 alpha-3)
 *     "cameo": "RUSGOV" | null, "aliases": ["Peskov", ...],
 *     "mentions": [{"start": 120, "end": 133}, ...] }],
 *   "statements": [{
 *     "text": "...", "kind": "direct" | "indirect", "cue": "said" | null,
 *     "speaker": "a0" | null, "start": 10, "end": 80,
 *     "source_description": "a senior official" | null,  (a speaker left unnamed)
 *     "sentence_start": 0, "sentence_end": 95,
 *     "date": "2025-08-27" | null, "event": "e1" | null }],
 *   "events": [{
 *     "ref": "e0", "type": "meet", "cameo": "040", "title": "...",
 *     "date": "2025-08-15" | "2025-08" | "2025" | null,
 *     "date_precision": "day" | "month" | "year" | null,
 *     "status": "occurred" | "planned" | "postponed" | "cancelled"
 *               | "possible" | "hypothetical" | "denied",
 *     "location": {"name": "Alaska", "country": "USA"} | null,
 *     "participants": [{"actor": "a0", "role": "source" | "target" | "participant"}],
 *     "sentence_start": 200, "sentence_end": 310 }]
 * }
 */
#ifndef PARLEY_EXTRACT_H
#define PARLEY_EXTRACT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct px_dict px_dict;
typedef struct ln_models ln_models;
typedef struct px_result px_result;

typedef struct px_input {
	const char *text;         /* UTF-8, need not be NUL-terminated */
	size_t len;               /* bytes */
	const char *title;        /* may be NULL */
	const char *published_at; /* "YYYY-MM-DD[...]" or NULL: then inferred from the text */
	/* "YYYY-MM-DD", the day the article was fetched or stored, or NULL:
	 * gives a yearless dateline its year ("MOSCOW, Aug 27 -") and, with
	 * fallback_publishes, dates an article that tells no date at all */
	const char *fallback_date;
	bool fallback_publishes;
} px_input;

px_dict *px_dict_new(void);
void px_dict_free(px_dict *d);
/* Parses one data file's bytes; name tells which table it is (e.g.
 * "actors.tsv").  Returns 0, or -1 with *err set (free() it). */
int px_dict_add_file(px_dict *d, const char *name, const char *data, size_t len, char **err);
/* Adds an actor known to the database (user-created or imported). */
int px_dict_add_actor(px_dict *d, const char *name, const char *kind, const char *title,
                      const char *country, const char *cameo, const char *const *aliases,
                      size_t n_aliases);
/* The language models (lang/lang.h) extraction parses with: borrowed,
 * they must outlive the dictionary.  Without them extraction still runs,
 * on tokens alone, and finds what needs no syntax. */
void px_dict_set_models(px_dict *d, const ln_models *m);
/* The same, fetched on the first extraction that parses: get() is called
 * from any extracting thread and must be thread-safe and answer the same
 * models (or NULL) every time, e.g. a load under pthread_once.  A process
 * that never extracts never loads them (tens of MiB). */
void px_dict_set_models_loader(px_dict *d, const ln_models *(*get)(void));
/* The gazetteer's point (WGS84 degrees) of the place named exactly name:
 * true with lat and lon set, or false for an unknown or unlocated place. */
bool px_dict_place_point(const px_dict *d, const char *name, double *lat, double *lon);
/* Reads every dictionary file in dir (the one function here that does I/O,
 * kept apart in dict_load.c). */
px_dict *px_dict_load_dir(const char *dir, char **err);

px_result *px_extract(const px_dict *d, const px_input *in);
/* The result as compact JSON (malloc'd, NUL-terminated; *len may be NULL). */
char *px_result_json(const px_result *r, size_t *len);
/* The same parsed, for callers that inspect or pretty-print it. */
json_t *px_result_to_json(const px_result *r);
void px_result_free(px_result *r);
/* How much the article is about international affairs and politics, 0..1
 * (relevance.tsv; 1 when the dictionary has no such table). */
double px_result_relevance(const px_result *r);
/* The publication day the extraction dated everything against, written
 * "YYYY-MM-DD" into out; returns where it came from ("given", "text" for a
 * dateline or the latest full date in the body, "fallback"), or NULL (out
 * empty) when there was none. */
const char *px_result_published(const px_result *r, char out[16]);

/* Plain-text preparation for pushed or scraped text: drops boilerplate lines
 * (link lists, captions, "Read more", teasers) and repeated paragraphs.
 * Returns a malloc'd NUL-terminated string; *out_len gets its length. */
char *px_clean_text(const px_dict *d, const char *text, size_t len, size_t *out_len);

#endif
