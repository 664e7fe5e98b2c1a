/*
 * fuzz_lang — libFuzzer target over the language layer: arbitrary bytes
 * through ln_doc_analyze (tokenise, split, annotate when the models load,
 * lemmatise, entities), then the layer's promises are checked:
 *   tokens lie within the text, in order, without overlap, and start and
 *   end on UTF-8 boundaries; no token holds whitespace; sentences cover the
 *   tokens exactly, in order, none longer than LN_MAX_SENT_TOKENS; lemmas
 *   are inside the arena; heads point inside their sentence; entity spans
 *   lie inside one sentence.
 * The models come from PARLEY_MODELS_DIR, else the source tree; when none
 * are built the tokens-only path is fuzzed.
 */
#include "lang/lang.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ln_models *fuzz_models;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char *err = NULL;
	const char *dir = getenv("PARLEY_MODELS_DIR");
	fuzz_models = ln_models_load_dir(dir ? dir : PARLEY_SOURCE_DIR "/service/models", &err);
	if (!fuzz_models)
		fprintf(stderr, "fuzz_lang: no models (%s): fuzzing tokens and lemmas\n",
		        err ? err : "?");
	free(err);
	return 0;
}

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_lang: broken promise: %s\n", what);
		abort();
	}
}

/* A UTF-8 continuation byte that belongs to a valid sequence before it. */
static int inside_char(const uint8_t *s, size_t len, size_t i)
{
	if (i == 0 || i >= len || (s[i] & 0xc0) != 0x80)
		return 0;
	size_t k = i;
	while (k > 0 && i - k < 3 && (s[k] & 0xc0) == 0x80)
		k--;
	uint8_t lead = s[k];
	size_t need = lead >= 0xf0 && lead < 0xf5 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
	if (!need || i - k >= need || k + need > len)
		return 0;
	for (size_t j = k + 1; j < k + need; j++)
		if ((s[j] & 0xc0) != 0x80)
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ln_doc d;
	ln_doc_init(&d, (const char *)data, size);
	if (ln_doc_analyze(fuzz_models, &d)) {
		ln_doc_free(&d);
		return 0;
	}
	uint32_t prev_end = 0;
	for (size_t i = 0; i < d.ntok; i++) {
		const ln_token *t = &d.tok[i];
		check(t->start < t->end && t->end <= size, "token within the text");
		check(t->start >= prev_end, "tokens in order, not overlapping");
		check(!inside_char(data, size, t->start) && !inside_char(data, size, t->end),
		      "token on UTF-8 boundaries");
		for (uint32_t b = t->start; b < t->end; b++)
			check(data[b] != ' ' && data[b] != '\n' && data[b] != '\t',
			      "no space in a token");
		check(t->lemma < d.lemmas_len || (t->lemma == 0 && !d.lemmas),
		      "lemma in the arena");
		prev_end = t->end;
	}
	size_t next = 0;
	for (size_t s = 0; s < d.nsent; s++) {
		const ln_sentence *se = &d.sent[s];
		check(se->first == next && se->count > 0, "sentences cover the tokens in order");
		check(se->count <= LN_MAX_SENT_TOKENS, "sentence within LN_MAX_SENT_TOKENS");
		check(se->start == d.tok[se->first].start &&
		          se->end == d.tok[se->first + se->count - 1].end,
		      "sentence bytes match its tokens");
		for (size_t k = 0; k < se->count; k++) {
			const ln_token *t = &d.tok[se->first + k];
			check(t->head >= 0 && (uint32_t)t->head <= se->count,
			      "head inside the sentence");
		}
		next = se->first + se->count;
	}
	check(next == d.ntok, "every token in a sentence");
	for (size_t e = 0; e < d.nent; e++) {
		const ln_entity *en = &d.ent[e];
		check(en->count > 0 && en->first + en->count <= d.ntok && en->type < LN_ENT_COUNT,
		      "entity within the tokens");
	}
	ln_doc_free(&d);
	return 0;
}
