/// <reference lib="dom" />
// Keyboard only, as an agent without a mouse works: Tab from the top of the page reaches the
// contacts screen, its search, its results and the supervisor board in a sensible order, every
// stop shows a focus ring, Enter dials (a stand-in tcx.assistant.client, a real script, records
// what it was asked to dial), Space toggles a queue login on the PBX fixture, and a card that
// pops while the agent types takes no focus: the live region says it instead.
import type { Page } from '@playwright/test';
import { standInAssistant } from './stand-in-assistant';
import { test, expect, CONTACT_FILES, importContacts } from './screens-fixture';

const assistant = standInAssistant('keyboard');

test.use({ extraSettings: { dialer: { via: 'assistant', assistantPath: assistant.path } } });

test.beforeAll(() => assistant.install());
test.beforeEach(() => assistant.reset());

const dialed = assistant.dialed;

interface Stop {
  name: string;
  role: string;
  /** The region the element is in, by class: topbar, agent-bar, board, history, contacts. */
  area: string;
  ring: boolean;
}

/** Where the focus is, and whether it shows a ring (outline or box-shadow) a sighted user sees. */
function focused(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const area =
      ['topbar', 'agent-bar', 'board', 'history', 'contacts', 'card-stack', 'side-pane'].find((c) =>
        el.closest(`.${c}`),
      ) ?? 'other';
    const name =
      el.getAttribute('aria-label') ||
      (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent) ||
      el.textContent ||
      '';
    return {
      name: name.trim().replace(/\s+/g, ' '),
      role: el.getAttribute('role') || el.tagName.toLowerCase(),
      area,
      ring: el.matches(':focus-visible') && (outline || shadow),
    };
  });
}

/** Presses Tab until `want` matches the focused element; returns every stop on the way. */
async function tabUntil(
  page: Page,
  want: (s: Stop) => boolean,
  key = 'Tab',
  max = 80,
): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const s = await focused(page);
    if (!s) continue;
    stops.push(s);
    if (want(s)) return stops;
  }
  throw new Error(
    `never reached the element in ${max} presses of ${key}:\n${stops.map((s) => `${s.area} ${s.role} ${s.name}`).join('\n')}`,
  );
}

const ringless = (stops: Stop[]) => stops.filter((s) => !s.ring);

test('Tab reaches the contacts screen, its search and results; Enter dials; a popped card takes no focus', async ({
  page,
  callpop,
  t,
}) => {
  test.setTimeout(120_000);
  await page.goto(callpop.url);
  await importContacts(page, t, CONTACT_FILES.outlook);
  // From here on, the keyboard only.
  await page.goto(callpop.origin);
  await page.locator('.board-queue').first().waitFor();

  const toContacts = await tabUntil(
    page,
    (s) => s.area === 'topbar' && s.name === t('contacts.open'),
  );
  expect(ringless(toContacts)).toEqual([]);
  await page.keyboard.press('Enter');
  // The screen opens with the focus in its search.
  await expect(page.getByRole('combobox', { name: t('contacts.search') })).toBeFocused();
  await page.keyboard.type('jans');
  const jan = page.getByRole('button', { name: /^Call Jan Jansen: Mobile / });
  await expect(jan).toBeVisible();

  // Tab goes from the search into the results, in order: Jan's first number first.
  const toResult = await tabUntil(page, (s) => s.area === 'contacts' && s.name.startsWith('Call '));
  expect(ringless(toResult)).toEqual([]);
  await expect(jan).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(dialed).toEqual([['-cmd', 'makecall:+31651112222']]);
  // The next stop is Jan's second number.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: /^Call Jan Jansen: Work / })).toBeFocused();
  expect((await focused(page))?.ring).toBe(true);

  // Back in the search: the arrow keys pick a number, Enter dials it.
  const search = page.getByRole('combobox', { name: t('contacts.search') });
  await tabUntil(page, (s) => s.role === 'combobox', 'Shift+Tab');
  await expect(search).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect.poll(() => dialed().length).toBe(2);
  expect(dialed()[1]).toEqual(['-cmd', 'makecall:+31205550100']);

  // A call rings while the agent types: the card appears, the live region says who, and the
  // focus stays in the search with what was typed.
  // (Tab into a text field selects what is in it, as everywhere: End, then type on.)
  await page.keyboard.press('End');
  await page.keyboard.type('x');
  await expect(search).toHaveValue('jansx');
  await callpop.fire(['/N:S', '/C:0201234567', '/T:I', '/I:kbd-1']);
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.locator('[role="status"][aria-live="polite"]')).toContainText('020 123 4567');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('jansx');
});

test('Tab reaches every switch of the supervisor board after the agent bar; Space toggles a login on the PBX', async ({
  page,
  callpop,
  pbx,
  t,
}) => {
  await page.goto(callpop.url);
  await page.locator('.board-queue').first().waitFor();
  const target = t('pbx.board.memberInQueue', { extension: '101', queue: '800' });
  const stops = await tabUntil(page, (s) => s.name === target);
  expect(ringless(stops)).toEqual([]);
  // Top bar, then the agent bar, then the board: the order they are on screen.
  const areas = [...new Set(stops.map((s) => s.area))];
  expect(areas).toEqual(['topbar', 'agent-bar', 'board']);
  expect(stops.at(-1)!.role).toBe('switch');

  expect(pbx.rest.isLoggedIn('101', '800')).toBe(true);
  await page.keyboard.press('Space');
  await expect.poll(() => pbx.rest.isLoggedIn('101', '800')).toBe(false);
  await expect(page.getByRole('switch', { name: target })).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByRole('switch', { name: target })).toBeFocused();

  // On through the board's other switches to the history, every one with a ring.
  const onward = await tabUntil(page, (s) => s.area === 'history');
  expect(ringless(onward)).toEqual([]);
  const switches = onward.filter((s) => s.role === 'switch').map((s) => s.name);
  expect(switches).toContain(t('pbx.board.memberAllQueues', { extension: '104' }));
  expect(switches).toContain(t('pbx.board.memberInQueue', { extension: '104', queue: '801' }));
});
