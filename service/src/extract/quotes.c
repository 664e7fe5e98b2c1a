/*
 * quotes — who said what: direct quotations and reported speech.
 *
 * Quote marks are paired by position (a mark after a space or at a line
 * start opens, one after a word or punctuation closes), over the kept
 * paragraphs, so a quotation whose paragraph ends open continues when the
 * next paragraph opens with a mark, as newspapers print long quotes.  The
 * speaker comes from the words around the quote, nearest first: after it
 * (", he said", ", said X", ", X told reporters"), before it ("X said:"),
 * then the subject of the sentence; a bare quotation paragraph continues
 * the previous speaker.  Pronouns and "the Kremlin spokesman" resolve to
 * the last compatible speaker or person.  Short fragments with no speech
 * verb beside them ("an "economic war"") are scare quotes, not statements;
 * so are titles of works and shows ("Meet the Press"), headlines credited
 * to their author ('"Title," by X:') and the piece quoted after them.
 * "A," he said, "B." is one statement only when B opens right after the
 * attribution and has none of its own.  A subject the text leaves unnamed
 * ("a spokeswoman for the ministry said") credits no one; the statement
 * keeps its words as the source's description.
 *
 * Every English word these rules ask about is a row of quotewords.tsv
 * (classes at its top, checked at load); speech verbs are cues.tsv's.
 */
#include "extract/speaker.h"

#include "core/buf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define SCARE_MAX_WORDS 3
#define MIN_WORDS 3 /* "Yes," he said: an answer without its question says nothing */
#define SUBJECT_REACH 6

typedef struct span {
	size_t a, b;        /* quoted tokens [a, b) (marks excluded) */
	size_t open, close; /* the mark tokens; close == b when unterminated */
} span;

static size_t para_of(const px_doc *doc, size_t tok)
{
	return doc->sents[doc->toks[tok].sent].para;
}

/* Token i is a quotewords.tsv word of one of the classes cls. */
static bool qw(const px_doc *doc, size_t i, unsigned cls)
{
	const px_lex_entry *e;
	return px_lex_match(doc, i, LX_QUOTEWORD, &e) && (e->ref & cls);
}

/* The possessive ending "'s", to the tagger. */
static bool possessive(const px_doc *doc, size_t i)
{
	int32_t k = px_syn_ln(doc, i);
	return k >= 0 && !strcmp(px_syn_xpos(doc, (size_t)k), "POS");
}

static bool opens(const px_doc *doc, size_t i)
{
	size_t at = doc->toks[i].start;
	if (at == 0)
		return true;
	char prev = doc->text.s[at - 1];
	if (i > 0 && para_of(doc, i - 1) != para_of(doc, i))
		return true;
	return isspace((unsigned char)prev) || strchr("([{-:/", prev) != NULL;
}

static bool para_starts_with_quote(const px_doc *doc, size_t i)
{
	return i < doc->n_toks && doc->toks[i].kind == TK_QUOTE &&
	       (i == 0 || para_of(doc, i - 1) != para_of(doc, i));
}

/* Pairs the quote marks of the whole document. */
static span *find_spans(const px_doc *doc, size_t *n_out)
{
	span *v = NULL;
	size_t n = 0, cap = 0;
	long open = -1;
	bool in_attr = false; /* inside a markup attribute value: href="..." */
	for (size_t i = 0; i < doc->n_toks; i++) {
		bool para_end = i + 1 == doc->n_toks || para_of(doc, i + 1) != para_of(doc, i);
		/* '...">': the mark closing a markup attribute (whose value may
		 * run over a line break), never a quotation */
		if (doc->toks[i].kind == TK_QUOTE && doc->text.s[doc->toks[i].end] == '>') {
			in_attr = false;
			continue;
		}
		if (doc->toks[i].kind == TK_QUOTE &&
		    (in_attr ||
		     (doc->toks[i].start > 0 && doc->text.s[doc->toks[i].start - 1] == '='))) {
			in_attr = !in_attr;
			continue;
		}
		if (para_end)
			in_attr = false;
		if (doc->toks[i].kind == TK_QUOTE) {
			if (open >= 0 && !opens(doc, i)) {
				span *s = VEC_PUSH(v, n, cap);
				*s = (span){(size_t)open + 1, i, (size_t)open, i};
				open = -1;
			} else if (open < 0 || !para_starts_with_quote(doc, i) ||
			           doc->toks[open].sent == doc->toks[i].sent) {
				open = (long)i;
			}
			/* else: a continuation paragraph re-opens the running quote */
		}
		if (para_end && open >= 0 && !para_starts_with_quote(doc, i + 1)) {
			if (i > (size_t)open) {
				span *s = VEC_PUSH(v, n, cap);
				*s = (span){(size_t)open + 1, i + 1, (size_t)open, i + 1};
			}
			open = -1;
		}
	}
	*n_out = n;
	return v;
}

static size_t word_count(const px_doc *doc, size_t a, size_t b)
{
	size_t n = 0;
	for (size_t i = a; i < b; i++)
		n += doc->toks[i].kind == TK_WORD || doc->toks[i].kind == TK_NUM;
	return n;
}

/* "Meet the Press", "Orange is the New Black", "The Lead with Jake
 * Tapper": every word capitalised but those titles leave lower-case
 * (quotewords.tsv "minor"), the first among the capitalised — the name of
 * a work or a show, not words anyone said. */
static bool title_case(const px_doc *doc, size_t a, size_t b)
{
	size_t capitalised = 0;
	bool first = true;
	for (size_t i = a; i < b; i++) {
		const px_token *t = &doc->toks[i];
		if (px_tok_char(doc, i, '?') || px_tok_char(doc, i, '!'))
			return false; /* "Why now?" asks */
		/* a clitic ("America's", "Let's") leans on the word before */
		if (t->kind != TK_WORD || doc->text.s[t->start] == '\'')
			continue;
		if (t->cap || t->allcaps)
			capitalised++;
		else if (first || !qw(doc, i, QW_MINOR))
			return false;
		first = false;
	}
	return capitalised >= 2;
}

/* Quoted as a sentence of speech: opened right after the attribution's
 * colon or comma ('told the crowd: "Jobs For Every County."') and ending
 * as a sentence does — not a title the attribution names ('said on "Meet
 * the Press."'). */
static bool said_as_sentence(const px_doc *doc, const span *q)
{
	return q->b > q->a && q->open > 0 &&
	       (px_tok_char(doc, q->open - 1, ':') || px_tok_char(doc, q->open - 1, ',')) &&
	       (px_tok_char(doc, q->b - 1, '.') || px_tok_char(doc, q->b - 1, '!') ||
	        px_tok_char(doc, q->b - 1, '?'));
}

/* '"Title," by Jane Roe': the quoted words are a piece's headline, its
 * author credited right after the closing mark. */
static bool credited_piece(const px_doc *doc, const span *q)
{
	size_t i = q->close + 1;
	if (q->close != q->b || i >= doc->n_toks)
		return false;
	if (px_tok_char(doc, i, ','))
		i++;
	if (i >= doc->n_toks || !qw(doc, i, QW_CREDIT))
		return false;
	i++; /* "by the New York Post's Jane Roe" */
	if (i < doc->n_toks && qw(doc, i, QW_DETERMINER))
		i++;
	return i < doc->n_toks && doc->toks[i].cap && para_of(doc, i) == para_of(doc, q->close);
}

/* '"http://example.org/x."': an address, no words (a mark left open
 * before a link). */
static bool web_address(const px_doc *doc, const span *q)
{
	if (q->b <= q->a)
		return false;
	size_t from = doc->toks[q->a].start, to = doc->toks[q->b - 1].end;
	for (size_t i = from; i < to; i++)
		if (isspace((unsigned char)doc->text.s[i]))
			return false;
	return memmem(doc->text.s + from, to - from, "://", 3) != NULL;
}

