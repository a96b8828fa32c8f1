import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `scripts/screenshots`: pictures of the demo's main screens for the README, taken from the
// demo as `scripts/run` serves it (its story told). Not part of the test suite.
const STORY_PORT = process.env.E2E_STORY_PORT ?? '3007';
const storyServer = (base.webServer as { url: string }[]).find((s) => s.url.includes(`:${STORY_PORT}/`));

export default defineConfig({
  ...base,
  testDir: './screenshots',
  testMatch: '*.shots.ts',
  use: { ...base.use, baseURL: `http://localhost:${STORY_PORT}` },
  webServer: storyServer ? [storyServer] : [],
});
