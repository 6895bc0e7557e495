# Session 12 (s12-tail). slowwhy.py perf.data child.out: as schedwho.py, with BENCH_SCHED_STEPS=1: per step over 4x the median, what ran on each vCPU.
import json,subprocess,re,sys,collections
# For each slow step (> 4x median): what ran on each vCPU during it (from sched_switch), and whether main and worker shared a vCPU.
perf,out=sys.argv[1],sys.argv[2]
d=json.loads([l for l in open(out) if l.startswith('{"target')][-1]); S=d['sched']
a,b=S['mono_s']; n0,n1=S['now_ms']; off=a-n0/1e3  # mono = now/1e3 + off
steps=S['step_us']; t=S['step0_ms']/1e3+off
bounds=[t]
for x in steps: t+=x/1e6; bounds.append(t)
txt=subprocess.run(['perf','script','-i',perf,'--time',f'{a-0.01:.6f},{b:.6f}','-F','cpu,time,event,trace'],capture_output=True,text=True).stdout
ev=[]
for l in txt.splitlines():
  m=re.match(r'\s*\[(\d+)\]\s+([\d.]+):\s+(\S+):\s+(.*)',l)
  if m: ev.append((float(m.group(2)),int(m.group(1)),m.group(3),m.group(4)))
# main pid = most frequent 'node' tid?
cnt=collections.Counter()
for tm,c,e,tr in ev:
  if 'switch' in e:
    m=re.search(r'prev_comm=(.+?) prev_pid=(\d+) .*prev_state=(\S+) ==> next_comm=(.+?) next_pid=(\d+)',tr); cnt[m.group(2)]+=1
th=S['threads']; 
# running intervals per cpu: (start,end,tid,comm)
cur={}; iv=[]
for tm,c,e,tr in ev:
  if 'switch' not in e: continue
  m=re.search(r'prev_comm=(.+?) prev_pid=(\d+) .*prev_state=(\S+) ==> next_comm=(.+?) next_pid=(\d+)',tr)
  if c in cur: iv.append((cur[c][0],tm,c,cur[c][1],cur[c][2]))
  cur[c]=(tm,m.group(5),m.group(4))
# identify main and worker: the two tids with most running time
run=collections.Counter()
for s0,s1,c,tid,comm in iv: run[(tid,comm)]+=s1-s0
top=[k for k,_ in run.most_common(3) if k[0]!='0'][:2]
names={top[0][0]:'A',top[1][0]:'B'}
print('top runners',run.most_common(6))
med=sorted(steps)[len(steps)//2]
for k,x in enumerate(steps):
  if x<=4*med: continue
  s0,s1=bounds[k],bounds[k+1]
  who=collections.Counter()
  for i0,i1,c,tid,comm in iv:
    o=min(i1,s1)-max(i0,s0)
    if o>0: who[(c,names.get(tid,comm+':'+tid))]+=o*1e3
  desc=' '.join(f'cpu{c}:{w}={v:.2f}' for (c,w),v in sorted(who.items()) if v>0.05)
  print(f'step {k} {x}us | {desc}')
