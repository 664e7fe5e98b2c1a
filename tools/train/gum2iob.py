#!/usr/bin/env python3
"""gum2iob — UD English GUM's entity annotations -> .iob2 for NER (PER/ORG/LOC).

Reads GUM/en_gum-ud-train.conllu (UniversalDependencies/UD_English-GUM) and
writes OUT/train.iob2 (ID <tab> FORM <tab> LABEL, a blank line after each
sentence, "# doc = ID" before each document).

LICENCE: GUM as a whole is CC BY-NC-SA 4.0; only the genres whose texts are
CC BY or public domain are read (GENRES: Wikinews news, interviews and bios,
Wikivoyage, OpenStax textbooks, CC BY YouTube vlogs, public-domain political
speeches, Santa Barbara Corpus conversations, CC BY).  wikiHow (whow) and
fiction are CC BY-NC-SA, and academic, court, essay, letter and podcast
carry no stated open licence here: never read.

Labels follow Universal NER's span conventions (read from UNER EWT train):
only NAMED mentions, only the proper name's words.  GUM's `Entity=` brackets
(MISC column; CoNLL 2012 style, nested) give every mention, named or not,
with an entity type; a mention is named when its head (the word whose
syntactic head lies outside the mention) is PROPN, or when a common noun
heads the proper nouns that end the mention ("magician David Gish": only
"David Gish").  Its label span is the
run of PROPN words around the head, with the capitalised adjectives, nouns
and numbers inside the mention ("British Airways"), joined over "of", "the",
"&", "de", "'s" and hyphens between two of them ("Bank of America"), so that
a leading "the", a final possessive 's and common nouns stay O; "and" is
joined only when no person, organization or place mention starts after it
("Royal Academy of Painting and Sculpture", but "X and Y" is two names).  For a
person, titles before the name are cut off ("President", "Dr.": UNER leaves
them O; the title words are those of service/data/titles.tsv).  Plural
proper nouns alone naming people ("Americans") are O (UNER's OTH).  Outer
mentions win over nested ones ("University of Chicago" is one ORG), nested
ones outside the outer name keep their own label ("US" in "US President
Donald Trump" is LOC, "Donald Trump" PER).
Types: person -> PER, organization -> ORG, place -> LOC; others -> O.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gum_select import KEEP as GENRES  # noqa: E402  (one list of the open genres)
TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
GLUE = {"of", "the", "&", "de", "-", "'s"}
OPEN = re.compile(r"\((\d+)-([a-z]+)")
CLOSE = re.compile(r"(\d+)\)")


def titles(path):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            phrase = line.split("\t")[0].strip().lower()
            if " " not in phrase:
                out.add(phrase)
                out.add(phrase.rstrip("."))
    return out


def parse_entity(value, idx, opened, mentions):
    """Walk one word's Entity= value: openings and closings in order."""
    i = 0
    while i < len(value):
        if value[i] == "(":
            m = OPEN.match(value, i)
            if not m:
                i += 1
                continue
            eid, etype = m.group(1), m.group(2)
            j = m.end()
            # the rest of this opening runs to the next "(" or to ")" closing it
            while j < len(value) and value[j] not in "()":
                j += 1
            opened.setdefault(eid, []).append((idx, etype))
            if j < len(value) and value[j] == ")":
                s, t = opened[eid].pop()
                mentions.append((s, idx, t))
                j += 1
            i = j
        else:
            m = CLOSE.match(value, i)
            if m:
                eid = m.group(1)
                if opened.get(eid):
                    s, t = opened[eid].pop()
                    mentions.append((s, idx, t))
                i = m.end()
            else:
                i += 1


