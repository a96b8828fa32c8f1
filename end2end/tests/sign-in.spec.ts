import { expect, expectAccessible, expectPlainPage, signInAtProvider, test } from './helpers';

test.describe('sign-in through a real OpenID Connect provider', () => {
  test('a pupil signs in at ÉduConnect, sees their home, and signs out of both', async ({ page }) => {
    await signInAtProvider(page, /ÉduConnect/, 'eleve.lina');

    await expect(page).toHaveURL(/localhost:3005\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Lina');
    await expect(page.getByTestId('profile-name')).toHaveText('Lina Moreau');
    await expect(page.getByTestId('profile-school')).toHaveText('0750001A');
    await expect(page.getByTestId('profile-level')).toHaveText('Seconde');
    await expect(page.getByTestId('tiles').getByRole('listitem')).toHaveCount(4);
    await expectAccessible(page);

    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === '__Host-sillage');
    expect(session, 'the session cookie').toBeDefined();
    expect(session!.httpOnly).toBe(true);
    expect(session!.secure).toBe(true);
    expect(session!.sameSite).toBe('Lax');
    // Not asked to stay: the cookie ends with the browser (a shared computer forgets it).
    expect(session!.expires).toBe(-1);

    await page.getByRole('banner').getByRole('button', { name: 'Se déconnecter' }).click();
    // RP-initiated logout: the provider's session ends too (a shared school computer).
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await expect(page).toHaveURL(/\/\?deconnecte=1$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue sur Sillage');

    // Signing in again asks for the login again: the provider forgot us.
    await page.goto('/connexion');
    await page.getByRole('button', { name: /ÉduConnect/ }).click();
    await expect(page.locator('input[name="login"]')).toBeVisible();
  });

  test('a pupil who asks to stay signed in keeps a cookie that outlives the browser', async ({ page }) => {
    await page.goto('/connexion');
    await expectAccessible(page);
    await signInAtProvider(page, /ÉduConnect/, 'eleve.lina', true);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Lina');
    const session = (await page.context().cookies()).find((c) => c.name === '__Host-sillage');
    const inSeconds = session!.expires - Date.now() / 1000;
    // The idle timeout of the test configuration (30 minutes), renewed as the pupil goes on.
    expect(inSeconds).toBeGreaterThan(25 * 60);
    expect(inSeconds).toBeLessThanOrEqual(30 * 60 + 5);
  });

  test('a guardian lands on the guardian home', async ({ page }) => {
    await signInAtProvider(page, /ÉduConnect/, 'parent.karim');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Espace responsable légal');
    await expect(page.getByText('Bonjour Karim.', { exact: false })).toBeVisible();
    await expect(page.getByTestId('tiles')).toHaveCount(0);
    await expectAccessible(page);
  });

  test('a counsellor signs in through the staff directory', async ({ page }) => {
    await signInAtProvider(page, /Annuaire académique/, 'psy.claire');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Espace conseiller·ère');
    await expect(page.getByTestId('profile-role')).toHaveText("Conseiller·ère d'orientation");
    await expectAccessible(page);
  });

  test('an identity that is neither pupil nor guardian is refused with a clear page', async ({ page }) => {
    await signInAtProvider(page, /ÉduConnect/, 'agent.inconnu');
    await expect(page).toHaveURL(/\/erreur\/profil-non-pris-en-charge$/);
    await expect(page.getByRole('alert')).toContainText("Sillage ne peut pas l'accueillir");
    await expectAccessible(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue sur Sillage');
  });

  test('a tampered state is refused with a clear error page', async ({ page }) => {
    // Hold the provider's redirect back to Sillage (a redirect target, which page.route cannot
    // see, so through the DevTools protocol), then replay it with the state changed.
    let callback = '';
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*/auth/retour/*', requestStage: 'Request' }] });
    cdp.on('Fetch.requestPaused', (event) => {
      callback = event.request.url;
      void cdp.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'Aborted' });
    });
    await signInAtProvider(page, /ÉduConnect/, 'eleve.lina').catch(() => undefined);
    await expect.poll(() => callback).toContain('state=');
    await cdp.send('Fetch.disable');

    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')}tampered`);
    const response = await page.goto(tampered.toString());
    await expect(page).toHaveURL(/\/erreur\/etat-invalide$/);
    expect(response?.status()).toBe(400);
    await expect(page.getByRole('alert')).toContainText('Par sécurité, elle a été refusée');
    await expectAccessible(page);
    await expectPlainPage(page, 'Réessayer de se connecter');
    await expect(page).toHaveURL(/\/connexion$/);
  });
});
