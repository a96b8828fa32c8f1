import { readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { CDPSession, Page } from '@playwright/test';
import { expect, expectAccessible, test } from './helpers';

// Eight random words of the list: above the CNIL's 80 bits, as the vault demands.
const PASSPHRASE = 'tilleul-gazon-phare-moulin-cheval-nuage-piano-ruche';
const NEW_PASSPHRASE = 'girafe-ocelot-praline-viaduc-sablier-ruban-lagon-cresson';
// Known secrets the database must never hold, in any encoding.
const SECRETS = ['Tournesol-Quai-Opera-42!', 'pronote-Xq9-secret', 'CasierBleu4821', 'importe-depuis-bitwarden-77'];

async function signInAsPupil(page: Page) {
  await page.goto('/connexion');
  await page.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
  await expect(page.getByTestId('home-title')).toBeVisible();
}

async function addLogin(page: Page, name: string, username: string, password: string) {
  await page.getByTestId('add-login').click();
  await page.getByLabel('Nom du service').fill(name);
  await page.getByLabel('Identifiant', { exact: true }).fill(username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator(`[data-testid="vault-item"][data-name="${name}"]`)).toBeVisible();
}

async function unlockWithPassphrase(page: Page, passphrase = PASSPHRASE) {
  await page.getByLabel('Phrase de passe', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Déverrouiller', exact: true }).click();
  await expect(page.getByTestId('lock')).toBeVisible();
}

/** The secret as plain text, UTF-16 and base64 (at each of the three byte alignments). */
function encodings(secret: string): Buffer[] {
  const forms = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le')];
  for (const pad of [0, 1, 2]) {
    for (const variant of ['base64', 'base64url'] as const) {
      const full = Buffer.concat([Buffer.alloc(pad), Buffer.from(secret, 'utf8')]).toString(variant);
      // Drop the characters that mix padding bytes and the last, partial group.
      const core = full.slice(Math.ceil((pad * 4) / 3), full.length - 4).replace(/=+$/, '');
      forms.push(Buffer.from(core, 'ascii'));
    }
  }
  return forms;
}

async function virtualAuthenticatorWithPrf(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
      hasPrf: true,
    },
  });
  return cdp;
}

