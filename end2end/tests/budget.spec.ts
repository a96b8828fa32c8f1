import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from './helpers';

// The byte budget of a first visit, with an empty cache, on an old phone and a slow link: every
// byte on the wire (HTML, CSS, JS, WASM; headers and bodies as served, compressed) of one page.
// Pupils' pages: 170 KB (Alex Russell's critical-path budget); guardians' and counsellors': 250 KB.
const PUPIL_BUDGET = 170 * 1024;
const ADULT_BUDGET = 250 * 1024;
// The vault's own module (key derivation, encryption) is fetched by `/coffre-fort` only, after
// the page is up; it is measured apart and no other page may fetch it.
const VAULT_MODULE = '/pkg/vault/';

type Visit = { bytes: number; byUrl: Map<string, number>; vaultModule: number };

/** A signed-in browser context's cookies, to open each page in a fresh context (empty cache). */
async function signedIn(browser: Browser, who: RegExp): Promise<Awaited<ReturnType<BrowserContext['storageState']>>> {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto('/connexion');
  await page.getByRole('button', { name: who }).click();
  await expect(page.getByTestId('who')).toBeVisible();
  const state = await context.storageState();
  await context.close();
  return state;
}

async function visit(browser: Browser, path: string, state?: Awaited<ReturnType<BrowserContext['storageState']>>): Promise<Visit> {
  const context = await browser.newContext({ locale: 'fr-FR', storageState: state });
  const page = await context.newPage();
  const sizes: Promise<[string, number]>[] = [];
  page.on('requestfinished', (request) => {
    sizes.push(
      request.sizes().then((s) => [request.url(), s.responseHeadersSize + s.responseBodySize] as [string, number]),
    );
  });
  const response = await page.goto(path);
  expect(response?.status(), `${path} answers`).toBeLessThan(400);
  await settle(page);
  const all = await Promise.all(sizes);
  await context.close();
  const byUrl = new Map<string, number>();
  let bytes = 0;
  let vaultModule = 0;
  for (const [url, size] of all) {
    byUrl.set(url, (byUrl.get(url) ?? 0) + size);
    if (new URL(url).pathname.startsWith(VAULT_MODULE)) vaultModule += size;
    else bytes += size;
  }
  return { bytes, byUrl, vaultModule };
}

/** Waits for the page's islands, if it has any, to be interactive, and the network to rest. */
async function settle(page: Page) {
  if ((await page.locator('leptos-island').count()) > 0) {
    await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
  }
  await page.waitForLoadState('networkidle');
}

function report(path: string, seen: Visit) {
  const lines = [...seen.byUrl.entries()].map(([url, size]) => `  ${(size / 1024).toFixed(1)} KB ${new URL(url).pathname}`);
  return `${path}: ${(seen.bytes / 1024).toFixed(1)} KB\n${lines.join('\n')}`;
}

async function expectWithin(browser: Browser, path: string, budget: number, state?: Awaited<ReturnType<BrowserContext['storageState']>>) {
  const seen = await visit(browser, path, state);
  console.log(report(path, seen));
  expect(seen.bytes, report(path, seen)).toBeLessThanOrEqual(budget);
  if (path !== '/coffre-fort') expect(seen.vaultModule, `${path} fetched the vault module`).toBe(0);
  return seen;
}

