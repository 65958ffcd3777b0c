// The browser is opened with CallPop's private launch page, not with the token: the page must
// carry the real browser to the UI with its token, and the address bar must lose the token.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { test, expect } from './fixtures';

test('the launch page opens the UI, connected, with no token left in the address', async ({
  page,
  callpop,
}) => {
  await page.goto(pathToFileURL(join(callpop.dataDir, 'open-callpop.html')).href);
  await page.waitForURL(`${callpop.origin}/**`);
  await callpop.fire(['/N:S', '/C:0612345678', '/T:I', '/I:Launch-1']);
  await expect(page.getByRole('dialog', { name: /06 12345678/ })).toBeVisible();
  expect(page.url()).not.toContain(callpop.token);
  expect(callpop.output()).not.toContain(callpop.token);
});
