/*
 * internal.h — what the models share inside the lang layer and with the
 * trainer (tools/train): the per-sentence working form, the three models'
 * structs, and their predict/train entry points.
 *
 * Design note
 * -----------
 * Every model reads the same lx_sent: a sentence's tokens with their byte
 * slices and the word-feature hashes computed once (form, lowercase, shape,
 * affixes, flags).  The tagger writes tag/upos/xpos, the parser head and
 * deprel, the NER tagger ner; ln_annotate copies the results into the
 * ln_doc.  Training code lives beside prediction so both build features
 * with the very same function.
 */
#ifndef PARLEY_LANG_INTERNAL_H
#define PARLEY_LANG_INTERNAL_H

#include "lang/blob.h"
#include "lang/lang.h"
#include "lang/perceptron.h"

#include <stddef.h>
#include <stdint.h>

#define LX_FLAG_UPPER_INIT 0x01
#define LX_FLAG_ALL_UPPER 0x02
#define LX_FLAG_DIGIT 0x04
#define LX_FLAG_HYPHEN 0x08
#define LX_FLAG_PERIOD 0x10
#define LX_FLAG_NONALPHA 0x20 /* no letter at all */
#define LX_FLAG_NONASCII 0x40

typedef struct lx_tok {
	const char *s;
	uint32_t len;
	uint8_t flags;
	uint64_t form, lower, shape, pre1, pre2, pre3, suf1, suf2, suf3, suf4;
	/* outputs (and gold, when training) */
	uint8_t tag;   /* tagger class */
	uint64_t ptag; /* hash of the class's UPOS and XPOS names: what parser and NER see */
	uint8_t upos;
	uint16_t xpos;
	int16_t head; /* 1-based, 0 = root, -1 = none yet */
	uint8_t deprel;
	uint8_t ner;
} lx_tok;

typedef struct lx_sent {
	int n;
	lx_tok t[]; /* run time: LN_MAX_SENT_TOKENS; training: n */
} lx_sent;
#define LX_SENT_SIZE(n) (sizeof(lx_sent) + (size_t)(n) * sizeof(lx_tok))

/* Fill the word-feature hashes of token i from its bytes. */
void lx_word_features(lx_tok *t);

/* Model file kinds. */
#define LX_KIND_TAGGER BLOB_KIND('t', 'a', 'g', '1')
#define LX_KIND_PARSER BLOB_KIND('d', 'e', 'p', '1')
#define LX_KIND_NER BLOB_KIND('n', 'e', 'r', '2') /* 2: with the word lexicon */
#define LX_KIND_SENT BLOB_KIND('s', 'n', 't', '1')

/* The sentence-boundary model (sbound.c): a linear scorer of "a sentence
 * ends after token i", over hashed features of the tokens around i, the
 * line breaks and the rules' own decision.  Weights indexed by hash & mask. */
typedef struct lx_sb {
	uint32_t bits;
	const int16_t *w; /* 1 << bits weights, inside the file image */
} lx_sb;

/* What the features read besides the doc, built once per doc. */
typedef struct lx_sb_ctx {
	size_t n;
	uint16_t *cls;         /* ln_tok_class of each token */
	uint8_t *rule_end;     /* the rules end a sentence after this token */
	uint32_t *rule_first;  /* first token of the rules' sentence */
	uint32_t *rule_last;   /* its last token */
	uint32_t *line_first;  /* first token of the token's line */
	uint64_t *low, *shape; /* hashes of each token's lowercase form and shape */
} lx_sb_ctx;

#define LX_SB_MAX_FEATS 24
int lx_sb_open(lx_sb *m, const void *img, size_t len, char **err);
/* From a doc whose tokens and sentences the rules made.  Returns 0 or -1. */
int lx_sb_prepare(const ln_doc *d, lx_sb_ctx *c);
void lx_sb_ctx_free(lx_sb_ctx *c);
/* The features of a boundary after token i (i + 1 < d->ntok); returns
 * their count (at most LX_SB_MAX_FEATS). */
size_t lx_sb_features(const ln_doc *d, const lx_sb_ctx *c, size_t i, uint64_t *h);
/* Regroups the rules' tokens into sentences by the model.  0 or -1. */
int lx_sb_resplit(const lx_sb *m, ln_doc *d);

/* ---- tagger ------------------------------------------------------------ */
typedef struct lx_tagger {
	pc_model pc;
	uint32_t nclass;
	const uint8_t *cls_upos;  /* [nclass] */
	const uint16_t *cls_xpos; /* [nclass] index into xpos */
	size_t nxpos;
	const char **xpos; /* [nxpos], xpos[0] = "_" */
	size_t ndict;
	const uint64_t *dict_key; /* sorted form hashes of unambiguous words */
	const uint8_t *dict_cls;
	uint64_t cls_hash[PC_MAX_CLASSES];
	void *owned;
} lx_tagger;

uint64_t lx_tag_hash(const char *upos, const char *xpos);

void lx_tag(const lx_tagger *m, lx_sent *s);
int lx_tagger_read(lx_tagger *m, blob_r *r, char **err);
void lx_tagger_free(lx_tagger *m);

/* ---- parser ------------------------------------------------------------ */
typedef struct lx_parser {
	pc_model pc;
	size_t nlabel;
	const char **label; /* [nlabel], label[0] = "_" */
	uint8_t root_label, punct_label, dep_label;
	/* per class the kind of transition it is (CK_* of parser.c), for
	 * picking the best valid one without testing each; rounded up to 8
	 * classes with 0 (never valid) */
	int32_t ckind[PC_MAX_CLASSES + 1];
	void *owned;
} lx_parser;

