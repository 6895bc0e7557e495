/**
 * A real single-node Slurm cluster for the tests, on loopback, everything under a temporary
 * folder: a munge key and munged (own socket), slurm.conf naming this host at 127.0.0.1 with free
 * ports, slurmctld and slurmd in the foreground as our child processes. `stop()` ends exactly the
 * processes it started. Installs Debian's slurm-wlm and munge when missing and running as root.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const SLURM_BINARIES = ['slurmctld', 'slurmd', 'munged', 'sbatch', 'squeue', 'sinfo'];

/** Why Slurm cannot be set up here, or undefined when it can (installing it if needed). */
export function slurmUnavailable(): string | undefined {
  if (SLURM_BINARIES.every(has)) return undefined;
  if (process.getuid?.() !== 0) return 'Slurm (slurm-wlm, munge) is not installed and installing it needs root';
  if (!has('apt-get')) return 'Slurm is not installed and there is no apt-get to install it';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = (): number | null =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'slurm-wlm', 'munge'], { env, stdio: 'ignore', timeout: 600_000 }).status;
  if (install() !== 0) {
    spawnSync('apt-get', ['update'], { env, stdio: 'ignore', timeout: 300_000 });
    if (install() !== 0) return 'apt-get install slurm-wlm munge failed';
  }
  return SLURM_BINARIES.every(has) ? undefined : 'slurm-wlm was installed but its programs are not on PATH';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** A running cluster. */
export interface SlurmCluster {
  readonly dir: string;
  /** Environment for sbatch/squeue/brian-ts (SLURM_CONF). */
  readonly env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

async function waitFor(what: string, check: () => boolean, timeoutMs: number, logs: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what} did not come up in ${timeoutMs / 1000} s:\n${logs()}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Starts munged, slurmctld and slurmd; on any failure stops what it started and throws. */
export async function startSlurm(): Promise<SlurmCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'brian-ts-slurm-'));
  chmodSync(dir, 0o755);
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const child of children.reverse()) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const read = (f: string): string => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8').slice(-2000) : '');
  const logs = (): string => ['munged.log', 'slurmctld.log', 'slurmd.log'].map((f) => `--- ${f}\n${read(f)}`).join('\n');
  try {
    // munge: own key, socket, state; munged runs as root here, which needs --force.
    for (const d of ['state', 'spool', 'munge']) mkdirSync(join(dir, d), { recursive: true });
    const key = join(dir, 'munge', 'munge.key');
    writeFileSync(key, randomBytes(1024), { mode: 0o400 });
    const socket = join(dir, 'munge', 'munge.socket');
    children.push(
      spawn('munged', ['--foreground', '--force', `--key-file=${key}`, `--socket=${socket}`, `--pid-file=${join(dir, 'munge', 'munged.pid')}`, `--seed-file=${join(dir, 'munge', 'seed')}`, `--log-file=${join(dir, 'munged.log')}`], { stdio: 'ignore' }),
    );
    await waitFor('munged', () => existsSync(socket), 20_000, logs);
    const host = hostname().split('.')[0]!;
    const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
    const conf = join(dir, 'slurm.conf');
    writeFileSync(
      conf,
      [
        'ClusterName=briants',
        `SlurmctldHost=${host}(127.0.0.1)`,
        'SlurmUser=root',
        'SlurmdUser=root',
        'AuthType=auth/munge',
        'CredType=cred/munge',
        `AuthInfo=socket=${socket}`,
        `SlurmctldPort=${ctldPort}`,
        `SlurmdPort=${slurmdPort}`,
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_Core',
        'SchedulerType=sched/builtin',
        'MpiDefault=none',
        'ReturnToService=2',
        'JobAcctGatherType=jobacct_gather/none',
        'AccountingStorageType=accounting_storage/none',
        'JobCompType=jobcomp/none',
        `StateSaveLocation=${join(dir, 'state')}`,
        `SlurmdSpoolDir=${join(dir, 'spool')}`,
        `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
        `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
        `SlurmctldLogFile=${join(dir, 'slurmctld.log')}`,
        `SlurmdLogFile=${join(dir, 'slurmd.log')}`,
        `NodeName=${host} NodeAddr=127.0.0.1 CPUs=${availableParallelism()} State=UNKNOWN`,
        'PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP',
        '',
      ].join('\n'),
    );
    const env = { ...process.env, SLURM_CONF: conf };
    children.push(spawn('slurmctld', ['-D', '-i', '-f', conf], { env, stdio: 'ignore' }));
    children.push(spawn('slurmd', ['-D', '-f', conf, '-N', host], { env, stdio: 'ignore' }));
    await waitFor(
      'the Slurm node',
      () => /idle|mix|alloc/.test(spawnSync('sinfo', ['-h', '-o', '%T'], { env, encoding: 'utf8', timeout: 10_000 }).stdout ?? ''),
      60_000,
      logs,
    );
    void chownSync;
    return { dir, env, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
