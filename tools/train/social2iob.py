#!/usr/bin/env python3
"""social2iob — open social-media NER corpora (two-column CoNLL) -> .iob2.

Reads, under CORPORA (fetched beforehand, never by this script):
  btc/{a,b,e,f,g,h}.conll      Broad Twitter Corpus (GateNLP/broad_twitter_corpus,
                               CC BY 4.0): PER, ORG, LOC, all sections
  wnut17/wnut17train.conll, wnut17/emerging.dev.conll,
  wnut17/emerging.test.annotated
                               WNUT 2017 emerging entities
                               (leondz/emerging_entities_17, CC BY 4.0)
and writes CORPORA/social-ner/btc.iob2 and wnut17.iob2 in the format of
corenlp2iob.py (ID <tab> FORM <tab> LABEL; "# doc = ..." before each post,
so the entity tagger's document memory never spans two posts).

Labels are mapped to Universal NER's: WNUT person -> PER, location -> LOC,
corporation and group -> ORG, product and creative-work -> O (UNER leaves
products and titles unlabelled).  User mentions (@name, or "@" and the name
as two tokens, as BTC writes some) and links are O: they are handles, not
names written in running text, and news and web text have few of them.
"""
import os
import sys

WNUT = {"person": "PER", "location": "LOC", "corporation": "ORG", "group": "ORG"}
BTC = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}


def read(path):
    sent = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            parts = line.split("\t") if "\t" in line else line.split()
            if len(parts) < 2:
                continue
            sent.append((parts[0], parts[-1]))
    if sent:
        yield sent


def convert(path, mapping, out, name):
    n = 0
    for k, sent in enumerate(read(path)):
        out.write("# doc = %s-%d\n" % (name, k))
        prev, lines = "O", []
        for i, (word, label) in enumerate(sent, 1):
            typ = mapping.get(label[2:], "O") if label[:2] in ("B-", "I-") else "O"
            handle = (word.startswith("@") or word.startswith("http")
                      or (i > 1 and sent[i - 2][0] == "@"))
            if handle:
                typ = "O"
            if typ == "O":
                tag = "O"
            else:
                tag = ("I-" if label[0] == "I" and prev == typ else "B-") + typ
            prev = typ
            word = word.replace("\t", " ") or "_"
            lines.append("%d\t%s\t%s\n" % (i, word, tag))
        out.write("".join(lines) + "\n")
        n += 1
    return n


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: social2iob.py CORPORA")
    root = sys.argv[1]
    dst = os.path.join(root, "social-ner")
    os.makedirs(dst, exist_ok=True)
    with open(os.path.join(dst, "btc.iob2"), "w", encoding="utf-8") as out:
        n = sum(convert(os.path.join(root, "btc", s + ".conll"), BTC, out, "btc-" + s)
                for s in "abefgh")
    print("BTC: %d posts" % n)
    with open(os.path.join(dst, "wnut17.iob2"), "w", encoding="utf-8") as out:
        n = sum(convert(os.path.join(root, "wnut17", f), WNUT, out, "wnut17-%d" % j)
                for j, f in enumerate(["wnut17train.conll", "emerging.dev.conll",
                                       "emerging.test.annotated"]))
    print("WNUT17: %d posts" % n)


if __name__ == "__main__":
    main()
