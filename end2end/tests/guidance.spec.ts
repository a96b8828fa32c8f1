import { expect, expectAccessible, test } from './helpers';

// Guidance on ONISEP's data (the extract the demo loads): one search box that forgives accents,
// typos and unfinished words, with and without JavaScript; a métier's page and the formations
// that lead to it, and back.

async function signInAsPupil(page: import('@playwright/test').Page) {
  await page.goto('/connexion');
  await page.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
  await expect(page.getByTestId('who')).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled, viewport: { width: 360, height: 780 } });
    // axe-core runs in the page: with JavaScript only (the HTML is the same without).
    const accessible = async (page: import('@playwright/test').Page) => {
      if (javaScriptEnabled) await expectAccessible(page);
    };

    test('a pupil searches as she types and reaches a métier and its formations', async ({ page }) => {
      await signInAsPupil(page);
      await page.goto('/');
      await page.getByTestId('tiles').getByRole('link', { name: 'Orientation' }).click();
      await expect(page).toHaveURL(/\/orientation$/);
      await accessible(page);

      // No accent, one typo: the nurse is found first.
      await page.getByLabel('Un métier, une formation, un domaine…').fill('infirmeire');
      await page.getByRole('button', { name: 'Chercher' }).click();
      await expect(page).toHaveURL(/q=infirmeire/);
      const results = page.getByTestId('guidance-results');
      await expect(results.locator('li').first()).toContainText('infirmier / infirmière');
      await accessible(page);

      await results.getByRole('link', { name: 'infirmier / infirmière', exact: true }).click();
      await expect(page.getByTestId('metier-title')).toHaveText('infirmier / infirmière');
      await expect(page.getByTestId('metier-formations')).toContainText("Diplôme d'Etat d'infirmier");
      await expect(page.getByTestId('onisep-source')).toContainText('Source : Onisep');
      await accessible(page);

      // The formation's page leads back to the métier.
      await page.getByTestId('metier-formations').getByRole('link', { name: "Diplôme d'Etat d'infirmier" }).click();
      await expect(page.getByTestId('formation-title')).toHaveText("Diplôme d'Etat d'infirmier");
      await expect(page.getByTestId('formation-metiers')).toContainText('infirmier / infirmière');
      await accessible(page);
      if (javaScriptEnabled) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      }
    });

    test('a pupil keeps a métier in her plan with a note, then takes it out', async ({ page }) => {
      await signInAsPupil(page);
      await page.goto('/orientation/metiers/MET.17');
      const box = page.getByTestId('favourite-box');
      await box.getByLabel("Pourquoi ça m'intéresse (facultatif)").fill('Le pain du matin');
      await box.getByRole('button', { name: 'Ajouter à mes favoris' }).click();
      await expect(page.getByTestId('favourite-is')).toBeVisible();
      await expect(box.getByLabel("Pourquoi ça m'intéresse (facultatif)")).toHaveValue('Le pain du matin');
      await accessible(page);

      await page.goto('/orientation');
      await page.getByTestId('project-link').click();
      const favourites = page.getByTestId('project-favourites');
      await expect(favourites).toContainText('boulanger / boulangère');
      await expect(favourites).toContainText('Le pain du matin');
      await accessible(page);
      await favourites.locator('li[data-item="MET.17"]').getByRole('button', { name: 'Retirer de mes favoris' }).click();
      await expect(page.getByTestId('project-empty')).toBeVisible();
    });

    test('a pupil ticks a domaine and reads why each suggestion is there', async ({ page }) => {
      await signInAsPupil(page);
      await page.goto('/orientation/projet');
      await expect(page.getByTestId('suggestions-none')).toBeVisible();
      const interests = page.getByTestId('interests');
      await interests.getByLabel('santé, social, sport').check();
      await page.getByTestId('interests-save').click();
      const suggestions = page.getByTestId('suggestions');
      await expect(suggestions.locator(':scope > li').first()).toBeVisible();
      await expect(suggestions.getByTestId('suggestion-reasons').first()).toContainText(
        'Parce que vous avez choisi le domaine',
      );
      await accessible(page);
      // Back as it was, for the other tests.
      await page.getByTestId('interests').getByLabel('santé, social, sport').uncheck();
      await page.getByTestId('interests-save').click();
      await expect(page.getByTestId('suggestions-none')).toBeVisible();
    });

    test('filters narrow the search and nothing found says so', async ({ page }) => {
      await signInAsPupil(page);
      await page.goto('/orientation?q=boulanger&type=formation');
      const results = page.getByTestId('guidance-results');
      await expect(results.locator('li[data-kind="formation"]').first()).toBeVisible();
      await expect(results.locator('li[data-kind="metier"]')).toHaveCount(0);
      await expect(results).toContainText('CAP boulanger');
      await page.goto('/orientation?q=zzzzqqqq');
      await expect(page.getByTestId('guidance-no-results')).toBeVisible();
      await accessible(page);
    });
  });
}

test('an unknown métier is a page that does not exist', async ({ page }) => {
  await signInAsPupil(page);
  for (const path of ['/orientation/metiers/MET.999999', '/orientation/metiers/nimporte']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
  }
});
