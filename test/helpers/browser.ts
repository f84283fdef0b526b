/**
 * Headless Chromium for the review page's tests (issue #8): Debian's `chromium` package driven
 * by playwright-core (no browser download; this machine has no internet). Where it is not
 * installed the browser tests are skipped with a message saying how to get it.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** The Chromium binary: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
export const NO_CHROMIUM_MESSAGE = `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (install it with "apt-get install -y chromium", or set CHROMIUM_PATH)`;

/** Launch headless Chromium with a fresh profile (Playwright makes a temp user-data dir per launch). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
}