void lx_parse(const lx_parser *m, lx_sent *s);
int lx_parser_read(lx_parser *m, blob_r *r, char **err);
void lx_parser_free(lx_parser *m);

/* ---- named entities ---------------------------------------------------- */
/* How a word is cased in running text (not sentence-initial), learned from
 * the training corpora: sorted lowercase hashes and a small code per word. */
typedef struct lx_case_table {
	size_t n;
	const uint64_t *key;
	const uint8_t *code; /* 1 + capitalised share in fifths (0..4) + 5 if seen 5+ times */
} lx_case_table;

/* What open word lists say of a lowercase word (see ner.c): sorted
 * lowercase hashes and a bit set of LX_LEX_* per word. */
#define LX_LEX_PER_FIRST 0x01   /* first word of a person's name (WordNet) or a given name */
#define LX_LEX_PER_LAST 0x02    /* last word of a person's name (WordNet) */
#define LX_LEX_LOC 0x04         /* a word of a capitalised WordNet location */
#define LX_LEX_ORG 0x08         /* a word of a capitalised WordNet group (organisation) */
#define LX_LEX_GIVEN 0x10       /* a given name of service/data/names.tsv */
#define LX_LEX_WORD 0x20        /* a lowercase dictionary word */
#define LX_LEX_PROPER 0x40      /* a capitalised dictionary word (proper noun) */
#define LX_LEX_PERSON_NOUN 0x80 /* a noun or title for a person: "senator", "sen." */
typedef struct lx_lex_table {
	size_t n;
	const uint64_t *key;
	const uint8_t *bits;
} lx_lex_table;
/* The place of KEY in the sorted KEYS[0, n), or n when it is not there (the
 * lookup of every table of the entity tagger: casing, lexicon, seen names). */
size_t lx_find_key(const uint64_t *keys, size_t n, uint64_t key);

/* Names of the training data: per lowercase word, in how many training
 * documents it was part of a PER, ORG and LOC entity (capped at 255). */
typedef struct lx_seen_table {
	size_t n;
	const uint64_t *key;
	const uint8_t *docs; /* [3 * n]: PER, ORG, LOC */
} lx_seen_table;

/* The three tables merged at load for run time (one probe per word instead
 * of three binary searches): per lowercase hash its casing code, lexicon
 * bits and seen-names code. */
typedef struct lx_word_slot {
	uint64_t key;
	uint8_t used, cc, lx, sn;
} lx_word_slot;

typedef struct lx_ner {
	pc_model pc;
	uint32_t live; /* bit per label seen in training; others never output */
	lx_case_table cases;
	lx_lex_table lex;
	lx_seen_table seen;
	lx_word_slot *words; /* [wmask + 1], or NULL: the binary searches */
	uint32_t wmask;
} lx_ner;

/* Document memory of the entity tagger: for each word form met earlier in
 * the document, how often it was labelled O and each entity type.  A fixed
 * table: once three quarters full, new forms are not remembered. */
#define LX_HIST_SLOTS 4096
typedef struct lx_ner_hist {
	uint64_t key[LX_HIST_SLOTS]; /* form hash, 0 = empty */
	uint16_t count[LX_HIST_SLOTS][1 + LN_ENT_COUNT];
	unsigned used;
} lx_ner_hist;

void lx_ner_hist_clear(lx_ner_hist *h);
/* H may be NULL (no document memory: each sentence alone). */
void lx_ner_tag(const lx_ner *m, lx_sent *s, lx_ner_hist *h);
void lx_annotate_sent(const ln_models *m, lx_sent *s, lx_ner_hist *h);
int lx_ner_read(lx_ner *m, blob_r *r, char **err);
void lx_ner_free(lx_ner *m);

/* ---- training (tools/train) ------------------------------------------- */
/* A training sentence: an lx_sent whose outputs hold the gold values, and
 * for the tagger the gold UPOS/XPOS names. */
typedef struct lx_gold {
	lx_sent *s;
	const char **upos, **xpos, **deprel; /* [s->n] */
} lx_gold;

typedef struct lx_train_opts {
	int epochs;
	unsigned seed;
	double prune;
	int verbose;
} lx_train_opts;

/* Train and write a model file; the model is also loaded into *out when
 * out is not NULL (for jack-knifing and evaluation).  Returns 0 or -1. */
int lx_tagger_train(lx_gold *g, size_t n, const lx_train_opts *o, blob_w *b);
int lx_parser_train(lx_gold *g, size_t n, const lx_train_opts *o, blob_w *b);
/* NEWDOC[k]: sentence k starts a document (documents are shuffled whole and
 * read in order, so the document memory sees what it will see at run time). */
int lx_ner_train(lx_sent **g, const uint8_t *newdoc, size_t n, const lx_case_table *ct,
                 const lx_lex_table *lex, const lx_train_opts *o, blob_w *b);

/* Index of s in names[0, n), or -1 (training vocabularies). */
int lx_name_index(const char *const *names, size_t n, const char *s);

/* Deterministic shuffling for training. */
void lx_shuffle(size_t *idx, size_t n, unsigned *seed);

/* Model set: owned file images plus the three models. */
struct ln_models {
	void *img[3];
	lx_tagger tagger;
	lx_parser parser;
	lx_ner ner;
	int has_tagger, has_parser, has_ner;
	void *sb_img; /* sent.bin, optional */
	lx_sb sb;
	int has_sb;
};

/* Decode a model from a file image in memory (used by the loader and the
 * trainer).  Returns 0 or -1 with *err. */
int lx_tagger_open(lx_tagger *m, const void *img, size_t len, char **err);
int lx_parser_open(lx_parser *m, const void *img, size_t len, char **err);
int lx_ner_open(lx_ner *m, const void *img, size_t len, char **err);

#endif
