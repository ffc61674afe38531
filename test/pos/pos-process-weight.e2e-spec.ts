import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
// The benchmark's entry runs on import, so its parts are loaded instead (the load generators among them).
const BENCH_PARTS = ['database', 'direct-load', 'http-load', 'pos-server', 'seed', 'workload'];
const ENTRIES: Record<string, string[]> = {
  'the POS app': ['dist/apps/pos/src/main.js'],
  'the POS benchmark': BENCH_PARTS.map((part) => `dist/scripts/bench/${part}.js`),
};

/** The packages a fresh Node process has loaded after requiring `entry` (compiled, as production runs it). */
function packagesLoadedBy(entries: string[]): string[] {
  const script = `${entries.map((entry) => `require(${JSON.stringify(resolve(ROOT, entry))});`).join('\n')}
    const names = Object.keys(require.cache).map((f) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean);
    process.stdout.write(JSON.stringify([...new Set(names)]));
    process.exit(0);`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
}

/**
 * nestjs-cls turns on async hooks for the whole process as it is imported (Node 20), which
 * costs every promise of the purchase path; only @kk/tenant-database may load it, and the
 * till's processes never build that module (README, Data access).
 */
describe("the till's processes stay light", () => {
  it.each(Object.entries(ENTRIES))('%s loads no nestjs-cls', (_name, entries) => {
    for (const entry of entries) {
      if (!existsSync(resolve(ROOT, entry))) throw new Error(`${entry} is missing: run \`npm run -s build\` first`);
    }
    const loaded = packagesLoadedBy(entries);
    // Proof that the parts did load: both use the database driver.
    expect(loaded).toContain('pg');
    expect(loaded.filter((name) => name.startsWith('nestjs-cls') || name.startsWith('@nestjs-cls'))).toEqual([]);
  });
});
