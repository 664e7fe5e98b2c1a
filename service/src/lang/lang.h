/*
 * lang — Parley's language layer: sentences, tokens, part-of-speech tags,
 * lemmas, labelled dependency trees and named entities, from raw UTF-8 text.
 *
 * Design note
 * -----------
 * Pure like extract/: bytes in, structs out, no globals, no I/O except model
 * loading (models.c).  Every token keeps byte offsets into the caller's text,
 * so any annotation can be traced back to the exact bytes it came from.
 *
 * The pipeline is four stages over one ln_doc:
 *
 *   ln_doc_tokenize()   sentences + tokens (rules; UD English tokenisation:
 *                       "don't" -> "do" "n't", "U.S." stays whole, ...)
 *   ln_annotate()       per sentence: UPOS/XPOS tagger, dependency parser,
 *                       named-entity tagger (learned models, see models.h)
 *   ln_doc_lemmatize()  lemmas from form + tag (exceptions table + rules)
 *
 * ln_doc_analyze() runs all of them.  Each stage costs time linear in the
 * text: a sentence longer than LN_MAX_SENT_TOKENS is cut into pieces.
 *
 * Vocabularies: UPOS is the closed UD set below (one source: ln_upos_names);
 * XPOS and dependency relations are the model's own tables (ln_models_xpos(),
 * ln_models_deprel()); entity labels are BIO over ln_ent_types.
 */
#ifndef PARLEY_LANG_H
#define PARLEY_LANG_H

#include <stddef.h>
#include <stdint.h>

#define LN_MAX_SENT_TOKENS 512 /* a longer sentence is split for the models */

typedef enum ln_upos {
	LN_UPOS_X = 0, /* also "unknown" before tagging */
	LN_UPOS_ADJ,
	LN_UPOS_ADP,
	LN_UPOS_ADV,
	LN_UPOS_AUX,
	LN_UPOS_CCONJ,
	LN_UPOS_DET,
	LN_UPOS_INTJ,
	LN_UPOS_NOUN,
	LN_UPOS_NUM,
	LN_UPOS_PART,
	LN_UPOS_PRON,
	LN_UPOS_PROPN,
	LN_UPOS_PUNCT,
	LN_UPOS_SCONJ,
	LN_UPOS_SYM,
	LN_UPOS_VERB,
	LN_UPOS_COUNT
} ln_upos;
extern const char *const ln_upos_names[LN_UPOS_COUNT]; /* "X", "ADJ", ... */
int ln_upos_from_name(const char *name);               /* -1 when unknown */

/* Entity types; a token's ner field is 0 (O), or 1 + 2*type (B-) / 2 + 2*type (I-). */
typedef enum ln_ent_type {
	LN_ENT_PER = 0,
	LN_ENT_ORG,
	LN_ENT_LOC,
	LN_ENT_MISC,
	LN_ENT_COUNT
} ln_ent_type;
extern const char *const ln_ent_names[LN_ENT_COUNT]; /* "PER", "ORG", "LOC", "MISC" */
#define LN_NER_O 0
#define LN_NER_B(t) ((uint8_t)(1 + 2 * (t)))
#define LN_NER_I(t) ((uint8_t)(2 + 2 * (t)))
#define LN_NER_LABELS (1 + 2 * LN_ENT_COUNT)

typedef struct ln_token {
	uint32_t start, end; /* bytes [start, end) of the form in the document text */
	uint8_t upos;        /* ln_upos */
	uint8_t ner;         /* BIO label, see above */
	uint16_t xpos;       /* index into ln_models_xpos(); 0 = none */
	int16_t head;        /* index of the head within the sentence, 1-based; 0 = root */
	uint8_t deprel;      /* index into ln_models_deprel(); 0 = none */
	uint8_t flags;       /* LN_TOK_* */
	uint32_t lemma;      /* offset of the NUL-terminated lemma in doc->lemmas; 0 = none */
} ln_token;

#define LN_TOK_SPACE_AFTER 0x01 /* whitespace follows in the text */
#define LN_TOK_PARA_START 0x02  /* first token of a paragraph (blank line before) */
#define LN_TOK_CLITIC                                                                              \
	0x04                   /* split off the word before it, no space between:                  \
	                        * "n't" of "don't" (one CoNLL-U multiword token) */
#define LN_TOK_LINE_START 0x08 /* first token on its line (a line break before) */

typedef struct ln_sentence {
	uint32_t first, count; /* tokens [first, first + count) of doc->tok */
	uint32_t start, end;   /* bytes of the sentence in the text */
} ln_sentence;

typedef struct ln_entity {
	uint32_t first, count; /* tokens */
	uint32_t start, end;   /* bytes */
	uint8_t type;          /* ln_ent_type */
} ln_entity;

typedef struct ln_doc {
	const char *text; /* borrowed; must outlive the doc */
	size_t len;
	ln_token *tok;
	size_t ntok, tok_cap;
	ln_sentence *sent;
	size_t nsent, sent_cap;
	ln_entity *ent; /* filled by ln_doc_entities() from the BIO labels */
	size_t nent, ent_cap;
	char *lemmas; /* arena of NUL-terminated lemmas; byte 0 is "" */
	size_t lemmas_len, lemmas_cap;
} ln_doc;

typedef struct ln_models ln_models;

void ln_doc_init(ln_doc *d, const char *text, size_t len);
void ln_doc_free(ln_doc *d);
/* Sentences and tokens.  Returns 0, or -1 on allocation failure. */
int ln_doc_tokenize(ln_doc *d);
/* Tags, trees and entity labels for every sentence (models may be NULL:
 * then only the tokens are there).  The entity tagger remembers the labels
 * of earlier sentences of the same document.  Returns 0 or -1. */
int ln_annotate(const ln_models *m, ln_doc *d);
/* Lemmas from forms and tags.  Returns 0 or -1. */
int ln_doc_lemmatize(const ln_models *m, ln_doc *d);
/* The lemma of one word (n bytes at form) given its UPOS and XPOS name (may
 * be NULL), NUL-terminated into out (cap bytes).  Returns its length. */
size_t ln_lemmatize_word(const char *form, size_t n, int upos, const char *xpos, char *out,
                         size_t cap);
/* Entity spans from the BIO labels.  Returns 0 or -1. */
int ln_doc_entities(ln_doc *d);
/* All of the above.  Returns 0 or -1. */
int ln_doc_analyze(const ln_models *m, ln_doc *d);

/* Models: one directory of files written by the trainer (`make models`).
 * The one place in this layer that does I/O.  NULL with *err (free() it). */
ln_models *ln_models_load_dir(const char *dir, char **err);
void ln_models_free(ln_models *m);
/* A cheap look at the directory without loading it: each file is there,
 * a regular file of at most 256 MiB, and its header (magic, format
 * version, kind, payload length) fits; the checksum and the sections are
 * left to ln_models_load_dir.  0, or -1 with *err (free() it). */
int ln_models_check_dir(const char *dir, char **err);
const char *const *ln_models_xpos(const ln_models *m, size_t *n);
const char *const *ln_models_deprel(const ln_models *m, size_t *n);

#endif
