#!/usr/bin/env python3
"""gum_select.py GUM_TRAIN.conllu OUT.conllu

Keeps the documents of GUM train whose genre is openly licensed for our use
(news, interview, bio, voyage, textbook, vlog, speech, conversation; the
other genres are under non-commercial or unstated terms), selected by
`# newdoc id = GUM_<genre>_...`.  The sentence-boundary trainer reads the
output and its raw rendering by UD's conllu_to_text.pl
(service/models/README.md).
"""
import re
import sys

# The one list of the open genres: parley-train reads this script's output for the sentence
# model and the tagger and parser mixtures, gum2iob.py imports it.
KEEP = {"news", "interview", "bio", "voyage", "textbook", "vlog", "speech", "conversation"}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    text = open(sys.argv[1], encoding="utf-8").read()
    out, genre, docs, sents = [], None, 0, 0
    for block in text.split("\n\n"):
        if not block.strip():
            continue
        m = re.search(r"^# newdoc id = GUM_([a-z]+)_", block, re.M)
        if m:
            genre = m.group(1)
            docs += genre in KEEP
        if genre in KEEP:
            out.append(block.strip("\n"))
            sents += 1
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write("\n\n".join(out) + "\n\n")
    print(f"{sys.argv[2]}: {docs} documents, {sents} sentences", file=sys.stderr)


if __name__ == "__main__":
    main()
