/*
 * parties — who took part in an event, and how the sentence around its
 * trigger is cut: the clause it sits in (relative and subordinate words,
 * ", as", a side remark closed by commas), the speaker of a report who is no
 * party to what they report ("X said (that) ...", ", X told reporters"),
 * doers before the trigger (coordinated, passive "by", "Y, who ..."),
 * targets after it ("against" first), both sides of a meeting (persons,
 * delegations, a pronoun in a where-clause) — never a venue.
 */
#include "extract/internal.h"

#include "core/buf.h"

#include <stdlib.h>
#include <string.h>

static bool clause_break(const px_doc *doc, size_t i);

static int32_t mention_actor_at(const px_doc *doc, size_t i)
{
	int32_t m = doc->tok_mention[i];
	if (m < 0 || doc->toks[i].inq || doc->mentions[m].tok_start != i)
		return -1;
	return doc->mentions[m].actor;
}

/* "X said (that) Y rejected ...": whoever stands before a speech verb
 * speaks; the doer of what follows comes after it. */
size_t px_after_last_cue(const px_doc *doc, size_t a, size_t trig)
{
	/* Verbs that introduce a clause (words.tsv clause_verb); others
	 * ("reiterated his readiness to host", "told reporters after the
	 * meeting") count only before "that".  "said after talks with Y": the
	 * speaker's own doing (cue_adverbial). */
	const px_lex_entry *e;
	for (size_t i = trig; i-- > a;) {
		if (doc->toks[i].inq || !px_lex_match(doc, i, LX_CUE, &e))
			continue;
		if (px_word_in(doc, i + 1, WC_INFINITIVE, NULL))
			continue; /* "claimed to have reached": the subject acts */
		bool own = px_word_in(doc, i + 1, WC_CUE_ADVERBIAL, NULL);
		/* ... unless "that" follows: "said at the time that Russia would" */
		for (size_t k = i + 2; own && k < trig && k < i + 10; k++) {
			if (px_word_in(doc, k, WC_COMPLEMENTIZER, NULL))
				return k + 1;
			if (doc->toks[k].kind == TK_PUNCT)
				break;
		}
		if (own)
			continue;
		bool clause = px_word_in(doc, i + 1, WC_COMPLEMENTIZER, NULL) ||
		              px_word_in(doc, i, WC_CLAUSE_VERB, NULL);
		if (!clause)
			continue;
		/* "said on Thursday (that)": the day belongs to the saying */
		size_t k = px_skip_lead_in(doc, i + 1, trig);
		return k <= trig ? k : i + 1;
	}
	return a;
}

/* "Y, who thanked him": the actor named right before ", who", when the
 * trigger is inside that relative clause (no comma has closed it). */
static int32_t who_antecedent(const px_doc *doc, size_t a, size_t ca, size_t trig)
{
	int person = 0;
	if (ca < a + 3 || !px_word_in(doc, ca - 1, WC_RELATIVE_PRONOUN, &person) || !person ||
	    !px_tok_char(doc, ca - 2, ','))
		return -1;
	for (size_t i = ca; i < trig; i++)
		if (px_tok_char(doc, i, ','))
			return -1;
	int32_t m = doc->tok_mention[ca - 3];
	if (m < 0 || doc->mentions[m].tok_end != ca - 2 || doc->toks[ca - 3].inq)
		return -1;
	return doc->mentions[m].actor;
}

/* "he"/"she" shortly before the trigger: the first person named earlier
 * in the sentence ("Trump said he would", "Modi travels to China, where he
 * is expected to"), else the story's recent subject. */
static int32_t pronoun_near(const px_doc *doc, size_t a, size_t trig, size_t window)
{
	for (size_t i = trig; i-- > a && i + window > trig;) {
		if (!px_word_in(doc, i, WC_PERSON_PRONOUN, NULL))
			continue;
		for (size_t k = doc->sents[doc->toks[i].sent].tok_start; k < a; k++) {
			int32_t who = mention_actor_at(doc, k);
			if (who >= 0 && px_is_person(doc, who))
				return who;
		}
		return px_resolve_pronoun(doc, i);
	}
	return -1;
}

/* The doer: the first person before the trigger, else the nearest actor,
 * else a pronoun.  *at is where the doer was named (or trig). */
