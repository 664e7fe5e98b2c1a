/*
 * internal — the types the extraction stages share.
 *
 * The engine works on one "work text": the input folded (NFC, curly quotes
 * and dashes made ASCII, odd spaces made plain) with a byte -> original code
 * point map, so every stage matches on simple bytes while every offset it
 * reports still points into the caller's text.  Stages run in order over one
 * px_doc (text -> lines -> sentences/tokens -> actors -> statements ->
 * events), each appending to its own arrays; nothing is shared between calls.
 */
#ifndef PARLEY_EXTRACT_INTERNAL_H
#define PARLEY_EXTRACT_INTERNAL_H

#include "core/vocab.h"
#include "extract/extract.h"
#include "lang/lang.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------ growable arrays */

#define VEC_PUSH(arr, n, cap)                                                                      \
	(((n) == (cap)                                                                             \
	      ? ((cap) = (cap) ? (cap)*2 : 16, (arr) = xrealloc((arr), (cap) * sizeof *(arr)))     \
	      : 0),                                                                                \
	 &(arr)[(n)++])

/* ------------------------------------------------------------ text.c */

typedef struct px_text {
	char *s;      /* folded UTF-8 work text, NUL-terminated */
	size_t len;   /* bytes */
	uint32_t *cp; /* cp[i]: code point index in the original of work byte i; cp[len] = total */
	const char *orig; /* the caller's text, valid during px_extract only */
	size_t *orig_off; /* byte offset in orig of each code point, and of the end */
} px_text;

void px_text_prepare(px_text *t, const char *src, size_t len);
void px_text_free(px_text *t);
/* Decodes one code point at s (bounded by end); returns its byte length (>= 1). */
int px_utf8_decode(const char *s, const char *end, int32_t *cp);
bool px_is_upper_at(const char *s, const char *end);
bool px_is_letter_at(const char *s, const char *end);

/* ------------------------------------------------------------ clean.c */

typedef struct px_line {
	size_t start, end; /* bytes in the text it was split from, without the newline */
	bool keep;         /* prose worth extracting from */
} px_line;

/* Classifies every line of text (boilerplate, captions, repeats); returns
 * the malloc'd array and sets *n. */
px_line *px_classify_lines(const px_dict *d, const char *text, size_t len, size_t *n);

/* ------------------------------------------------------------ dict.c */

enum px_lex_kind {
	LX_ACTOR = 1 << 0,     /* ref: dict actor */
	LX_COUNTRY = 1 << 1,   /* ref: country; the country's own name */
	LX_DEMONYM = 1 << 2,   /* ref: country */
	LX_METONYM = 1 << 3,   /* ref: country (its government) */
	LX_PLACE = 1 << 4,     /* ref: place */
	LX_TITLE = 1 << 5,     /* ref: title */
	LX_CUE = 1 << 6,       /* ref: unused */
	LX_EVENT = 1 << 7,     /* ref: event word */
	LX_FIRSTNAME = 1 << 8, /* ref: unused */
	LX_STOP = 1 << 9,      /* capitalised word that is never a name */
	LX_MARKER = 1 << 10,   /* ref: enum px_marker */
	LX_TOPIC = 1 << 11,    /* ref: relevance cue (relevance.tsv) */
	LX_NAMEWORD = 1 << 12, /* ref: enum px_nameword (namewords.tsv) */
	/* ref: px_quoteword bits (quotewords.tsv) */
	LX_QUOTEWORD = 1 << 13,
};

/* quotewords.tsv: the words quotes.c asks about around a quotation; one
 * entry per word, its classes as bits (a word may have several). */
