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

    test('a pupil finds where a formation is taught, in her académie then in another', async ({ page }) => {
      await signInAsPupil(page);
      await page.goto('/orientation/formations/FOR.2246');
      const offers = page.getByTestId('formation-offers');
      await expect(page.getByTestId('offers-heading')).toHaveText('Dans votre académie (Montpellier)');
      await expect(offers.getByTestId('offers-list')).toContainText('Lycée des métiers Démo du Goût (fictif)');
      await expect(offers.getByTestId('offers-list')).toContainText('Nîmes (30000)');
      await accessible(page);

      // Another académie, from the plain GET form (the same with or without JavaScript).
      await offers.getByLabel('Académie').selectOption('Paris');
      await offers.getByRole('button', { name: 'Voir les établissements' }).click();
      await expect(page).toHaveURL(/academie=Paris/);
      await expect(page.getByTestId('offers-heading')).toHaveText("Dans l'académie de Paris");
      await expect(page.getByTestId('offers-list')).toContainText('Lycée professionnel Démo Belleville (fictif)');
      await expect(page.getByTestId('offers-list')).not.toContainText('Nîmes');
      await accessible(page);

      // The search keeps the formations taught in an académie.
      await page.goto('/orientation?q=boulanger&type=formation');
      await page.getByLabel("Enseignée dans l'académie").selectOption('Lyon');
      await page.getByRole('button', { name: 'Chercher' }).click();
      await expect(page).toHaveURL(/academie=Lyon/);
      const results = page.getByTestId('guidance-results');
      await expect(results).toContainText('bac pro boulanger-pâtissier');
      await expect(results.getByRole('link', { name: 'CAP boulanger', exact: true })).toHaveCount(0);
      await accessible(page);
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

    test('a pupil orders her wishes after 3e and ticks off a step', async ({ page }) => {
      await signInAsPupil(page);
      await page.goto('/orientation/projet');
      await page.getByTestId('plan-link').click();
      await expect(page).toHaveURL(/\/orientation\/plan$/);
      const decision = page.locator('section[data-decision="apres-3e"]');
      await expect(decision.getByRole('heading', { name: 'Après la 3e' })).toBeVisible();
      await accessible(page);

      // Two wishes, the second moved first.
      for (const choice of ['2de générale et technologique', '2de professionnelle']) {
        await decision.getByLabel('Ajouter un vœu').selectOption({ label: choice });
        await decision.getByTestId('wish-add').click();
        await expect(decision.getByTestId('plan-wishes')).toContainText(choice);
      }
      await decision.getByRole('button', { name: /^Monter.*2de professionnelle$/ }).click();
      await expect(decision.getByTestId('plan-wishes').locator('li').first()).toContainText('2de professionnelle');

      // A step refused, then written, then done.
      await decision.getByTestId('step-add').click();
      await expect(decision.getByTestId('step-problem')).toHaveText("Écrivez l'étape.");
      await decision.getByLabel('Nouvelle étape').fill('Journée portes ouvertes du lycée');
      await decision.getByLabel('Pour le (facultatif)').fill('2027-01-30');
      await decision.getByTestId('step-add').click();
      const steps = decision.getByTestId('plan-steps');
      await expect(steps).toContainText('pour le 30/01/2027');
      await steps.getByTestId('step-mark').click();
      await expect(steps.locator('li.step.done')).toContainText('Journée portes ouvertes du lycée');
      await accessible(page);
      if (javaScriptEnabled) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
      }

      // Back as it was, for the other tests.
      await steps.getByRole('button', { name: /^Retirer.*Journée portes ouvertes du lycée$/ }).click();
      await expect(decision.getByTestId('plan-steps')).toHaveCount(0);
      for (const choice of ['2de professionnelle', '2de générale et technologique']) {
        await decision.getByRole('button', { name: new RegExp(`^Retirer.*${choice}$`) }).click();
      }
      await expect(decision.getByTestId('wishes-none')).toBeVisible();
    });

    test('a pupil shares her plan, the counsellor recommends a métier, the pupil accepts it', async ({ page, browser }) => {
      await signInAsPupil(page);
      await page.goto('/orientation/plan');
      const sharing = page.getByTestId('plan-sharing');
      await sharing.getByRole('button', { name: /^Partager.*Nadia Démo-Benali$/ }).click();
      await expect(page.getByTestId('plan-sharing').getByTestId('shared-on')).toBeVisible();
      await accessible(page);

      // The counsellor, in her own browser, finds the plan and recommends a métier from its page.
      const context = await browser.newContext({ javaScriptEnabled, locale: 'fr-FR', viewport: { width: 360, height: 780 } });
      const counsellor = await context.newPage();
      await counsellor.goto('/connexion');
      await counsellor.getByRole('button', { name: /Nadia Démo-Benali/ }).click();
      await counsellor.goto('/orientation/eleves');
      await counsellor.getByTestId('shared-plans').getByRole('link', { name: /Camille Démo-Martin/ }).click();
      await expect(counsellor.getByTestId('shared-plan-title')).toContainText('Camille Démo-Martin');
      if (javaScriptEnabled) await expectAccessible(counsellor);
      await counsellor.goto('/orientation/metiers/MET.17');
      const box = counsellor.getByTestId('recommend-box');
      await box.getByLabel('Pourquoi je le recommande (facultatif)').fill('Tu parles du pain du matin.');
      await box.getByTestId('recommend-send').click();
      await expect(counsellor.getByTestId('recommend-sent')).toContainText('Camille Démo-Martin');
      if (javaScriptEnabled) await expectAccessible(counsellor);
      await context.close();

      // The pupil reads it with who and why, and adds it to her favourites.
      await page.goto('/orientation/plan');
      const recommendations = page.getByTestId('recommendations');
      await expect(recommendations).toContainText('boulanger / boulangère');
      await expect(recommendations).toContainText('Recommandé par Nadia Démo-Benali');
      await expect(recommendations).toContainText('Tu parles du pain du matin.');
      await accessible(page);
      await recommendations.getByTestId('recommendation-accept').first().click();
      await expect(page.getByTestId('recommendations').locator('li').first()).toContainText('Ajoutée à vos favoris');
      await page.goto('/orientation/projet');
      await expect(page.getByTestId('project-favourites')).toContainText('boulanger / boulangère');

      // Back as it was, for the other tests: the favourite out, the plan no longer shared.
      await page.getByTestId('project-favourites').locator('li[data-item="MET.17"]').getByRole('button', { name: 'Retirer de mes favoris' }).click();
      await page.goto('/orientation/plan');
      await page.getByTestId('plan-sharing').getByRole('button', { name: /^Ne plus partager/ }).click();
      await expect(page.getByTestId('plan-sharing').getByTestId('shared-on')).toHaveCount(0);
    });

    test('the counsellor comments on a shared plan and recommends a step, the pupil adds it to her steps', async ({ page, browser }) => {
      await signInAsPupil(page);
      await page.goto('/orientation/plan');
      await page.getByTestId('plan-sharing').getByRole('button', { name: /^Partager.*Nadia Démo-Benali$/ }).click();
      await expect(page.getByTestId('plan-sharing').getByTestId('shared-on')).toBeVisible();

      // The counsellor, in her own browser: an empty comment is refused next to its field, then
      // a comment and a step for « après la 3e ».
      const context = await browser.newContext({ javaScriptEnabled, locale: 'fr-FR', viewport: { width: 360, height: 780 } });
      const counsellor = await context.newPage();
      await counsellor.goto('/connexion');
      await counsellor.getByRole('button', { name: /Nadia Démo-Benali/ }).click();
      await counsellor.goto('/orientation/eleves');
      await counsellor.getByTestId('shared-plans').getByRole('link', { name: /Camille Démo-Martin/ }).click();
      const plan = counsellor.url();
      await counsellor.getByTestId('comment-send').click();
      await expect(counsellor.getByTestId('comment-problem')).toHaveText('Écrivez votre commentaire.');
      await expect(counsellor.getByLabel('Votre commentaire')).toHaveAttribute('aria-invalid', 'true');
      if (javaScriptEnabled) await expectAccessible(counsellor);
      await counsellor.getByLabel('Votre commentaire').fill('Bonjour Camille,\n\nTon ordre me paraît juste : garde le CAP en premier.');
      await counsellor.getByTestId('comment-send').click();
      await expect(counsellor.getByTestId('comments')).toContainText('garde le CAP en premier');
      const step = counsellor.locator('section[data-decision="apres-3e"]');
      await step.getByTestId('step-recommend-label').fill('Visiter le CFA de la boulangerie');
      await step.getByTestId('step-recommend-due').fill('2027-03-06');
      await step.getByTestId('step-recommend-send').click();
      await expect(counsellor.locator('section[data-decision="apres-3e"]').getByTestId('recommended-steps')).toContainText('Visiter le CFA de la boulangerie');
      if (javaScriptEnabled) await expectAccessible(counsellor);

      // The pupil reads the comment and adds the step to her plan.
      await page.goto('/orientation/plan');
      await expect(page.getByTestId('comments')).toContainText('Ton ordre me paraît juste');
      const recommended = page.getByTestId('recommended-steps').locator('li').filter({ hasText: 'Visiter le CFA de la boulangerie' }).filter({ hasText: 'En attente' });
      await expect(recommended).toContainText('Après la 3e');
      await accessible(page);
      await recommended.getByTestId('step-recommendation-accept').click();
      await expect(page.getByTestId('plan-steps').first()).toContainText('Visiter le CFA de la boulangerie');

      // The counsellor sees it added, and takes her comment back.
      await counsellor.goto(plan);
      await expect(counsellor.locator('section[data-decision="apres-3e"]').getByTestId('recommended-steps')).toContainText('Ajoutée au plan');
      await counsellor.getByTestId('comments').getByTestId('comment-remove').first().click();
      await expect(counsellor.getByTestId('comments-none')).toBeVisible();
      await context.close();

      // Back as it was for the other tests: the step out, the plan no longer shared.
      await page.goto('/orientation/plan');
      await expect(page.getByTestId('comments-none')).toBeVisible();
      await page.locator('li.step').filter({ hasText: 'Visiter le CFA de la boulangerie' }).getByRole('button', { name: /^Retirer/ }).click();
      await expect(page.locator('li.step').filter({ hasText: 'Visiter le CFA de la boulangerie' })).toHaveCount(0);
      await page.getByTestId('plan-sharing').getByRole('button', { name: /^Ne plus partager/ }).click();
      await expect(page.getByTestId('plan-sharing').getByTestId('shared-on')).toHaveCount(0);
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

test('suggestions come as she types, the latest word wins, and lead to the page', async ({ page }) => {
  await signInAsPupil(page);
  await page.goto('/orientation');
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
  const box = page.getByLabel('Un métier, une formation, un domaine…');
  const suggestions = page.getByTestId('guidance-suggestions');
  await expect(suggestions).toBeHidden();
  await box.pressSequentially('boulange');
  await expect(suggestions.getByRole('link', { name: 'boulanger / boulangère', exact: true })).toBeVisible();
  const count = await suggestions.locator('li').count();
  expect(count).toBeGreaterThan(1);
  expect(count).toBeLessThanOrEqual(6);
  await expect(page.getByTestId('guidance-suggestions-status')).toHaveText(`Suggestions (${count})`);
  await expectAccessible(page);
  // Another word: the list follows; one letter: no list.
  await box.fill('');
  await box.pressSequentially('infirmiere');
  await expect(suggestions.locator('li').first()).toContainText('infirmier / infirmière');
  await expect(suggestions).not.toContainText('boulanger');
  await box.fill('i');
  await box.dispatchEvent('input');
  await expect(suggestions).toBeHidden();
  await box.fill('');
  await box.pressSequentially('infirmiere');
  await suggestions.getByRole('link', { name: 'infirmier / infirmière', exact: true }).click();
  await expect(page.getByTestId('metier-title')).toHaveText('infirmier / infirmière');
});

test('an unknown métier is a page that does not exist', async ({ page }) => {
  await signInAsPupil(page);
  for (const path of ['/orientation/metiers/MET.999999', '/orientation/metiers/nimporte']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
  }
});