static int32_t source_before(const px_doc *doc, size_t a, size_t trig, size_t *at)
{
	int32_t nearest = -1;
	*at = trig;
	for (size_t i = a; i < trig; i++) {
		int32_t who = mention_actor_at(doc, i);
		if (who >= 0 && px_is_person(doc, who)) {
			*at = i;
			return who;
		}
		if (who >= 0) { /* the last one standing before the trigger */
			nearest = who;
			*at = i;
		}
	}
	if (nearest >= 0)
		return nearest;
	return pronoun_near(doc, a, trig, 6);
}

/* What may stand between "and" and a name: "the", "his Turkish
 * counterpart", "European Commission President". */
static bool name_filler(const px_doc *doc, size_t k)
{
	const px_lex_entry *e;
	if (doc->toks[k].cap || px_lex_match(doc, k, LX_TITLE, &e))
		return true;
	return px_word_in(doc, k, WC_NAME_FILLER, NULL);
}

/* "A and B agreed", "A and his counterpart B signed", "India and the
 * European Union signed": the actor joined by "and" to the doer at `at`
 * (on either side, of the same kind) acts too. */
static int32_t co_subject(const px_doc *doc, int32_t doer, size_t at, size_t a, size_t trig)
{
	int32_t m = at < trig ? doc->tok_mention[at] : -1;
	if (m < 0)
		return -1;
	bool person = px_is_person(doc, doer);
	size_t i = doc->mentions[m].tok_end;
	/* "A, B, and C", "A, B and C": a list the coordinator closes after B */
	int32_t listed = i + 1 < trig && px_tok_char(doc, i, ',') ? doc->tok_mention[i + 1] : -1;
	if (listed >= 0 && doc->mentions[listed].tok_start == i + 1) {
		int32_t who = doc->mentions[listed].actor;
		size_t j = doc->mentions[listed].tok_end;
		bool closed =
		    j + 1 < trig &&
		    (px_word_in(doc, j, WC_COORDINATOR, NULL) ||
		     (px_tok_char(doc, j, ',') && px_word_in(doc, j + 1, WC_COORDINATOR, NULL)));
		if (closed && who >= 0 && who != doer && px_is_person(doc, who) == person)
			return who;
	}
	if (i < trig && px_word_in(doc, i, WC_COORDINATOR, NULL)) {
		for (size_t k = i + 1; k < trig && k < i + 6; k++) {
			int32_t who = mention_actor_at(doc, k);
			/* "his Japanese counterpart Y": the demonym is not the partner */
			if (who >= 0 && who != doer && px_is_person(doc, who) == person)
				return who;
			if (!name_filler(doc, k)) /* "praised A and criticised B" */
				break;
		}
	}
	/* backwards: "A and [the] B" with B the doer */
	size_t k = at;
	if (k > a && px_word_in(doc, k - 1, WC_DEFINITE, NULL))
		k--;
	if (k < a + 2 || !px_word_in(doc, k - 1, WC_COORDINATOR, NULL))
		return -1;
	int32_t before = doc->tok_mention[k - 2];
	if (before < 0 || doc->mentions[before].tok_end != k - 1 || doc->toks[k - 2].inq)
		return -1;
	int32_t who = doc->mentions[before].actor;
	return who >= 0 && who != doer && px_is_person(doc, who) == person ? who : -1;
}

/* "was signed by A and B": the doers of a passive, named after "by";
 * persons when there are any ("by EU foreign policy chief Kaja Kallas"). */
static void passive_sources(const px_doc *doc, px_event *e, size_t trig, size_t b)
{
	if (!px_word_in(doc, trig + 1, WC_AGENT, NULL))
		return;
	int32_t found[8];
	size_t n = 0, persons = 0;
	for (size_t k = trig + 2; k < b && k < trig + 30 && n < 8; k++) {
		/* "by A, who led the delegation, and by B" */
		if (px_tok_char(doc, k, ',') && px_word_in(doc, k + 1, WC_RELATIVE_PRONOUN, NULL)) {
			size_t close = k + 2;
			while (close < b && !px_tok_char(doc, close, ','))
				close++;
			k = close;
			if (!px_word_in(doc, k + 1, WC_COORDINATOR, NULL))
				break;
			continue;
		}
		bool stop = clause_break(doc, k) || px_tok_char(doc, k, ',') ||
		            px_word_in(doc, k, WC_AGENT_STOP, NULL);
		if (stop)
			break;
		int32_t who = mention_actor_at(doc, k);
		if (who < 0)
			continue;
		found[n++] = who;
		persons += px_is_person(doc, who);
		k = doc->mentions[doc->tok_mention[k]].tok_end - 1;
	}
	for (size_t k = 0; k < n; k++)
		if (!persons || px_is_person(doc, found[k]))
			px_add_part(e, found[k], ROLE_SOURCE);
}

