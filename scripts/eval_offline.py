#!/usr/bin/env python3
"""Offline evaluation of the extraction engine against the seed gold.

Runs `parley extract` on each seed article (the same clean + extract the
ingest pipeline does) and scores the output with the scorer's own functions
(imported from the eval folder, not copied), by handing it a stand-in for
the HTTP API that answers from the extraction JSON.  No database, no server.
Cross-article dedup is the database layer's job, so `cross_article_fragments`
is not meaningful here.

  scripts/eval_offline.py [--bin build-extract/parley] [--eval /work/shared/eval] [--show]
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path


class OfflineApi:
    """Answers the scorer's POST/GET calls from `parley extract` output."""

    def __init__(self, binary, data_dir=None):
        self.binary = binary
        self.data_dir = data_dir
        self.results = {}

    def post(self, path, body):
        aid = str(len(self.results) + 1)
        cmd = [self.binary, "extract", "-"]
        if body.get("published_at"):
            cmd += ["--published-at", body["published_at"]]
        if self.data_dir:
            cmd += ["--data-dir", self.data_dir]
        out = subprocess.run(cmd, input=body["text"].encode(), capture_output=True, check=True)
        self.results[aid] = json.loads(out.stdout)
        return 201, {"id": aid}

    def list_all(self, path, params):
        res = self.results[str(params["article_id"])]
        names = {a["ref"]: a["name"] for a in res["actors"]}
        if path.endswith("/actors"):
            return [{"name": a["name"], "kind": a["kind"], "aliases": a["aliases"]} for a in res["actors"]]
        if path.endswith("/statements"):
            return [{"text": s["text"], "kind": s["kind"],
                     "speaker": {"name": names[s["speaker"]]} if s["speaker"] else None}
                    for s in res["statements"]]
        if path.endswith("/events"):
            return [{"id": params["article_id"] + ":" + e["ref"], "type": e["type"], "date": e["date"],
                     "location": e["location"],
                     "participants": [{"name": names[p["actor"]]} for p in e["participants"]]}
                    for e in res["events"]]
        raise ValueError(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="build-extract/parley")
    ap.add_argument("--eval", default="/work/shared/eval", help="folder with score.py, seeds_gold.json, articles/")
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--show", action="store_true", help="print per-article details")
    a = ap.parse_args()
    sys.path.insert(0, a.eval)
    import score  # the scorer's functions, used as they are

    gold = json.loads((Path(a.eval) / "seeds_gold.json").read_text(encoding="utf-8"))
    summary, rows = score.score(OfflineApi(a.bin, a.data_dir), gold, str(Path(a.eval) / "articles"))
    for r in rows:
        if a.show:
            print(json.dumps(r, ensure_ascii=False, indent=1))
        else:
            print(r["file"], "quotes", r["quotes"]["prf"], "attr", r["quotes"]["attribution"],
                  "persons", r["persons"]["prf"], "events", r["events"]["recall"])
    summary.pop("cross_article_fragments", None)
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