enum px_quoteword {
	QW_DETERMINER = 1 << 0,
	QW_FILLER = 1 << 1,
	QW_GAP = 1 << 2,
	QW_OBJECT = 1 << 3,
	QW_ASIDE = 1 << 4,
	QW_UNNAMED = 1 << 5,
	QW_LEAD_IN = 1 << 6,
	QW_ADVERBIAL = 1 << 7,
	QW_COMPLEMENTIZER = 1 << 8,
	QW_LISTENER = 1 << 9,
	QW_TOPIC = 1 << 10,
	QW_CLAUSE_PREP = 1 << 11,
	QW_CONTRAST = 1 << 12,
	QW_REQUEST = 1 << 13,
	QW_SOURCE = 1 << 14,
	QW_SOURCE_LINK = 1 << 15,
	QW_HE = 1 << 16,
	QW_SHE = 1 << 17,
	QW_CREDIT = 1 << 18,
	QW_MINOR = 1 << 19,
};
/* The quotewords.tsv class names, in px_quoteword bit order. */
extern const char *const px_quoteword_names[];
#define PX_QUOTEWORD_CLASSES 20

/* namewords.tsv: the words that shape a personal name. */
enum px_nameword {
	NW_PARTICLE,
	NW_SUFFIX,
	NW_CREDIT,
	NW_CREDITED,
	NW_HE,
	NW_SHE,
	NW_DEFINITE,
	NW_INDEFINITE,
	NW_KIN
};

/* MK_SCHEDULED: future wording that follows its event ("the summit would
 * be held"), where MK_FUTURE must lead ("will meet"). */
/* MK_PRESS: an audience of reporters after a verb of talking (no call);
 * MK_QUESTION: a question put ("asked about", no appeal); MK_ADDITIVE: a
 * phrase that adds rather than denies ("not only"), read before the
 * negation it starts with. */
enum px_marker {
	MK_INTENT,
	MK_FUTURE,
	MK_POSTPONED,
	MK_CANCELLED,
	MK_NEGATION,
	MK_SCHEDULED,
	MK_PRESS,
	MK_QUESTION,
	MK_ADDITIVE
};

/* A dictionary title's terms, in days since 1970-01-01 (px_days_from_civil):
 * PX_OPEN_SINCE / PX_OPEN_UNTIL when a side is open. */
#define PX_OPEN_SINCE INT32_MIN
#define PX_OPEN_UNTIL INT32_MAX

typedef struct px_dict_actor {
	char *name, *kind, *title, *country, *cameo;
	char **aliases;
	size_t n_aliases;
	/* when the title is held: days, inclusive, up to PX_TITLE_TERMS terms */
	int32_t title_since[4], title_until[4];
	uint8_t n_terms; /* 0: always */
} px_dict_actor;
#define PX_TITLE_TERMS 4

/* relevance.tsv: a cue phrase's weight toward international and political
 * news (negative: another topic), credited for at most `most` hits. */
typedef struct px_topic_cue {
	char *topic;
	double weight;
	int most;
} px_topic_cue;

/* relevance.tsv's "@name" rows: what the extraction itself found. */
enum px_signal { SIG_BIAS, SIG_COUNTRY, SIG_ACTOR, SIG_EVENT, SIG_TITLE, PX_SIGNALS };

typedef struct px_country {
	char iso3[4];
	char *name, *cameo;
} px_country;

typedef struct px_place {
	char *name;
	char iso3[4];
	bool located; /* lat/lon known (WGS84 degrees) */
	double lat, lon;
} px_place;

typedef struct px_title {
	char *canonical; /* e.g. "foreign minister" */
	bool person;     /* titles such as "president" name a person, not an office */
	bool modifier;   /* "former", "acting": qualifies the title after it */
	bool honorific;  /* "Mr.", "Dr.": vouches for a name, is no title to record */
	uint8_t gender;  /* 0 either, 1 male ("Mr."), 2 female ("Mrs.", "congresswoman") */
} px_title;

/* roles.tsv: a word that refers back to any of several offices ("the
 * leader": a president, a prime minister, a king). */
typedef struct px_generic {
	char *generic;  /* canonical head, e.g. "leader" */
	char **offices; /* canonical heads it may stand for */
	size_t n_offices;
} px_generic;

typedef struct px_event_word {
	char *type, *cameo, *verb; /* verb: third person for titles, e.g. "meets" */
	char *lemma;               /* lemma rows (events.tsv column 5): the lemma, else NULL */
	uint8_t upos;              /* lemma rows: the part of speech it must have (ln_upos) */
	bool occasion;             /* a speech act's occasion (an interview, a briefing) */
	bool judgement;            /* praise or blame inside a statement (";judgement") */
	bool advice;               /* "should" inside a statement (";advice") */
	bool derived;              /* an "@name" row: an event the rules derive, no trigger */
} px_event_word;

