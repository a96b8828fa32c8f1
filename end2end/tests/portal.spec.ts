import { expect, expectAccessible, expectPlainPage, test } from './helpers';

test.describe('the portal without an account, on a demo instance', () => {
  test('the landing page reads without a script and is accessible', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue sur Sillage');
    await expect(page.getByTestId('demo-banner')).toBeVisible();
    await expectAccessible(page);
    await expectPlainPage(page, 'Se connecter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
  });

  test('the demo pupil signs in from the sign-in page', async ({ page }) => {
    await page.goto('/connexion');
    await expect(page.getByTestId('demo-banner')).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Camille');
    await expect(page.getByTestId('demo-banner')).toBeVisible();
    await expect(page.getByTestId('who')).toContainText('Camille Démo-Martin');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Se déconnecter de tous les appareils' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue sur Sillage');
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => c.name), 'the browser forgot the session cookie').not.toContain('__Host-sillage');
  });

  test('the pupil reads their access log and their devices', async ({ page, browser }) => {
    // A second device signed in as the same pupil, which the first one will sign out.
    const other = await browser.newContext({ locale: 'fr-FR' });
    const phone = await other.newPage();
    await phone.goto('/connexion');
    await phone.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
    await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Bonjour Camille');

    await page.goto('/connexion');
    await page.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Camille');
    // Pages are server-rendered HTML: no script, a link is a page load.
    await expectPlainPage(page, "Mon journal d'accès");
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Mon journal d'accès");
    await expect(page.getByTestId('journal').locator('tr[data-action="signed_in"]').first()).toContainText('Connexion');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Mes appareils' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes appareils connectés');
    const rows = page.getByTestId('sessions').locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(page.locator('tr[data-current="true"]')).toContainText('cet appareil');
    await expectAccessible(page);
    await page.locator('tr[data-current="false"]').getByRole('button', { name: /Fermer la session/ }).click();
    await expect(rows).toHaveCount(1);

    await phone.reload();
    await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Bienvenue sur Sillage');
    await other.close();
  });

  test('the demo counsellor and parent see what they will see', async ({ page }) => {
    for (const [name, heading] of [
      [/Nadia Démo-Benali/, 'Espace conseiller·ère'],
      [/Sophie Démo-Martin/, 'Espace responsable légal'],
    ] as const) {
      await page.goto('/connexion');
      await page.getByRole('button', { name }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expectAccessible(page);
      await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue sur Sillage');
    }
  });

  test('English is one click away and remembered', async ({ page }) => {
    await page.goto('/connexion');
    await page.getByTestId('lang-switch').click();
    await expect(page).toHaveURL(/\/connexion$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
    await expectAccessible(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Sillage');
    await page.getByTestId('lang-switch').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue sur Sillage');
  });

  test('an unknown page says so, accessibly, with a 404', async ({ page }) => {
    const response = await page.goto('/cette-page-n-existe-pas');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
    await expectAccessible(page);
  });

  test('the skip link leads to the content', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Aller au contenu' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#contenu$/);
  });
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the pupil home fits without horizontal scrolling', async ({ page }) => {
    await page.goto('/connexion');
    await page.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Camille');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
  });

  test('pages read without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/connexion');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
    await page.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Camille');
    await expect(page.getByTestId('profile-school')).toHaveText('Collège Démo Jules-Ferry (fictif)');
    await context.close();
  });
});

test.describe("the pupil's whole journal", () => {
  test('pages through every line, filters by kind without JavaScript, and downloads as CSV', async ({ page, browser }) => {
    test.setTimeout(90_000);
    await page.goto('/connexion');
    await page.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Camille');
    // Sixty more sign-ins of this browser: more than a page of the journal (50 lines).
    for (let i = 0; i < 60; i++) {
      const answer = await page.request.post('/auth/demo', { form: { compte: 'eleve' }, maxRedirects: 0 });
      expect(answer.status()).toBe(303);
    }
    await page.goto('/journal');
    const rows = page.getByTestId('journal').locator('tbody tr');
    await expect(rows).toHaveCount(50);
    const older = await page.getByTestId('journal-older').getAttribute('href');
    await page.getByTestId('journal-older').click();
    await expect(page).toHaveURL(/\/journal\?avant=\d+$/);
    expect(page.url()).toContain(older ?? 'no link');
    // The next 50 (or fewer) lines, and the way back to the newest.
    await expect(page.getByRole('link', { name: 'Revenir aux plus récentes' })).toBeVisible();
    expect(await rows.count()).toBeGreaterThan(0);
    await expectAccessible(page);

    // The CSV holds the whole history, for a French spreadsheet.
    await page.goto('/journal');
    const download = page.waitForEvent('download');
    await page.getByTestId('journal-csv').click();
    const file = await download;
    const text = (await (await file.createReadStream()).toArray()).map((c) => c.toString('utf8')).join('');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.split('\n')[0]).toContain(';');
    expect(text.trim().split('\n').length).toBeGreaterThan(61);

    // The filter is a plain form: it works without JavaScript too.
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
    await context.addCookies(await page.context().cookies());
    const plain = await context.newPage();
    await plain.goto('/journal');
    await plain.getByLabel('Montrer').selectOption('signed_in');
    await plain.getByRole('button', { name: 'Filtrer' }).click();
    await expect(plain).toHaveURL(/\/journal\?type=signed_in$/);
    const filtered = plain.getByTestId('journal').locator('tbody tr');
    await expect(filtered).toHaveCount(50);
    expect(await plain.getByTestId('journal').locator('tbody tr:not([data-action="signed_in"])').count()).toBe(0);
    await context.close();

    // The other tests find the pupil signed in nowhere.
    await page.goto('/');
    await page.getByRole('button', { name: 'Se déconnecter de tous les appareils' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue sur Sillage');
  });
});
