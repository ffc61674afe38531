import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import axe, { type AxeResults, type RunOptions } from 'axe-core';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { freePort } from '@kk/database';
import { chromiumPath } from '../../scripts/ensure-chromium';

/**
 * How this workplace's machines run Chromium: without these, the closed network refuses
 * Chromium's background connections many at a time. Playwright adds some of them itself;
 * repeating them is harmless and keeps the list checkable against the machine notes.
 * The fresh, empty --user-data-dir comes from Playwright: chromium.launch() creates one in
 * the temp dir and deletes it on close (it refuses --user-data-dir in args).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A phone's screen (iPhone SE): 375 CSS pixels is the narrowest the portal must work at. */
export const PHONE_VIEWPORT = { width: 375, height: 667 } as const;

/** Context options for a page on that phone. */
export const PHONE: BrowserContextOptions = {
  viewport: PHONE_VIEWPORT,
  deviceScaleFactor: 2,
  // isMobile makes Chromium honour <meta name="viewport">, as a phone does.
  isMobile: true,
  hasTouch: true,
};

/** The WCAG 2.1 A and AA rules; best-practice rules are advice, not a test failure. */
const WCAG21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface BrowserSession {
  readonly browser: Browser;
  /** A page in a context of its own, so cookies and storage never leak between pages. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Headless Debian Chromium driven by playwright-core. Throws, never skips, when Chromium is
 * missing: `npm test` installs it first (scripts/ensure-chromium).
 */
export async function launchBrowser(): Promise<BrowserSession> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: run \`node dist/scripts/ensure-chromium.js\` as root, ` +
        '`sudo apt-get install -y chromium`, or set CHROMIUM_PATH.',
    );
  }
  const browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
  return {
    browser,
    newPage: async (options = {}) => {
      const context = await browser.newContext(options);
      return context.newPage();
    },
    close: () => browser.close(),
  };
}

/**
 * Serves a Nest app on a free loopback port and returns the port. Pages open it by tenant
 * host, e.g. http://sctibs.localhost:<port>/: Chromium resolves *.localhost to loopback
 * itself, so no hosts file or resolver rule is needed.
 */
export async function listenOnFreePort(app: INestApplication): Promise<number> {
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  return port;
}

/** Fails with one readable line per violated rule and element when axe finds WCAG 2.1 A/AA violations. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  // Evaluated over the DevTools protocol, so the page's CSP (no inline scripts) does not block it.
  await page.evaluate(axe.source);
  const options: RunOptions = { runOnly: { type: 'tag', values: WCAG21_AA_TAGS }, resultTypes: ['violations'] };
  const results = await page.evaluate(async (runOptions) => {
    // The page's own axe, injected above; tsconfig has no DOM lib, so its shape is spelled out.
    const pageAxe = (globalThis as unknown as { axe: { run(options: RunOptions): Promise<AxeResults> } }).axe;
    const { violations } = await pageAxe.run(runOptions);
    // Only plain data crosses back to Node: elements would not serialise.
    return violations.map(({ id, impact, help, helpUrl, nodes }) => ({
      id,
      impact: impact ?? null,
      help,
      helpUrl,
      targets: nodes.map((node) => ({ target: JSON.stringify(node.target), summary: node.failureSummary ?? '' })),
    }));
  }, options);
  if (results.length === 0) return;
  const lines = results.flatMap((v) => [
    `- ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help} — ${v.helpUrl}`,
    ...v.targets.map((t) => `    ${t.target}: ${oneLine(t.summary)}`),
  ]);
  throw new Error(
    `axe found ${results.length} WCAG 2.1 A/AA violation(s) on ${label} (${page.url()}):\n${lines.join('\n')}`,
  );
}

// axe's failure summary is a heading line ('Fix any of the following:') and one line per check.
function oneLine(summary: string): string {
  return summary
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .reduce((text, line) => (text === '' ? line : `${text}${text.endsWith(':') ? ' ' : '; '}${line}`), '');
}

let screenshotDir: string | undefined;

/**
 * Saves a full-page PNG for debugging and returns its path: under SCREENSHOT_DIR when set,
 * else one temp dir per test process (tests must not write into the repository).
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = process.env.SCREENSHOT_DIR || (screenshotDir ??= mkdtempSync(join(tmpdir(), 'kantinekort-screenshots-')));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The login form filled and sent as a parent does, until "Mine konti" has loaded. */
export async function signInWithEmail(
  page: Page,
  origin: string,
  login: { readonly email: string; readonly password: string },
): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.fill('#email', login.email);
  await page.fill('#password', login.password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${origin}/konti`);
}
