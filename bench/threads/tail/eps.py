# Session 12 (s12-tail). stdin: a bench child's output with BENCH_SCHED=1 BENCH_SCHED_STEPS=1; prints the episodes of >= 3 consecutive steps over 4x the median.
import json,sys
l=[x for x in sys.stdin.read().splitlines() if x.startswith('{"target')]
if not l: sys.exit()
s=json.loads(l[-1])['sched']['step_us']; med=sorted(s)[len(s)//2]
eps=[];i=0
while i<len(s):
  if s[i]>4*med:
    j=i
    while j<len(s) and s[j]>4*med: j+=1
    if j-i>=3: eps.append((i,j-i,round(sum(s[i:j])/1000,1)))
    i=j
  else: i+=1
print('| eps', len(eps), 'ms', round(sum(e[2] for e in eps),1), '>4x excess ms', round(sum(x-med for x in s if x>4*med)/1000,1))
