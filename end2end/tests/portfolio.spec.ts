import { expect, expectAccessible, expectPlainPage, test } from './helpers';
import type { Page } from '@playwright/test';

const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n';
/** A 1×1 PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

async function signInAsPupil(page: Page) {
  await page.goto('/connexion');
  await page.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Camille');
}

test.describe('the skills portfolio', () => {
  test('a pupil records an entry tied to competences, sees it in every view, edits and deletes it', async ({ page }) => {
    const title = `Club robotique ${Date.now()}`;
    await signInAsPupil(page);
    await expectPlainPage(page, /^Portfolio$/);
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
    await page.getByLabel('3.4 Programmer', { exact: true }).selectOption('acquired');
    await page.getByLabel('Niveau — 3.4 Programmer').selectOption('4');
    await page.locator('details[data-framework="socle"] > summary').click();
    await page.getByLabel('3 Langages mathématiques, scientifiques et informatiques', { exact: true }).selectOption('in_progress');
    await page.getByLabel('Ajouter une compétence à moi').fill('Travailler en équipe');
    await page.getByTestId('save-entry').click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    const entry = page.getByTestId('entry');
    await expect(entry).toContainText('10/03/2026 – 20/06/2026');
    await expect(entry.getByRole('link', { name: '3.4 Programmer' })).toBeVisible();
    await expect(entry).toContainText('Acquis · Niveau 4');
    await expect(entry.getByRole('link', { name: 'Travailler en équipe' })).toBeVisible();
    await expectAccessible(page);

    // Evidence: a PDF and an image are kept; a program named .pdf is refused, with the reason.
    const fileInput = page.getByLabel('Ajouter une preuve');
    await fileInput.setInputFiles({ name: 'compte-rendu.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
    await page.getByTestId('upload-evidence').click();
    await expect(page.getByRole('status')).toHaveText('Preuve ajoutée.');
    await fileInput.setInputFiles({ name: 'robot.png', mimeType: 'image/png', buffer: Buffer.from(PNG_BASE64, 'base64') });
    await page.getByTestId('upload-evidence').click();
    await expect(page.getByRole('status')).toHaveText('Preuve ajoutée.');
    await fileInput.setInputFiles({ name: 'devoir.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00\x03 this is a program') });
    await page.getByTestId('upload-evidence').click();
    await expect(page.getByTestId('evidence-refused')).toContainText('Ce fichier est un programme');
    const evidence = page.getByTestId('evidence');
    await expect(evidence.getByRole('link', { name: 'compte-rendu.pdf' })).toBeVisible();
    await expect(evidence.getByRole('img', { name: 'robot.png' })).toBeVisible();
    expect(await evidence.getByRole('img', { name: 'robot.png' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    await expect(evidence.locator('li')).toHaveCount(2);
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
    await expect(page.getByTestId('competence-evidence').getByRole('link', { name: 'compte-rendu.pdf' })).toBeVisible();
    await expectAccessible(page);

    // Editing keeps what was there and changes what is asked.
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('link', { name: 'Modifier' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Modifier l'entrée");
    await expect(page.getByLabel('3.4 Programmer', { exact: true })).toHaveValue('acquired');
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
    // Refused first (end before start): the form comes back with what was typed and why.
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Date de début').fill('2026-01-05');
    await page.getByLabel('Date de fin').fill('2026-01-01');
    await page.getByTestId('save-entry').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouvelle entrée');
    await expect(page.getByTestId('entry-errors')).toContainText('La date de fin est avant la date de début.');
    await expect(page.getByLabel('Titre')).toHaveValue(title);
    await expect(page.getByLabel('Date de fin')).toHaveAttribute('aria-invalid', 'true');
    // (axe-core needs JavaScript: this page is checked in the test above.)
    // Reloading does not show the old problems again.
    await page.reload();
    await expect(page.getByTestId('entry-errors')).toHaveCount(0);
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Date de début').fill('2026-01-05');
    await page.getByTestId('save-entry').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

    // A page refused, then made, then shared by a link shown once.
    await page.goto('/portfolio/pages');
    await page.getByTestId('create-page').click();
    await expect(page.getByTestId('page-errors')).toBeVisible();
    await page.getByLabel('Titre de la nouvelle page').fill(`Page sans JS ${Date.now()}`);
    await page.getByTestId('create-page').click();
    await page.getByTestId('create-link').click();
    await expect(page.getByTestId('new-link')).toHaveValue(/\/partage\/[A-Za-z0-9_-]{43}$/);
    await page.reload();
    await expect(page.getByTestId('new-link')).toHaveCount(0);
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
    // A parent has no portfolio: the page says whose it is, and shows nothing of the pupil's.
    const response = await parent.goto(url);
    expect(response?.status()).toBe(403);
    await expect(parent.locator('main')).not.toContainText(title);
    await expectAccessible(parent);
    await other.close();
  });
});

test.describe('showcase pages shared by secret link', () => {
  test('a pupil builds a page, shares it by link, a stranger opens it, the pupil revokes it', async ({ page, browser }) => {
    const stamp = Date.now();
    const shownTitle = `Exposé abeilles ${stamp}`;
    const hiddenTitle = `Carnet privé ${stamp}`;
    await signInAsPupil(page);
    for (const title of [shownTitle, hiddenTitle]) {
      await page.goto('/portfolio/entrees/nouvelle');
      await page.getByLabel('Titre').fill(title);
      await page.getByLabel('Date de début').fill('2026-02-02');
      await page.locator('details[data-framework="crcn"] > summary').click();
      await page.getByLabel('2.2 Partager et publier', { exact: true }).selectOption('in_progress');
      await page.getByTestId('save-entry').click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    }
    await page.getByLabel('Ajouter une preuve').setInputFiles({
      name: 'carnet.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(PDF),
    });
    await page.getByTestId('upload-evidence').click();
    await expect(page.getByRole('status')).toHaveText('Preuve ajoutée.');

    await page.goto('/portfolio');
    await page.getByRole('link', { name: 'Mes pages de présentation' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes pages de présentation');
    await expectAccessible(page);
    await page.getByLabel('Titre de la nouvelle page').fill(`Pour le stage ${stamp}`);
    await page.getByTestId('create-page').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Pour le stage ${stamp}`);
    await page.getByLabel('Introduction (ce que le lecteur doit savoir)').fill('Voici ce que je sais faire.');
    await page.getByRole('checkbox', { name: shownTitle }).check();
    await page.getByTestId('save-page').click();
    await expect(page.getByRole('checkbox', { name: shownTitle })).toBeChecked();
    // Its place on the page, which the pupil may change.
    await expect(page.getByRole('spinbutton', { name: `Position — ${shownTitle}` })).toHaveValue('1');
    await expectAccessible(page);

    await page.getByLabel('Durée du lien').selectOption('Week');
    await page.getByTestId('create-link').click();
    const link = await page.getByTestId('new-link').inputValue();
    expect(link).toMatch(/\/partage\/[A-Za-z0-9_-]{43}$/);
    await expect(page.getByTestId('links').locator('tr[data-active="true"]')).toHaveCount(1);
    await expectAccessible(page);

    // A fresh browser, not signed in: the page and nothing else.
    const strangerContext = await browser.newContext({ locale: 'fr-FR' });
    const stranger = await strangerContext.newPage();
    await stranger.goto(link);
    await expect(stranger.getByRole('heading', { level: 1 })).toHaveText(`Pour le stage ${stamp}`);
    const shared = stranger.getByTestId('shared-page');
    await expect(shared).toContainText('Page de Camille');
    await expect(shared).toContainText(shownTitle);
    await expect(shared).toContainText('2.2 Partager et publier');
    await expect(shared).not.toContainText(hiddenTitle);
    await expect(shared.getByRole('link')).toHaveCount(0);
    await expectAccessible(stranger);

    // The pupil sees the view in the link's count and in the journal, then revokes the link.
    await page.reload();
    await expect(page.getByTestId('links').locator('tr[data-active="true"]')).toContainText('1 (dernière le');
    await page.getByRole('button', { name: /Retirer le lien/ }).click();
    await expect(page.getByTestId('links').locator('tr[data-active="true"]')).toHaveCount(0);
    await page.goto('/journal');
    await expect(page.getByTestId('journal').locator('tr[data-action="shared_page_viewed"]').first()).toContainText(
      'Une personne ayant le lien',
    );

    const response = await stranger.goto(link);
    expect(response?.status()).toBe(404);
    await expect(stranger.getByTestId('shared-gone')).toBeVisible();
    await expect(stranger.locator('main')).not.toContainText(shownTitle);
    await expectAccessible(stranger);
    await strangerContext.close();
  });
});

test.describe('counsellor feedback', () => {
  test('a pupil shares a page with the counsellor, who comments and verifies; the pupil answers', async ({ page, browser }) => {
    const stamp = Date.now();
    const entryTitle = `Stage au labo ${stamp}`;
    const pageTitle = `Bilan ${stamp}`;
    await signInAsPupil(page);
    await page.goto('/portfolio/entrees/nouvelle');
    await page.getByLabel('Titre').fill(entryTitle);
    await page.getByLabel('Date de début').fill('2026-01-12');
    await page.getByTestId('save-entry').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(entryTitle);
    const entryUrl = page.url();
    await page.goto('/portfolio/pages');
    await page.getByLabel('Titre de la nouvelle page').fill(pageTitle);
    await page.getByTestId('create-page').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(pageTitle);
    await page.getByRole('checkbox', { name: entryTitle }).check();
    await page.getByTestId('save-page').click();
    await expect(page.getByRole('checkbox', { name: entryTitle })).toBeChecked();
    await page.getByLabel('Avec qui', { exact: true }).selectOption({ label: 'Nadia Démo-Benali' });
    await page.getByTestId('grant-page').click();
    await expect(page.getByTestId('grants')).toContainText('Nadia Démo-Benali');
    await expectAccessible(page);

    const counsellorContext = await browser.newContext({ locale: 'fr-FR' });
    const counsellor = await counsellorContext.newPage();
    await counsellor.goto('/connexion');
    await counsellor.getByRole('button', { name: /Nadia Démo-Benali/ }).click();
    await expect(counsellor.getByRole('heading', { level: 1 })).toHaveText('Espace conseiller·ère');
    await counsellor.getByRole('link', { name: `Camille Démo-Martin — ${pageTitle}` }).click();
    await expect(counsellor.getByRole('heading', { level: 1 })).toHaveText(pageTitle);
    await expect(counsellor.getByTestId('granted-page')).toContainText(entryTitle);
    await expectAccessible(counsellor);
    await counsellor.getByLabel('Votre commentaire').fill('Très bon début : précise ce que tu as mesuré.');
    await counsellor.getByRole('button', { name: 'Envoyer le commentaire' }).click();
    await expect(counsellor.locator('.comment')).toContainText('Très bon début');
    await counsellor.getByRole('button', { name: 'Marquer « vérifié »' }).click();
    await expect(counsellor.getByTestId('verified')).toContainText('Nadia Démo-Benali');
    await expectAccessible(counsellor);
    await counsellorContext.close();

    await page.goto(entryUrl);
    await expect(page.getByTestId('verified')).toContainText('Vérifié');
    await expect(page.locator('.comment')).toContainText('Très bon début');
    await page.getByLabel('Votre commentaire').fill('Merci, je complète.');
    await page.getByRole('button', { name: 'Envoyer le commentaire' }).click();
    await expect(page.locator('.comment[data-by-student="true"]')).toContainText('Merci, je complète.');
    await expectAccessible(page);
    await page.goto('/journal');
    await expect(page.getByTestId('journal').locator('tr[data-action="data_viewed"]').first()).toContainText('Nadia Démo-Benali');
  });
});

test.describe('export and import', () => {
  test('a pupil downloads the portfolio archive, prints it, and imports it back', async ({ page }) => {
    const title = `Atelier radio ${Date.now()}`;
    await signInAsPupil(page);
    await page.goto('/portfolio/entrees/nouvelle');
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Date de début').fill('2026-03-03');
    await page.getByTestId('save-entry').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

    await page.goto('/portfolio');
    await page.getByRole('link', { name: 'Exporter / importer' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Exporter / importer');
    await expect(page.getByTestId('storage-use')).toContainText(/Espace de stockage de vos preuves\s:\s.* utilisés sur 300 Mo/);
    await expectAccessible(page);
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-zip').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^portfolio-sillage-\d{4}-\d{2}-\d{2}\.zip$/);
    const archive = await download.path();

    await page.getByRole('link', { name: 'Version imprimable' }).click();
    await expect(page.getByTestId('print-entries')).toContainText(title);
    await expectAccessible(page);

    await page.goto('/portfolio/exporter');
    await page.getByLabel('Archive Sillage (.zip)').setInputFiles(archive);
    await page.getByTestId('import-zip').click();
    await expect(page.getByTestId('import-done')).toContainText('Import terminé');
    await expectAccessible(page);
    await page.getByLabel('Archive Sillage (.zip)').setInputFiles({ name: 'faux.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
    await page.getByTestId('import-zip').click();
    await expect(page.getByTestId('import-refused')).toContainText("Ce fichier n'est pas une archive ZIP lisible.");
    await page.goto('/portfolio');
    await expect(page.getByTestId('entries').getByRole('link', { name: title, exact: true })).toHaveCount(2);
  });
});