/* '"Title," by Jane Roe: "The piece opens..."': the quotation right after
 * a credited headline is the piece's text, not speech. */
static bool piece_excerpt(const px_doc *doc, const span *sp, size_t k)
{
	return k > 0 && credited_piece(doc, &sp[k - 1]) && sp[k].open > 0 &&
	       px_tok_char(doc, sp[k].open - 1, ':') &&
	       para_of(doc, sp[k].open) == para_of(doc, sp[k - 1].close);
}

/* ------------------------------------------------------------ speakers */

static bool is_pronoun(const px_doc *doc, size_t i)
{
	return qw(doc, i, QW_HE | QW_SHE);
}

static bool cue_len(const px_doc *doc, size_t i, size_t *len)
{
	const px_lex_entry *e;
	*len = 0;
	/* speech verbs are lower case inside a sentence: "United States" is no cue */
	if (doc->toks[i].cap && doc->sents[doc->toks[i].sent].tok_start != i)
		return false;
	/* "Western claims", "the statement": a noun, not a speech verb */
	*len = px_lex_match(doc, i, LX_CUE, &e);
	if (!*len)
		return false;
	if (i > 0 && qw(doc, i - 1, QW_DETERMINER) && !qw(doc, i, QW_SOURCE)) {
		*len = 0;
		return false;
	}
	return true;
}

typedef px_speaker_ctx speaker_ctx;

static bool governs_object(const px_doc *doc, size_t i);

/* Whether the mention at start is the object of a preposition ("made by US
 * President Donald Trump") or a possessive ("Zelensky's term"). */
static bool object_position(const px_doc *doc, size_t start, size_t end)
{
	size_t a = doc->sents[doc->toks[start].sent].tok_start;
	if (end < doc->n_toks && possessive(doc, end))
		return true;
	size_t k = start;
	while (k > a && k + 4 > start && (doc->toks[k - 1].cap || doc->toks[k - 1].allcaps))
		k--;
	return k > a && governs_object(doc, k - 1);
}

/* The subject of the latest sentence before tok that names a person:
 * its first person outside quotations.  *at gets that mention's token. */
int px_pronoun_gender(const px_doc *doc, size_t tok)
{
	return qw(doc, tok, QW_HE) ? 1 : qw(doc, tok, QW_SHE) ? 2 : 0;
}

/* A person the pronoun may stand for: not one known to be of the other gender. */
static bool gender_fits(const px_doc *doc, int32_t actor, int want)
{
	uint8_t g = doc->actors[actor].gender;
	return !want || !g || g == want;
}

static int32_t recent_subject(const px_doc *doc, size_t tok, size_t *at)
{
	int want = px_pronoun_gender(doc, tok);
	for (size_t m = doc->n_mentions; m-- > 0;) {
		const px_mention *mm = &doc->mentions[m];
		if (mm->tok_start >= tok || mm->actor < 0 || !px_is_person(doc, mm->actor) ||
		    doc->toks[mm->tok_start].inq ||
		    doc->toks[mm->tok_start].sent == doc->toks[tok].sent)
			continue;
		uint32_t sent = doc->toks[mm->tok_start].sent;
		for (size_t k = 0; k <= m; k++) {
			const px_mention *f = &doc->mentions[k];
			if (doc->toks[f->tok_start].sent == sent && f->actor >= 0 &&
			    px_is_person(doc, f->actor) && !doc->toks[f->tok_start].inq &&
			    gender_fits(doc, f->actor, want) &&
			    !object_position(doc, f->tok_start, f->tok_end)) {
				*at = f->tok_start;
				return f->actor;
			}
		}
	}
	return -1;
}

int32_t px_resolve_pronoun(const px_doc *doc, size_t tok)
{
	size_t at;
	return recent_subject(doc, tok, &at);
}

/* "he" is the last speaker, unless the story has since moved to another
 * person as a sentence subject. */
static int32_t resolve_pronoun_ctx(const px_doc *doc, const speaker_ctx *ctx, size_t tok)
{
	size_t at = 0;
	int32_t subject = recent_subject(doc, tok, &at);
	bool speaker_fresh = ctx->have_last && px_is_person(doc, ctx->last_speaker) &&
	                     gender_fits(doc, ctx->last_speaker, px_pronoun_gender(doc, tok)) &&
	                     para_of(doc, tok) <= ctx->last_para + 2;
	if (speaker_fresh && (subject < 0 || ctx->last_tok >= at))
		return ctx->last_speaker;
	return subject;
}

/* The actor named at token i: a mention starting there, or a pronoun. */
static int32_t actor_at(px_doc *doc, const speaker_ctx *ctx, size_t i, size_t *len)
{
	int32_t m = doc->tok_mention[i];
	if (m >= 0 && doc->mentions[m].tok_start == i && doc->mentions[m].actor >= 0) {
		*len = doc->mentions[m].tok_end - i;
		return doc->mentions[m].actor;
	}
	if (is_pronoun(doc, i)) {
		*len = 1;
		return doc->syn.ok ? px_speaker_pronoun(doc, ctx, i)
		                   : resolve_pronoun_ctx(doc, ctx, i);
	}
	return -1;
}

typedef struct attribution {
	int32_t speaker;
	size_t cue_tok, cue_n;
	bool tight;            /* the speech verb stands right beside the quote */
	size_t desc_a, desc_b; /* an unnamed speaker's words: "a senior official" */
} attribution;

/* Skips "," and adverbs such as "also", "later", "on Wednesday" before a cue. */
static size_t skip_fillers(px_doc *doc, size_t i, size_t end)
{
	while (i < end && qw(doc, i, QW_FILLER))
		i++;
	return i;
}

/* Past a short aside opened by `open` at token j and closed by `close`
 * within a few tokens ("(D-Ore.)", ", the Y,"), else j. */
static size_t skip_enclosed(const px_doc *doc, size_t j, size_t end, char open, char close)
{
	if (!px_tok_char(doc, j, open))
		return j;
	size_t k = j + 1;
	while (k < end && k < j + 8 && !px_tok_char(doc, k, close))
		k++;
	return px_tok_char(doc, k, close) ? k + 1 : j;
}

#define DESC_REACH 40 /* tokens of a description between a name and its cue */

/* The cue after a longer description of a speaker named right after a
 * closing mark, or 0: ", director of the X at the Y, said", ", 30, of
 * Gainesville, Fla., said", ", the analyst who founded the site, tweeted"
 * (set off by a comma, any words up to a comma right before the cue, no
 * other cue among them) or "of the Martin Center for Fiscal Studies said"
 * (a preposition, then only capitalised words and minor ones). */
static size_t cue_after_description(px_doc *doc, size_t j, size_t end)
{
	size_t cl;
	if (j >= end)
		return 0;
	uint32_t sent = doc->toks[j].sent;
	bool comma = px_tok_char(doc, j, ',');
	if (!comma && !(qw(doc, j, QW_OBJECT) && qw(doc, j, QW_MINOR) && !doc->toks[j].cap))
		return 0;
	for (size_t k = j + 1; k < end && k < j + DESC_REACH; k++) {
		const px_token *t = &doc->toks[k];
		if (t->kind == TK_QUOTE || t->inq || t->sent != sent || px_tok_char(doc, k, ';'))
			return 0;
		if (comma && px_tok_char(doc, k, ',')) {
			size_t c = skip_fillers(doc, k + 1, end);
			if (c < end && cue_len(doc, c, &cl))
				return c;
			continue;
		}
		bool lower = t->kind == TK_WORD && !t->cap;
		if (lower && cue_len(doc, k, &cl))
			return !comma && k > j + 1 ? k : 0;
		if (!comma && (px_tok_char(doc, k, ',') || (lower && !qw(doc, k, QW_MINOR))))
			return 0;
	}
	return 0;
}

