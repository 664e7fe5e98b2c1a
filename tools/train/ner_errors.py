#!/usr/bin/env python3
"""ner_errors — entity errors by type and kind, from `PARLEY_NER_DUMP=all`.

  PARLEY_NER_DUMP=all build/parley-train eval-ner MODELDIR GOLD.iob2 \\
      | python3 tools/train/ner_errors.py [N]

Every gold span is correct, a boundary error (a predicted span of the same
type overlaps it with other ends), boundary+type (only spans of other types
overlap it), type (same ends, other type) or missed (nothing overlaps it);
every predicted span that overlaps no gold span is spurious.  With N, the
N commonest forms of each kind are printed too (for reading, not to commit:
the forms are the corpus's text).
"""
import sys, collections
T=['PER','ORG','LOC','MISC']
def spans(lab):
    out=[];i=0;n=len(lab)
    while i<n:
        if lab[i]==0: i+=1; continue
        t=(lab[i]-1)//2; j=i
        while j+1<n and lab[j+1]==2*t+2: j+=1
        out.append((i,j,t)); i=j+1
    return out
kinds=collections.Counter(); conf=collections.Counter(); ex=collections.defaultdict(list)
sent=[]
def flush():
    if not sent: return
    g=spans([x[1] for x in sent]); p=spans([x[2] for x in sent])
    gs=set(g); ps=set(p)
    for s in g:
        if s in ps: kinds[(T[s[2]],'correct')]+=1; continue
        # overlapping pred
        ov=[q for q in p if not (q[1]<s[0] or q[0]>s[1])]
        txt=' '.join(x[0] for x in sent[s[0]:s[1]+1])
        if not ov: kinds[(T[s[2]],'missed')]+=1; ex[(T[s[2]],'missed')].append(txt)
        elif any(q[0]==s[0] and q[1]==s[1] for q in ov):
            q=[q for q in ov if q[0]==s[0] and q[1]==s[1]][0]
            kinds[(T[s[2]],'type')]+=1; conf[(T[s[2]],T[q[2]])]+=1; ex[(T[s[2]],'type->'+T[q[2]])].append(txt)
        else:
            same=any(q[2]==s[2] for q in ov)
            k='boundary' if same else 'boundary+type'
            kinds[(T[s[2]],k)]+=1; ex[(T[s[2]],k)].append(txt+' || '+' / '.join(' '.join(x[0] for x in sent[q[0]:q[1]+1])+':'+T[q[2]] for q in ov))
    for q in p:
        if q in gs: continue
        ov=[s for s in g if not (q[1]<s[0] or q[0]>s[1])]
        if not ov:
            kinds[(T[q[2]],'spurious')]+=1; ex[(T[q[2]],'spurious')].append(' '.join(x[0] for x in sent[q[0]:q[1]+1]))
for line in sys.stdin:
    line=line.rstrip('\n')
    if not line: flush(); sent=[]; continue
    f=line.split('\t')
    if len(f)!=3: continue
    sent.append((f[0],int(f[1]),int(f[2])))
flush()
for t in T[:3]:
    print(t, {k:v for (tt,k),v in sorted(kinds.items()) if tt==t})
print('type confusions gold->pred', dict(conf))
if len(sys.argv)>1:
    n=int(sys.argv[1])
    for k,v in sorted(ex.items()):
        c=collections.Counter(v)
        print('==',k,len(v)); print('   ', '; '.join('%s(%d)'%(a,b) if b>1 else a for a,b in c.most_common(n)))
