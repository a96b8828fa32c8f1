import { expect, expectAccessible, test } from './helpers';

const CODES = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '5.1', '5.2'];

/** A « collecte de profils » export as Pix Orga writes it (BOM, `;`, quoted texts). */
function orgaExport(campaignId: number, rows: { last: string; first: string; pix: number }[], separator = ';') {
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const header = [
    "Nom de l'organisation", 'ID Campagne', 'Nom de la campagne', 'Nom du Participant', 'Prénom du Participant',
    'Classe', 'Envoi (O/N)', "Date de l'envoi", 'Nombre de pix total',
    ...CODES.flatMap((c) => [`Niveau pour la compétence ${c}`, `Nombre de pix pour la compétence ${c}`]),
  ].map(quote);
  const lines = rows.map((r) => [
    quote('Collège Démo'), String(campaignId), quote('Profils 3e'), quote(r.last), quote(r.first), quote('3e A'),
    quote('Oui'), '2026-10-05', String(r.pix * 16),
    ...CODES.flatMap(() => [String(Math.floor(r.pix / 8)), String(r.pix)]),
  ].join(separator));
  return Buffer.from('\uFEFF' + [header.join(separator), ...lines].join('\n') + '\n', 'utf-8');
}

test.describe('Pix results', () => {
  test('a counsellor imports a Pix Orga export, the pupil sees her chart and records a certification', async ({ page, browser }) => {
    const campaign = Date.now() % 1_000_000_000;

    // The counsellor uploads the file: a preview first, nothing imported yet.
    await page.goto('/connexion');
    await page.getByRole('button', { name: /Nadia Démo-Benali/ }).click();
    await page.getByTestId('pix-class-link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pix de mes classes');
    await expectAccessible(page);

    // A spreadsheet's re-save (`,`) is reported, in words, and nothing is imported.
    await page.getByLabel('Fichier CSV exporté de Pix Orga').setInputFiles({
      name: 'resave.csv', mimeType: 'text/csv', buffer: orgaExport(campaign, [{ last: 'Démo-Martin', first: 'Camille', pix: 19 }], ','),
    });
    await page.getByTestId('pix-upload-submit').click();
    await expect(page.getByTestId('preview-problems')).toContainText('ne sont pas séparées par « ; »');
    await expect(page.getByTestId('confirm-import')).toHaveCount(0);
    await expectAccessible(page);

    await page.goto('/pix/classe');
    await page.getByLabel('Fichier CSV exporté de Pix Orga').setInputFiles({
      name: 'profils-3e.csv', mimeType: 'text/csv',
      buffer: orgaExport(campaign, [
        { last: 'Démo-Martin', first: 'Camille', pix: 19 },
        { last: 'Inconnu', first: 'Personne', pix: 9 },
      ]),
    });
    await page.getByTestId('pix-upload-submit').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Aperçu de l'import Pix");
    await expect(page.getByTestId('preview-counts')).toContainText('Résultats créés : 1');
    await expect(page.getByTestId('preview-counts')).toContainText('Lignes non rattachées : 1');
    await expect(page.getByTestId('preview-lines').locator('tr[data-kind="non-rattache"]')).toContainText('aucun élève de vos établissements');
    await expectAccessible(page);
    await page.getByTestId('confirm-import').click();
    await expect(page.getByTestId('import-done')).toContainText('1 résultat créé, 1 mis à jour');
    await expect(page.getByTestId('distribution')).toBeVisible();
    await expectAccessible(page);

    // The pupil sees her radar, its table, and what to do next.
    const pupilContext = await browser.newContext({ locale: 'fr-FR' });
    const pupil = await pupilContext.newPage();
    await pupil.goto('/connexion');
    await pupil.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
    await pupil.getByRole('link', { name: 'Mes résultats Pix', exact: true }).click();
    await expect(pupil.getByRole('heading', { level: 1 })).toHaveText('Mes résultats Pix');
    await expect(pupil.getByTestId('pix-radar')).toBeVisible();
    await expect(pupil.getByRole('img', { name: /Niveaux Pix des 16 compétences/ })).toBeVisible();
    await expect(pupil.getByTestId('pix-table').locator('tr[data-code="1.1"] [data-testid="level"]')).toHaveText('2');
    await expect(pupil.getByTestId('pix-table')).toContainText('niveau 3, encore 5 pix');
    await expect(pupil.getByTestId('pix-progression')).toBeVisible();
    await expectAccessible(pupil);

    // A certification: a wrong code is explained, the right one is recorded with its level.
    await pupil.getByLabel('Date de la certification').fill('2026-06-10');
    await pupil.getByLabel('Code de vérification').fill('P-12345678');
    await pupil.getByLabel('Score (pix certifiés)').fill('412');
    await pupil.getByTestId('save-certification').click();
    await expect(pupil.getByTestId('cert-problems')).toContainText('P- suivi de 8 caractères');
    await expect(pupil.getByLabel('Code de vérification')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(pupil);
    await pupil.getByLabel('Code de vérification').fill('P-3BFH7MQT');
    await pupil.getByTestId('save-certification').click();
    await expect(pupil.getByTestId('pix-certified')).toContainText('Indépendant 4');
    await expectAccessible(pupil);
    await pupilContext.close();
  });
});