/* The "@name" rows of events.tsv: events no word triggers, which the rules
 * derive (their type, CAMEO code and title verb are data all the same). */
enum px_derived_event {
	PX_DERIVED_STATEMENT, /* "@statement": a statement dated or placed by its clause */
	PX_DERIVED_INTENT,    /* "@intent": a meeting only intended, a proposal to meet */
	PX_DERIVED_ADDRESS,   /* "@address": a quotation calling on someone by name */
	PX_DERIVED_COUNT
};
extern const char *const px_derived_names[PX_DERIVED_COUNT];

/* frames.tsv: which dependent of a trigger plays which part. */
enum px_frame_role { FR_SOURCE, FR_TARGET, FR_PARTICIPANT, FR_PLACE };

typedef struct px_frame {
	char *type;     /* an event type, or "*" for every type without rows of its own */
	char rel[24];   /* UD relation of the dependent ("nsubj", "obl", "nmod:poss") */
	char casew[24]; /* its case word ("with" of "obl/with"), "" for any */
	bool via_head;  /* a dependent of the trigger's head ("head.nsubj") */
	uint8_t role;   /* enum px_frame_role */
	uint8_t kinds;  /* actor kinds it may name (bits of px_actor_kinds), 0 any */
} px_frame;

/* The kinds of actor, as frames.tsv names them. */

/* factuality.tsv: words that say an event did not (or not yet) occur. */
enum px_fact_where { FW_DEP, FW_GOV, FW_END };
/* event statuses: core/vocab.h's, and one more for factuality */
enum px_status {
	ST_OCCURRED = STATUS_OCCURRED,
	ST_PLANNED = STATUS_PLANNED,
	ST_POSTPONED = STATUS_POSTPONED,
	ST_CANCELLED = STATUS_CANCELLED,
	ST_POSSIBLE = STATUS_POSSIBLE,
	ST_HYPOTHETICAL = STATUS_HYPOTHETICAL,
	ST_DENIED = STATUS_DENIED,
	ST_DROP = STATUS_COUNT /* factuality only: no event at all */
};

typedef struct px_fact {
	char *cue;      /* a lemma, lower-case ("could"), or punctuation ("?") */
	uint8_t where;  /* enum px_fact_where */
	uint8_t status; /* enum px_status */
} px_fact;