/* After a closing mark: ", he said", ", Putin stated", ", said Peskov". */
static attribution after_quote(px_doc *doc, const speaker_ctx *ctx, size_t i, size_t end)
{
	attribution at = {-1, 0, 0, false, 0, 0};
	if (i < end && px_tok_char(doc, i, ','))
		i++;
	size_t len, cl;
	/* titles before the name: ", Transport Minister Jane Roe said" */
	size_t j0 = i;
	while (j0 < end && j0 < i + 5 && doc->tok_mention[j0] < 0 &&
	       ((doc->toks[j0].kind == TK_WORD && doc->toks[j0].cap) ||
	        (j0 > i && px_tok_char(doc, j0, '.')))) /* "Sen." */
		j0++;
	if (j0 < end && doc->tok_mention[j0] >= 0 && j0 > i)
		i = j0;
	int32_t who = i < end ? actor_at(doc, ctx, i, &len) : -1;
	if (who < 0 && i < end && (who = px_speaker_surname(doc, i)) >= 0)
		len = 1;
	/* "Texas delegate Bill Eastland", "Clinton campaign manager Robby Mook" */
	if (who >= 0 && !is_pronoun(doc, i)) {
		size_t p = px_person_after_role(doc, i + len, end), len2;
		int32_t named = p ? actor_at(doc, ctx, p, &len2) : -1;
		if (named >= 0)
			who = named, i = p, len = len2;
	}
	/* "Putin's envoy Kirill Dmitriev wrote": the envoy speaks */
	if (who >= 0 && possessive(doc, i + len)) {
		size_t j = i + len + 1;
		while (j < end && j < i + len + 6 && doc->tok_mention[j] < 0 &&
		       doc->toks[j].kind == TK_WORD)
			j++;
		size_t len2;
		int32_t named = j < end ? actor_at(doc, ctx, j, &len2) : -1;
		if (named >= 0)
			who = named, i = j, len = len2;
	}
	if (who >= 0) {
		/* "Sen. Jane Roe (D-Ore.) said", "X, the Y, said" */
		size_t j = skip_enclosed(doc, i + len, end, '(', ')');
		size_t d = cue_after_description(doc, j, end);
		j = skip_enclosed(doc, j, end, ',', ',');
		j = skip_fillers(doc, j, end);
		if (j < end && cue_len(doc, j, &cl))
			return (attribution){who, j, cl, true, 0, 0};
		if (d && cue_len(doc, d, &cl))
			return (attribution){who, d, cl, true, 0, 0};
		return at;
	}
	if (i < end && cue_len(doc, i, &cl)) {
		size_t j = i + cl;
		if (j < end && (who = actor_at(doc, ctx, j, &len)) >= 0) {
			/* "said Roe's spokesman": the possessor does not speak; a
			 * person named after the role noun does ("..., Jo Doe") */
			if (possessive(doc, j + len)) {
				size_t k = j + len + 1, len2;
				while (k < end && k < j + len + 6 && doc->tok_mention[k] < 0 &&
				       (doc->toks[k].kind == TK_WORD || px_tok_char(doc, k, ',')))
					k++;
				who = k < end ? actor_at(doc, ctx, k, &len2) : -1;
				if (who < 0 || !px_is_person(doc, who))
					return at;
			}
			return (attribution){who, i, cl, true, 0, 0};
		}
	}
	return at;
}

/* Prepositions (and verbs like "told") make the name after them an object,
 * never the speaker. */
static bool governs_object(const px_doc *doc, size_t i)
{
	return qw(doc, i, QW_OBJECT);
}

/* Words allowed between a subject and its verb: "Peskov on Wednesday said". */
static bool subject_gap_word(px_doc *doc, size_t i)
{
	return px_tok_char(doc, i, ',') || qw(doc, i, QW_GAP);
}

/* The actor whose mention ends right before token end (gap words aside),
 * unless it is the object of a preposition. */
/* ", speaking in Warsaw alongside her counterpart Jane Roe," before the
 * verb: a side remark whose names are not the subject.  Returns the comma
 * that opens it, or 0. */
static size_t side_remark_before(px_doc *doc, size_t a, size_t end)
{
	if (end < a + 3 || !px_tok_char(doc, end - 1, ','))
		return 0;
	size_t c = end - 1;
	while (c > a && !px_tok_char(doc, c - 1, ','))
		c--;
	if (c <= a + 1 || c + 1 >= end)
		return 0;
	size_t first = c; /* the word after the opening comma */
	const px_token *t = &doc->toks[first];
	bool opener = t->kind == TK_WORD && t->end - t->start > 4 &&
	              !strncasecmp(doc->text.s + t->end - 3, "ing", 3);
	opener = opener || qw(doc, first, QW_ASIDE);
	return opener ? c - 1 : 0;
}

static int32_t subject_right_before_at(px_doc *doc, const speaker_ctx *ctx, size_t a, size_t end,
                                       size_t *start_out)
{
	size_t side = side_remark_before(doc, a, end);
	if (side)
		end = side;
	size_t k = end;
	while (k > a && subject_gap_word(doc, k - 1) && k + 4 > end)
		k--;
	if (k == a || doc->toks[k - 1].inq)
		return -1;
	size_t len;
	int32_t m = doc->tok_mention[k - 1];
	size_t start = m >= 0 ? doc->mentions[m].tok_start : k - 1;
	int32_t who = actor_at(doc, ctx, start, &len);
	if (who < 0 || (start > a && governs_object(doc, start - 1)))
		return -1;
	*start_out = start;
	return who;
}

static int32_t subject_right_before(px_doc *doc, const speaker_ctx *ctx, size_t a, size_t end)
{
	size_t start;
	return subject_right_before_at(doc, ctx, a, end, &start);
}

/* The first person (or he/she) of the clause, not the object of a preposition. */
static int32_t first_subject(px_doc *doc, const speaker_ctx *ctx, size_t a, size_t b,
                             bool persons_only)
{
	for (size_t k = a; k < b; k++) {
		size_t len;
		if (doc->toks[k].inq)
			continue;
		int32_t who = actor_at(doc, ctx, k, &len);
		if (who < 0)
			continue;
		if ((!persons_only || px_is_person(doc, who)) &&
		    !(k > a && governs_object(doc, k - 1)))
			return who;
		k += len - 1;
	}
	return -1;
}

/* "officials said", "a senior diplomat told": a speaker the text leaves
 * unnamed, so no one else in the sentence may take the words. */
static bool unnamed_speaker_before(px_doc *doc, size_t cue)
{
	return cue > 0 && qw(doc, cue - 1, QW_UNNAMED) && !doc->toks[cue - 1].cap;
}

/* The nearest cue in [a, b) and its subject: right before it, else the
 * clause's first person, else any actor before it, else right after it
 * ("said Peskov"). */
