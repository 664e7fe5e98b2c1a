/*
 * models — loading the model directory and annotating documents with it.
 *
 * Design note
 * -----------
 * The one place in the layer that does I/O: ln_models_load_dir() reads
 * tagger.bin, parser.bin and ner.bin whole (each a checked blob: magic,
 * format version, kind, length, checksum, then bounds-checked sections) and
 * the models point straight into those images, so loading is a read and a
 * checksum.  Any failure names the file and what is wrong with it.
 *
 * ln_annotate() runs tagger, parser and NER over each sentence of a doc in
 * one reused working sentence; a sentence longer than LN_MAX_SENT_TOKENS is
 * annotated in pieces of that size (each piece its own tree, heads offset
 * into the sentence; past the int16 range of ln_token.head a word is a
 * root).
 */
#include "lang/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MODEL_MAX_BYTES ((size_t)256 << 20)

/* The model files, in the order of ln_models.img; the sentence model last,
 * the one a directory may lack. */
static const struct model_file {
	const char *name;
	uint32_t kind;
} model_files[4] = {{"tagger.bin", LX_KIND_TAGGER},
                    {"parser.bin", LX_KIND_PARSER},
                    {"ner.bin", LX_KIND_NER},
                    {"sent.bin", LX_KIND_SENT}};
#define MODEL_SENT 3 /* optional */

static void set_err(char **err, const char *fmt, const char *a, const char *b)
{
	if (err && asprintf(err, fmt, a, b) < 0)
		*err = NULL;
}

static void *read_file(const char *path, size_t *len, char **err)
{
	void *buf = NULL;
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f) {
		set_err(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size > MODEL_MAX_BYTES) {
		set_err(err, "%s: %s", path, "not a regular file of at most 256 MiB");
		goto out;
	}
	*len = (size_t)st.st_size;
	buf = malloc(*len ? *len : 1);
	if (!buf) {
		set_err(err, "%s: %s", path, "out of memory");
		goto out;
	}
	if (fread(buf, 1, *len, f) != *len) {
		set_err(err, "%s: %s", path, "read failed");
		free(buf);
		buf = NULL;
	}
out:
	fclose(f);
	return buf;
}

static int opened(blob_r *r, int rc, char **err, const char *what)
{
	if (rc == 0 && r->pos != r->len) {
		set_err(err, "%s: %s", what, "trailing bytes after the model");
		return -1;
	}
	if (rc != 0 && err && *err) {
		char *e = NULL;
		if (asprintf(&e, "%s: %s", what, *err) >= 0) {
			free(*err);
			*err = e;
		}
	}
	return rc;
}

int lx_tagger_open(lx_tagger *m, const void *img, size_t len, char **err)
{
	blob_r r;
	if (blob_open(&r, img, len, LX_KIND_TAGGER, "tagger model", err) != 0)
		return -1;
	int rc = opened(&r, lx_tagger_read(m, &r, err), err, "tagger model");
	if (rc != 0)
		lx_tagger_free(m);
	return rc;
}

int lx_parser_open(lx_parser *m, const void *img, size_t len, char **err)
{
	blob_r r;
	if (blob_open(&r, img, len, LX_KIND_PARSER, "parser model", err) != 0)
		return -1;
	int rc = opened(&r, lx_parser_read(m, &r, err), err, "parser model");
	if (rc != 0)
		lx_parser_free(m);
	return rc;
}

int lx_ner_open(lx_ner *m, const void *img, size_t len, char **err)
{
	blob_r r;
	if (blob_open(&r, img, len, LX_KIND_NER, "ner model", err) != 0)
		return -1;
	return opened(&r, lx_ner_read(m, &r, err), err, "ner model");
}

void ln_models_free(ln_models *m)
{
	if (!m)
		return;
	lx_tagger_free(&m->tagger);
	lx_parser_free(&m->parser);
	lx_ner_free(&m->ner);
	for (int i = 0; i < 3; i++)
		free(m->img[i]);
	free(m->sb_img);
	free(m);
}

int ln_models_check_dir(const char *dir, char **err)
{
	if (err)
		*err = NULL;
	for (int i = 0; i < 4; i++) {
		char path[4096];
		if (snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", model_files[i].name) >=
		    (int)sizeof path) {
			set_err(err, "%s: %s", dir, "path too long");
			return -1;
		}
		FILE *f = fopen(path, "rb");
		if (!f && i == MODEL_SENT && errno == ENOENT)
			break; /* the sentence model is optional */
		if (!f) {
			set_err(err, "%s: %s", path, strerror(errno));
			return -1;
		}
		struct stat st;
		uint8_t h[32];
		uint32_t version, kind;
		uint64_t plen;
		const char *bad = NULL;
		if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
		    (size_t)st.st_size > MODEL_MAX_BYTES)
			bad = "not a regular file of at most 256 MiB";
		else if (fread(h, 1, sizeof h, f) != sizeof h || memcmp(h, "PRLYLANG", 8) != 0)
			bad = "not a parley language model (bad magic)";
		fclose(f);
		if (!bad) {
			memcpy(&version, h + 8, 4);
			memcpy(&kind, h + 12, 4);
			memcpy(&plen, h + 16, 8);
			if (version != BLOB_VERSION)
				bad =
				    "model format version differs from this build's (retrain with "
				    "make models)";
			else if (kind != model_files[i].kind)
				bad = "wrong kind of model file";
			else if (plen != (uint64_t)st.st_size - sizeof h)
				bad = "truncated or oversized";
		}
		if (bad) {
			set_err(err, "%s: %s", path, bad);
			return -1;
		}
	}
	return 0;
}