/* words.tsv (words.c): the closed-class words rules name, by class. */
enum px_word_class {
	WC_MONTH,      /* value: the month, 1-12 ("aug" 8) */
	WC_WEEKDAY,    /* value: 0 Monday ... 6 Sunday */
	WC_RELATIVE,   /* value: -2 last, -1 past, 0 this, 1 next, 2 earlier/later */
	WC_UNIT,       /* value: 0 day, 1 week, 2 month, 3 year */
	WC_SEASON,     /* "spring" */
	WC_DAY,        /* value: days from publication ("yesterday" -1) */
	WC_DAY_LEAD,   /* value: days from publication, with a day unit after it ("previous day") */
	WC_MONTH_PREP, /* may stand before a bare month ("in December") */
	WC_YEAR_PREP,  /* may stand before a bare year ("since 2014") */
	WC_DETERMINER, /* "a February hearing" */
	WC_ABBREVIATION, /* a period after it ends no sentence ("Mr.", "Jan.") */
	/* parties.c, events.c: who took part, and where a clause ends */
	WC_CLAUSE_VERB,      /* a speech verb whose clause needs no "that" ("said") */
	WC_CUE_ADVERBIAL,    /* after a speech verb, the speaker's own doing ("said after") */
	WC_INFINITIVE,       /* after a speech verb, the subject acts ("claimed to") */
	WC_COMPLEMENTIZER,   /* opens what is reported ("that") */
	WC_RELATIVE_PRONOUN, /* value: 1 a person ("who"), 0 a thing ("which") */
	WC_PERSON_PRONOUN,   /* stands for one person ("he", "she") */
	WC_SPEAKER_PRONOUN,  /* within a quotation, the speaker ("I", "we") */
	WC_NAMING_VERB,      /* names someone something ("called X reckless") */
	WC_NAME_FILLER,      /* between "and" and a name ("his counterpart") */
	WC_COORDINATOR,      /* joins two actors into one side ("and") */
	WC_DEFINITE,         /* may stand before a coordinated name ("A and the B") */
	WC_AGENT,            /* names the doers of a passive ("signed by") */
	WC_AGENT_STOP,       /* ends the doers after the agent word ("by A in C") */
	WC_TARGET_PREP,      /* names the one an act is against ("against") */
	WC_CLAUSE_BREAK,     /* value: 0 ends a clause, 1 only after a comma (", as") */
	WC_SIDES,            /* names both sides of a meeting ("talks between") */
	WC_VENUE_PREP,       /* makes a place after it a venue ("in", "at") */
	WC_DELEGATION,       /* a country's people at a meeting ("Russian negotiators") */
	WC_PLACE_DETERMINER, /* before a place naming an event ("the Alaska summit") */
	WC_ORG_HEAD,         /* a word of an organisation's name ("League"); value 1: one
	                      * ending a capitalised name in text makes an actor */
	/* events.c: CAMEO codes, not words (px_code_in); two digits name a family */
	WC_CAMEO_STATEMENT, /* an occasion of speech ("01") */
	WC_CAMEO_MEETING,   /* a gathering with sides ("04") */
	WC_CAMEO_ONE_SIDED, /* a meeting code with one side only (a visit "042") */
	WC_CAMEO_PRAISE,    /* a judgement that praises ("05") */
	WC_CAMEO_BLAME,     /* a judgement that blames ("11") */
	WC_CAMEO_ADVICE,    /* a code an ';advice' row may carry ("02" appeal, "10" demand) */
	WC_PHONE_TYPE,      /* an events.tsv type held by phone ("call"); px_name_in */
	WC_COUNT
};
_Static_assert(WC_COUNT <= 64, "a word's classes are bits of a uint64_t");
#define PX_WORD_BUCKETS 256

typedef struct px_word {
	char *form; /* lower case */
	uint32_t hash;
	uint64_t classes;       /* bits of enum px_word_class */
	int8_t value[WC_COUNT]; /* per class */
	int32_t next;           /* chain: index + 1, 0 at the end */
} px_word;

int px_word_add_row(px_dict *d, const char *form, const char *cls, const char *value,
                    const char **why);
/* a needed class with no word, WC_COUNT when furniture.tsv has no prefix, else -1 */
int px_words_missing(const px_dict *d);
const char *px_events_check(const px_dict *d); /* dict_parse.c */
const char *px_word_class_name(int c);
void px_words_free(px_dict *d);

/* furniture.tsv (clean.c): the page words that mark a line as furniture. */
enum px_furniture { FURN_PREFIX, FURN_BLOCK, FURN_CAPTION, FURN_CREDIT, FURN_BYLINE, FURN_COUNT };
int px_furniture_add_row(px_dict *d, const char *phrase, const char *cls, const char **why);

#define PX_LEX_KINDS 14
/* one slot per px_lex_kind bit: a new kind must raise the count */
_Static_assert(LX_QUOTEWORD == 1 << (PX_LEX_KINDS - 1), "PX_LEX_KINDS counts the px_lex_kind bits");

typedef struct px_lex_hit {
	const struct px_lex_entry *entry[PX_LEX_KINDS]; /* NULL when no entry of that kind */
	unsigned kinds;                                 /* bits of the kinds present */
} px_lex_hit;

typedef struct px_lex_entry {
	char **toks;
	uint8_t ntok;
	uint16_t kind;
	uint32_t ref;
	uint32_t hash0; /* of the first token, checked before any string compare */
	int32_t next;   /* chain in the hash bucket */
} px_lex_entry;

