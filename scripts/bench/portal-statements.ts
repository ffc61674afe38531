import { pagePath, PAGES, type BrowsingUser, type StatementPeriod } from './portal-load';
import { header, out } from './portal-report';
import { oneLine, resetStatementProfile, topStatements } from './statement-profile';

const VISITS = 20;

interface PageStatements {
  readonly calls: number;
  readonly execMs: number;
  readonly planMs: number;
  readonly top: readonly {
    readonly calls: number;
    readonly execMs: number;
    readonly planMs: number;
    readonly query: string;
  }[];
}

/**
 * What each page asks the database: one user opens it VISITS times one after the other, with
 * pg_stat_statements reset before, and the app role's top-level statements (BEGIN and COMMIT
 * included) are counted per visit. Each statement is a round trip, and on two cores a round
 * trip is two context switches besides the statement's own parse, plan and execution.
 */
export async function statementsPerPage(
  adminUrl: string,
  users: readonly BrowsingUser[],
  period: StatementPeriod,
): Promise<void> {
  header(`database statements per page: ${VISITS} visits each by one user, pg_stat_statements`);
  out('    per visit: calls × executing + planning ms');
  for (const tenant of ['sctibs', 'gladsaxe']) {
    const user = users.find((u) => u.tenant === tenant);
    if (!user) continue;
    for (const page of PAGES) {
      await resetStatementProfile(adminUrl);
      for (let i = 0; i < VISITS; i += 1) {
        const reply = await user.browser.get(pagePath(page, user.accountId, period));
        if (reply.status !== 200) throw new Error(`${tenant} ${page} answered ${reply.status}`);
      }
      const stats = await pageStatements(adminUrl);
      out(
        `${`${tenant} · ${page}`.padEnd(34)} ${(stats.calls / VISITS).toFixed(1).padStart(5)} statements, ` +
          `${(stats.execMs / VISITS).toFixed(2)} ms executing, ${(stats.planMs / VISITS).toFixed(2)} ms planning per visit`,
      );
      for (const s of stats.top)
        out(
          `    ${(s.calls / VISITS).toFixed(1).padStart(5)} × ` +
            `${(s.execMs / VISITS).toFixed(2).padStart(6)} + ${(s.planMs / VISITS).toFixed(2).padStart(5)} ms  ${s.query}`,
        );
    }
  }
}

async function pageStatements(adminUrl: string): Promise<PageStatements> {
  const stats = await topStatements(adminUrl, 100, true);
  const byCalls = [...stats].sort((a, b) => b.calls - a.calls || b.totalMs - a.totalMs);
  return {
    calls: stats.reduce((sum, s) => sum + s.calls, 0),
    execMs: stats.reduce((sum, s) => sum + s.totalMs, 0),
    planMs: stats.reduce((sum, s) => sum + s.planMs, 0),
    top: byCalls.map((s) => ({ calls: s.calls, execMs: s.totalMs, planMs: s.planMs, query: oneLine(s.query, 110) })),
  };
}
