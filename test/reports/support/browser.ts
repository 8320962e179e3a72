import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium: the only browser the tests use (never a downloaded one). */
export const CHROMIUM = '/usr/bin/chromium';

/** Why browser tests cannot run here, or undefined when they can. On CI (CI set) a missing browser fails instead. */
export function browserSkipReason(): string | undefined {
  if (fs.existsSync(CHROMIUM)) return undefined;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium before the tests`);
  return `${CHROMIUM} is missing (apt-get install chromium); browser tests skipped`;
}

/** A headless Chromium with a fresh profile; `close()` removes the profile. */
export async function openBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'seams-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    viewport: { width: 1440, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a page did that a safe report never does. */
export interface PageWatch {
  dialogs: string[];
  errors: string[];
  requests: string[];
}

/** Opens an HTML file, records dialogs, script errors and any network request, and waits until the explorer is ready. */
export async function openReport(context: BrowserContext, file: string): Promise<{ page: Page; watch: PageWatch }> {
  const page = await context.newPage();
  const watch: PageWatch = { dialogs: [], errors: [], requests: [] };
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => watch.errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
  });
  const url = `file://${file}`;
  page.on('request', (request) => {
    if (request.url() !== url) watch.requests.push(request.url());
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  return { page, watch };
}
