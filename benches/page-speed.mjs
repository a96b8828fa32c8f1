// How fast pupils' pages are ready on an old phone and a slow link: Lighthouse's mobile profile
// (Slow 4G: 1.6 Mbps down, 750 kbps up, 150 ms round trip; CPU slowed 4×) applied through
// Chromium's DevTools protocol, first visit with an empty cache each time.
//
//   benches/page-speed.sh                      (starts a release server, then runs this)
//   node benches/page-speed.mjs BASE_URL [runs]
//
// For each page: first contentful paint, and "ready": the moment the page's islands are
// hydrated (`html[data-hydrated]`, set by the island module after hydrating them) or, on a page
// without islands, the load event (nothing more will make it interactive). Median of `runs`.
import { chromium } from '../end2end/node_modules/playwright/index.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:3079';
const runs = Number(process.argv[3] ?? 5);
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

// A signed-in demo pupil, with one portfolio entry for the entry page.
const setup = await browser.newContext({ locale: 'fr-FR' });
const page = await setup.newPage();
await page.goto(`${base}/connexion`);
await page.getByRole('button', { name: /\(Élève/ }).first().click();
await page.waitForSelector('[data-testid="who"]');
await page.goto(`${base}/portfolio/entrees/nouvelle`);
await page.getByLabel('Titre').fill('Mesure de vitesse');
await page.getByLabel('Date de début').fill('2026-03-10');
await page.getByTestId('save-entry').click();
await page.waitForURL(/\/portfolio\/entrees\/\d+$/);
const entry = new URL(page.url()).pathname;
const state = await setup.storageState();
await setup.close();

async function measure(path) {
  const context = await browser.newContext({ locale: 'fr-FR', storageState: state });
  const tab = await context.newPage();
  // Notes the moment the island module marks the page hydrated.
  // The vault page comes with its form disabled until the vault module is loaded and the vault
  // read: that moment is noted too ("usable").
  await tab.addInitScript(() => {
    new MutationObserver(() => {
      if (document.documentElement?.dataset.hydrated && !window.__hydratedAt) window.__hydratedAt = performance.now();
      const waiting = document.querySelectorAll('fieldset.plain');
      if (waiting.length && ![...waiting].some((f) => f.disabled) && !window.__usableAt) window.__usableAt = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated', 'disabled'] });
  });
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await tab.goto(`${base}${path}`, { waitUntil: 'load', timeout: 60_000 });
  // A page that loads the app's module (its hydration scripts preload it) is ready once hydrated.
  const islands = await tab.locator('leptos-island').count();
  const hydrates = (await tab.locator('link[rel="modulepreload"]').count()) > 0;
  if (hydrates) await tab.waitForSelector('html[data-hydrated="true"]', { state: 'attached', timeout: 60_000 });
  const waits = (await tab.locator('fieldset.plain').count()) > 0;
  if (waits) await tab.waitForFunction(() => window.__usableAt !== undefined, null, { timeout: 60_000 });
  const timing = await tab.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { fcp: fcp ? fcp.startTime : NaN, load: nav.loadEventEnd, hydrated: window.__hydratedAt, usable: window.__usableAt };
  });
  const ready = hydrates ? timing.hydrated : timing.load;
  await context.close();
  return { fcp: timing.fcp, ready, usable: timing.usable, islands, hydrates };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`page                          FCP (ms)  ready (ms)  usable (ms)  islands  (ready: hydrated, or the load event on a page with no script; usable: the vault's form enabled)  (median of ${runs}, Slow 4G, CPU ×4)`);
for (const path of ['/', '/portfolio', '/pix', entry, '/coffre-fort']) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await measure(path));
  const label = path === entry ? '/portfolio/entrees/:id' : path;
  console.log(
    `${label.padEnd(30)}${String(Math.round(median(samples.map((s) => s.fcp)))).padStart(8)}  ${String(Math.round(median(samples.map((s) => s.ready)))).padStart(10)}  ${(samples[0].usable === undefined ? '-' : String(Math.round(median(samples.map((s) => s.usable))))).padStart(11)}  ${String(samples[0].islands).padStart(7)}`,
  );
}
await browser.close();