test.describe('Password vault', () => {
  // A retry (CI only) starts without the vault its first attempt may have left: the scenarios
  // create one. `server admin reset-vault`, as an administrator does, on the suite's database.
  test.beforeEach(() => {
    if (test.info().retry === 0) return;
    try {
      execFileSync(process.env.E2E_SERVER_BIN ?? './target/release/server', ['admin', 'reset-vault', '1'], {
        cwd: '..',
        env: {
          ...process.env,
          SILLAGE_DATABASE__URL: 'sqlite://end2end/.tmp/e2e.db',
          SILLAGE_AUDIT__KEY_FILE: 'end2end/.tmp/journal.key',
        },
        stdio: 'pipe',
      });
    } catch {
      // No vault to reset: nothing was left.
    }
  });

  test('create, fill, lock, unlock three ways, import, export; the database holds no plaintext', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const vaultRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/pkg/vault/')) vaultRequests.push(request.url());
    });
    await signInAsPupil(page);
    // Other pages never fetch the vault module.
    await page.goto('/portfolio');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // A page without islands: no script, so certainly not the vault's module.
    await expect(page.locator('leptos-island')).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    expect(vaultRequests).toEqual([]);

    await page.goto('/coffre-fort');
    // The page comes with its form, usable once the vault module is loaded and the vault read.
    await expect(page.getByRole('heading', { name: 'Créer mon coffre-fort' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Créer le coffre-fort' })).toBeEnabled();
    expect(vaultRequests.some((u) => u.endsWith('.wasm'))).toBe(true);
    await expectAccessible(page);

    // A weak passphrase is explained and refused.
    await page.getByLabel('Phrase de passe', { exact: true }).fill('Soleil2003');
    await expect(page.getByTestId('strength-level')).toHaveText('Très faible');
    await expect(page.getByTestId('strength')).toContainText('date ou une année');
    await page.getByLabel('Phrase de passe, encore une fois').fill('Soleil2003');
    await page.getByRole('button', { name: 'Créer le coffre-fort' }).click();
    await expect(page.getByTestId('vault-alert')).toContainText("n'atteint pas 80 bits");

    // The suggestion reaches the target.
    await page.getByTestId('suggest-passphrase').click();
    await expect(page.getByTestId('strength-level')).toHaveText('Solide');

    await page.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Phrase de passe, encore une fois').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Créer le coffre-fort' }).click();
    const recoveryKey = (await page.getByTestId('recovery-key').textContent()) ?? '';
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    await expectAccessible(page);
    await page.getByLabel("J'ai noté ma clé de secours en lieu sûr.").check();
    await page.getByTestId('recovery-done').click();
    await expect(page.getByTestId('vault-empty')).toBeVisible();

    await addLogin(page, 'Pronote', 'camille.martin', SECRETS[1]);
    await addLogin(page, 'ENT', 'camille.martin', SECRETS[1]);
    await addLogin(page, 'Mail', 'camille@example.fr', SECRETS[0]);
    await page.getByTestId('add-note').click();
    await page.getByLabel('Nom du service').fill('Code du casier');
    await page.getByLabel('Notes', { exact: true }).fill(SECRETS[2]);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByTestId('vault-item')).toHaveCount(4);
    await expectAccessible(page);

    // The hygiene report sees the reused password and the missing two-factor.
    await expect(page.getByTestId('hygiene-reused')).toContainText(/Pronote, ENT|ENT, Pronote/);
    await expect(page.getByTestId('hygiene-no-2fa')).toContainText('Mail');

    // Search is in the browser; copy fills the clipboard.
    await page.getByTestId('vault-search').fill('pron');
    await expect(page.getByTestId('vault-item')).toHaveCount(1);
    await page.getByTestId('copy-password').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(SECRETS[1]);
    await page.getByTestId('vault-search').fill('');

    // Edit one item.
    await page.locator('[data-testid="vault-item"][data-name="ENT"]').getByTestId('edit').click();
    await page.getByLabel('Mot de passe', { exact: true }).fill('Tournesol-Quai-Opera-43!');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByTestId('hygiene-reused')).toHaveCount(0);

    // Lock, then unlock with the passphrase: a wrong one first.
    await page.getByTestId('lock').click();
    await expect(page.getByTestId('vault-item')).toHaveCount(0);
    await page.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE + 'x');
    await page.getByRole('button', { name: 'Déverrouiller', exact: true }).click();
    await expect(page.getByTestId('vault-alert')).toContainText('Phrase de passe incorrecte');
    await unlockWithPassphrase(page);
    await expect(page.getByTestId('vault-item')).toHaveCount(4);

    // Unlock with the recovery key (typed sloppily: lower case, spaces).
    await page.getByTestId('lock').click();
    await page.getByText("J'ai oublié ma phrase de passe").click();
    await page.getByLabel('Clé de secours (32 caractères)').fill(recoveryKey.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Ouvrir avec la clé de secours' }).click();
    await expect(page.getByTestId('vault-item')).toHaveCount(4);

    // A new passphrase: the old one stops opening the vault.
    await page.getByLabel('Nouvelle phrase de passe', { exact: true }).fill(NEW_PASSPHRASE);
    await page.getByLabel('Nouvelle phrase de passe, encore une fois').fill(NEW_PASSPHRASE);
    await page.getByRole('button', { name: 'Changer de phrase de passe' }).click();
    await expect(page.getByTestId('vault-notice')).toContainText('Phrase de passe changée');
    await page.getByTestId('lock').click();
    await page.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Déverrouiller', exact: true }).click();
    await expect(page.getByTestId('vault-alert')).toContainText('Phrase de passe incorrecte');
    await unlockWithPassphrase(page, NEW_PASSPHRASE);
    await expect(page.getByTestId('vault-item')).toHaveCount(4);

    // Import: an encrypted Bitwarden export is explained; an unencrypted one goes in.
    await page.getByTestId('import-file').setInputFiles({
      name: 'bitwarden_encrypted_export.json', mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ encrypted: true, passwordProtected: true, salt: 'x', data: '2.a|b|c' })),
    });
    await expect(page.getByTestId('vault-alert')).toContainText('est chiffré');
    await page.getByTestId('import-file').setInputFiles({
      name: 'bitwarden_export.json', mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({
        encrypted: false, folders: [],
        items: [
          { type: 1, name: 'Pix', notes: null, login: { uris: [{ match: null, uri: 'https://pix.fr' }], username: 'camille', password: SECRETS[3], totp: null } },
          { type: 3, name: 'Carte', card: {} },
        ],
      })),
    });
    await expect(page.getByTestId('import-preview')).toContainText('1 élément prêt à importer. 1 autre ignoré');
    await page.getByTestId('confirm-import').click();
    await expect(page.getByTestId('vault-item')).toHaveCount(5);

    // Export: the passphrase is asked; the file is made in the browser.
    await page.getByLabel('Format').selectOption('bitwarden-csv');
    await page.getByLabel('Phrase de passe du coffre').fill('pas la bonne');
    await page.getByRole('button', { name: 'Exporter', exact: true }).click();
    await expect(page.getByTestId('vault-alert')).toContainText('Phrase de passe incorrecte');
    await page.getByLabel('Phrase de passe du coffre').fill(NEW_PASSPHRASE);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('sillage-coffre-fort-bitwarden.csv');
    const exported = readFileSync(await file.path(), 'utf8');
    expect(exported.split('\n')[0]).toBe('folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp');
    expect(exported).toContain(SECRETS[3]);
    expect(exported).toContain(SECRETS[2]);

    // A passkey whose PRF output opens the vault (Chromium's virtual authenticator has PRF).
    await virtualAuthenticatorWithPrf(page);
    await page.getByLabel("Nom de l'appareil").fill('Téléphone');
    await page.getByRole('button', { name: "Ajouter une clé d'accès pour ouvrir le coffre" }).click();
    await expect(page.getByTestId('vault-passkeys')).toContainText('Téléphone');
    await page.getByTestId('lock').click();
    await page.getByTestId('unlock-passkey').click();
    await expect(page.getByTestId('vault-item')).toHaveCount(5);
    await expectAccessible(page);

    // A fresh page load: locked again, opens with the passphrase. (The page's clock is now
    // Playwright's, to move time forward below.)
    await page.clock.install();
    await page.reload();
    await unlockWithPassphrase(page, NEW_PASSPHRASE);
    await expect(page.getByTestId('vault-item')).toHaveCount(5);

    // A copied password leaves the clipboard after 30 seconds.
    await page.locator('[data-testid="vault-item"][data-name="Mail"]').getByTestId('copy-password').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(SECRETS[0]);
    await page.clock.fastForward('00:31');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('');

    // Five minutes without activity: the vault locks itself.
    await page.clock.fastForward('05:10');
    await expect(page.getByTestId('vault-notice')).toContainText("s'est verrouillé après 5 minutes");
    await expect(page.getByTestId('vault-item')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Coffre-fort verrouillé' })).toBeVisible();

    // The recovery key printed at creation still opens the vault after the new passphrase and
    // the passkey (each wrapping has its own salt).
    await page.getByText("J'ai oublié ma phrase de passe").click();
    await expect(page.getByTestId('vault-lost')).toContainText("administrateur");
    await page.getByLabel('Clé de secours (32 caractères)').fill(recoveryKey);
    await page.getByRole('button', { name: 'Ouvrir avec la clé de secours' }).click();
    await expect(page.getByTestId('vault-item')).toHaveCount(5);
    // Removing the passkey leaves it working too.
    await page.getByTestId('vault-passkeys').getByRole('button', { name: 'Retirer' }).click();
    await expect(page.getByTestId('vault-passkeys')).not.toContainText('Téléphone');
    await page.getByTestId('lock').click();
    await page.getByText("J'ai oublié ma phrase de passe").click();
    await page.getByLabel('Clé de secours (32 caractères)').fill(recoveryKey);
    await page.getByRole('button', { name: 'Ouvrir avec la clé de secours' }).click();
    await expect(page.getByTestId('vault-item')).toHaveCount(5);

    // Deleting is done from the open vault (the server asks for its key check), confirmed.
    await page.getByLabel('Tapez SUPPRIMER').fill('SUPPRIMER');
    await page.getByRole('button', { name: 'Supprimer mon coffre-fort' }).click();
    await expect(page.getByTestId('vault-notice')).toContainText('Coffre-fort supprimé');
    await expect(page.getByRole('heading', { name: 'Créer mon coffre-fort' })).toBeVisible();

    // The database (and its write-ahead log) holds none of the secrets, in any encoding.
    let dump = Buffer.alloc(0);
    for (const path of ['.tmp/e2e.db', '.tmp/e2e.db-wal']) {
      if (existsSync(path)) dump = Buffer.concat([dump, readFileSync(path)]);
    }
    expect(dump.length).toBeGreaterThan(10_000);
    expect(dump.includes(Buffer.from('vault_items'))).toBe(true);
    for (const secret of [...SECRETS, PASSPHRASE, NEW_PASSPHRASE, recoveryKey]) {
      for (const form of encodings(secret)) {
        expect(dump.includes(form), `${secret} (${form.toString('latin1')}) in the database`).toBe(false);
      }
    }
  });

  test('an older version of an item that the server puts back is refused, the current one opens', async ({ page }) => {
    await signInAsPupil(page);
    await page.goto('/coffre-fort');
    await page.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Phrase de passe, encore une fois').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Créer le coffre-fort' }).click();
    await page.getByLabel("J'ai noté ma clé de secours en lieu sûr.").check();
    await page.getByTestId('recovery-done').click();

    // Revision 1, whose envelope the test keeps as a server could; then revision 2.
    const firstSave = page.waitForRequest('**/api/vault/item');
    await addLogin(page, 'Pronote', 'camille.martin', 'premiere-version-11');
    const first = JSON.parse((await firstSave).postData() ?? '{}');
    expect(first.envelope).toMatch(/^sv2\./);
    const item = page.locator('[data-testid="vault-item"][data-name="Pronote"]');
    await item.getByTestId('edit').click();
    await page.getByLabel('Mot de passe', { exact: true }).fill('seconde-version-22');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByTestId('vault-notice')).toContainText('Enregistré');

    // The server hands back the first envelope: as revision 2 it does not decrypt, as
    // revision 1 this browser, which saw revision 2, refuses it.
    for (const revision of [2, 1]) {
      await page.route('**/api/vault/state', async (route) => {
        const response = await route.fetch();
        const state = await response.json();
        for (const stored of state.items) {
          if (stored.id === first.id) {
            stored.envelope = first.envelope;
            stored.revision = revision;
          }
        }
        await route.fulfill({ response, json: state });
      });
      await page.reload();
      await unlockWithPassphrase(page);
      await expect(page.getByTestId('vault-item')).toHaveCount(0);
      await expect(page.getByTestId('damaged-item')).toHaveCount(1);
      if (revision === 1) {
        await expect(page.getByTestId('damaged-item')).toContainText('plus ancien que la version déjà vue sur cet appareil');
      }
      await page.unroute('**/api/vault/state');
    }
    await expectAccessible(page);

    // The server's own answer opens: the current version.
    await page.reload();
    await unlockWithPassphrase(page);
    await expect(page.getByTestId('damaged-item')).toHaveCount(0);
    await item.getByTestId('edit').click();
    await expect(page.getByLabel('Mot de passe', { exact: true })).toHaveValue('seconde-version-22');
    await page.getByRole('button', { name: 'Annuler' }).click();

    await page.getByLabel('Tapez SUPPRIMER').fill('SUPPRIMER');
    await page.getByRole('button', { name: 'Supprimer mon coffre-fort' }).click();
    await expect(page.getByTestId('vault-notice')).toContainText('Coffre-fort supprimé');
  });

  test('lessons read without the vault module, and other roles are told the vault is the students\'', async ({ page }) => {
    const vaultRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/pkg/vault/')) vaultRequests.push(request.url());
    });
    await page.goto('/coffre-fort/lecons/phrase-de-passe');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Une phrase de passe plutôt qu'un mot de passe");
    await expect(page.getByTestId('lesson')).toContainText('80 bits');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'La double authentification' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('La double authentification');
    expect(vaultRequests).toEqual([]);

    await page.goto('/connexion');
    await page.getByRole('button', { name: /Sophie Démo-Martin/ }).click();
    await page.goto('/coffre-fort');
    await expect(page.getByTestId('vault-students-only')).toBeVisible();
    await expectAccessible(page);
    expect(vaultRequests).toEqual([]);
  });

  test('without JavaScript, the form is shown but cannot be used, and the page says why', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto('/connexion');
    await page.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
    await page.goto('/coffre-fort');
    // (Playwright turns scripts off without the parser's scripting flag, so a browser without
    // JavaScript shows this `<noscript>` where this one does not: its text is checked in the page.)
    expect(await page.content()).toContain('Le coffre-fort a besoin de JavaScript');
    await expect(page.getByRole('heading', { name: 'Créer mon coffre-fort' })).toBeVisible();
    // Disabled: nothing typed here can be sent anywhere (a passphrase in a URL, say).
    await expect(page.getByLabel('Phrase de passe', { exact: true })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Créer le coffre-fort' })).toBeDisabled();
    // (No axe-core here: it runs as a script. The same page is checked with JavaScript above.)
    await context.close();
  });
});
