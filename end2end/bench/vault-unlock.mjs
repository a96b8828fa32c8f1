// Measures the vault's unlock time (Argon2id at its default 64 MiB, t=3, p=4, in the vault's
// WASM module) in Chromium, against a running Sillage with demo accounts:
//   scripts/run &   # or any release build with SILLAGE_DEMO__MODE=on
//   node end2end/bench/vault-unlock.mjs [base URL, default http://localhost:3000] [runs, default 5]
// It signs in as the demo pupil, creates the vault if there is none (with the passphrase below),
// then locks and unlocks `runs` times, printing each time from the click to the open vault.
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://localhost:3000';
const runs = Number(process.argv[3] ?? 5);
const passphrase = 'tilleul-gazon-phare-moulin-cheval-nuage-piano-ruche';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ locale: 'fr-FR' });
await page.goto(`${base}/connexion`);
await page.getByRole('button', { name: /Camille Démo-Martin \(Élève/ }).click();
await page.waitForURL(`${base}/`);
await page.goto(`${base}/coffre-fort`);
const create = page.getByRole('heading', { name: 'Créer mon coffre-fort' });
const locked = page.getByRole('heading', { name: 'Coffre-fort verrouillé' });
await Promise.race([create.waitFor(), locked.waitFor()]);
if (await create.isVisible()) {
  await page.getByLabel('Phrase de passe', { exact: true }).fill(passphrase);
  await page.getByLabel('Phrase de passe, encore une fois').fill(passphrase);
  await page.getByRole('button', { name: 'Créer le coffre-fort' }).click();
  await page.getByLabel("J'ai noté ma clé de secours en lieu sûr.").check();
  await page.getByTestId('recovery-done').click();
  await page.getByTestId('lock').click();
}
const times = [];
for (let i = 0; i < runs; i++) {
  await page.getByLabel('Phrase de passe', { exact: true }).fill(passphrase);
  const start = Date.now();
  await page.getByRole('button', { name: 'Déverrouiller', exact: true }).click();
  await page.getByTestId('lock').waitFor();
  times.push(Date.now() - start);
  await page.getByTestId('lock').click();
}
times.sort((a, b) => a - b);
console.log(`unlock (ms), ${runs} runs: ${times.join(', ')}; median ${times[Math.floor(times.length / 2)]}`);
await browser.close();
