#!/usr/bin/env python3
"""Sample accepted and rejected occurrences of ambiguous company names for manual judgment.
usage: ambiguity_sample.py OUT.jsonl GAZETTEER_DIR N"""
import json, sys, re, random, glob
out, gdir, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
company = {"automaker","brand","group","joint_venture","battery_maker","charging_network","supplier"}
aliases = {}
for f in glob.glob(gdir + '/*.tsv'):
    for l in open(f):
        if l.startswith('#') or not l.strip(): continue
        c = l.rstrip('\n').split('\t') + ['']*7
        if 'ambiguous' in c[6].split('|') and c[2] in company:
            for a in [c[1]] + [x for x in c[4].split('|') if x]:
                aliases[a] = c[0]
pat = re.compile(r'(?<![A-Za-z0-9])(' + '|'.join(sorted(map(re.escape, aliases), key=len, reverse=True)) + r')(?![A-Za-z0-9])')
acc, rej = [], []
for line in open(out):
    r = json.loads(line)
    if 'entities' not in r: continue
    text = open(r['source']['path'], encoding='utf-8').read()
    b = text.encode()
    kept = {(e['start'], e['id']) for e in r['entities']}
    for m in pat.finditer(text):
        eid = aliases[m.group(1)]
        start = len(text[:m.start()].encode())
        ctx = (text[max(0, m.start()-70):m.start()] + '[[' + m.group(1) + ']]' + text[m.end():m.end()+50]).replace('\n', ' ')
        (acc if (start, eid) in kept else rej).append((eid, r['id'], ctx))
random.seed(11)
print(f"accepted {len(acc)} rejected {len(rej)}")
for name, group in (("ACCEPTED", acc), ("REJECTED", rej)):
    print("=====", name)
    for i, (eid, doc, ctx) in enumerate(random.sample(group, min(n, len(group)))):
        print(f"{i:2d} {eid:<22} {doc:<26} {ctx}")