struct px_dict {
	px_lex_entry *lex;
	size_t n_lex, cap_lex;
	int32_t *buckets; /* first-token hash -> first entry index, -1 empty */
	size_t n_buckets;
	px_dict_actor *actors;
	size_t n_actors, cap_actors;
	px_country *countries;
	size_t n_countries, cap_countries;
	px_place *places;
	size_t n_places, cap_places;
	px_title *titles;
	size_t n_titles, cap_titles;
	px_event_word *events;
	size_t n_events, cap_events;
	int32_t derived[PX_DERIVED_COUNT]; /* index into events + 1; 0: no such row */
	px_frame *frames;
	size_t n_frames, cap_frames;
	px_fact *facts;
	size_t n_facts, cap_facts;
	px_generic *roles;
	size_t n_roles, cap_roles;
	const ln_models *models;              /* borrowed (px_dict_set_models); NULL: no syntax */
	const ln_models *(*models_get)(void); /* px_dict_set_models_loader: when models is NULL */
	px_topic_cue *topics;
	size_t n_topics, cap_topics;
	px_topic_cue signals[PX_SIGNALS]; /* weight 0 when not given */
	bool has_relevance;               /* relevance.tsv loaded: else every article counts */
	struct px_speech *speech;         /* speaker.c: the speech lexicon of cues.tsv */
	px_word *words;                   /* words.tsv */
	size_t n_words, cap_words;
	int32_t word_bucket[PX_WORD_BUCKETS]; /* index + 1, 0 empty */
	char **furniture[FURN_COUNT];         /* furniture.tsv, by class */
	size_t n_furniture[FURN_COUNT], cap_furniture[FURN_COUNT];
	bool caption_first[256]; /* bytes a caption mark may start with */
};

/* speaker.c: one cues.tsv row (phrase, class); -1 for an unknown class. */
typedef struct px_speech px_speech;
int px_speech_add_row(px_dict *d, const char *phrase, const char *cls);
void px_speech_free(px_speech *s);
/* w[0, n) is the form of a cues.tsv speech verb ("says", "said"). */
bool px_speech_verb_form(const px_dict *d, const char *w, size_t n);

void px_dict_add_phrase(px_dict *d, const char *phrase, size_t len, unsigned kind, uint32_t ref);
uint32_t px_hash_lower(const char *s, size_t len);

/* ------------------------------------------------------------ sentences.c */

enum px_tok_kind { TK_WORD, TK_NUM, TK_PUNCT, TK_QUOTE };

typedef struct px_token {
	uint32_t start, end; /* bytes in the work text */
	uint32_t hash;       /* of the lower-cased bytes */
	uint32_t sent;       /* sentence index */
	uint8_t kind;
	bool cap;     /* starts with an upper-case letter */
	bool allcaps; /* every letter upper-case, two or more letters */
	bool inq;     /* inside a direct quotation */
} px_token;

typedef struct px_sentence {
	uint32_t tok_start, tok_end; /* token range */
	uint32_t start, end;         /* bytes */
	uint32_t para;               /* kept-line index */
} px_sentence;

/* Splits text into tokens (for dictionary phrases as for articles). */
size_t px_tokenize(const char *s, size_t start, size_t end, px_token **toks, size_t *n,
                   size_t *cap);

/* ------------------------------------------------------------ the document */

typedef struct px_date {
	int y, m, d;   /* 0 when unknown at that precision */
	int precision; /* 0 none, 1 year, 2 month, 3 day */
} px_date;

/* Where the publication date came from. */
enum px_published_from { PUB_NONE, PUB_GIVEN, PUB_TEXT, PUB_FALLBACK };

#define PX_DATES_PER_SENTENCE 8

/* A date expression: tokens [start, end), its resolution, and whether it
 * points ahead of publication. */
typedef struct px_found_date {
	size_t start, end;
	px_date date;
	bool future;
	bool relative;     /* counted from publication ("next month"), not a calendar date */
	bool year_implied; /* a calendar date without its year ("August 15", "in December") */
	px_date ahead;     /* a bare weekday's upcoming reading, for planned events */
} px_found_date;

typedef struct px_date_cache {
	px_found_date found[PX_DATES_PER_SENTENCE];
	uint8_t n;
	bool done;
} px_date_cache;

