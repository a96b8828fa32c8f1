import { expect, expectAccessible, expectIslandsReady, test, virtualAuthenticator } from './helpers';
import type { Page } from '@playwright/test';

// The demo as `scripts/run` serves it: demo accounts with their story, and no public URL set,
// so the server names itself `http://localhost:<port>` (passkeys on out of the box). Its own
// server, started by playwright.config.ts, on its own database.
const STORY_PORT = process.env.E2E_STORY_PORT ?? '3007';
test.use({ baseURL: `http://localhost:${STORY_PORT}` });

type Stop = { nav: string; href: string; check: (page: Page) => Promise<void> };

async function signIn(page: Page, who: RegExp) {
  await page.goto('/connexion');
  await page.getByRole('button', { name: who }).click();
  await expect(page.getByTestId('who')).toBeVisible();
}

/** The header's links, main navigation then the account's, as hrefs. */
async function headerLinks(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="main-nav"] a, [data-testid="account-nav"] a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

/** Follows each of the header's links in turn: the page is marked current, passes axe-core,
 * and shows the story's part that lives there. */
async function tour(page: Page, stops: Stop[]) {
  expect(await headerLinks(page)).toEqual(stops.map((s) => s.href));
  for (const stop of stops) {
    await page.locator(`header [data-nav="${stop.nav}"]`).click();
    await expect(page).toHaveURL(new RegExp(`${stop.href.replace(/\//g, '\\/')}$`));
    await expect(page.locator(`header [data-nav="${stop.nav}"]`)).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('header [aria-current="page"]')).toHaveCount(1);
    await stop.check(page);
    await expectAccessible(page);
    // Every page fits a 360 px phone: nothing to scroll sideways (WCAG 1.4.10, reflow).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${stop.href} is wider than the screen`).toBeLessThanOrEqual(0);
  }
}

/** The account's pages; `journal` is what the journal must show (`null`: lines, whatever they say). */
const accountStops = (journal: string | null): Stop[] => [
  {
    nav: 'journal',
    href: '/journal',
    check: async (page) => {
      const table = page.getByRole('table');
      await expect(table.locator('tbody tr').first()).toBeVisible();
      if (journal) await expect(table).toContainText(journal);
    },
  },
  { nav: 'devices', href: '/appareils', check: async (page) => await expect(page.getByRole('heading', { level: 1 })).toBeVisible() },
  { nav: 'passkeys', href: '/cles-d-acces', check: async (page) => await expect(page.getByRole('heading', { level: 1 })).toBeVisible() },
];

