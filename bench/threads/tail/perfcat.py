# Session 12 (s12-tail). perfcat.py perf.data child.out: a `perf record -k CLOCK_MONOTONIC` of a BENCH_SCHED=1 child (node --perf-basic-prof), samples per thread by kind (TurboFan, wasm, GC, JS) inside the run.
import sys,subprocess,json,collections
# usage: perfcat.py perf.data out.json  -> per tid, categories of samples inside the run window
data,outj=sys.argv[1],sys.argv[2]
d=json.loads([l for l in open(outj).read().splitlines() if l.startswith('{"target')][-1])
a,b=d['sched']['mono_s']
txt=subprocess.run(['perf','script','-i',data,'-F','tid,time,ip,sym','--time',f'{a:.6f},{b:.6f}'],capture_output=True,text=True).stdout
def cat(sym):
  s=sym
  if 'compiler::' in s or 'Pipeline' in s or 'TurboFan' in s or 'OptimizedCompilationJob' in s or 'Zone' in s: return 'turbofan'
  if 'wasm' in s.lower() or 'Liftoff' in s: return 'wasm'
  if any(k in s for k in ('Mark','Sweep','Scaveng','Heap','Evacuat','GC','Remembered','SlotSet','Marking','Compactor','MemoryChunk','ConcurrentM')): return 'gc'
  if s.startswith('LazyCompile') or s.startswith('Function:') or 'JS:' in s or s.startswith('Builtin:') or s.startswith('BytecodeHandler') or '.ts:' in s or '.js:' in s: return 'js'
  if 'kernel' in s or s.startswith('[k]') or s.startswith('__') or 'syscall' in s or 'futex' in s: return 'kernel'
  return 'other'
per=collections.defaultdict(collections.Counter); ex=collections.defaultdict(collections.Counter)
for line in txt.splitlines():
  parts=line.split(None,2)
  if len(parts)<2: continue
  tid=parts[0]; rest=parts[2] if len(parts)>2 else ''
  sym=rest.split(None,1)[1] if len(rest.split(None,1))>1 else '?'
  c=cat(sym); per[tid][c]+=1; ex[(tid,c)][sym.strip()[:90]]+=1
for tid,cnt in sorted(per.items(),key=lambda x:-sum(x[1].values())):
  print(tid,sum(cnt.values()),dict(cnt.most_common()))
  for c,_ in cnt.most_common(3):
    print('   ',c,ex[(tid,c)].most_common(3))
