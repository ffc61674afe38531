import type { NestExpressApplication } from '@nestjs/platform-express';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { TenantRegistry, type TenantConfig } from '@kk/tenancy';
import { createWebApp } from '../../apps/web/src/web-app.factory';
import {
  expectNoAxeViolations,
  launchBrowser,
  listenOnFreePort,
  PHONE,
  PHONE_VIEWPORT,
  type BrowserSession,
} from '../support/browser';

// Launching Chromium and loading a page is seconds, not milliseconds, on a loaded CI machine.
jest.setTimeout(60_000);

/** The few browser globals these checks read; tsconfig has no DOM lib. */
interface PageWindow {
  innerWidth: number;
  document: { documentElement: { scrollWidth: number }; querySelector(selector: string): unknown };
  getComputedStyle(element: unknown): { color: string; borderBottomColor: string };
}

/** '#1d4e89' as getComputedStyle reports it: 'rgb(29, 78, 137)'. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

describe('web front page in Chromium (e2e)', () => {
  let app: NestExpressApplication;
  let port: number;
  let session: BrowserSession;
  let registry: TenantRegistry;

  beforeAll(async () => {
    app = await createWebApp({ logger: false });
    registry = app.get(TenantRegistry);
    port = await listenOnFreePort(app);
    session = await launchBrowser();
  });

  afterAll(async () => {
    await session?.close();
    await app?.close();
  });

  /** Opens the tenant's front page by its own host name; `problems` collects console and page errors. */
  async function openFrontPage(
    tenant: TenantConfig,
    options: BrowserContextOptions = {},
  ): Promise<{ page: Page; problems: string[] }> {
    const page = await session.newPage(options);
    // A CSP violation (say, the theme's <style> without its nonce) shows up only here.
    const problems: string[] = [];
    page.on('console', (message) => {
      const { url } = message.location();
      // Chromium asks for /favicon.ico by itself, at a moment of its choosing; the layout links no icon.
      if (message.type() === 'error' && !url.endsWith('/favicon.ico')) {
        problems.push(`console: ${message.text()} (${url})`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    const response = await page.goto(`http://${tenant.hosts[0]}:${port}/`);
    expect(response?.status()).toBe(200);
    return { page, problems };
  }

  describe.each(['sctibs', 'gladsaxe'])('%s', (slug) => {
    let tenant: TenantConfig;

    beforeAll(() => {
      tenant = registry.require(slug);
    });

    it('shows its product name in its own theme colours', async () => {
      const { page, problems } = await openFrontPage(tenant);

      expect(await page.locator('h1').textContent()).toBe(`Velkommen til ${tenant.productName}`);
      expect(await page.locator('.brand__name').textContent()).toBe(tenant.productName);
      // The colours come from the tenant's inline <style>; a blocked or missing one leaves site.css' defaults.
      const colours = await page.evaluate(() => {
        const win = globalThis as unknown as PageWindow;
        return {
          heading: win.getComputedStyle(win.document.querySelector('h1')).color,
          headerRule: win.getComputedStyle(win.document.querySelector('.site-header')).borderBottomColor,
        };
      });
      expect(colours).toEqual({ heading: rgb(tenant.theme.primaryColor), headerRule: rgb(tenant.theme.accentColor) });
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('fits a phone screen without sideways scrolling', async () => {
      const { page, problems } = await openFrontPage(tenant, PHONE);

      const layout = await page.evaluate(() => {
        const win = globalThis as unknown as PageWindow;
        return {
          innerWidth: win.innerWidth,
          scrollWidth: win.document.documentElement.scrollWidth,
        };
      });
      // A phone lays a page out at 980 px without the viewport meta, and widens the layout to fit
      // anything too wide with it, so both widths must stay at the screen's.
      expect(layout).toEqual({ innerWidth: PHONE_VIEWPORT.width, scrollWidth: PHONE_VIEWPORT.width });
      expect(await page.locator('h1').isVisible()).toBe(true);
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it.each([
      ['desktop', {}],
      ['phone', PHONE],
    ])('has no WCAG 2.1 A/AA violations on a %s', async (viewport, options) => {
      const { page } = await openFrontPage(tenant, options);

      await expectNoAxeViolations(page, `${slug}'s front page on a ${viewport}`);
      await page.context().close();
    });
  });
});
