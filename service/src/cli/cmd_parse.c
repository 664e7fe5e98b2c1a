/*
 * parse — `parley parse [FILE|-]`: the language layer on one text, as
 * CoNLL-U, so anyone can check it by eye and UD's scorer can measure it.
 *
 * Raw UTF-8 in (a blank line is a paragraph break); out, per sentence,
 * "# sent_id", "# text" and one line per word: ID, FORM, LEMMA, UPOS, XPOS,
 * FEATS (_), HEAD, DEPREL, DEPS (_), MISC.  Clitic splits ("do" + "n't")
 * are grouped under a multiword-token line ("1-2 don't"), as in UD.  MISC
 * holds the word's byte offset into the input (Offset=), its entity label
 * (NER=B-PER) and SpaceAfter=No where no whitespace follows.  Without
 * models (none built, or --models-dir elsewhere) the tokens, sentences and
 * lemmas are still printed, with '_' for the model's columns.
 */
#include "cli/commands.h"
#include "cli/runtime.h"
#include "core/file.h"
#include "lang/lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char usage_parse[] =
    "usage: parley parse [FILE|-] [--models-dir DIR]\n"
    "\n"
    "Splits FILE (default '-', standard input; raw UTF-8, a blank line ends a\n"
    "paragraph) into sentences and tokens, tags, parses and finds entities with\n"
    "the models in --models-dir (PARLEY_MODELS_DIR, default the source tree's\n"
    "service/models), and prints CoNLL-U: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL\n"
    "DEPS MISC, with Offset=BYTE, NER=B-PER etc. and SpaceAfter=No in MISC.\n"
    "Without models the model columns are '_' (a note on standard error says why).\n";

static void put_form(FILE *o, const char *s, size_t n)
{
	fwrite(s, 1, n, o);
}

static const char *name_at(const char *const *names, size_t n, size_t i)
{
	return names && i && i < n ? names[i] : "_";
}

static void print_misc(FILE *o, const ln_doc *d, size_t i, int annotated, int space_no)
{
	const ln_token *t = &d->tok[i];
	int any = 0;
	if (annotated && t->ner != LN_NER_O && t->ner < LN_NER_LABELS) {
		fprintf(o, "NER=%c-%s", (t->ner % 2) ? 'B' : 'I', ln_ent_names[(t->ner - 1) / 2]);
		any = 1;
	}
	fprintf(o, "%sOffset=%u", any ? "|" : "", t->start);
	if (space_no)
		fputs("|SpaceAfter=No", o);
	fputc('\n', o);
}

/* No whitespace after token i, and something follows it. */
static int space_no(const ln_doc *d, size_t i)
{
	return !(d->tok[i].flags & LN_TOK_SPACE_AFTER) && i + 1 < d->ntok;
}

static void print_text(FILE *o, const char *s, size_t n)
{
	int gap = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == 0x7f) {
			gap = 1;
			continue;
		}
		if (gap)
			fputc(' ', o);
		gap = 0;
		fputc(c, o);
	}
}

static void print_doc(FILE *o, const ln_models *m, const ln_doc *d)
{
	size_t nx = 0, nd = 0;
	const char *const *xpos = m ? ln_models_xpos(m, &nx) : NULL;
	const char *const *deprel = m ? ln_models_deprel(m, &nd) : NULL;
	for (size_t si = 0; si < d->nsent; si++) {
		const ln_sentence *s = &d->sent[si];
		if (d->tok[s->first].flags & LN_TOK_PARA_START)
			fputs("# newpar\n", o);
		fprintf(o, "# sent_id = %zu\n# text = ", si + 1);
		print_text(o, d->text + s->start, s->end - s->start);
		fputc('\n', o);
		for (size_t k = 0; k < s->count; k++) {
			size_t i = s->first + k;
			const ln_token *t = &d->tok[i];
			/* a multiword token: this word and the clitics stuck to it */
			size_t last = k;
			while (last + 1 < s->count &&
			       (d->tok[i + last + 1 - k].flags & LN_TOK_CLITIC))
				last++;
			if (last > k && !(t->flags & LN_TOK_CLITIC)) {
				const ln_token *e = &d->tok[s->first + last];
				fprintf(o, "%zu-%zu\t", k + 1, last + 1);
				put_form(o, d->text + t->start, e->end - t->start);
				fputs("\t_\t_\t_\t_\t_\t_\t_\t", o);
				fputs(space_no(d, s->first + last) ? "SpaceAfter=No\n" : "_\n", o);
			}
			int in_mwt = (t->flags & LN_TOK_CLITIC) || last > k;
			fprintf(o, "%zu\t", k + 1);
			put_form(o, d->text + t->start, t->end - t->start);
			fprintf(o, "\t%s\t", t->lemma ? d->lemmas + t->lemma : "_");
			if (m) {
				fprintf(o, "%s\t%s\t_\t%d\t%s\t_\t",
				        ln_upos_names[t->upos % LN_UPOS_COUNT],
				        name_at(xpos, nx, t->xpos), t->head,
				        name_at(deprel, nd, t->deprel));
			} else {
				fputs("_\t_\t_\t_\t_\t_\t", o);
			}
			print_misc(o, d, i, m != NULL, !in_mwt && space_no(d, i));
		}
		fputc('\n', o);
	}
}

int cmd_parse(int argc, char **argv)
{
	runtime rt;
	char **rest = NULL;
	int n_rest = 0, rc = 2;
	if (runtime_configure(&rt, argc, argv, usage_parse, &rest, &n_rest))
		goto out;
	const char *path = "-";
	for (int i = 0; i < n_rest; i++) {
		if (rest[i][0] == '-' && rest[i][1]) {
			fprintf(stderr, "parley parse: unknown option %s\n\n%s", rest[i],
			        usage_parse);
			goto out;
		}
		if (i > 0) {
			fprintf(stderr, "parley parse: one FILE only\n");
			goto out;
		}
		path = rest[i];
	}
	size_t len;
	char *text = file_read(path, FILE_NO_LIMIT, &len, NULL);
	if (!text) {
		fprintf(stderr, "parley parse: cannot read %s\n", path);
		goto out;
	}
	char *err = NULL;
	ln_models *m = rt.cfg.models_dir ? ln_models_load_dir(rt.cfg.models_dir, &err) : NULL;
	if (!m)
		fprintf(stderr, "parley parse: no models (%s): printing tokens only\n",
		        err ? err : "no models directory");
	free(err);
	ln_doc d;
	ln_doc_init(&d, text, len);
	rc = 1;
	if (ln_doc_analyze(m, &d)) {
		fprintf(stderr, "parley parse: out of memory\n");
	} else {
		print_doc(stdout, m, &d);
		rc = fflush(stdout) ? 1 : 0;
	}
	ln_doc_free(&d);
	ln_models_free(m);
	free(text);
out:
	free(rest);
	config_free(&rt.cfg);
	return rc;
}