enum px_mention_how { MH_NAME, MH_SURNAME, MH_TITLE, MH_PRONOUN };

typedef struct px_mention {
	uint32_t tok_start, tok_end;
	int32_t actor;
	uint8_t how;
} px_mention;

typedef struct px_actor {
	char *name, *kind, *title, *country, *cameo;
	char **aliases;
	size_t n_aliases, cap_aliases;
	int32_t dict_id;      /* dictionary actor, or -1 */
	int32_t country_id;   /* dictionary country this actor stands for, or -1 */
	char *title_head;     /* canonical title for "the spokesman" look-backs */
	bool title_from_text; /* the article gave the title (else the dictionary did) */
	uint32_t title_tok;   /* where the article gave it: "the senator" before it is no one's */
	uint8_t gender;       /* from the given name: 0 unknown, 1 male, 2 female */
	uint32_t n_mentions;
} px_actor;

typedef struct px_statement {
	char *text;
	bool direct;
	char *cue;
	int32_t speaker;
	char *source;            /* an unnamed speaker's words ("a senior official"), or NULL */
	uint32_t start, end;     /* bytes in the work text */
	uint32_t sent_a, sent_b; /* sentence range, inclusive */
	px_date date;
	int32_t event;
} px_statement;

enum px_role { ROLE_SOURCE, ROLE_TARGET, ROLE_PARTICIPANT };

typedef struct px_part {
	int32_t actor;
	uint8_t role; /* enum px_role */
} px_part;

typedef struct px_event {
	const px_event_word *word; /* the trigger's row; NULL for a derived event */
	const px_event_word *made; /* the row it is made as (type, code, title verb) */
	char *type, *cameo;
	px_date date;
	int status; /* enum px_status */
	int32_t place;
	px_part *parts;
	size_t n_parts, cap_parts;
	uint32_t sent_a, sent_b;
	int32_t into; /* -1, or its own index when dropped (not an event after all) */
	char *title;
} px_event;

/* ------------------------------------------------------------ syntax.c */

/* The language layer's view of the document (tags, lemmas, dependency
 * trees, entities), computed over the work text with the lines clean.c
 * dropped blanked out, so its byte offsets are the work text's and its
 * sentences never reach into boilerplate.  "ln" indexes below are token
 * indexes into syn.lang.tok (document-wide); px_syn_* map between the two
 * tokenisations (they differ on clitics and some punctuation). */
typedef struct px_syntax {
	bool ok;                    /* analysed with models: tags, trees, entities present */
	char *text;                 /* the blanked copy the ln_doc borrows */
	ln_doc lang;                /* valid whenever text != NULL (tokens even without models) */
	int32_t *tok_ln;            /* px token -> ln token covering its first byte, -1 */
	int32_t *ln_tok;            /* ln token -> px token covering its first byte, -1 */
	int32_t *head;              /* ln token -> ln index of its head, -1 for a root */
	int32_t *child;             /* ln token -> first dependent (ln index), -1 */
	int32_t *sibling;           /* ln token -> next dependent of the same head, -1 */
	int32_t *ent;               /* ln token -> entity index in lang.ent, -1 */
	const char *const *deprels; /* the models' relation names */
	size_t n_deprels;
	const char *const *xposes; /* the models' XPOS tag names */
	size_t n_xposes;
} px_syntax;

typedef struct px_doc {
	const px_dict *dict;
	px_text text;
	px_line *lines;
	size_t n_lines;
	px_token *toks;
	size_t n_toks, cap_toks;
	px_sentence *sents;
	size_t n_sents, cap_sents;
	px_mention *mentions;
	size_t n_mentions, cap_mentions;
	px_actor *actors;
	size_t n_actors, cap_actors;
	px_statement *stmts;
	size_t n_stmts, cap_stmts;
	px_event *events;
	size_t n_events, cap_events;
	int32_t *tok_mention; /* token -> mention index covering it, -1 */
	/* token -> its pronoun mention (how MH_PRONOUN, actors.c), -1; kept
	 * apart from tok_mention so a stage opts in to the resolution */
	int32_t *tok_pronoun;
	struct px_lex_hit *lex_cache; /* per token, per kind: the longest entry (lazy) */
	uint8_t *lex_cached;          /* per token: cache filled */
	uint8_t *clause_breaks;       /* per token: 1 a clause break, 0 not (parties.c) */
	px_date_cache *date_cache;    /* per sentence, filled on first question */
	px_date published;
	px_syntax syn;              /* syntax.c: the language layer's analysis of the kept text */
	struct px_actor_scan *scan; /* actors.c's working state during px_find_actors, NULL after */
	int published_from;         /* enum px_published_from */
	double relevance;           /* 0..1 (relevance.c) */
} px_doc;

