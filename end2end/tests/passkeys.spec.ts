import { expect, expectAccessible, test, virtualAuthenticator } from './helpers';
import type { Page } from '@playwright/test';

async function hydrated(page: Page) {
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
}

test('a pupil adds a passkey, signs in with it, revokes it and is then refused', async ({ page, pageErrors }) => {
  const { cdp, authenticatorId } = await virtualAuthenticator(page);

  await page.goto('/connexion');
  await page.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Camille');

  await page.goto('/cles-d-acces');
  await hydrated(page);
  await expect(page.getByTestId('no-passkey')).toBeVisible();
  await page.locator('#nom-nouvelle-cle').fill('Ordinateur du CDI');
  await page.getByRole('button', { name: "Ajouter une clé d'accès" }).click();
  await expect(page.getByTestId('passkeys').getByRole('heading', { name: 'Ordinateur du CDI' })).toBeVisible();
  await expectAccessible(page);
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0].isResidentCredential).toBe(true);

  // Sign out, then back in with the passkey alone.
  await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue sur Sillage');
  await page.goto('/connexion');
  await hydrated(page);
  const assertion = page.waitForRequest('**/auth/cles/connexion/fin');
  await page.getByRole('button', { name: "Se connecter avec une clé d'accès" }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Camille');
  const replayed = (await assertion).postData() ?? '';
  expect(replayed).toContain('authenticatorData');
  const used = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(used.credentials[0].signCount).toBeGreaterThan(0);

  // The same assertion sent again, even within a new ceremony, is refused.
  const again = await page.request.post('/auth/cles/connexion/debut');
  expect(again.status()).toBe(200);
  const replay = await page.request.post('/auth/cles/connexion/fin', {
    data: replayed,
    headers: { 'content-type': 'application/json' },
  });
  expect(replay.status()).toBe(400);
  expect((await replay.json()).fr).toContain("n'a pas pu être vérifiée");

  await page.goto('/journal');
  await expect(page.getByTestId('journal')).toContainText("Clé d'accès ajoutée");
  await expect(page.getByTestId('journal')).toContainText("avec une clé d'accès");

  // Revoke it (a lost device); the authenticator still holds it, the portal refuses it.
  await page.goto('/cles-d-acces');
  await page.getByRole('button', { name: 'Supprimer « Ordinateur du CDI »' }).click();
  await expect(page.getByTestId('no-passkey')).toBeVisible();
  await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click();
  await page.goto('/connexion');
  await hydrated(page);
  await page.getByRole('button', { name: "Se connecter avec une clé d'accès" }).click();
  await expect(page.getByTestId('passkey-message')).toHaveText("La clé d'accès n'a pas pu être vérifiée. Réessayez.");
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
  await expectAccessible(page);
  // Chromium logs the refused request (400) in the console: that one, and only it, is expected.
  expect(pageErrors.filter((e) => e.includes('status of 400'))).toHaveLength(1);
  pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !e.includes('status of 400')));
});
