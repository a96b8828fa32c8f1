import { expect, expectAccessible, test } from './helpers';

test.describe('parents and guardians', () => {
  test('a pupil invites her parent, shares a page with her, then removes the link', async ({ page, browser }) => {
    const stamp = Date.now();
    const entryTitle = `Stage à la médiathèque ${stamp}`;
    const pageTitle = `Pour mes parents ${stamp}`;

    // The pupil makes an invitation code.
    await page.goto('/connexion');
    await page.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Camille');
    await page.getByTestId('family-link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes responsables légaux');
    await expect(page.getByText('Aucun responsable légal n\'est relié à votre compte.')).toBeVisible();
    await expectAccessible(page);
    await page.getByTestId('invite-guardian').click();
    const code = (await page.getByTestId('invitation-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    await expectAccessible(page);

    // The parent, in her own browser, types it with a wrong birth date, then the right one.
    const parentContext = await browser.newContext({ locale: 'fr-FR' });
    const parent = await parentContext.newPage();
    await parent.goto('/connexion');
    await parent.getByRole('button', { name: /Sophie Démo-Martin/ }).click();
    await expect(parent.getByRole('heading', { level: 1 })).toHaveText('Espace responsable légal');
    await expect(parent.getByText('Votre compte n\'est relié à aucun élève pour l\'instant.')).toBeVisible();
    await expectAccessible(parent);
    await parent.getByLabel("Code d'invitation").fill(code.toLowerCase());
    await parent.getByLabel("Date de naissance de l'enfant").fill('2011-05-15');
    await parent.getByTestId('link-child').click();
    await expect(parent.getByTestId('link-problem')).toContainText('ne correspondent pas');
    await expectAccessible(parent);
    // The refusal came back as a new page: the code is typed again (it is never kept in the
    // session nor the address).
    await parent.getByLabel("Code d'invitation").fill(code.toLowerCase());
    await parent.getByLabel("Date de naissance de l'enfant").fill('2011-05-14');
    await parent.getByTestId('link-child').click();
    // A plain form post (no script on this page): the answer comes back in the address, without
    // the child's name; the list below names her.
    await expect(parent.getByTestId('child-linked')).toBeVisible();
    await expect(parent.getByTestId('children')).toContainText('Camille Démo-Martin');

    // The pupil sees her, and shares one page with her.
    await page.reload();
    await expect(page.getByTestId('guardians')).toContainText('Sophie Démo-Martin');
    await expect(page.getByTestId('guardians')).toContainText('accès jusqu\'au 14/05/2029');
    await page.goto('/portfolio/entrees/nouvelle');
    await page.getByLabel('Titre').fill(entryTitle);
    await page.getByLabel('Date de début').fill('2026-02-02');
    await page.getByTestId('save-entry').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(entryTitle);
    await page.goto('/portfolio/pages');
    await page.getByLabel('Titre de la nouvelle page').fill(pageTitle);
    await page.getByTestId('create-page').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(pageTitle);
    await page.getByRole('checkbox', { name: entryTitle }).check();
    await page.getByTestId('save-page').click();
    await expect(page.getByRole('checkbox', { name: entryTitle })).toBeChecked();
    await page.getByLabel('Avec qui', { exact: true }).selectOption({ label: 'Sophie Démo-Martin' });
    await page.getByTestId('grant-page').click();
    await expect(page.getByTestId('grants')).toContainText('Sophie Démo-Martin');
    await expectAccessible(page);

    // The parent reads that page, without comment or « vérifié » controls.
    await parent.reload();
    await parent.getByRole('link', { name: `Camille Démo-Martin — ${pageTitle}` }).click();
    await expect(parent.getByRole('heading', { level: 1 })).toHaveText(pageTitle);
    await expect(parent.getByTestId('granted-page')).toContainText(entryTitle);
    await expect(parent.getByLabel('Votre commentaire')).toHaveCount(0);
    await expect(parent.getByRole('button', { name: 'Marquer « vérifié »' })).toHaveCount(0);
    await expectAccessible(parent);
    const grantedUrl = parent.url();

    // The pupil's journal shows who linked and who read; then she removes the link.
    await page.goto('/journal');
    await expect(page.getByTestId('journal').locator('tr[data-action="guardian_linked"]')).toContainText('Sophie Démo-Martin');
    await expect(page.getByTestId('journal').locator('tr[data-action="data_viewed"]').first()).toContainText('Sophie Démo-Martin');
    await page.goto('/famille');
    await page.getByText('Retirer ce lien : Sophie Démo-Martin').first().click();
    await page.getByTestId('unlink-guardian').click();
    await expect(page.getByText('Aucun responsable légal n\'est relié à votre compte.')).toBeVisible();

    // The parent has lost the page at once.
    const gone = await parent.goto(grantedUrl);
    expect(gone?.status()).toBe(404);
    await parent.goto('/');
    await expect(parent.getByText('Votre compte n\'est relié à aucun élève pour l\'instant.')).toBeVisible();
    await parentContext.close();
  });

  test('linking works without JavaScript too', async ({ browser }) => {
    const pupilContext = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
    const pupil = await pupilContext.newPage();
    await pupil.goto('/connexion');
    await pupil.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
    await pupil.goto('/famille');
    await pupil.getByTestId('invite-guardian').click();
    const code = (await pupil.getByTestId('invitation-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);

    const parentContext = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
    const parent = await parentContext.newPage();
    await parent.goto('/connexion');
    await parent.getByRole('button', { name: /Sophie Démo-Martin/ }).click();
    await parent.getByLabel("Code d'invitation").fill('ABC');
    await parent.getByTestId('link-child').click();
    await expect(parent.getByTestId('link-problem')).toContainText("Ce code n'a pas la bonne forme");
    await parent.getByLabel("Code d'invitation").fill(code);
    await parent.getByLabel("Date de naissance de l'enfant").fill('2011-05-14');
    await parent.getByTestId('link-child').click();
    await expect(parent.getByTestId('child-linked')).toContainText('relié à votre enfant');
    await expect(parent.getByTestId('children')).toContainText('Camille Démo-Martin');
    // (axe-core needs JavaScript: the guardian's home is checked in the test above.)

    await pupil.goto('/famille');
    await expect(pupil.getByTestId('invitation-code')).toHaveCount(0);
    await pupil.getByText('Retirer ce lien : Sophie Démo-Martin').first().click();
    await pupil.getByTestId('unlink-guardian').click();
    await expect(pupil.getByText("Aucun responsable légal n'est relié à votre compte.")).toBeVisible();
    await pupilContext.close();
    await parentContext.close();
  });
});