static attribution cue_in(px_doc *doc, const speaker_ctx *ctx, size_t a, size_t b, bool first)
{
	attribution at = {-1, 0, 0, false, 0, 0};
	/* "Roe said the club will go on, but said": a sentence opening with the
	 * surname of a person met in full that the tagger took for another
	 * word ("Roe" as a verb) */
	int32_t ka = a < b ? px_syn_ln(doc, a) : -1;
	if (ka >= 0 && !doc->toks[a].inq && doc->tok_mention[a] < 0 &&
	    px_syn_upos(doc, (size_t)ka) != LN_UPOS_PROPN &&
	    px_syn_upos(doc, (size_t)ka) != LN_UPOS_NOUN)
		px_speaker_surname(doc, a);
	for (size_t k = 0; k < b - a; k++) {
		size_t i = first ? a + k : b - 1 - k, cl, len;
		if (doc->toks[i].inq || !cue_len(doc, i, &cl))
			continue;
		if (qw(doc, i, QW_SOURCE)) { /* the source follows: "according to X" */
			int32_t who = i + cl < b ? actor_at(doc, ctx, i + cl, &len) : -1;
			if (who >= 0)
				return (attribution){who, i, cl, false, 0, 0};
			continue;
		}
		int32_t who = subject_right_before(doc, ctx, a, i);
		if (who < 0 && unnamed_speaker_before(doc, i))
			return at;
		if (who < 0)
			who = first_subject(doc, ctx, a, i, true);
		if (who < 0)
			who = first_subject(doc, ctx, a, i, false);
		if (who < 0 && i + cl < b)
			who = actor_at(doc, ctx, i + cl, &len);
		if (who >= 0)
			return (attribution){who, i, cl, false, 0, 0};
	}
	return at;
}

static int32_t first_person_before(px_doc *doc, const speaker_ctx *ctx, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++) {
		size_t len;
		int32_t who = doc->toks[k].inq ? -1 : actor_at(doc, ctx, k, &len);
		if (who >= 0 && px_is_person(doc, who))
			return who;
	}
	return -1;
}

/* The person subject of the words before a quotation in its sentence
 * ("Filling in for Roe, Doe landed a dig at "..."" is Doe's), else the
 * first person they name. */
static int32_t main_person_before(px_doc *doc, const speaker_ctx *ctx, size_t a, size_t b)
{
	int32_t who = doc->syn.ok ? px_main_person_subject(doc, a, b) : -1;
	return who >= 0 ? who : first_person_before(doc, ctx, a, b);
}

/* ------------------------------------------------------------ statements */

static char *quote_text(px_doc *doc, size_t a, size_t b)
{
	buf out;
	buf_init(&out);
	uint32_t last_end = 0;
	for (size_t i = a; i < b; i++) {
		const px_token *t = &doc->toks[i];
		if (t->kind == TK_QUOTE)
			continue;
		if (out.len && t->start > last_end)
			buf_putc(&out, ' ');
		/* runs of adjacent tokens are copied from the original as one span */
		size_t j = i + 1;
		while (j < b && doc->toks[j].kind != TK_QUOTE &&
		       doc->toks[j].start == doc->toks[j - 1].end)
			j++;
		char *part = px_orig_span_dup(doc, i, j);
		buf_puts(&out, part);
		free(part);
		last_end = doc->toks[j - 1].end;
		i = j - 1;
	}
	while (out.len && strchr(",;: ", out.data[out.len - 1]))
		out.data[--out.len] = '\0';
	return buf_detach(&out);
}