for (const viewport of [
  { width: 360, height: 780 },
  { width: 1280, height: 900 },
]) {
  test.describe(`${viewport.width} px wide`, () => {
    test.use({ viewport });

    test('the pupil finds her story behind every link of her header', async ({ page }) => {
      await signIn(page, /Camille Démo-Martin \(Élève/);
      await expect(page.getByTestId('tagline')).toHaveText("Mon espace numérique personnel d'élève");
      // The header fits the phone's width: nothing to scroll sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await tour(page, [
        {
          nav: 'home',
          href: '/',
          check: async (page) => {
            await expect(page.getByTestId('profile-school')).toHaveText('Collège Démo Jules-Ferry (fictif)');
            await expect(page.getByTestId('profile-level')).toHaveText('3e');
          },
        },
        {
          nav: 'portfolio',
          href: '/portfolio',
          check: async (page) => {
            await expect(page.getByTestId('entries').locator(':scope > li')).toHaveCount(6);
            await expect(page.getByTestId('entries')).toContainText("Stage d'observation de 3e");
          },
        },
        {
          nav: 'pix',
          href: '/pix',
          check: async (page) => {
            await expect(page.getByTestId('pix-certified')).toBeVisible();
            await expect(page.getByTestId('pix-radar')).toBeVisible();
            await expect(page.getByTestId('pix-progression')).toBeVisible();
          },
        },
        {
          nav: 'guidance',
          href: '/orientation',
          check: async (page) => await expect(page.getByTestId('guidance-search')).toBeVisible(),
        },
        {
          nav: 'vault',
          href: '/coffre-fort',
          check: async (page) => {
            await expectIslandsReady(page);
            await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          },
        },
        {
          nav: 'family',
          href: '/famille',
          check: async (page) => await expect(page.getByTestId('guardians')).toContainText('Sophie Démo-Martin'),
        },
        ...accountStops('Nadia Démo-Benali'),
      ]);
    });

    test('the counsellor finds the page shared with her, her comment and her verification', async ({ page }) => {
      await signIn(page, /Nadia Démo-Benali/);
      await expect(page.getByTestId('tagline')).toHaveText("Espace des équipes d'orientation");
      await tour(page, [
        {
          nav: 'home',
          href: '/',
          check: async (page) => await expect(page.getByTestId('received-pages')).toContainText('Mon parcours de 3e (démo)'),
        },
        {
          nav: 'pix-class',
          href: '/pix/classe',
          check: async (page) => await expect(page.getByTestId('cohort-pupils')).toContainText('Démo-Martin'),
        },
        {
          nav: 'guidance',
          href: '/orientation',
          check: async (page) => await expect(page.getByTestId('guidance-search')).toBeVisible(),
        },
        {
          nav: 'shared-plans',
          href: '/orientation/eleves',
          check: async (page) => {
            await expect(page.getByTestId('shared-plans')).toContainText('Camille Démo-Martin');
            // One pupil shares: the overview counts nothing (fewer than five).
            await expect(page.getByTestId('cohort-hidden')).toBeVisible();
            await expectAccessible(page);
            await page.getByTestId('shared-plans').getByRole('link', { name: /Camille Démo-Martin/ }).click();
            await expect(page.getByTestId('shared-recommendations')).toContainText("décorateur / décoratrice d'intérieur");
            await expectAccessible(page);
          },
        },
        ...accountStops(null),
      ]);
      await page.locator('header [data-nav="home"]').click();
      await page.getByTestId('received-pages').getByRole('link', { name: /Mon parcours de 3e/ }).click();
      await expect(page.getByTestId('granted-page')).toContainText('Très beau stage, Camille');
      await expect(page.getByTestId('verified')).toBeVisible();
      // The page shows her guidance plan, as she chose: her wishes, never the counsellor's words.
      await expect(page.getByTestId('page-plan-wishes')).toContainText('CAP menuisier installateur');
      await expect(page.getByTestId('page-plan')).not.toContainText('Bonjour Camille');
      await expectAccessible(page);
    });

    test("the parent finds her child and the page delegated to her, and only that one", async ({ page }) => {
      await signIn(page, /Sophie Démo-Martin/);
      await expect(page.getByTestId('tagline')).toHaveText('Espace des responsables légaux');
      await tour(page, [
        {
          nav: 'home',
          href: '/',
          check: async (page) => {
            await expect(page.getByTestId('children')).toContainText('Camille');
            await expect(page.getByTestId('received-pages')).toContainText('Pour mes parents (démo)');
            await expect(page.getByTestId('received-pages')).not.toContainText('Mon parcours de 3e');
          },
        },
        {
          nav: 'shared-plans',
          href: '/orientation/eleves',
          check: async (page) => {
            // Her child's plan, delegated to her: read-only.
            await page.getByTestId('shared-plans').getByRole('link', { name: /Camille Démo-Martin/ }).click();
            await expect(page.getByTestId('shared-wishes')).toContainText('CAP menuisier installateur');
            await expect(page.getByTestId('wish-add')).toHaveCount(0);
            await expectAccessible(page);
          },
        },
        ...accountStops(null),
      ]);
      await page.locator('header [data-nav="home"]').click();
      await page.getByTestId('received-pages').getByRole('link', { name: /Pour mes parents/ }).click();
      await expect(page.getByTestId('granted-page')).toContainText('sécurité routière');
      await expectAccessible(page);
    });
  });
}

test('a passkey can be added on the demo as it is served, with no setting changed', async ({ page }) => {
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  await signIn(page, /Camille Démo-Martin \(Élève/);
  await page.goto('/cles-d-acces');
  await expectIslandsReady(page);
  await page.locator('#nom-nouvelle-cle').fill('Téléphone de démo');
  await page.getByRole('button', { name: "Ajouter une clé d'accès" }).click();
  await expect(page.getByTestId('passkeys').getByRole('heading', { name: 'Téléphone de démo' })).toBeVisible();
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  // Bound to the name the server gave itself.
  expect(credentials[0].rpId).toBe('localhost');
});
