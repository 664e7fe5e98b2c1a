/*
 * tables — the language layer's word lists, compiled in from the data files
 * service/data/lang/tokens.tsv and lemmas.tsv by service/tools/lang_tables.c
 * at build time (the layer stays pure: no files at run time, and a bad line
 * fails the build with its file and line number).
 *
 * Lists are sorted by strcmp; lookups are binary searches.  Lists matched
 * "ignoring case" hold lower-case ASCII entries and are searched with the
 * query folded to lower case.
 */
#ifndef PARLEY_LANG_TABLES_H
#define PARLEY_LANG_TABLES_H

#include <stddef.h>

typedef struct ln_wordlist {
	const char *const *w;
	size_t n;
} ln_wordlist;

/* tokens.tsv, one list per kind (see the file's header). */
extern const ln_wordlist ln_tab_title, ln_tab_abbr, ln_tab_numabbr, ln_tab_starter, ln_tab_split,
    ln_tab_clitic, ln_tab_prefix, ln_tab_emoticon, ln_tab_closing, ln_tab_ctxsplit, ln_tab_ctxnext,
    ln_tab_unit;
/* ln_tab_split holds the words without cuts ("cannot"); the same index here
 * gives them with cuts ("can|not"). */
extern const char *const ln_tab_split_cuts[];
/* The same for ln_tab_ctxsplit, split only before a ln_tab_ctxnext word. */
extern const char *const ln_tab_ctxsplit_cuts[];

/* lemmas.tsv: irregular forms.  cls is a word class: "VERB" (also AUX),
 * "NOUN", "ADJ", "ADV", "PRON" or "*" for any. */
typedef struct ln_lemma_entry {
	const char *form, *cls, *lemma;
} ln_lemma_entry;
extern const ln_lemma_entry ln_tab_lemmas[];
extern const size_t ln_tab_nlemmas;

/* Exact match of the n bytes at s.  Returns the index or -1. */
long ln_wordlist_find(const ln_wordlist *l, const char *s, size_t n);
/* The same with s folded to ASCII lower case first (n <= 63, else -1). */
long ln_wordlist_find_fold(const ln_wordlist *l, const char *s, size_t n);

#endif
