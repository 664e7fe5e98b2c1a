#!/usr/bin/env python3
"""Offline htmlbench: score Parley's article extractor without a running service.

Runs the extractor over every page of the htmlbench folder in one process
(`bench_html --emit DIR`, or `parley page FILE` per page with --parley) and
scores the texts with the benchmark's own metric, imported from
score_html.py (never copied), so figures match the service-level scorer.

  cmake --build build-parse --target bench_html -j2
  scripts/htmlbench_offline.py [--bench build-parse/bench_html] [--dir ../shared/htmlbench]
                               [--show] [--worst N] [--json OUT]
  scripts/htmlbench_offline.py --parley build-parse/parley     (slower, same figures)

The last line is the summary JSON (pages, f1, precision, recall, accuracy, *_std).
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path


def run_bench(bench, pages_dir):
    out = subprocess.run([bench, '--emit', str(pages_dir)], check=True, capture_output=True,
                         text=True).stdout
    res = {}
    for line in out.splitlines():
        row = json.loads(line)
        res[row['file'][:-len('.html')]] = row
    return res


def run_parley(parley, pages_dir, ids, urls):
    res = {}
    for i in ids:
        p = subprocess.run([parley, 'page', str(pages_dir / (i + '.html')), '--url', urls[i]],
                           capture_output=True, text=True)
        res[i] = json.loads(p.stdout) if p.returncode == 0 else {'text': '', 'error': p.stderr}
    return res


def main():
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--dir', default=str(root.parent / 'shared' / 'htmlbench'))
    ap.add_argument('--bench', default=str(root / 'build-parse' / 'bench_html'))
    ap.add_argument('--parley', default=None, help='use `PARLEY page` per page instead of bench_html')
    ap.add_argument('--show', action='store_true', help='one row per page')
    ap.add_argument('--worst', type=int, default=0, help='list the N pages with the lowest F1')
    ap.add_argument('--json', default=None, help='write per-page rows here')
    ap.add_argument('--n-bootstrap', type=int, default=200)
    args = ap.parse_args()

    d = Path(args.dir)
    sys.path.insert(0, str(d))
    import score_html as sh  # the benchmark's metric, used as is

    gt = json.loads((d / 'ground-truth.json').read_text(encoding='utf-8'))
    ids = sorted(gt)
    if args.parley:
        got = run_parley(args.parley, d / 'pages', ids, {i: gt[i].get('url', '') for i in ids})
    else:
        got = run_bench(args.bench, d / 'pages')

    rows = []
    for i in ids:
        true = gt[i].get('articleBody', '') or ''
        pred = (got.get(i) or {}).get('text') or ''
        t = sh.shingle_tp_fp_fn(true, pred)
        p, r = sh.precision_score(*t), sh.recall_score(*t)
        rows.append({'id': i, 'url': gt[i].get('url', ''), '_tpfpfn': t,
                     'precision': p, 'recall': r, 'f1': 2 * p * r / (p + r) if p + r else 0.0,
                     'accuracy': sh.accuracy_of(true, pred),
                     'pred_tokens': len(sh.tokenize(pred)), 'true_tokens': len(sh.tokenize(true))})
    if args.show:
        for x in rows:
            print(f"{x['id'][:12]}  P {x['precision']:.3f}  R {x['recall']:.3f}  F1 {x['f1']:.3f}  "
                  f"tok {x['pred_tokens']:>6}/{x['true_tokens']:<6} {x['url'][:70]}")
    if args.worst:
        for x in sorted(rows, key=lambda x: x['f1'])[:args.worst]:
            print(f"{x['id'][:12]}  P {x['precision']:.3f}  R {x['recall']:.3f}  F1 {x['f1']:.3f}  "
                  f"tok {x['pred_tokens']:>6}/{x['true_tokens']:<6} {x['url'][:70]}")
    m = sh.evaluate(rows, args.n_bootstrap, 0)
    summary = {'pages': len(rows), **{k: round(v, 4) for k, v in m.items()}}
    if args.json:
        for x in rows:
            x['tp_fp_fn'] = x.pop('_tpfpfn')
        Path(args.json).write_text(json.dumps({'summary': summary, 'pages': rows}, indent=1))
    print(json.dumps(summary))


if __name__ == '__main__':
    main()
