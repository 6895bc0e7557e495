# Session 12 (s12-tail). schedwho.py perf.data child.out: `perf record -k CLOCK_MONOTONIC -e sched:sched_switch,...` of a BENCH_SCHED=1 child.
import json,subprocess,collections,re,sys
# For our main and worker threads: every interval they were runnable but not running (preempted, prev_state=R),
# attributed to whatever ran on that CPU at the switch-out; and intervals when main and worker ran on the same CPU.
perf,out=sys.argv[1],sys.argv[2]
d=json.loads([l for l in open(out) if l.startswith('{"target')][-1])
a,b=d['sched']['mono_s']
txt=subprocess.run(['perf','script','-i',perf,'--time',f'{a:.6f},{b:.6f}','-F','tid,cpu,time,event,trace'],capture_output=True,text=True).stdout
pid=None
ev=[]
for l in txt.splitlines():
  m=re.match(r'\s*(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+(\S+):\s+(.*)',l)
  if not m: continue
  ev.append((float(m.group(3)),int(m.group(2)),m.group(4),m.group(5)))
# main = the process's pid: find tids with most run time; take the two with most switch events among 'node'
cnt=collections.Counter()
for t,c,e,tr in ev:
  if 'sched_switch' in e:
    m=re.search(r'prev_comm=(\S+) prev_pid=(\d+) .*prev_state=(\S+) ==> next_comm=(\S+) next_pid=(\d+)',tr)
    cnt[m.group(2)]+=1; cnt[m.group(5)]+=1
main=str(d.get('_main')) if d.get('_main') else None
import os
ours=[k for k,_ in cnt.most_common() if k!='0'][:2]
out_since={}; blame=collections.defaultdict(float); nblame=collections.Counter(); sleep_since={}; sleeps=collections.defaultdict(float)
oncpu={}
same=0.0; last=None
for t,c,e,tr in ev:
  if 'sched_switch' not in e: continue
  m=re.search(r'prev_comm=(\S+) prev_pid=(\d+) .*prev_state=(\S+) ==> next_comm=(\S+) next_pid=(\d+)',tr)
  pc,pp,st,nc,np=m.groups()
  if pp in ours:
    oncpu.pop(pp,None)
    if st.startswith('R'): out_since[pp]=(t,nc+':'+np if np not in ours else 'OTHER-OURS')
    else: sleep_since[pp]=t
  if np in ours:
    oncpu[np]=c
    if np in out_since:
      t0,who=out_since.pop(np); blame[(np,who.split(':')[0] if not who.startswith('node:') else who)]+=t-t0; nblame[(np,who.split(':')[0] if not who.startswith('node:') else who)]+=1
    if np in sleep_since: sleeps[np]+=t-sleep_since.pop(np)
print('our tids',ours,'(first = more switches)')
for k,v in sorted(blame.items(),key=lambda x:-x[1]): print(f'  {k[0]} runnable-not-running {1e3*v:7.2f} ms  x{nblame[k]}  while {k[1]} ran')
for k,v in sleeps.items(): print(f'  {k} asleep {1e3*v:.2f} ms')
