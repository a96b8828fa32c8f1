import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// Writes docs/screenshots/*.png: what a reader of the README sees before installing anything.
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1100, height: 760 };

async function signIn(page: Page, who: RegExp) {
  await page.goto('/connexion');
  await page.getByRole('button', { name: who }).click();
  await expect(page.getByTestId('who')).toBeVisible();
}

async function shoot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

test('the pupil', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, /Camille Démo-Martin \(Élève/);
  await shoot(page, 'eleve-accueil');
  await page.goto('/portfolio');
  await shoot(page, 'eleve-portfolio');
  await page.setViewportSize(DESKTOP);
  await page.goto('/pix');
  await expect(page.getByTestId('pix-radar')).toBeVisible();
  // The charts, not the page's introduction.
  await page.getByTestId('pix-latest').evaluate((element) => element.scrollIntoView());
  await shoot(page, 'eleve-pix');
});

test('the counsellor', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, /Nadia Démo-Benali/);
  await page.getByTestId('received-pages').getByRole('link', { name: /Mon parcours de 3e/ }).click();
  await expect(page.getByTestId('verified')).toBeVisible();
  await shoot(page, 'conseillere-page-recue');
});

test('the parent', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, /Sophie Démo-Martin/);
  await shoot(page, 'parent-accueil');
});