static char *cue_text(px_doc *doc, const attribution *at)
{
	if (!at->cue_n)
		return NULL;
	char *s = px_tok_span_dup(doc, at->cue_tok, at->cue_tok + at->cue_n);
	for (char *c = s; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return s;
}

static px_statement *add_statement(px_doc *doc, char *text, bool direct, const attribution *at,
                                   size_t a, size_t b)
{
	px_statement *st = VEC_PUSH(doc->stmts, doc->n_stmts, doc->cap_stmts);
	memset(st, 0, sizeof *st);
	st->text = text;
	st->direct = direct;
	st->cue = cue_text(doc, at);
	st->speaker = at->speaker;
	st->source = at->speaker < 0 && at->desc_b > at->desc_a
	                 ? px_orig_span_dup(doc, at->desc_a, at->desc_b)
	                 : NULL;
	/* offsets cover the words, not the comma before the closing mark */
	while (b > a + 1 && (px_tok_char(doc, b - 1, ',') || px_tok_char(doc, b - 1, ';') ||
	                     px_tok_char(doc, b - 1, ':') || doc->toks[b - 1].kind == TK_QUOTE))
		b--;
	st->start = doc->toks[a].start;
	st->end = doc->toks[b - 1].end;
	st->sent_a = doc->toks[a].sent;
	st->sent_b = doc->toks[b - 1].sent;
	st->event = -1;
	/* the day it was said: a date outside the words reported, nearest the
	 * speech verb ("said on Thursday that the talks on August 15 ...") */
	const px_sentence *s = &doc->sents[st->sent_a];
	size_t cue = at->speaker >= 0 && at->cue_n ? at->cue_tok : a;
	px_date before = {0}, after = {0};
	long at_before = px_find_date(doc, s->tok_start, a, cue, &before, NULL, NULL);
	long at_after =
	    b < s->tok_end ? px_find_date(doc, b, s->tok_end, cue, &after, NULL, NULL) : -1;
	if (at_before >= 0 && before.precision &&
	    (at_after < 0 || !after.precision ||
	     (size_t)labs((long)cue - at_before) <= (size_t)labs((long)cue - at_after)))
		st->date = before;
	else if (at_after >= 0)
		st->date = after;
	return st;
}

static void note_speaker(px_doc *doc, speaker_ctx *ctx, int32_t who, size_t tok)
{
	if (who < 0)
		return;
	ctx->last_speaker = who;
	ctx->last_para = para_of(doc, tok);
	ctx->last_tok = tok;
	ctx->have_last = true;
}

#define MANNER_REACH 5 /* tokens from a closing mark to a verb of any kind */
#define DESC_MAX_TOKENS 12

/* Whether ln token t hangs under subject head k through a clause or an
 * apposition of k ("a senior official who asked not to be named", "a
 * spokesman, Jane Roe"): words about the source, not its description. */
static bool beyond_description(const px_doc *doc, int32_t k, int32_t t)
{
	for (int n = 0; n < 16 && t >= 0; n++) {
		int32_t h = doc->syn.head[t];
		if (h == k)
			return px_syn_rel_is(doc, (size_t)t, "acl:relcl") ||
			       px_syn_rel_is(doc, (size_t)t, "acl") ||
			       px_syn_rel_is(doc, (size_t)t, "appos") ||
			       px_syn_rel_is(doc, (size_t)t, "parataxis");
		t = h;
	}
	return false;
}

/* "a spokeswoman for the ministry said": a subject the text leaves
 * unnamed keeps its words as the statement's source description (the
 * subject's phrase up to a clause, apposition or comma after its head);
 * a pronoun nobody answers to describes no one. */
static void describe_unnamed(const px_doc *doc, const px_said *said, attribution *at)
{
	at->desc_a = at->desc_b = 0;
	int32_t k = px_syn_ln(doc, said->subj_tok);
	if (!said->found || said->actor >= 0 || k < 0 ||
	    px_syn_upos(doc, (size_t)k) == LN_UPOS_PRON)
		return;
	size_t a = said->subj_start, end = a;
	while (end < said->subj_end && end < a + DESC_MAX_TOKENS && !doc->toks[end].inq &&
	       doc->toks[end].kind != TK_QUOTE) {
		int32_t t = px_syn_ln(doc, end);
		if (end > said->subj_tok &&
		    (px_tok_char(doc, end, ',') || px_tok_char(doc, end, '(') ||
		     (t >= 0 && t != k && beyond_description(doc, k, t))))
			break;
		end++;
	}
	while (end > a && doc->toks[end - 1].kind == TK_PUNCT)
		end--;
	if (end > said->subj_tok) {
		at->desc_a = a;
		at->desc_b = end;
	}
}

static size_t cue_width(px_doc *doc, size_t i)
{
	const px_lex_entry *e;
	size_t n = px_lex_match(doc, i, LX_CUE, &e);
	return n ? n : 1;
}

#define INTRO_SENTENCE_MAX 12 /* tokens of a sentence that introduces the quotation after it */
#define SAID_SENTENCE_MAX 8   /* tokens of an attribution printed as its own sentence */
#define APPOS_MAX 48          /* tokens from a speaker's name to its speech verb */
#define INNER_QUOTE 6         /* tokens of a quoted name inside an attribution */

/* Quotation q ends with its own closing mark, in its paragraph. */
static bool closed(const px_doc *doc, const span *q)
{
	return q->b > q->a && q->close < doc->n_toks && doc->toks[q->close].kind == TK_QUOTE &&
	       para_of(doc, q->close) == para_of(doc, q->b - 1);
}

/* Past a short quoted name opening at token j inside an attribution
 * ('wearing "Roe 2020" pins': capitalised words only), else j. */
static size_t past_inner_quote(const px_doc *doc, size_t j, size_t end)
{
	if (doc->toks[j].kind != TK_QUOTE || !opens(doc, j))
		return j;
	for (size_t k = j + 1; k < end && k <= j + INNER_QUOTE; k++) {
		const px_token *t = &doc->toks[k];
		if (t->kind == TK_QUOTE)
			return k > j + 1 ? k + 1 : j;
		if (t->kind == TK_WORD && !t->cap && !t->allcaps)
			return j; /* words, not a name */
	}
	return j;
}

/* The person mention starting at px token i, or -1. */
static int32_t person_mention_at(const px_doc *doc, size_t i)
{
	int32_t m = doc->tok_mention[i];
	return m >= 0 && doc->mentions[m].tok_start == i && doc->mentions[m].actor >= 0 &&
	               px_is_person(doc, doc->mentions[m].actor)
	           ? m
	           : -1;
}

/* "X, 35, the daughter of Y, said", "X, wearing a hat and "Roe" pins,
 * said", "the likely nominee, X, said": the speaker named at the start of
 * the attribution (px tokens [s, cue)) when a phrase set off by commas
 * stands between the name and the speech verb at cue — long asides the
 * parse tends to misread.  The aside opens with no name ("X, Y and Z
 * said" is a list) and holds no other speech verb, sentence end or
 * quotation.  -1 when the words do not have that shape. */
static int32_t apposed_speaker(px_doc *doc, size_t s, size_t cue)
{
	if (cue < s + 4 || cue - s > APPOS_MAX)
		return -1;
	/* "X, the pollster who founded Y tweeted": a relative clause may run
	 * up to the verb without its closing comma (not "X, who Y said was") */
	size_t end = cue - 1;
	if (!px_tok_char(doc, cue - 1, ',')) {
		bool relative = false;
		for (size_t j = s + 1; j < cue && !relative; j++) {
			int32_t k = px_syn_ln(doc, j);
			relative = k >= 0 && !strcmp(px_syn_xpos(doc, (size_t)k), "WP");
		}
		int32_t next = cue + 1 < doc->n_toks ? px_syn_ln(doc, cue + 1) : -1;
		if (!relative || (next >= 0 && (px_syn_upos(doc, (size_t)next) == LN_UPOS_VERB ||
		                                px_syn_upos(doc, (size_t)next) == LN_UPOS_AUX)))
			return -1;
		end = cue;
	}
	for (size_t j = s; j < end; j++) {
		size_t past = past_inner_quote(doc, j, cue);
		if (past != j) {
			j = past - 1;
			continue;
		}
		const px_token *t = &doc->toks[j];
		/* (a full stop inside a word, "fivethirtyeight.com", ends nothing) */
		bool inner_stop = j + 1 < doc->n_toks && doc->toks[j + 1].start == t->end;
		if (t->kind == TK_QUOTE || t->inq || para_of(doc, j) != para_of(doc, s) ||
		    (px_tok_char(doc, j, '.') && !inner_stop) || px_tok_char(doc, j, '?') ||
		    px_tok_char(doc, j, '!') || px_tok_char(doc, j, ';') ||
		    px_tok_char(doc, j, ':') || (j > s && px_speech_verb_at(doc, j)))
			return -1;
	}
	/* the name first: "X, ...", "Texas delegate X, ..." */
	int32_t m = person_mention_at(doc, s);
	if (m < 0) {
		/* (after a place or a body that modifies the role: "Texas") */
		int32_t m0 = doc->tok_mention[s];
		size_t from = m0 >= 0 ? doc->mentions[m0].tok_end : s + (doc->toks[s].cap ? 1 : 0);
		size_t p = px_person_after_role(doc, from, cue);
		m = p ? person_mention_at(doc, p) : -1;
	}
	if (m >= 0) {
		size_t e = doc->mentions[m].tok_end;
		if (e + 1 >= cue - 1 || !px_tok_char(doc, e, ','))
			return -1;
		const px_token *n = &doc->toks[e + 1];
		const px_lex_entry *le;
		if (n->kind == TK_WORD && n->cap && !px_lex_match(doc, e + 1, LX_TITLE, &le))
			return -1;
		return doc->mentions[m].actor;
	}
	/* the name last: "the likely nominee, X, said" */
	const px_token *f = &doc->toks[s];
	if (f->kind != TK_WORD || f->cap)
		return -1;
	for (size_t j = s + 1; j + 1 < cue; j++) {
		if (!px_tok_char(doc, j - 1, ','))
			continue;
		if ((m = person_mention_at(doc, j)) >= 0 && doc->mentions[m].tok_end == cue - 1)
			break;
		return -1; /* a second aside: no longer a description and its name */
	}
	if (m < 0)
		return -1;
	for (size_t j = s; j < doc->mentions[m].tok_start; j++)
		if (person_mention_at(doc, j) >= 0 || px_speech_any_verb_at(doc, j))
			return -1;
	return doc->mentions[m].actor;
}

/* '"Please welcome Jo Roe," who went on to sing': a relative pronoun
 * right after quotation q opens a clause about the name the words end
 * with, no attribution. */
static bool relative_after(const px_doc *doc, const span *q, size_t end)
{
	int32_t k = q->close + 1 < end ? px_syn_ln(doc, q->close + 1) : -1;
	return k >= 0 && (!strcmp(px_syn_xpos(doc, (size_t)k), "WP") ||
	                  !strcmp(px_syn_xpos(doc, (size_t)k), "WDT"));
}

/* The speech verb beside quotation q and its subject, from the parse:
 * after the closing mark first, then before the opening one, nearest
 * first.  *unnamed: the subject is a source the text leaves unnamed. */
static attribution syntax_attribution(px_doc *doc, const speaker_ctx *ctx, const span *q,
                                      size_t sent_a, size_t after_end, size_t sent_end,
                                      bool *unnamed)
{
	attribution at = {-1, 0, 0, false, 0, 0};
	px_said said;
	*unnamed = false;
	bool ends_clause =
	    q->b > q->a && (px_tok_char(doc, q->b - 1, ',') || px_tok_char(doc, q->b - 1, '?') ||
	                    px_tok_char(doc, q->b - 1, '!'));
	/* '"...," X, a long aside, said': the name before the aside */
	for (size_t i = q->close + 1; ends_clause && q->close == q->b && i < sent_end; i++) {
		size_t past = past_inner_quote(doc, i, sent_end);
		if (past != i) {
			i = past - 1;
			continue;
		}
		if (doc->toks[i].inq || doc->toks[i].kind == TK_QUOTE || i > q->close + APPOS_MAX)
			break;
		if (!px_speech_verb_at(doc, i))
			continue;
		int32_t who = apposed_speaker(doc, q->close + 1, i);
		if (who >= 0)
			return (attribution){who, i, cue_width(doc, i), true, 0, 0};
		break;
	}
	bool relative = relative_after(doc, q, after_end);
	for (size_t i = q->close + 1; !relative && q->close == q->b && i < after_end; i++) {
		if (doc->toks[i].inq || doc->toks[i].kind == TK_QUOTE)
			break;
		/* '"...," Toomey fumed': right after the mark, any verb of its
		 * subject's reports the words */
		bool manner = i <= q->close + MANNER_REACH && px_speech_any_verb_at(doc, i);
		if (!px_speech_verb_at(doc, i) && !manner)
			continue;
		if (!px_speech_verb_at(doc, i)) {
			if (!px_said_by(doc, ctx, i, &said) || said.subj_tok != q->close + 1)
				continue;
			/* '"...," Texas delegate Bill Eastland said': a role noun the
			 * parse read as a verb, the person's name right after it */
			int32_t m = i + 1 < after_end ? doc->tok_mention[i + 1] : -1;
			if (said.actor < 0 && m >= 0 && doc->mentions[m].actor >= 0 &&
			    px_is_person(doc, doc->mentions[m].actor))
				continue;
		} else if (!px_said_by(doc, ctx, i, &said)) {
			break;
		}
		/* '"...," X said': the attribution stands right after the mark;
		 * a speech verb further on with other words is someone else's */
		bool beside = q->b > q->a &&
		              (px_tok_char(doc, q->b - 1, ',') || px_tok_char(doc, q->b - 1, '?') ||
		               px_tok_char(doc, q->b - 1, '!') ||
		               (px_tok_char(doc, q->b - 1, '.') && closed(doc, q))) &&
		              (said.subj_tok == q->close + 1 || said.subj_start == q->close + 1 ||
		               i == q->close + 1);
		if (!beside && !px_speech_governs(doc, i, q->a, q->b))
			break;
		*unnamed = said.actor < 0;
		at = (attribution){said.actor, i, cue_width(doc, i), true, 0, 0};
		describe_unnamed(doc, &said, &at);
		return at;
	}
	bool colon = q->open > sent_a && px_tok_char(doc, q->open - 1, ':');
	for (size_t i = q->open; i-- > sent_a;) {
		if (doc->toks[i].inq || doc->toks[i].kind == TK_QUOTE)
			break;
		/* 'When X suggested ..., Rubio fired back: "..."': the verb whose
		 * clause the words after a colon continue reports them, whatever
		 * speech verb stands further back */
		if (colon && !px_speech_verb_at(doc, i) && px_speech_any_verb_at(doc, i) &&
		    px_speech_governs(doc, i, q->a, q->b) && px_said_by(doc, ctx, i, &said) &&
		    said.actor >= 0 && px_is_person(doc, said.actor)) {
			at = (attribution){said.actor, i, 1, true, 0, 0};
			return at;
		}
		if (!px_speech_verb_at(doc, i))
			continue;
		/* "X, 35, the daughter of Y, said: ..." */
		int32_t apposed = apposed_speaker(doc, sent_a, i);
		if (!px_said_by(doc, ctx, i, &said) && apposed < 0)
			break;
		if (apposed >= 0)
			said = (px_said){true, apposed, sent_a, sent_a, sent_a + 1};
		*unnamed = said.actor < 0;
		size_t w = cue_width(doc, i);
		bool beside = i + w + 3 >= q->open && (px_tok_char(doc, q->open - 1, ':') ||
		                                       px_tok_char(doc, q->open - 1, ','));
		at = (attribution){
		    said.actor, i, w, beside || px_speech_governs(doc, i, q->a, q->b), 0, 0};
		describe_unnamed(doc, &said, &at);
		return at;
	}
	return at;
}

/* Whether quotation sp[j] goes on with the one its attribution split:
 * '"A," he said, "B."' — B opens right after the attribution's comma or
 * colon, no other speech verb stands before it ('he said, adding, "B"')
 * or after it ('"B," said Y'), and B is words, not a title ('he said on
 * "Meet the Press"', 'waited in an "extraordinarily long line"'). */
static bool continues_quote(px_doc *doc, const attribution *at, const span *sp, size_t j,
                            size_t n_spans)
{
	const span *q = &sp[j];
	size_t cl;
	if (!px_tok_char(doc, q->open - 1, ',') && !px_tok_char(doc, q->open - 1, ':'))
		return false;
	for (size_t i = at->cue_tok + at->cue_n; i < q->open; i++)
		if (px_speech_verb_at(doc, i) || cue_len(doc, i, &cl))
			return false;
	size_t end = doc->sents[doc->toks[q->b - 1].sent].tok_end;
	if (j + 1 < n_spans && sp[j + 1].open < end)
		end = sp[j + 1].open;
	for (size_t i = q->close + 1; q->close == q->b && i < end; i++)
		if (px_speech_verb_at(doc, i) || cue_len(doc, i, &cl))
			return false;
	return !title_case(doc, q->a, q->b);
}

#define CREDIT_LINE_MAX 16 /* tokens of a pull quote's credit line */

/* A quotation paragraph credited by the paragraph after it: '- Jane Roe.',
 * '-Senator Jane Roe, at the debate.' (a dash opening the line, titles,
 * then the person), or a pull quote left open at its paragraph's end whose
 * short next line names its speaker and closes it: '"A.' then 'Former
 * council president Jane Roe, Some League."'. */
static int32_t dash_credit(px_doc *doc, const speaker_ctx *ctx, const span *q)
{
	bool open_end = q->close >= doc->n_toks || doc->toks[q->close].kind != TK_QUOTE;
	size_t i = open_end ? q->b : q->close + 1, len;
	if (i >= doc->n_toks || para_of(doc, i) == para_of(doc, i - 1))
		return -1;
	size_t j = i;
	if (px_tok_char(doc, i, '-')) {
		j = i + 1;
		while (j < doc->n_toks && j < i + 4 && px_tok_char(doc, j, '-'))
			j++; /* "--" */
	} else {
		size_t e = i;
		while (e < doc->n_toks && para_of(doc, e) == para_of(doc, i))
			e++;
		if (!open_end || e - i > CREDIT_LINE_MAX || doc->toks[e - 1].kind != TK_QUOTE)
			return -1;
		/* "Former council president Jane Roe, ...": the first person named */
		for (; j < e && j < i + 8; j++) {
			int32_t m = doc->tok_mention[j];
			if (doc->toks[j].kind == TK_PUNCT && px_tok_char(doc, j, ','))
				break;
			if (m >= 0 && doc->mentions[m].actor >= 0 &&
			    px_is_person(doc, doc->mentions[m].actor))
				return doc->mentions[m].actor;
		}
		j = i;
	}
	size_t name = j;
	const px_lex_entry *te;
	while (j < doc->n_toks && j < name + 6 && doc->tok_mention[j] < 0 &&
	       ((doc->toks[j].kind == TK_WORD &&
	         (doc->toks[j].cap || px_lex_match(doc, j, LX_TITLE, &te))) ||
	        (j > name && px_tok_char(doc, j, '.'))))
		j++; /* "President", "former party president", "S.C. Rep." */
	if (j >= doc->n_toks || para_of(doc, j) != para_of(doc, i) || is_pronoun(doc, j))
		return -1;
	int32_t who = actor_at(doc, ctx, j, &len);
	if (who < 0)
		who = px_speaker_surname(doc, j);
	return who >= 0 && px_is_person(doc, who) ? who : -1;
}

/* One quotation (maybe joined with the next, when split by "he said"). */
static size_t take_quote(px_doc *doc, speaker_ctx *ctx, span *sp, size_t k, size_t n_spans)
{
	span *q = &sp[k];
	const px_sentence *s_open = &doc->sents[doc->toks[q->open].sent];
	size_t close_sent =
	    q->close < doc->n_toks ? doc->toks[q->close].sent : doc->toks[q->b - 1].sent;
	const px_sentence *s_close = &doc->sents[close_sent];
	size_t after_end = s_close->tok_end;
	/* '"...?" Clinton asked.': a question or exclamation closing the
	 * sentence leaves its attribution to the next one */
	/* (not when a cue before it introduced it: 'X responds to Y with, "...?"
	 * Y then writes back, "..."') */
	bool introduced = q->open > s_open->tok_start && (px_tok_char(doc, q->open - 1, ',') ||
	                                                  px_tok_char(doc, q->open - 1, ':'));
	if (q->close + 1 == s_close->tok_end && q->b > q->a && !introduced &&
	    (px_tok_char(doc, q->b - 1, '?') || px_tok_char(doc, q->b - 1, '!')) &&
	    close_sent + 1 < doc->n_sents && doc->sents[close_sent + 1].para == s_close->para)
		after_end = doc->sents[close_sent + 1].tok_end;
	/* '"... missing." Roe said.': an attribution printed as a sentence of
	 * its own, a few words with a speech verb and no quotation */
	if (q->close + 1 == s_close->tok_end && closed(doc, q) && px_tok_char(doc, q->b - 1, '.') &&
	    close_sent + 1 < doc->n_sents && doc->sents[close_sent + 1].para == s_close->para &&
	    px_tok_char(doc, doc->sents[close_sent + 1].tok_end - 1, '.')) {
		const px_sentence *n = &doc->sents[close_sent + 1];
		bool cue = false, quoted = false;
		for (size_t i = n->tok_start; i < n->tok_end; i++) {
			cue = cue || px_speech_verb_at(doc, i);
			quoted = quoted || doc->toks[i].kind == TK_QUOTE || doc->toks[i].inq;
		}
		if (cue && !quoted && n->tok_end <= n->tok_start + SAID_SENTENCE_MAX)
			after_end = n->tok_end;
	}
	size_t sent_end = after_end;
	size_t next_open = k + 1 < n_spans ? sp[k + 1].open : doc->n_toks;
	if (next_open < after_end)
		after_end = next_open;
	bool unnamed = false;
	attribution at =
	    syntax_attribution(doc, ctx, q, s_open->tok_start, after_end, sent_end, &unnamed);
	bool relative = relative_after(doc, q, after_end);
	if (at.speaker < 0 && !unnamed && !relative && q->close < doc->n_toks && q->close == q->b)
		at = after_quote(doc, ctx, q->close + 1, after_end);
	if (at.speaker < 0 && !unnamed) {
		at = cue_in(doc, ctx, s_open->tok_start, q->open, false);
		at.tight = at.speaker >= 0 && at.cue_tok + at.cue_n + 2 >= q->open;
	}
	size_t words = word_count(doc, q->a, q->b);
	bool whole = q->open <= s_open->tok_start + 1 && q->b + 2 >= s_close->tok_end;
	/* a title keeps its words unless said as a sentence */
	bool title = title_case(doc, q->a, q->b) && !(at.tight && said_as_sentence(doc, q));
	if (words < MIN_WORDS || (words <= SCARE_MAX_WORDS && !at.tight && !whole) || title ||
	    credited_piece(doc, q) || piece_excerpt(doc, sp, k) || web_address(doc, q)) {
		/* '"Yes," X said. "..."': too short to keep, but the quotation
		 * paragraph goes on in X's words */
		if (at.tight && words < MIN_WORDS)
			note_speaker(doc, ctx, at.speaker, q->b - 1);
		return k + 1;
	}
	/* '"..." - this was the message, according to Foreign Minister X.' */
	for (size_t t = q->b + 1; at.speaker < 0 && !unnamed && t + 2 < after_end; t++) {
		if (!qw(doc, t, QW_SOURCE) || !qw(doc, t + 1, QW_SOURCE_LINK) || doc->toks[t].inq)
			continue;
		/* the name may follow its title: "according to Foreign Minister X" */
		for (size_t u = t + 2; u < after_end && u < t + 8 && at.speaker < 0; u++) {
			size_t len;
			if (doc->toks[u].kind == TK_PUNCT)
				break;
			at.speaker = actor_at(doc, ctx, u, &len);
		}
		if (at.speaker >= 0) {
			at.cue_tok = t;
			at.cue_n = 2;
			at.tight = true;
		}
	}
	if (at.speaker < 0 && !unnamed)
		at.speaker = main_person_before(doc, ctx, s_open->tok_start, q->open);
	/* (a quotation left open at its paragraph's end is whole when it
	 * opened its sentence) */
	bool whole_open =
	    whole || ((q->close >= doc->n_toks || doc->toks[q->close].kind != TK_QUOTE) &&
	              q->open <= s_open->tok_start + 1);
	if (at.speaker < 0 && !unnamed && whole_open)
		at.speaker = dash_credit(doc, ctx, q);
	/* 'Roe agreed. "..."', 'Roe shook her head. "..."': a short sentence
	 * with a person as its subject and no speech verb right before the
	 * quotation, in its paragraph, introduces it */
	const px_sentence *prev = s_open > doc->sents ? s_open - 1 : NULL;
	if (at.speaker < 0 && !unnamed && whole_open && prev && prev->para == s_open->para &&
	    prev->tok_end == q->open && prev->tok_end <= prev->tok_start + INTRO_SENTENCE_MAX &&
	    px_tok_char(doc, prev->tok_end - 1, '.')) {
		bool quoted = false;
		/* (a sentence with a speech verb has its own words and speaker) */
		for (size_t i = prev->tok_start; i < prev->tok_end; i++)
			quoted = quoted || doc->toks[i].inq || doc->toks[i].kind == TK_QUOTE ||
			         px_speech_verb_at(doc, i);
		int32_t who =
		    quoted ? -1 : px_main_person_subject(doc, prev->tok_start, prev->tok_end);
		if (who >= 0 && px_is_person(doc, who))
			at.speaker = who;
	}
	/* a quotation paragraph of its own continues the speaker just quoted
	 * (so does one left open after '"A," said X.') */
	if (at.speaker < 0 && !unnamed && whole_open && ctx->have_last &&
	    para_of(doc, q->a) <= ctx->last_para + 1 && px_is_person(doc, ctx->last_speaker))
		at.speaker = ctx->last_speaker;
	/* "A," he said, "B." is one statement */
	size_t last = k;
	if (at.tight && at.cue_tok > q->b && k + 1 < n_spans &&
	    doc->toks[sp[k + 1].open].sent == close_sent && sp[k + 1].open > at.cue_tok &&
	    continues_quote(doc, &at, sp, k + 1, n_spans))
		last = k + 1;
	buf text;
	buf_init(&text);
	for (size_t j = k; j <= last; j++) {
		char *part = quote_text(doc, sp[j].a, sp[j].b);
		if (text.len && *part)
			buf_putc(&text, ' ');
		buf_puts(&text, part);
		free(part);
	}
	add_statement(doc, buf_detach(&text), true, &at, sp[k].a, sp[last].b);
	note_speaker(doc, ctx, at.speaker, sp[last].b - 1);
	return last + 1;
}

/* Skips what stands between a speech verb and the words reported:
 * "said on Tuesday that", "told reporters:", "added, ". */
size_t px_skip_lead_in(const px_doc *doc, size_t from, size_t b)
{
	while (from < b) {
		bool skip = px_tok_char(doc, from, ',') || px_tok_char(doc, from, ':') ||
		            qw(doc, from, QW_LEAD_IN);
		/* a preposition ("on") only before a name: "on Tuesday", "on X" */
		if (skip && qw(doc, from, QW_OBJECT)) {
			if (!(from + 1 < b && doc->toks[from + 1].cap))
				skip = false;
			else
				from++;
		}
		if (!skip)
			break;
		from++;
	}
	/* "said in a statement that", "said at the time that", "said in an
	 * interview on CBS' Evening Hour with Jo Roe that": an adverbial before
	 * "that" is not what was said (a possessive mark is no stop) */
	bool prep = qw(doc, from, QW_ADVERBIAL);
	for (size_t i = from + 1; prep && i < b && i < from + 16; i++) {
		if (qw(doc, i, QW_COMPLEMENTIZER))
			return i + 1 < b ? i + 1 : from;
		bool possessive =
		    px_tok_char(doc, i, '\'') && doc->toks[i].start == doc->toks[i - 1].end;
		if (!possessive && (doc->toks[i].kind == TK_PUNCT || doc->toks[i].kind == TK_QUOTE))
			break;
	}
	return from;
}

/* "told a news conference in Kyiv that ...": verbs that take a listener
 * report what follows "that" when it comes within a few words. */
static size_t skip_told_object(px_doc *doc, size_t cue, size_t from, size_t b)
{
	if (!qw(doc, cue, QW_LISTENER))
		return from;
	for (size_t i = from; i < b && i < from + 10; i++) {
		if (qw(doc, i, QW_COMPLEMENTIZER))
			return i + 1 < b ? i + 1 : from;
		if (doc->toks[i].kind == TK_PUNCT || doc->toks[i].kind == TK_QUOTE)
			break;
	}
	return from;
}

/* "X said (that) ...", "..., X added.", "according to X, ..." */
static void take_reported(px_doc *doc, speaker_ctx *ctx, const px_sentence *s)
{
	size_t a = s->tok_start, b = s->tok_end;
	for (size_t i = a; i < b; i++)
		if (doc->toks[i].inq || doc->toks[i].kind == TK_QUOTE)
			return;
	/* "Cruz called them on it:", "he declared:" before a quotation
	 * paragraph: its subject speaks the quotation that follows */
	if (b > a + 1 && px_tok_char(doc, b - 1, ':') && b < doc->n_toks &&
	    doc->toks[b].kind == TK_QUOTE && para_of(doc, b) == para_of(doc, b - 1) + 1) {
		attribution intro = cue_in(doc, ctx, a, b, false);
		int32_t who =
		    intro.speaker >= 0 ? intro.speaker : px_main_person_subject(doc, a, b);
		if (who < 0)
			who = first_subject(doc, ctx, a, b, true);
		if (who >= 0) {
			note_speaker(doc, ctx, who, b - 1);
			return;
		}
	}
	if (qw(doc, a, QW_SOURCE) && qw(doc, a + 1, QW_SOURCE_LINK)) {
		size_t len;
		int32_t who = actor_at(doc, ctx, a + 2, &len);
		size_t c = a + 2 + (who >= 0 ? len : 0);
		size_t end = b;
		while (end > c + 1 && doc->toks[end - 1].kind == TK_PUNCT)
			end--;
		if (who >= 0 && px_tok_char(doc, c, ',') && c + 1 < end) {
			attribution at = {who, a, 2, true, 0, 0};
			add_statement(doc, px_orig_span_dup(doc, c + 1, end), false, &at, c + 1,
			              end);
			note_speaker(doc, ctx, who, a);
		}
		return;
	}
	/* a closing ", Putin added." speaks for the whole sentence; otherwise the
	 * first speech verb with a subject does */
	attribution at = cue_in(doc, ctx, a, b, false);
	if (at.speaker < 0 || at.cue_tok + at.cue_n + 1 < b)
		at = cue_in(doc, ctx, a, b, true);
	/* the parse knows the cue's subject better than word order does; an
	 * unnamed one ("Britain's ministers said") keeps the words, unsigned */
	px_said said;
	bool parsed = false;
	if (at.speaker < 0)
		for (size_t i = a; i < b && !parsed; i++)
			if (px_speech_verb_at(doc, i) && px_said_by(doc, ctx, i, &said) &&
			    said.subj_tok < i)
				parsed = true,
				at = (attribution){said.actor, i, cue_width(doc, i), false, 0, 0};
	if ((at.speaker < 0 && !parsed) || qw(doc, at.cue_tok, QW_REQUEST))
		return; /* "X asked Y to ..." requests, it reports nothing */
	if (!parsed)
		parsed = px_said_by(doc, ctx, at.cue_tok, &said);
	if (parsed) {
		at.speaker = said.actor;
		describe_unnamed(doc, &said, &at);
	}
	/* "Peskov told reporters:" introduces the quotation paragraph after it */
	/* (however long the words after the cue, "He told his audience, to
	 * rowdy applause:", when the quotation paragraph follows) */
	bool quote_next = b < doc->n_toks && doc->toks[b].kind == TK_QUOTE &&
	                  para_of(doc, b) != para_of(doc, b - 1);
	if (px_tok_char(doc, b - 1, ':') && (at.cue_tok + at.cue_n + 3 >= b || quote_next)) {
		note_speaker(doc, ctx, at.speaker, b - 1);
		return;
	}
	size_t from = at.cue_tok + at.cue_n, to = b;
	/* "warned against any deal", "spoke of": a subject, not words reported */
	if (qw(doc, from, QW_TOPIC))
		return;
	size_t subj = 0;
	/* "..., Zakharova said in an interview" reports the part before the comma */
	bool comma_subject =
	    (parsed ? (subj = said.subj_start) < at.cue_tok
	            : subject_right_before_at(doc, ctx, a, at.cue_tok, &subj) == at.speaker) &&
	    subj > a &&
	    (px_tok_char(doc, subj - 1, ',') || /* ", the foreign ministry said" */
	     (subj > a + 1 && qw(doc, subj - 1, QW_DETERMINER) &&
	      px_tok_char(doc, subj - 2, ','))) &&
	    (from >= b || governs_object(doc, from) || qw(doc, from, QW_CLAUSE_PREP));
	bool trailing_according = qw(doc, at.cue_tok, QW_SOURCE) && at.cue_tok > a + 3;
	/* "..., Putin added." reports what came before */
	if ((from + 1 >= b || comma_subject || trailing_according) && at.cue_tok > a + 3) {
		from = a;
		to = at.cue_tok;
		while (to > a && !px_tok_char(doc, to - 1, ','))
			to--;
		if (to > a)
			to--;
	} else {
		from = px_skip_lead_in(doc, from, b);
		from = skip_told_object(doc, at.cue_tok, from, b);
	}
	/* "..., but Egyptian President X urged ...": someone else's clause */
	for (size_t k = from; k + 2 < to; k++)
		if (px_tok_char(doc, k, ',') && qw(doc, k + 1, QW_CONTRAST) &&
		    doc->toks[k + 2].cap) {
			to = k;
			break;
		}
	while (to > from && doc->toks[to - 1].kind == TK_PUNCT)
		to--;
	if (word_count(doc, from, to) < 3)
		return;
	add_statement(doc, px_orig_span_dup(doc, from, to), false, &at, from, to);
	note_speaker(doc, ctx, at.speaker, at.cue_tok);
}

void px_find_statements(px_doc *doc)
{
	size_t n_spans;
	span *sp = find_spans(doc, &n_spans);
	for (size_t k = 0; k < n_spans; k++)
		for (size_t i = sp[k].a; i < sp[k].b; i++)
			doc->toks[i].inq = true;
	speaker_ctx ctx = {-1, 0, 0, false};
	size_t k = 0;
	for (size_t si = 0; si < doc->n_sents; si++) {
		const px_sentence *s = &doc->sents[si];
		bool had_quote = false;
		while (k < n_spans && sp[k].open < s->tok_end) {
			k = take_quote(doc, &ctx, sp, k, n_spans);
			had_quote = true;
		}
		if (!had_quote)
			take_reported(doc, &ctx, s);
	}
	free(sp);
}
