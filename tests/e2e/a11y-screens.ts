// Every screen the accessibility spec runs axe on. Adding a screen is one entry: how to reach
// it from the main window (seeded with tests/e2e/screens.ts's calls): keyboard shortcuts,
// stable class names, or a control's name in the language under test (`t`).
import type { A11yScreen } from './axe';
import { popupUrl } from './screens';
import { CONTACT_FILES, chooseContactsFile, importContacts, openContacts } from './screens-fixture';

export const A11Y_SCREENS: A11yScreen[] = [
  {
    // The spec's data directory has no firstRunDone: the setup opens beside the history.
    name: 'first run',
    open: async (page) => {
      await page.locator('.first-run').waitFor();
    },
  },
  {
    name: 'history with cards',
    open: async (page) => {
      await page.locator('.history-row').first().waitFor();
      await page.getByRole('dialog').first().waitFor();
    },
  },
  {
    name: 'call detail',
    open: async (page) => {
      await page.locator('.history-row').nth(2).click();
      await page.getByRole('article').waitFor();
    },
  },
  {
    name: 'settings',
    open: async (page) => {
      await page.locator('.history-row').first().waitFor();
      await page.keyboard.press('Control+Comma');
      await page.locator('.settings-form').waitFor();
    },
  },
  {
    name: 'shortcuts help',
    open: async (page) => {
      await page.locator('.history-row').first().waitFor();
      await page.keyboard.press('?');
      await page.locator('.shortcuts-help').waitFor();
    },
  },
  {
    // The spec's settings point the 3CX HTTP and REST APIs at fixture servers.
    name: 'agent bar and supervisor board',
    open: async (page) => {
      await page.locator('.history-row').first().waitFor();
      await page.locator('.agent-bar .select-trigger').waitFor();
      await page.locator('.board-queue').first().waitFor();
    },
  },
  {
    name: 'agent status list open',
    open: async (page) => {
      await page.locator('.agent-bar .select-trigger').click();
      await page.locator('.select-content').waitFor();
    },
    close: async (page) => {
      await page.keyboard.press('Escape');
    },
  },
  {
    // A CSV of its own shape: the import asks which column holds what.
    name: 'contacts import, column mapping',
    open: async (page, _callpop, t) => {
      await chooseContactsFile(page, t, CONTACT_FILES.crm);
      await page.locator('.contacts-mapping').waitFor();
    },
  },
  {
    name: 'contacts with results',
    open: async (page, _callpop, t) => {
      await importContacts(page, t, CONTACT_FILES.outlook);
      await page.getByRole('button', { name: t('contacts.close'), exact: true }).click();
      await page.locator('.contact-row').first().waitFor();
    },
  },
  {
    name: 'new contact form',
    open: async (page, _callpop, t) => {
      await openContacts(page, t);
      await page.getByRole('button', { name: t('contacts.new'), exact: true }).click();
      await page.locator('.contact-form').waitFor();
    },
  },
  {
    name: 'edit contact form',
    open: async (page, _callpop, t) => {
      await openContacts(page, t);
      await page.locator('.contact-tools button').first().click();
      await page.locator('.contact-form').waitFor();
    },
  },
  {
    name: 'popup window',
    open: async (page, callpop) => {
      await page.setViewportSize({ width: 380, height: 460 });
      await page.goto(popupUrl(callpop));
      await page.getByRole('dialog').first().waitFor();
    },
    close: async (page) => {
      await page.setViewportSize({ width: 1280, height: 800 });
    },
  },
];