test.describe('the byte budget of a first visit', () => {
  test('pages without an account', async ({ browser }) => {
    for (const path of ['/', '/connexion', '/page-qui-n-existe-pas']) {
      const context = await browser.newContext({ locale: 'fr-FR' });
      const page = await context.newPage();
      const sizes: Promise<number>[] = [];
      page.on('requestfinished', (r) => sizes.push(r.sizes().then((s) => s.responseHeadersSize + s.responseBodySize)));
      await page.goto(path);
      await settle(page);
      const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
      await context.close();
      expect(bytes, `${path}: ${bytes} bytes`).toBeLessThanOrEqual(PUPIL_BUDGET);
    }
  });

  test("a pupil's pages", async ({ browser }) => {
    const pupil = await signedIn(browser, /Camille Démo-Martin \(Élève/);
    // One entry, for the entry page.
    const context = await browser.newContext({ locale: 'fr-FR', storageState: pupil });
    const page = await context.newPage();
    await page.goto('/portfolio/entrees/nouvelle');
    await page.getByLabel('Titre').fill(`Budget ${Date.now()}`);
    await page.getByLabel('Date de début').fill('2026-03-10');
    await page.getByTestId('save-entry').click();
    await expect(page).toHaveURL(/\/portfolio\/entrees\/\d+$/);
    const entry = new URL(page.url()).pathname;
    await context.close();

    for (const path of [
      '/',
      '/portfolio',
      '/portfolio/chronologie',
      '/portfolio/competences',
      '/portfolio/entrees/nouvelle',
      entry,
      `${entry}/modifier`,
      '/portfolio/pages',
      '/portfolio/exporter',
      '/pix',
      '/orientation?q=boulanger',
      '/orientation/metiers/MET.38',
      '/orientation/formations/FOR.2246',
      '/orientation/projet',
      '/orientation/plan',
      '/journal',
      '/appareils',
      '/cles-d-acces',
      '/famille',
      '/coffre-fort/lecons/phrase-de-passe',
    ]) {
      await expectWithin(browser, path, PUPIL_BUDGET, pupil);
    }
  });

  // The vault page is the one pupil page over the budget. It comes with the unlock (or create)
  // screen only: the open vault (list, editor, import, settings: 122 KB) is a chunk of its own,
  // fetched once the pupil unlocks (`open_vault_view`, `#[lazy]`). What it still loads on top of
  // the island runtime (108 KB) is the vault island's first screen (48 KB) and the code that
  // screen shares with the open vault (67 KB). This holds today's figure (241 KB; 322 KB before
  // the open vault was cut off, 237 KB before the page came with its first screen's form, which
  // took Lighthouse's performance score from 85 to 99) so that it cannot grow unseen. 243 KB
  // since `/orientation`'s lazy suggestion island (2026-12-07): the split moved code that island
  // shares with the vault's into two small chunks (3.4 KB) the vault page now fetches too, while
  // the island module shrank by 1.5 KB; +1.8 KB in all, mostly two more responses' headers.
  // 2026-12-08: +0.2 KB, the texts the one catalogue carries for the new refusals and
  // journal lines (a body too slow, an export under way, a vault item deleted, an archive of too
  // many files) and the vault's key proof sent with four more calls.
  const VAULT_PAGE_TODAY = 244 * 1024;
  test('the vault page, over budget: held at today\'s size, its module fetched on it only', async ({ browser }) => {
    const pupil = await signedIn(browser, /Camille Démo-Martin \(Élève/);
    const vault = await expectWithin(browser, '/coffre-fort', VAULT_PAGE_TODAY, pupil);
    expect(vault.vaultModule, 'the vault page fetched its module').toBeGreaterThan(0);
    console.log(`/coffre-fort's own module: ${(vault.vaultModule / 1024).toFixed(1)} KB`);
    // Every part of the app's module the page fetches is named in its HTML, so that the browser
    // fetches them all at once instead of learning of each after the one before it.
    const context = await browser.newContext({ locale: 'fr-FR', storageState: pupil });
    const page = await context.newPage();
    await page.goto('/coffre-fort');
    const named = await page.locator('link[rel="preload"], link[rel="modulepreload"]').evaluateAll((links) =>
      links.map((link) => new URL((link as HTMLLinkElement).href).pathname),
    );
    await context.close();
    const parts = [...vault.byUrl.keys()]
      .map((url) => new URL(url).pathname)
      .filter((path) => path.startsWith('/pkg/') && !path.startsWith(VAULT_MODULE) && /\.(wasm|js)$/.test(path));
    expect(parts.filter((path) => /\/(chunk_|split_)/.test(path)).length, 'the vault island comes in chunks').toBeGreaterThan(0);
    for (const path of parts) expect(named, `${path} is named in the page`).toContain(path);
  });

  test("a counsellor's and a guardian's pages", async ({ browser }) => {
    const counsellor = await signedIn(browser, /Nadia Démo-Benali/);
    for (const path of ['/', '/pix/classe', '/journal', '/appareils']) {
      await expectWithin(browser, path, ADULT_BUDGET, counsellor);
    }
    const guardian = await signedIn(browser, /Sophie Démo-Martin/);
    for (const path of ['/', '/journal', '/appareils']) {
      await expectWithin(browser, path, ADULT_BUDGET, guardian);
    }
  });
});