/* The one acted upon: the first person after the trigger, else any actor,
 * within the trigger's clause. */
static int32_t target_after(const px_doc *doc, size_t from, size_t b, size_t *at)
{
	int32_t any = -1;
	*at = b;
	size_t end = from;
	while (end < b && !clause_break(doc, end) && !px_tok_char(doc, end, ','))
		end++;
	/* "warned that the US would wage an economic war against Russia": the
	 * one the act is against, whoever else the clause names first */
	for (size_t i = from; i + 1 < end; i++) {
		int32_t who =
		    px_word_in(doc, i, WC_TARGET_PREP, NULL) ? mention_actor_at(doc, i + 1) : -1;
		if (who >= 0) {
			*at = i + 1;
			return who;
		}
	}
	for (size_t i = from; i < end; i++) {
		int32_t who = mention_actor_at(doc, i);
		if (who >= 0 && px_is_person(doc, who)) {
			*at = i;
			return who;
		}
		if (who >= 0 && any < 0) {
			any = who;
			*at = i;
		}
	}
	return any;
}

/* Relative and subordinate words (words.tsv clause_break) end the clause a
 * meeting word sits in: "a meeting between A and B, where C ..." keeps C
 * out. */
static bool is_clause_break(const px_doc *doc, size_t i)
{
	if (px_tok_char(doc, i, ';'))
		return true;
	/* ", as ministers gathered": a clause of its own ("such as" is not) */
	int after_comma = 0;
	return px_word_in(doc, i, WC_CLAUSE_BREAK, &after_comma) &&
	       (!after_comma || (i > 0 && px_tok_char(doc, i - 1, ',')));
}

/* Every rule asks about clause edges around its trigger; each token is
 * judged once per document. */
static bool clause_break(const px_doc *doc, size_t i)
{
	return doc->clause_breaks ? doc->clause_breaks[i] : is_clause_break(doc, i);
}

void px_clause_of(const px_doc *doc, size_t a, size_t b, size_t trig, size_t *ca, size_t *cb)
{
	*ca = trig;
	for (;;) {
		while (*ca > a && !clause_break(doc, *ca - 1))
			(*ca)--;
		/* "Araghchi, who leads the delegation, praised": a relative
		 * clause closed before the trigger belongs to the subject */
		bool closed = false;
		for (size_t i = *ca; i < trig && !closed; i++)
			closed = px_tok_char(doc, i, ',');
		if (!(*ca > a + 2 && closed && px_tok_char(doc, *ca - 2, ',') &&
		      px_word_in(doc, *ca - 1, WC_RELATIVE_PRONOUN, NULL)))
			break;
		*ca -= 2;
	}
	*cb = trig;
	while (*cb < b && !clause_break(doc, *cb))
		(*cb)++;
}

/* "talks between A and B": the two sides named after "between". */
static bool between_parts(const px_doc *doc, px_event *e, size_t trig, size_t b)
{
	size_t i = trig + 1;
	while (i < b && i < trig + 6 && !px_word_in(doc, i, WC_SIDES, NULL))
		i++;
	if (i >= b || !px_word_in(doc, i, WC_SIDES, NULL))
		return false;
	size_t found = 0;
	for (size_t k = i + 1; k < b && k < i + 16 && found < 2; k++) {
		int32_t who = mention_actor_at(doc, k);
		if (who >= 0) {
			px_add_part(e, who, ROLE_PARTICIPANT);
			found++;
			k = doc->mentions[doc->tok_mention[k]].tok_end - 1;
		}
	}
	return found == 2;
}

/* "gathered in Copenhagen": a capital after "in" is where, not who. */
static bool venue(const px_doc *doc, size_t i)
{
	const px_lex_entry *e;
	return i > 0 && px_word_in(doc, i - 1, WC_VENUE_PREP, NULL) &&
	       px_lex_match(doc, i, LX_PLACE, &e) > 0;
}

/* "Russian and Ukrainian negotiators": a country taking part through its
 * people, beside any person named in the same clause. */
