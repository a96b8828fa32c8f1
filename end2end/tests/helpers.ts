import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type CDPSession, type Page } from '@playwright/test';

/** WCAG 2.2 AA, as axe-core tags it. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Fails with the list of violations when axe-core finds any on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/**
 * Proves a page without islands is plain HTML: it fetched no script and no WebAssembly (Leptos
 * islands mode; only pages with an island load the island module), and a link is an ordinary
 * page load.
 */
export async function expectPlainPage(page: Page, linkName: string | RegExp) {
  await expect(page.locator('leptos-island')).toHaveCount(0);
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => /\.(js|wasm)(\?|$)/.test(name)),
  );
  expect(scripts, `scripts fetched by ${page.url()}`).toEqual([]);
  await page.getByRole('link', { name: linkName }).first().click();
  await page.waitForLoadState('domcontentloaded');
}

/** Waits until the page's islands are interactive (set by the island module after hydrating them). */
export async function expectIslandsReady(page: Page) {
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
}

/** Every test fails on an uncaught error in a Sillage page. */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page, baseURL }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => {
        if (page.url().startsWith(baseURL ?? '')) errors.push(error.message);
      });
      page.on('console', (message) => {
        if (message.type() !== 'error' || !page.url().startsWith(baseURL ?? '')) return;
        // Chromium logs a document served with 4xx (our error and 404 pages) as a failed load.
        const ownStatus =
          message.text().startsWith('Failed to load resource') && message.location().url === page.url();
        if (!ownStatus) errors.push(message.text());
      });
      await use(errors);
      expect(errors, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Signs in at the test provider's own login form (oidc-provider's interactions). */
export async function signInAtProvider(page: Page, providerLabel: RegExp, login: string, stay = false) {
  await page.goto('/connexion');
  if (stay) await page.getByLabel('Rester connecté·e sur cet appareil').check();
  await page.getByRole('button', { name: providerLabel }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any-password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** A platform authenticator with user verification, as on a phone, in Chromium's DevTools. */
export async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}
