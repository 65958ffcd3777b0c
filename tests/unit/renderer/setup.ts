import { afterEach, vi } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// findBy* waits are hang guards: generous, since the machine running the tests may be busy.
configure({ asyncUtilTimeout: 5000 });

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  sessionStorage.clear();
  window.location.hash = '';
});

// jsdom has no layout, so no ResizeObserver; Radix measures controls with one. Nothing ever
// resizes in jsdom, so an observer that never fires is exactly right.
if (!('ResizeObserver' in globalThis)) {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
