import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * CPU time of the three parties sharing the two cores: this process (the load generator),
 * the POS app and PostgreSQL. Per request it shows where the budget goes; against the wall
 * clock it shows whether something outside the bench was eating the machine. Linux /proc
 * only; elsewhere the figures are NaN.
 */
export interface CpuSnapshot {
  /** Busy time of the whole machine, all processes, from /proc/stat. */
  readonly machineMs: number;
  readonly benchMs: number;
  readonly posMs: number;
  readonly pgMs: number;
}

export interface CpuPerRequest {
  readonly benchMs: number;
  readonly posMs: number;
  readonly pgMs: number;
  /** All three together, in cores (1 = one core busy for the whole phase). */
  readonly cores: number;
  /** Cores used by everything else on the machine meanwhile: the noise. */
  readonly otherCores: number;
}

const TICK_MS = 1000 / clockTicks();

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** Fields of /proc/<pid>/stat after "pid (comm)": [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime. */
function statFields(pid: number | string): string[] | undefined {
  try {
    const text = readFileSync(join('/proc', String(pid), 'stat'), 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function ownMs(fields: string[] | undefined): number {
  return fields ? (Number(fields[11]) + Number(fields[12])) * TICK_MS : Number.NaN;
}

/**
 * The postmaster's reaped children (cutime/cstime: backends that exited, e.g. the direct
 * clients' after each phase) plus its live children: all of PostgreSQL's CPU so far.
 */
function postgresMs(postmasterPid: number): number {
  const postmaster = statFields(postmasterPid);
  if (!postmaster) return Number.NaN;
  let total = ownMs(postmaster) + (Number(postmaster[13]) + Number(postmaster[14])) * TICK_MS;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields && Number(fields[1]) === postmasterPid) total += ownMs(fields);
  }
  return total;
}

/** user+nice+system+irq+softirq+steal of the "cpu" line: everything but idle and iowait. */
function machineBusyMs(): number {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
    return (user + nice + system + irq + softirq + (steal || 0)) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}

export function postmasterPid(dataDir: string): number {
  try {
    return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return Number.NaN;
  }
}

export function cpuSnapshot(posPid: number, pgPid: number): CpuSnapshot {
  const own = process.cpuUsage();
  return {
    machineMs: machineBusyMs(),
    benchMs: (own.user + own.system) / 1000,
    posMs: ownMs(statFields(posPid)),
    pgMs: postgresMs(pgPid),
  };
}

/** `elapsedMs` is the load window: the snapshots bracket it plus a short idle settle. */
export function cpuPerRequest(
  before: CpuSnapshot,
  after: CpuSnapshot,
  requests: number,
  elapsedMs: number,
): CpuPerRequest {
  const bench = after.benchMs - before.benchMs;
  const pos = after.posMs - before.posMs;
  const pg = after.pgMs - before.pgMs;
  return {
    benchMs: bench / requests,
    posMs: pos / requests,
    pgMs: pg / requests,
    cores: (bench + pos + pg) / elapsedMs,
    // Clamped: tick rounding (10 ms) can make a quiet machine look slightly negative.
    otherCores: Math.max(0, (after.machineMs - before.machineMs - bench - pos - pg) / elapsedMs),
  };
}