ln_models *ln_models_load_dir(const char *dir, char **err)
{
	if (err)
		*err = NULL;
	ln_models *m = calloc(1, sizeof *m);
	if (!m) {
		set_err(err, "%s: %s", dir ? dir : "", "out of memory");
		return NULL;
	}
	for (int i = 0; i < 3; i++) {
		char path[4096];
		size_t len = 0;
		if (snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", model_files[i].name) >=
		    (int)sizeof path) {
			set_err(err, "%s: %s", dir, "path too long");
			goto fail;
		}
		if (!(m->img[i] = read_file(path, &len, err)))
			goto fail;
		char *e = NULL;
		int rc = i == 0   ? lx_tagger_open(&m->tagger, m->img[i], len, &e)
		         : i == 1 ? lx_parser_open(&m->parser, m->img[i], len, &e)
		                  : lx_ner_open(&m->ner, m->img[i], len, &e);
		if (rc != 0) {
			set_err(err, "%s: %s", path, e ? e : "unreadable");
			free(e);
			goto fail;
		}
	}
	m->has_tagger = m->has_parser = m->has_ner = 1;
	/* the sentence-boundary model is optional: without it the rules split */
	char path[4096];
	struct stat st;
	if (snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", model_files[MODEL_SENT].name) <
	        (int)sizeof path &&
	    stat(path, &st) == 0) {
		size_t len = 0;
		char *e = NULL;
		if (!(m->sb_img = read_file(path, &len, err)))
			goto fail;
		if (lx_sb_open(&m->sb, m->sb_img, len, &e) != 0) {
			set_err(err, "%s: %s", path, e ? e : "unreadable");
			free(e);
			goto fail;
		}
		m->has_sb = 1;
	}
	return m;
fail:
	ln_models_free(m);
	return NULL;
}

const char *const *ln_models_xpos(const ln_models *m, size_t *n)
{
	*n = m ? m->tagger.nxpos : 0;
	return m ? m->tagger.xpos : NULL;
}

const char *const *ln_models_deprel(const ln_models *m, size_t *n)
{
	*n = m ? m->parser.nlabel : 0;
	return m ? m->parser.label : NULL;
}

void lx_annotate_sent(const ln_models *m, lx_sent *s, lx_ner_hist *h)
{
	for (int i = 0; i < s->n; i++)
		lx_word_features(&s->t[i]);
	lx_tag(&m->tagger, s);
	lx_parse(&m->parser, s);
	lx_ner_tag(&m->ner, s, h);
}

int ln_annotate(const ln_models *m, ln_doc *d)
{
	if (!m)
		return 0;
	lx_sent *s = malloc(LX_SENT_SIZE(LN_MAX_SENT_TOKENS));
	lx_ner_hist *mem = malloc(sizeof *mem);
	if (!s || !mem) {
		free(s);
		free(mem);
		return -1;
	}
	lx_ner_hist_clear(mem);
	for (size_t k = 0; k < d->nsent; k++) {
		const ln_sentence *sent = &d->sent[k];
		for (uint32_t off = 0; off < sent->count; off += LN_MAX_SENT_TOKENS) {
			uint32_t n = sent->count - off;
			if (n > LN_MAX_SENT_TOKENS)
				n = LN_MAX_SENT_TOKENS;
			ln_token *tok = &d->tok[sent->first + off];
			s->n = (int)n;
			for (uint32_t i = 0; i < n; i++) {
				s->t[i].s = d->text + tok[i].start;
				s->t[i].len = tok[i].end - tok[i].start;
			}
			lx_annotate_sent(m, s, mem);
			for (uint32_t i = 0; i < n; i++) {
				tok[i].upos = s->t[i].upos;
				tok[i].xpos = s->t[i].xpos;
				/* heads past int16 (sentences of 32k+ tokens) become roots */
				long h = s->t[i].head > 0 ? s->t[i].head + (long)off : 0;
				tok[i].head = (int16_t)(h <= INT16_MAX ? h : 0);
				tok[i].deprel = s->t[i].deprel;
				tok[i].ner = s->t[i].ner;
			}
		}
	}
	free(s);
	free(mem);
	return 0;
}
