// A CallPop whose 3CX HTTP and REST APIs point at the fixture servers (so the agent bar and the
// supervisor board are on screen), in a chosen language, with the helpers the screenshot,
// layout, accessibility and keyboard specs share to reach the contacts screens.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { TFunction } from 'i18next';
import { test as base, ROOT } from './fixtures';
import { startHttpApiServer, type HttpApiServer } from '../fixtures/pbx-http-api-server';
import { startRestApiServer, type RestApiServer } from '../fixtures/pbx-rest-api-server';
import { translator } from './i18n';
import type { Language } from '../../shared/i18n';

export const PBX_KEY = 'screens-rest-key-5e81';

export const test = base.extend<{
  language: Language;
  /** Whether the first-run setup is already done (false: it opens beside the history). */
  firstRunDone: boolean;
  /** Extra settings merged over the PBX ones. */
  extraSettings: Record<string, unknown>;
  pbx: { http: HttpApiServer; rest: RestApiServer };
  t: TFunction;
}>({
  language: ['en', { option: true }],
  firstRunDone: [true, { option: true }],
  extraSettings: [{}, { option: true }],
  // eslint-disable-next-line no-empty-pattern
  pbx: async ({}, use) => {
    const http = await startHttpApiServer();
    const rest = await startRestApiServer(PBX_KEY);
    try {
      await use({ http, rest });
    } finally {
      await http.close();
      await rest.close();
    }
  },
  settings: async ({ pbx, language, firstRunDone, extraSettings }, use) => {
    await use({
      language,
      agent: { extension: '102', defaultCountry: 'NL' },
      pbx: {
        httpApi: { enabled: true, baseUrl: pbx.http.url, phoneType: 'Soft' },
        restApi: { enabled: true, baseUrl: `${pbx.rest.url}/webapi`, key: PBX_KEY },
      },
      supervisor: { enabled: true, extensions: [] },
      ...(firstRunDone ? { app: { firstRunDone: true } } : {}),
      ...extraSettings,
    });
  },
  t: async ({ language }, use) => {
    await use(translator(language));
  },
});

export { expect } from './fixtures';

export const CONTACT_FILES = {
  /** Outlook's export: imported straight away. */
  outlook: join(ROOT, 'tests', 'fixtures', 'contacts', 'outlook-contacts.csv'),
  /** A CRM's own CSV: the agent maps its columns first. */
  crm: join(ROOT, 'tests', 'fixtures', 'contacts', 'crm-export.csv'),
};

/** Opens the contacts screen from the top bar (if it is not open yet). */
export async function openContacts(page: Page, t: TFunction): Promise<void> {
  const button = page.locator('.topbar').getByRole('button', { name: t('contacts.open') });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await page.locator('.contacts').waitFor();
}

/** Opens the import and reads `file`: a CSV of unknown shape stops at the column mapping. */
export async function chooseContactsFile(page: Page, t: TFunction, file: string): Promise<void> {
  await openContacts(page, t);
  if ((await page.locator('.contacts-import').count()) === 0)
    await page.getByRole('button', { name: t('contacts.import'), exact: true }).click();
  await page.getByLabel(t('contacts.importFile')).setInputFiles(file);
  await page.locator('.contacts-import .muted').first().waitFor();
}

/** Imports `file` and waits for the summary. */
export async function importContacts(page: Page, t: TFunction, file: string): Promise<void> {
  await chooseContactsFile(page, t, file);
  await page.getByRole('button', { name: t('contacts.importRun'), exact: true }).click();
  await page.locator('.import-summary').waitFor();
}
