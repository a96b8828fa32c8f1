import { defineConfig } from '@playwright/test';

// Ports of the servers this suite starts (override if taken).
const SILLAGE_PORT = process.env.E2E_SILLAGE_PORT ?? '3005';
const EDUCONNECT_PORT = process.env.E2E_EDUCONNECT_PORT ?? '4455';
const STAFF_PORT = process.env.E2E_STAFF_PORT ?? '4456';
const STORY_PORT = process.env.E2E_STORY_PORT ?? '3007';
// `localhost`, not 127.0.0.1: WebAuthn (passkeys) refuses IP addresses as relying party ids.
const base = `http://localhost:${SILLAGE_PORT}`;
// The release build: hydration bugs of wasm-opt only show there (see shared/docs/toolchain.md).
const serverBin = process.env.E2E_SERVER_BIN ?? './target/release/server';

/** A Sillage server of this suite: the release binary on a fresh folder of its own (its SQLite
 * database, evidence and journal key), with `env` added to what every one of them has. */
function sillageServer(port: string, folder: string, env: Record<string, string>) {
  return {
    command: `rm -rf ${folder} && ${serverBin}`,
    cwd: '..',
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: {
      RUST_LOG: process.env.RUST_LOG ?? 'info',
      SILLAGE_SITE__ADDRESS: `127.0.0.1:${port}`,
      SILLAGE_DATABASE__URL: `sqlite://${folder}/e2e.db`,
      SILLAGE_PORTFOLIO__EVIDENCE_DIR: `${folder}/evidence`,
      SILLAGE_AUDIT__KEY_FILE: `${folder}/journal.key`,
      // The suite signs the demo pupil in more than 10 times a minute; the limit itself is
      // tested by the integration tests (server/tests/integration/operations.rs).
      SILLAGE_LIMITS__SIGN_IN_PER_ACCOUNT_PER_MINUTE: '1000',
      ...env,
    },
  };
}

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One retry in CI, reported as "flaky" in its log: a /coffre-fort render once outlived its
  // 10 s deadline in a full run on a fresh clone (server log: "page render past its deadline",
  // 503) and passed in the four runs after it; the cause is not found yet (see the stop's
  // note). Never locally: a flaky test must show.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: base,
    // Pupils' browsers are French; the English switch is tested explicitly.
    locale: 'fr-FR',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
  webServer: [
    {
      command: `node oidc/provider.mjs ${EDUCONNECT_PORT} educonnect ${base}`,
      url: `http://127.0.0.1:${EDUCONNECT_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node oidc/provider.mjs ${STAFF_PORT} staff ${base}`,
      url: `http://127.0.0.1:${STAFF_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    // Demo accounts on (empty: the scenarios write their own data; demo.spec.ts has the story),
    // both providers configured.
    sillageServer(SILLAGE_PORT, 'end2end/.tmp', {
      SILLAGE_SITE__PUBLIC_URL: base,
      SILLAGE_DEMO__MODE: 'on',
      SILLAGE_DEMO__STORY: 'false',
      SILLAGE_PROVIDERS__EDUCONNECT__KIND: 'educonnect',
      SILLAGE_PROVIDERS__EDUCONNECT__LABEL: 'ÉduConnect',
      SILLAGE_PROVIDERS__EDUCONNECT__ISSUER: `http://127.0.0.1:${EDUCONNECT_PORT}`,
      SILLAGE_PROVIDERS__EDUCONNECT__CLIENT_ID: 'sillage-educonnect',
      SILLAGE_PROVIDERS__EDUCONNECT__CLIENT_SECRET: 'e2e-client-secret',
      SILLAGE_PROVIDERS__EDUCONNECT__SCOPES: 'profile,educonnect',
      SILLAGE_PROVIDERS__STAFF__KIND: 'staff',
      SILLAGE_PROVIDERS__STAFF__LABEL: 'Annuaire académique',
      SILLAGE_PROVIDERS__STAFF__ISSUER: `http://127.0.0.1:${STAFF_PORT}`,
      SILLAGE_PROVIDERS__STAFF__CLIENT_ID: 'sillage-staff',
      SILLAGE_PROVIDERS__STAFF__CLIENT_SECRET: 'e2e-client-secret',
      SILLAGE_PROVIDERS__STAFF__SCOPES: 'profile,sillage_role',
      SILLAGE_PROVIDERS__STAFF__ROLE_CLAIM: 'sillage_role',
      SILLAGE_PROVIDERS__STAFF__COUNSELLOR_VALUES: 'psy-en,professeur-principal',
    }),
    // The demo as `scripts/run` serves it (story told, no public URL: it names itself
    // http://localhost:<port>), on a database of its own; demo.spec.ts visits it.
    sillageServer(STORY_PORT, 'end2end/.tmp-story', {}),
  ],
});
