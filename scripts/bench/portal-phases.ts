import type { ClientAddresses, PortalTarget } from './portal-browser';
import { browse, loginBurst, loginBurstsFor, Recorder, type BrowsingUser, type StatementPeriod } from './portal-load';
import type { PortalBenchOptions } from './portal-options';
import { comparison, CpuTally, cpuMark, header, out, table, type CpuParties } from './portal-report';
import type { EmailParent } from './portal-seed';

export const SCTIBS_HOST = 'sctibs.localhost';

/** Everything a round needs: the signed-in browsers and who posts the bursts' logins. */
export interface PhaseContext {
  readonly options: PortalBenchOptions;
  readonly target: PortalTarget;
  readonly users: readonly BrowsingUser[];
  /** Who posts the login form in the bursts: other parents than the browsing ones. */
  readonly burstParents: readonly EmailParent[];
  readonly period: StatementPeriod;
  readonly addresses: ClientAddresses;
  /** The page series, in print order. */
  readonly pages: readonly string[];
  readonly pgPid: number;
  readonly redisPid: number;
}

/** One portal process under test, with its hashing bound. */
export interface PortalUnderTest {
  readonly label: string;
  readonly port: number;
  readonly pid: number;
}

/** One condition's latencies and CPU, added up over the rounds. */
class Condition {
  readonly recorder = new Recorder();
  readonly cpu = new CpuTally();
  seconds = 0;
  bursts = 0;
}

export interface PortalResults {
  readonly portal: PortalUnderTest;
  readonly alone: Condition;
  /** Browsing alone, each user reading a page for about --think-ms before the next. */
  readonly paced: Condition;
  readonly loginAlone: Condition;
  readonly withBursts: Condition;
}

export function portalResults(portal: PortalUnderTest): PortalResults {
  return {
    portal,
    alone: new Condition(),
    paced: new Condition(),
    loginAlone: new Condition(),
    withBursts: new Condition(),
  };
}

const burstKey = (options: PortalBenchOptions) => `sctibs · login POST, burst of ${options.burst}`;
const whileKey = (options: PortalBenchOptions) => `${burstKey(options)}, while browsing`;

/** A process's first pages (templates compiled, code optimised) before any round counts on it. */
export async function warmUp(ctx: PhaseContext, portal: PortalUnderTest): Promise<void> {
  ctx.target.moveTo(portal.port);
  await browse(ctx.users, ctx.period, ctx.options.warmupSeconds * 3, undefined);
}

/**
 * One round on one portal process: browsing alone (closed loop, then at a reader's pace), one
 * login burst alone, then browsing while bursts run back to back. The bench runs the rounds of both processes in turn (both keep
 * running), so a neighbour's load on the shared machine falls on both alike.
 */
export async function round(ctx: PhaseContext, results: PortalResults): Promise<void> {
  const { options } = ctx;
  const parties: CpuParties = { portalPid: results.portal.pid, pgPid: ctx.pgPid, redisPid: ctx.redisPid };
  ctx.target.moveTo(results.portal.port);
  await browse(ctx.users, ctx.period, options.warmupSeconds, undefined);
  const timed = async (condition: Condition, work: () => Promise<unknown>) => {
    const before = cpuMark(parties);
    await work();
    const after = cpuMark(parties);
    condition.cpu.add(before, after);
    condition.seconds += (after.at - before.at) / 1000;
  };
  const burst = (recorder: Recorder, key: string) => () =>
    loginBurst(ctx.target, SCTIBS_HOST, ctx.burstParents, options.burst, ctx.addresses, recorder, key);

  await timed(results.alone, () => browse(ctx.users, ctx.period, options.seconds, results.alone.recorder));
  if (options.thinkMs > 0)
    await timed(results.paced, () =>
      browse(ctx.users, ctx.period, options.seconds, results.paced.recorder, options.thinkMs),
    );
  await timed(results.loginAlone, burst(results.loginAlone.recorder, burstKey(options)));
  results.loginAlone.bursts += 1;
  const withBursts = results.withBursts;
  await timed(withBursts, async () => {
    const [, bursts] = await Promise.all([
      browse(ctx.users, ctx.period, options.seconds, withBursts.recorder),
      loginBurstsFor(options.seconds, burst(withBursts.recorder, whileKey(options))),
    ]);
    withBursts.bursts += bursts;
  });
}

/** The three conditions of one portal process, over all its rounds. */
export function report(ctx: PhaseContext, results: PortalResults): void {
  const { options } = ctx;
  const { label } = results.portal;
  const rounds = results.loginAlone.bursts;
  const browsing = options.seconds * rounds;
  header(`${label} · browsing alone: ${ctx.users.length} users, closed loop, ${rounds} × ${options.seconds} s`);
  table(results.alone.recorder, ctx.pages, browsing);
  out(results.alone.cpu.line(results.alone.recorder.total()));
  if (options.thinkMs > 0) {
    header(
      `${label} · browsing at a reader's pace: ${ctx.users.length} users, each reading a page ` +
        `${options.thinkMs / 2}–${(options.thinkMs * 3) / 2} ms before the next, ${rounds} × ${options.seconds} s`,
    );
    table(results.paced.recorder, ctx.pages, browsing);
    out(results.paced.cpu.line(results.paced.recorder.total()));
  }

  const logins = results.loginAlone;
  header(`${label} · login burst alone: ${options.burst} POST /login at once, no browsing, ${rounds} burst(s)`);
  table(logins.recorder, logins.recorder.keys(), logins.seconds);
  out(`(GET /login included in the CPU)  ${logins.cpu.line(options.burst * rounds)}`);

  const w = results.withBursts;
  header(`${label} · browsing while login bursts run: ${w.bursts} burst(s) of ${options.burst} back to back`);
  table(w.recorder, [...ctx.pages, ...w.recorder.keys().filter((k) => !ctx.pages.includes(k))], browsing);
  out(`${w.cpu.line(w.recorder.total())} (per page or login POST; the bursts' GET /login not counted)`);
  comparison(label, results.alone.recorder, w.recorder, ctx.pages);
}

export function summary(ctx: PhaseContext, all: readonly PortalResults[]): void {
  header('summary: the same pages, the same sessions, rounds interleaved between the two processes');
  for (const results of all)
    comparison(results.portal.label, results.alone.recorder, results.withBursts.recorder, ctx.pages);
  for (const results of all) {
    const s = results.loginAlone.recorder.summary(burstKey(ctx.options));
    const w = results.withBursts.recorder.summary(whileKey(ctx.options));
    out(
      `${results.portal.label}: login POST p50/p95/p99 ${s.p50.toFixed(0)}/${s.p95.toFixed(0)}/${s.p99.toFixed(0)} ms alone, ` +
        `${w.p50.toFixed(0)}/${w.p95.toFixed(0)}/${w.p99.toFixed(0)} ms while browsing`,
    );
  }
  if (ctx.options.thinkMs > 0) {
    for (const results of all) {
      out(`${results.portal.label}: page p95 (ms), closed loop → at a reader's pace (${ctx.options.thinkMs} ms)`);
      for (const key of ctx.pages) {
        const closed = results.alone.recorder.summary(key).p95;
        const paced = results.paced.recorder.summary(key).p95;
        out(`  ${key.padEnd(40)} ${closed.toFixed(0).padStart(6)} → ${paced.toFixed(0).padStart(6)}`);
      }
    }
  }
}
