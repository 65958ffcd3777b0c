// @vitest-environment node
// Ctrl+Shift+D in the desktop app: the selected or copied number is dialed after the agent
// confirms; an empty or hostile clipboard dials nothing and says why.
import { describe, expect, it, vi } from 'vitest';
import { DIAL_SHORTCUT, registerDialShortcut } from '../../electron/shell/dial-shortcut';

function setup(opts: {
  selection?: string;
  clipboard?: string;
  platform?: NodeJS.Platform;
  confirm?: boolean;
}) {
  let pressed: (() => void) | undefined;
  const deps = {
    globalShortcut: {
      register: vi.fn((acc: string, cb: () => void) => {
        pressed = cb;
        return acc === DIAL_SHORTCUT;
      }),
      unregister: vi.fn(),
    },
    clipboard: {
      readText: (type?: 'selection' | 'clipboard') =>
        type === 'selection' ? (opts.selection ?? '') : (opts.clipboard ?? ''),
    },
    platform: opts.platform ?? 'win32',
    confirm: vi.fn(async () => opts.confirm ?? true),
    dial: vi.fn(async () => ({ ok: true as const })),
    notice: vi.fn(),
    log: vi.fn(),
  };
  const off = registerDialShortcut(deps);
  const press = async () => {
    pressed?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { deps, press, off };
}

describe('the dial shortcut', () => {
  it('dials the copied number after confirmation', async () => {
    const { deps, press, off } = setup({ clipboard: ' +31 6 5111-2222 ' });
    await press();
    expect(deps.confirm).toHaveBeenCalledWith('+31651112222');
    expect(deps.dial).toHaveBeenCalledWith('+31651112222');
    off();
    expect(deps.globalShortcut.unregister).toHaveBeenCalledWith(DIAL_SHORTCUT);
  });

  it('prefers the selection on Linux', async () => {
    const { deps, press } = setup({
      platform: 'linux',
      selection: '020 555 0100',
      clipboard: '0612345678',
    });
    await press();
    expect(deps.dial).toHaveBeenCalledWith('0205550100');
  });

  it('dials nothing when the agent says no', async () => {
    const { deps, press } = setup({ clipboard: '0612345678', confirm: false });
    await press();
    expect(deps.dial).not.toHaveBeenCalled();
  });

  it.each(['', 'hello world; rm -rf /', '$(id)'])(
    'refuses %j without asking or dialing',
    async (text) => {
      const { deps, press } = setup({ clipboard: text });
      await press();
      expect(deps.confirm).not.toHaveBeenCalled();
      expect(deps.dial).not.toHaveBeenCalled();
      expect(deps.notice).toHaveBeenCalledWith('warn', expect.any(String));
    },
  );
});

describe('the desktop app', () => {
  it('registers Ctrl+Shift+D with the mocked electron and confirms in a message box', async () => {
    const electron = await import('./mocks/electron');
    const { registerDialShortcut: register, confirmWords } =
      await import('../../electron/shell/dial-shortcut');
    electron.resetElectron();
    electron.clipboard.text = '0612345678';
    electron.dialog.nextResponse = 1; // the agent clicks Cancel
    const dial = vi.fn(async () => ({ ok: true as const }));
    register({
      globalShortcut: electron.globalShortcut,
      clipboard: electron.clipboard,
      platform: 'win32',
      async confirm(number) {
        const w = confirmWords('nl', [], number);
        const r = await electron.dialog.showMessageBox({
          message: w.message,
          buttons: [w.call, w.cancel],
        });
        return r.response === 0;
      },
      dial,
      notice: vi.fn(),
      log: vi.fn(),
    });
    electron.globalShortcut.registered.get(DIAL_SHORTCUT)!();
    await new Promise((r) => setTimeout(r, 0));
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith({
      message: '0612345678 bellen?',
      buttons: ['Bellen', 'Annuleren'],
    });
    expect(dial).not.toHaveBeenCalled();
  });
});
