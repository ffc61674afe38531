import { percentile } from './stats';
import { openLoginForm, postLoginForm, signedIn, type Credentials } from './portal-sign-in';
import { ClientAddresses, PortalBrowser, type PortalTarget, type Reply } from './portal-browser';

/** The three pages a parent looks at, in the order the loop visits them. */
export const PAGES = ['Mine konti', 'Brugeroplysninger', 'Kontoudskrift (1 år)'] as const;
export type PageName = (typeof PAGES)[number];

/** A signed-in parent and the account it looks at. */
export interface BrowsingUser {
  readonly tenant: string;
  readonly browser: PortalBrowser;
  readonly accountId: string;
}

/** The statement's period: the last year up to today, as the form sends it. */
export interface StatementPeriod {
  readonly fra: string;
  readonly til: string;
}

export function pagePath(page: PageName, accountId: string, period: StatementPeriod): string {
  if (page === 'Mine konti') return '/konti';
  if (page === 'Brugeroplysninger') return `/konti/${accountId}/oplysninger`;
  return `/konti/${accountId}/kontoudskrift?${new URLSearchParams({ fra: period.fra, til: period.til }).toString()}`;
}

/** Latencies and outcomes per series (tenant × page, or a login kind). */
export class Recorder {
  private readonly series = new Map<string, { ms: number[]; failed: Map<string, number>; bytes: number }>();

  record(key: string, reply: Reply | undefined, ok: boolean, error?: unknown): void {
    const s = this.entry(key);
    if (reply && ok) {
      s.ms.push(reply.ms);
      s.bytes = reply.body.length;
      return;
    }
    const why = reply ? `HTTP ${reply.status}` : error instanceof Error ? error.message : String(error);
    s.failed.set(why, (s.failed.get(why) ?? 0) + 1);
  }

  /** A success timed as a whole (a MitID sign-in: several requests). */
  recordTime(key: string, ms: number): void {
    this.entry(key).ms.push(ms);
  }

  keys(): string[] {
    return [...this.series.keys()];
  }

  total(): number {
    let n = 0;
    for (const s of this.series.values()) n += s.ms.length + [...s.failed.values()].reduce((a, b) => a + b, 0);
    return n;
  }

  summary(key: string): SeriesSummary {
    const s = this.entry(key);
    const sorted = Float64Array.from(s.ms).sort();
    const failures = [...s.failed].map(([why, n]) => `${n}× ${why}`).join(', ');
    return {
      ok: sorted.length,
      failed: [...s.failed.values()].reduce((a, b) => a + b, 0),
      failures,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? Number.NaN,
      bytes: s.bytes,
    };
  }

  private entry(key: string) {
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { ms: [], failed: new Map(), bytes: 0 }));
    return s;
  }
}

export interface SeriesSummary {
  readonly ok: number;
  readonly failed: number;
  readonly failures: string;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly bytes: number;
}

export const pageKey = (tenant: string, page: PageName) => `${tenant} · ${page}`;

/**
 * A closed loop: every user asks for its next page as soon as the last one answered (no think
 * time), round the three pages, until `seconds` are up. Answers other than 200 count as failed.
 * With `thinkMs`, each user first reads the page it got for a while, uniformly 0.5–1.5 ×
 * thinkMs (so users do not click in step).
 */
export async function browse(
  users: readonly BrowsingUser[],
  period: StatementPeriod,
  seconds: number,
  recorder: Recorder | undefined,
  thinkMs = 0,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    users.map(async (user, u) => {
      // At a reader's pace the users do not all start at once either.
      if (thinkMs > 0) await sleep(Math.random() * thinkMs);
      for (let step = u % PAGES.length; Date.now() < deadline; step = (step + 1) % PAGES.length) {
        const page = PAGES[step];
        try {
          const reply = await user.browser.get(pagePath(page, user.accountId, period));
          recorder?.record(pageKey(user.tenant, page), reply, reply.status === 200);
        } catch (error) {
          recorder?.record(pageKey(user.tenant, page), undefined, false, error);
        }
        if (thinkMs > 0) await sleep(Math.min(thinkMs * (0.5 + Math.random()), deadline - Date.now()));
      }
    }),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * `count` parents posting the login form at the same moment, each from a browser of its own
 * (and an address of its own) that has just loaded the login page. Only the POST is timed.
 */
export async function loginBurst(
  target: PortalTarget,
  host: string,
  parents: readonly Credentials[],
  count: number,
  addresses: ClientAddresses,
  recorder: Recorder,
  key: string,
): Promise<void> {
  // A browser whose login page failed (counted) takes no part in the burst.
  const forms = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      try {
        return await openLoginForm(new PortalBrowser(target, host, addresses.take()), parents[i % parents.length]);
      } catch (error) {
        recorder.record(`${key} (its GET /login)`, undefined, false, error);
        return undefined;
      }
    }),
  );
  await Promise.all(
    forms.map(async (form) => {
      if (!form) return;
      try {
        const reply = await postLoginForm(form);
        recorder.record(key, reply, signedIn(reply));
      } catch (error) {
        recorder.record(key, undefined, false, error);
      }
    }),
  );
}

/** Login bursts one after the other until `seconds` are up (the last one is waited for). */
export async function loginBurstsFor(seconds: number, burst: () => Promise<void>): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  let bursts = 0;
  while (Date.now() < deadline) {
    await burst();
    bursts += 1;
  }
  return bursts;
}