static bool delegation_of(const px_doc *doc, size_t i)
{
	const px_lex_entry *e;
	if (!px_lex_match(doc, i, LX_DEMONYM, &e) || doc->tok_mention[i] < 0)
		return false;
	size_t k = doc->mentions[doc->tok_mention[i]].tok_end;
	if (px_word_in(doc, k, WC_COORDINATOR, NULL) && px_lex_match(doc, k + 1, LX_DEMONYM, &e))
		k += 2;                                 /* "Russian and Ukrainian delegations" */
	return px_word_in(doc, k, WC_DELEGATION, NULL); /* words.tsv */
}

void px_meeting_parts(const px_doc *doc, px_event *e, size_t a, size_t b, size_t trig)
{
	if (between_parts(doc, e, trig, b))
		return;
	size_t ca, cb;
	px_clause_of(doc, a, b, trig, &ca, &cb);
	/* "Peskov said Putin and Trump would meet": the speaker is not a party */
	ca = px_after_last_cue(doc, ca, trig);
	bool persons = false;
	/* "where he is expected to hold talks with Xi" */
	int32_t pron = pronoun_near(doc, ca, trig, 8);
	if (pron >= 0 && px_is_person(doc, pron)) {
		px_add_part(e, pron, ROLE_PARTICIPANT);
		persons = true;
	}
	px_add_part(e, who_antecedent(doc, a, ca, trig), ROLE_PARTICIPANT);
	for (size_t i = ca; i < cb; i++) {
		int32_t who = mention_actor_at(doc, i);
		if (who >= 0 && px_is_person(doc, who)) {
			px_add_part(e, who, ROLE_PARTICIPANT);
			persons = true;
		}
	}
	for (size_t i = ca; i < cb; i++) {
		int32_t who = mention_actor_at(doc, i);
		if (who >= 0 && (!persons || delegation_of(doc, i)) && !venue(doc, i))
			px_add_part(e, who, ROLE_PARTICIPANT);
	}
}

/* The speaker of a briefing or interview: the first person in the sentence
 * who is not the interviewer named just after the word. */
int32_t px_statement_speaker(const px_doc *doc, size_t a, size_t b, size_t trig)
{
	for (size_t k = a; k < b; k++) {
		if (k >= trig && k <= trig + 4)
			continue;
		int32_t who = mention_actor_at(doc, k);
		if (who >= 0 && px_is_person(doc, who))
			return who;
	}
	return -1;
}

/* "..., Kremlin aide Yury Ushakov told reporters on Friday.": where a
 * trailing attribution begins after the trigger (b when there is none).
 * Its speaker is no party to the event. */
size_t px_report_end(const px_doc *doc, size_t trig, size_t b)
{
	for (size_t k = trig + 1; k < b; k++) {
		if (!px_tok_char(doc, k, ','))
			continue;
		bool named = false;
		for (size_t j = k + 1; j < b && j < k + 9 && !px_tok_char(doc, j, ','); j++) {
			const px_lex_entry *e;
			named |=
			    doc->tok_mention[j] >= 0 || px_word_in(doc, j, WC_PERSON_PRONOUN, NULL);
			if (named && !doc->toks[j].inq && px_lex_match(doc, j, LX_CUE, &e))
				return k;
		}
	}
	return b;
}

void px_mark_clause_breaks(px_doc *doc)
{
	doc->clause_breaks = xmalloc(doc->n_toks + 1);
	for (size_t i = 0; i < doc->n_toks; i++)
		doc->clause_breaks[i] = is_clause_break(doc, i);
}

void px_doers_and_targets(const px_doc *doc, px_event *e, size_t a, size_t b, size_t trig)
{
	size_t ca, cb, at;
	px_clause_of(doc, a, b, trig, &ca, &cb);
	passive_sources(doc, e, trig, b);
	if (e->n_parts)
		return;
	int32_t src = who_antecedent(doc, a, ca, trig), co = -1;
	if (src < 0) {
		size_t from = px_after_last_cue(doc, ca, trig);
		src = source_before(doc, from, trig, &at);
		co = co_subject(doc, src, at, from, trig);
	}
	px_add_part(e, src, ROLE_SOURCE);
	px_add_part(e, co, ROLE_SOURCE);
	/* "will host A and B" */
	size_t tat;
	int32_t tgt = target_after(doc, trig + 1, b, &tat);
	px_add_part(e, tgt, ROLE_TARGET);
	px_add_part(e, co_subject(doc, tgt, tat, tat, b), ROLE_TARGET);
}
