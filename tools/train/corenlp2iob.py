#!/usr/bin/env python3
"""corenlp2iob — PolNeAR's CoreNLP XML (train split only) -> .iob2 for NER.

Reads DIR/*.xml (PolNeAR data/train/corenlp/, file names
SOURCE_YYYY-MM-DD_slug.txt.xml) and writes OUT/train.iob2 and
OUT/heldout.iob2: the held-out file is the last month of the split (by the
article date in the file name), which training never sees.

Labels are silver (CoreNLP 4-class NER), mapped to ours:
  PERSON -> PER, ORGANIZATION -> ORG, LOCATION -> LOC,
  MISC and the numeric/temporal classes (DATE, NUMBER, ...) -> O
(Universal NER EWT, the other training corpus, has no MISC class, so
CoreNLP's MISC would teach the model contradicting labels.)  CoreNLP does
not mark span starts: a run of tokens with the same type is one entity.
Token forms are un-escaped from PTB (-LRB- -> "(", `` -> ").

Format per token: ID <tab> FORM <tab> LABEL, a blank line after each
sentence, "# doc = FILE" before each document.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

MAP = {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC"}
PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
       "``": '"', "''": '"', "`": "'"}
DATE = re.compile(r"_(\d{4}-\d{2})-\d{2}_")


def convert(path, out):
    out.write("# doc = %s\n" % os.path.basename(path))
    root = ET.parse(path).getroot()
    for sent in root.iter("sentence"):
        toks = sent.find("tokens")
        if toks is None:
            continue
        prev = "O"
        lines = []
        for i, tok in enumerate(toks.findall("token"), 1):
            word = PTB.get(tok.findtext("word", ""), tok.findtext("word", ""))
            word = word.replace("\t", " ").replace("\n", " ") or "_"
            typ = MAP.get(tok.findtext("NER", "O"), "O")
            if typ == "O":
                label = "O"
            else:
                label = ("I-" if prev == typ else "B-") + typ
            prev = typ
            lines.append("%d\t%s\t%s\n" % (i, word, label))
        if lines:
            out.write("".join(lines) + "\n")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: corenlp2iob.py POLNEAR_TRAIN_CORENLP_DIR OUTDIR")
    src, dst = sys.argv[1], sys.argv[2]
    files = sorted(f for f in os.listdir(src) if f.endswith(".xml"))
    months = sorted({DATE.search(f).group(1) for f in files if DATE.search(f)})
    if not months:
        sys.exit("no dated PolNeAR files in " + src)
    last = months[-1]
    os.makedirs(dst, exist_ok=True)
    n = {"train": 0, "heldout": 0}
    with open(os.path.join(dst, "train.iob2"), "w") as tr, open(os.path.join(dst, "heldout.iob2"), "w") as ho:
        for f in files:
            m = DATE.search(f)
            held = m is not None and m.group(1) == last
            convert(os.path.join(src, f), ho if held else tr)
            n["heldout" if held else "train"] += 1
    print("PolNeAR train split: %d articles for training, %d held out (%s)" % (n["train"], n["heldout"], last))


if __name__ == "__main__":
    main()