struct px_result {
	px_doc doc;
};

/* syntax.c (see px_syntax above) */
/* Runs the language layer (when the dictionary has models) and builds the
 * maps; called by px_extract() after px_segment(). */
void px_syntax_analyze(px_doc *doc);
void px_syntax_free(px_syntax *s);
/* The ln token of px token i, or -1. */
int32_t px_syn_ln(const px_doc *doc, size_t i);
/* The px token of ln token k, or -1. */
int32_t px_syn_tok(const px_doc *doc, size_t k);
/* UD relation of ln token k ("nsubj:pass"), "" when none. */
const char *px_syn_deprel(const px_doc *doc, size_t k);
/* Its relation equals rel, or rel is its base ("nsubj" matches "nsubj:pass"). */
bool px_syn_rel_is(const px_doc *doc, size_t k, const char *rel);
/* Entity type (ln_ent_type) of the entity holding px token i, or -1. */
int px_syn_ent_type(const px_doc *doc, size_t i);
/* The px tokens [*a, *b) of the entity holding px token i; false: none. */
bool px_syn_ent_span(const px_doc *doc, size_t i, size_t *a, size_t *b);
/* The models' own fine tag of ln token k ("NNPS"), "" when none. */
const char *px_syn_xpos(const px_doc *doc, size_t k);
/* Lemma of ln token k ("" when none). */
const char *px_syn_lemma(const px_doc *doc, size_t k);
/* UPOS of ln token k (LN_UPOS_X without models). */
static inline ln_upos px_syn_upos(const px_doc *doc, size_t k)
{
	return k < doc->syn.lang.ntok ? (ln_upos)doc->syn.lang.tok[k].upos : LN_UPOS_X;
}

/* Dictionary phrase matching at token i: the longest entry of any kind in
 * mask; returns its token length (0: none) and the entry in *out. */
size_t px_lex_match(const px_doc *doc, size_t i, unsigned mask, const px_lex_entry **out);
/* ASCII folding only: the words rules ask about are English function
 * words, and the C library's tolower() is a call per byte. */
static inline unsigned char px_ascii_lower(unsigned char c)
{
	return (unsigned char)(c - 'A') < 26u ? (unsigned char)(c + 32) : c;
}

/* Token i equals lower_word, ignoring ASCII case.  Inline: every rule asks
 * this in its inner loop, and most answers end at the first letter. */
static inline bool px_tok_is(const px_doc *doc, size_t i, const char *lower_word)
{
	if (i >= doc->n_toks)
		return false;
	const px_token *t = &doc->toks[i];
	const unsigned char *s = (const unsigned char *)doc->text.s + t->start;
	size_t n = t->end - t->start;
	for (size_t k = 0; k < n; k++)
		if (!lower_word[k] || px_ascii_lower(s[k]) != (unsigned char)lower_word[k])
			return false;
	return lower_word[n] == '\0';
}

/* words.c: token i's words.tsv record, NULL if none; whether it is in class c
 * (and the value it has there). */
const px_word *px_word_at(const px_doc *doc, size_t i);
bool px_word_in(const px_doc *doc, size_t i, enum px_word_class c, int *value);
/* Whether CAMEO code `code` is in code class c (WC_CAMEO_*): its own row, or
 * its two-digit family's. */
bool px_code_in(const px_dict *d, const char *code, enum px_word_class c);
/* Whether a name that is no token of the text (an event type) has class c. */
bool px_name_in(const px_dict *d, const char *name, enum px_word_class c);