def label_sentence(words, title_words):
    """words: (form, upos, xpos, head, misc); returns BIO labels."""
    n = len(words)
    opened, mentions = {}, []
    for k, w in enumerate(words):
        for part in w[4].split("|"):
            if part.startswith("Entity="):
                parse_entity(part[len("Entity="):], k, opened, mentions)
    labels = ["O"] * n
    taken = [False] * n
    # outer (longer) mentions first
    starts = {}
    for s, e, etype in mentions:
        if etype in TYPES:
            starts.setdefault(s, []).append(e)
    for s, e, etype in sorted(mentions, key=lambda m: (-(m[1] - m[0]), m[0])):
        typ = TYPES.get(etype)
        if typ is None:
            continue
        heads = [k for k in range(s, e + 1) if not (s <= words[k][3] - 1 <= e)]
        if not heads:
            continue
        h = heads[0]
        if words[h][1] != "PROPN":
            # a common noun before the name it heads ("magician David Gish"):
            # the name is the proper nouns from the next word to the end
            if not (h < e and all(words[k][1] == "PROPN" for k in range(h + 1, e + 1))):
                continue
            s, h = h + 1, e

        def namey(k):  # a proper noun, or a capitalised word inside a name
            w = words[k]
            return w[1] == "PROPN" or (w[1] in ("ADJ", "NOUN", "NUM") and w[0][:1].isupper()
                                       and w[0].lower() != "the")

        def glue(k):  # "of", "&"...; "and" only inside one name, not before a mention
            f = words[k][0].lower()
            return f in GLUE or (f == "and" and not any(x <= e for x in starts.get(k + 1, [])))
        a = b = h
        while True:  # extend left over name words, glue between two of them
            if a - 1 >= s and namey(a - 1):
                a -= 1
            elif a - 2 >= s and glue(a - 1) and namey(a - 2):
                a -= 2
            else:
                break
        while True:
            if b + 1 <= e and namey(b + 1):
                b += 1
            elif b + 2 <= e and glue(b + 1) and namey(b + 2):
                b += 2
            else:
                break
        if typ == "PER":
            last_title = max((k for k in range(a, b + 1)
                              if words[k][0].lower() in title_words), default=-1)
            if last_title >= b:
                continue
            if last_title >= a:
                a = last_title + 1
            if words[a][0].lower() in GLUE or words[a][0].lower() == "and":
                continue  # a title's own words ("Director of Media")
            if all(words[k][2] == "NNPS" for k in range(a, b + 1)):
                continue
        if any(taken[a:b + 1]):
            continue
        for k in range(a, b + 1):
            labels[k] = ("B-" if k == a else "I-") + typ
            taken[k] = True
    return labels


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: gum2iob.py GUM_TRAIN.conllu TITLES.tsv OUTDIR")
    src, tpath, dst = sys.argv[1:]
    title_words = titles(tpath)
    os.makedirs(dst, exist_ok=True)
    docs = sents = ents = 0
    keep = False
    words = []
    with open(src, encoding="utf-8") as f, open(os.path.join(dst, "train.iob2"), "w",
                                                 encoding="utf-8") as out:
        def flush():
            nonlocal sents, ents
            if words and keep:
                labels = label_sentence(words, title_words)
                out.write("".join("%d\t%s\t%s\n" % (k + 1, w[0], l)
                                  for k, (w, l) in enumerate(zip(words, labels))) + "\n")
                sents += 1
                ents += sum(l.startswith("B-") for l in labels)
            words.clear()

        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# newdoc id = "):
                flush()
                doc = line[len("# newdoc id = "):].strip()
                parts = doc.split("_")
                keep = len(parts) > 2 and parts[0] == "GUM" and parts[1] in GENRES
                if keep:
                    out.write("# doc = %s\n" % doc)
                    docs += 1
            elif not line:
                flush()
            elif not line.startswith("#"):
                col = line.split("\t")
                if "-" in col[0] or "." in col[0]:
                    continue  # multiword ranges and empty nodes
                form = col[1].replace(" ", "_")
                words.append((form, col[3], col[4], int(col[6]), col[9]))
        flush()
    print("GUM: %d documents (%s), %d sentences, %d entities" %
          (docs, ",".join(sorted(GENRES)), sents, ents))


if __name__ == "__main__":
    main()
