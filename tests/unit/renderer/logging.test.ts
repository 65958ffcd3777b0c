import { describe, expect, it } from 'vitest';
import { installErrorLogging } from '../../../renderer/src/logging';
import { createFakeApi } from './fake-api';

describe('renderer logging', () => {
  it('sends uncaught errors and unhandled rejections to main', () => {
    const fake = createFakeApi();
    const uninstall = installErrorLogging(fake.api);
    window.dispatchEvent(
      new ErrorEvent('error', { message: 'boom', filename: 'app.js', lineno: 3 }),
    );
    const rejection = new Event('unhandledrejection') as PromiseRejectionEvent;
    Object.assign(rejection, { reason: new Error('nope') });
    window.dispatchEvent(rejection);
    uninstall();
    window.dispatchEvent(new ErrorEvent('error', { message: 'after' }));

    expect(fake.api.log).toHaveBeenCalledTimes(2);
    expect(fake.api.log.mock.calls[0]![0]).toBe('error');
    expect(fake.api.log.mock.calls[0]![1]).toContain('boom at app.js:3');
    expect(fake.api.log.mock.calls[1]![1]).toContain('nope');
  });
});
