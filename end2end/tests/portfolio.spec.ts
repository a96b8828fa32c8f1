import { expect, expectAccessible, expectHydrated, test } from './helpers';
import type { Page } from '@playwright/test';

async function signInAsPupil(page: Page) {
  await page.goto('/connexion');
  await page.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Camille');
}

test.describe('the skills portfolio', () => {
  test('a pupil records an entry tied to competences, sees it in every view, edits and deletes it', async ({ page }) => {
    const title = `Club robotique ${Date.now()}`;
    await signInAsPupil(page);
    await expectHydrated(page, 'Mon portfolio');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon portfolio');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Ajouter une entrée' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouvelle entrée');
    await expectAccessible(page);

    // Bad input first: no title, an end before the start. Nothing is saved; every problem is
    // listed at the top and next to its field.
    await page.getByLabel('Date de début').fill('2026-03-10');
    await page.getByLabel('Date de fin').fill('2026-03-01');
    await page.getByTestId('save-entry').click();
    const errors = page.getByTestId('entry-errors');
    await expect(errors).toContainText('Ce champ est obligatoire.');
    await expect(errors).toContainText('La date de fin est avant la date de début.');
    await expect(page.getByLabel('Titre')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouvelle entrée');
    await expectAccessible(page);

    await page.getByLabel('Type').selectOption('club');
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Date de fin').fill('2026-06-20');
    await page.getByLabel('Lieu').fill('Collège Jean Moulin');
    await page.getByLabel("Ce que j'ai fait").fill('Un robot suiveur de ligne, programmé en Scratch puis en Python.');
    await page.getByLabel("Ce que j'ai appris").fill('Déboguer pas à pas.');
    await page.locator('details[data-framework="crcn"] > summary').click();
    await page.getByLabel('3.4 Programmer').selectOption('acquired');
    await page.getByLabel('Niveau — 3.4 Programmer').selectOption('4');
    await page.locator('details[data-framework="socle"] > summary').click();
    await page.getByLabel('3 Langages mathématiques, scientifiques et informatiques').selectOption('in_progress');
    await page.getByLabel('Ajouter une compétence à moi').fill('Travailler en équipe');
    await page.getByTestId('save-entry').click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    const entry = page.getByTestId('entry');
    await expect(entry).toContainText('10/03/2026 – 20/06/2026');
    await expect(entry.getByRole('link', { name: '3.4 Programmer' })).toBeVisible();
    await expect(entry).toContainText('Acquis · Niveau 4');
    await expect(entry.getByRole('link', { name: 'Travailler en équipe' })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Retour au portfolio' }).click();
    await expect(page.getByTestId('entries')).toContainText(title);
    await page.getByRole('link', { name: 'Chronologie' }).click();
    await expect(page.getByTestId('timeline')).toContainText(title);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Par compétence' }).click();
    await expect(page.locator('li[data-competence="crcn:3.4"]')).toContainText('Acquis');
    await expectAccessible(page);
    await page.getByRole('link', { name: '3.4 Programmer' }).click();
    await expect(page.getByTestId('competence-name')).toHaveText('3.4 Programmer');
    await expect(page.getByTestId('competence-entries')).toContainText(title);
    await expectAccessible(page);

    // Editing keeps what was there and changes what is asked.
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('link', { name: 'Modifier' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Modifier l'entrée");
    await expect(page.getByLabel('3.4 Programmer')).toHaveValue('acquired');
    await expectAccessible(page);
    await page.getByLabel('Titre').fill(`${title} (saison 2)`);
    await page.getByTestId('save-entry').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${title} (saison 2)`);
    await expect(page.getByTestId('entry')).toContainText('Acquis · Niveau 4');

    await page.getByText('Supprimer…').click();
    await page.getByTestId('delete-entry').click();
    await expect(page.getByRole('status')).toHaveText('Entrée supprimée.');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon portfolio');
    await expect(page.locator('main')).not.toContainText(title);
  });

  test('the portfolio works without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
    const page = await context.newPage();
    await signInAsPupil(page);
    await page.goto('/portfolio/entrees/nouvelle');
    const title = `Stage sans JS ${Date.now()}`;
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Date de début').fill('2026-01-05');
    await page.getByTestId('save-entry').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await context.close();
  });

  test('another account cannot open a pupil entry', async ({ page, browser }) => {
    await signInAsPupil(page);
    await page.goto('/portfolio/entrees/nouvelle');
    const title = `Privé ${Date.now()}`;
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Date de début').fill('2026-01-05');
    await page.getByTestId('save-entry').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    const url = page.url();

    const other = await browser.newContext({ locale: 'fr-FR' });
    const parent = await other.newPage();
    await parent.goto('/connexion');
    await parent.getByRole('button', { name: /Sophie Démo-Martin/ }).click();
    await expect(parent.getByRole('heading', { level: 1 })).toHaveText('Espace responsable légal');
    const response = await parent.goto(url);
    expect(response?.status()).toBe(404);
    await expect(parent.locator('main')).not.toContainText(title);
    await expectAccessible(parent);
    await other.close();
  });
});
