/*
 * speaker — who said it, read from the parse (speaker.c).
 *
 * Shared by quotes.c (direct and reported speech), speaker.c and events.c
 * (a role noun as an event's party); the
 * speech lexicon it reads is the cues.tsv table (internal.h: px_speech).
 */
#ifndef PARLEY_EXTRACT_SPEAKER_H
#define PARLEY_EXTRACT_SPEAKER_H

#include "extract/internal.h"

/* The running attribution of one document: the last speaker credited and
 * where, so "he said" and a bare quotation paragraph continue it. */
typedef struct px_speaker_ctx {
	int32_t last_speaker;
	size_t last_para;
	size_t last_tok;
	bool have_last;
} px_speaker_ctx;

/* A speech cue's subject.  found: the parse gave the cue a subject, named
 * or not; actor < 0 with found set is an unnamed source ("a senior
 * official", "the report"), which no nearby name may replace. */
typedef struct px_said {
	bool found;
	int32_t actor;
	size_t subj_tok;   /* px token of the subject's head */
	size_t subj_start; /* px token where the subject's phrase begins */
	size_t subj_end;   /* px token just past the subject's phrase */
} px_said;

/* Token i is a speech verb: its form or (with the parse) its lemma is a
 * cues.tsv verb, used as a verb. */
bool px_speech_verb_at(const px_doc *doc, size_t i);
/* The cues.tsv classes of px token i (by form, and by lemma with the parse). */
unsigned px_speech_class_at(const px_doc *doc, size_t i);
/* Token i is a verb of any kind (per the parse). */
bool px_speech_any_verb_at(const px_doc *doc, size_t i);
/* The subject of the speech verb (or "according to") at px token cue. */
bool px_said_by(px_doc *doc, const px_speaker_ctx *ctx, size_t cue, px_said *out);
/* The speech verb at px token cue takes the words of px tokens [a, b) as
 * what was said (a clausal complement, or the clause it comments on), not
 * as an object or a name ("told ABC's "Good Morning America""). */
bool px_speech_governs(const px_doc *doc, size_t cue, size_t a, size_t b);
/* "Maher replied" where the tagger saw no name: px token i as the
 * surname of a person met in full (now a mention), or -1. */
int32_t px_speaker_surname(px_doc *doc, size_t i);
/* "he"/"she" at px token tok: the person it stands for, or -1. */
int32_t px_speaker_pronoun(px_doc *doc, const px_speaker_ctx *ctx, size_t tok);

/* "the senator", "the New York businessman" at ln token k (a common
 * noun with a definite determiner): the person it refers back to (a title
 * holder met, else the person the story is about), or -1. */
int32_t px_role_noun_person(px_doc *doc, size_t k);

/* "the comment", "the remarks" at ln token k: a speech noun (cues.tsv)
 * with "the", naming no one in its phrase. */
bool px_definite_speech_noun(const px_doc *doc, size_t k);

/* The person subject nearest the root of the clause over px tokens
 * [a, b), outside quotations ("When Roe died, Governor Doe released the
 * following statement:" gives Doe), or -1. */
int32_t px_main_person_subject(px_doc *doc, size_t a, size_t b);

/* "Clinton campaign manager Robby Mook", "Texas delegate Bill Eastland":
 * after a name (of a person, a place, a body) at px tokens before j, role
 * words modified by it, then a person's name: the px token where that
 * person's mention starts, or 0. */
size_t px_person_after_role(const px_doc *doc, size_t j, size_t end);

#endif