/* A one-byte token equal to c. */
static inline bool px_tok_char(const px_doc *doc, size_t i, char c)
{
	return i < doc->n_toks && doc->toks[i].end - doc->toks[i].start == 1 &&
	       doc->text.s[doc->toks[i].start] == c;
}
char *px_tok_span_dup(const px_doc *doc, size_t a, size_t b); /* tokens [a, b) as text */
/* Tokens [a, b) as the caller wrote them (curly quotes and all). */
char *px_orig_span_dup(const px_doc *doc, size_t a, size_t b);

void px_segment(px_doc *doc);
void px_find_actors(px_doc *doc);
void px_find_statements(px_doc *doc);
void px_find_events(px_doc *doc);
/* relevance.c: doc->relevance from relevance.tsv's cues and what was found. */
void px_score_relevance(px_doc *doc);

/* events.c: adds a party once (actor < 0 is ignored). */
void px_add_part(px_event *e, int32_t actor, uint8_t role);

/* quotes.c: what stands between a speech verb and the words it reports
 * ("said on Tuesday that", "told reporters:", "said in a statement that"). */
size_t px_skip_lead_in(const px_doc *doc, size_t from, size_t b);

/* parties.c — who takes part, from the sentence around a trigger. */
void px_mark_clause_breaks(px_doc *doc);
/* The clause of tokens [a, b) the trigger sits in: [*ca, *cb). */
void px_clause_of(const px_doc *doc, size_t a, size_t b, size_t trig, size_t *ca, size_t *cb);
/* Where the reported words begin after the last speech verb before trig
 * ("X said (on Monday) (that) ..."), or a. */
size_t px_after_last_cue(const px_doc *doc, size_t a, size_t trig);
/* Where a trailing attribution (", X told reporters") begins, or b. */
size_t px_report_end(const px_doc *doc, size_t trig, size_t b);
/* Both sides of a meeting, call or talks. */
void px_meeting_parts(const px_doc *doc, px_event *e, size_t a, size_t b, size_t trig);
/* Doers (sources) before the trigger and those acted upon (targets) after. */
void px_doers_and_targets(const px_doc *doc, px_event *e, size_t a, size_t b, size_t trig);
/* The person giving a briefing or an interview. */
int32_t px_statement_speaker(const px_doc *doc, size_t a, size_t b, size_t trig);

/* dates.c */
bool px_parse_iso_date(const char *s, px_date *out);
/* Finds a date expression in tokens [a, b) and resolves it; returns the token
 * index where it starts, or -1. */
/* *future (may be NULL): 1 when the expression counts forward from
 * publication ("next week"); for a calendar date without its year, 2 when
 * it falls after publication ("August 15" read in May, maybe last year's)
 * and 3 when before (maybe next year's, for something planned); else 0. */
/* Without future (NULL), the past reading: such a date after publication
 * is last year's (what was said, was said by then). */
/* *ahead (may be NULL): the same expression read forwards ("on Tuesday" of
 * something planned); precision 0 when it has no other reading. */
long px_find_date(const px_doc *doc, size_t a, size_t b, size_t near, px_date *out, int *future,
                  px_date *ahead);
bool px_infer_published(const px_doc *doc, px_date *out);
/* The days since 1970-01-01 of a known day, month (its first day) or year
 * (January 1st); false for an unknown date. */
bool px_date_days(const px_date *d, int *days);
void px_date_format(const px_date *d, char out[16]);
int px_days_from_civil(int y, int m, int d);
void px_civil_from_days(int z, int *y, int *m, int *d);

/* actors.c helpers used later */
int32_t px_person_by_title(const px_doc *doc, size_t before_tok, const char *title_head,
                           const char *country);
int32_t px_resolve_pronoun(const px_doc *doc, size_t tok);
/* Tokens [a, b) mention ACTOR (how: enum px_mention_how). */
void px_add_mention(px_doc *doc, size_t a, size_t b, int32_t actor, uint8_t how);
/* 1 for "he", 2 for "she", 0 for any other token. */
int px_pronoun_gender(const px_doc *doc, size_t tok);
bool px_is_person(const px_doc *doc, int32_t actor);

#endif
