# Session 12 (s12-tail). sum.py LABEL < child.out: one line per BENCH_SCHED=1 child (wall, per-thread run/run-queue wait, V8 helpers, other processes, slow steps by tenth).
import json,sys
# one line per child JSON: wall, main run/wait, worker run/wait, helpers run, other procs, slow steps by tenth
tag=sys.argv[1] if len(sys.argv)>1 else ''
lines=[x for x in sys.stdin.read().splitlines() if x.startswith('{')]
if not lines: print(tag,'NO RESULT'); sys.exit()
d=json.loads(lines[-1]); s=d.get('sched')
out=f"{tag} wall {d['run_wall_s']:.3f} spikes {d.get('spikes')}"
if s:
  th=s['threads']; main=[t for t in th if t['tid']=='main'][0]; rest=sorted([t for t in th if t['tid']!='main'],key=lambda t:-t['run_ms'])
  w=rest[0] if rest else {'run_ms':0,'wait_ms':0,'nonvol':0}; h=rest[1:]
  out+=f" | main {main['run_ms']:.0f}/{main['wait_ms']:.1f}w nv{main['nonvol']} | wkr {w['run_ms']:.0f}/{w['wait_ms']:.1f}w nv{w['nonvol']} | v8 {sum(t['run_ms'] for t in h):.1f}ms/{len(h)} | others {s['other_procs_ms']:.0f}ms {','.join(p['name']+':'+str(int(p['ms'])) for p in s['other_procs_top'][:3])} | idle {sum(c['idle_ms'] for c in s['cpus']):.0f} | med {s['median_us']} slow {s['slow_by_tenth']} exc {[round(x,1) for x in s['excess_ms_by_tenth']]}"
if 'step_us' in d: out+=f" | step {d['step_us']}"
print(out)
