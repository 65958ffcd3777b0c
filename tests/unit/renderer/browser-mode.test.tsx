import { describe, expect, it, vi } from 'vitest';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ConnectionSource, ConnectionStatus } from '../../../renderer/src/bridge-types';
import { createFakeApi, makeCall } from './fake-api';
import { flush, renderWithApi } from './render-app';

function controllableConnection(initial: ConnectionStatus = 'open') {
  let status = initial;
  const listeners = new Set<() => void>();
  const source: ConnectionSource = {
    getStatus: () => status,
    subscribe: (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
  return {
    source,
    set(next: ConnectionStatus) {
      status = next;
      act(() => listeners.forEach((cb) => cb()));
    },
  };
}

class FakeNotification {
  static permission: NotificationPermission = 'default';
  static shown: FakeNotification[] = [];
  static requestPermission = vi.fn(async () => {
    FakeNotification.permission = 'granted';
    return 'granted' as const;
  });
  onclick: (() => void) | null = null;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close() {}
}

describe('browser mode', () => {
  it('floats the cards in the configured corner over the history', async () => {
    const fake = createFakeApi();
    fake.settings = {
      ...fake.settings,
      settings: {
        ...fake.settings.settings,
        popup: { ...fake.settings.settings.popup, corner: 'top-left' },
      },
    };
    renderWithApi(fake, undefined, { browserMode: true });
    await screen.findByText('No calls yet');
    act(() => fake.emit('popup.show', makeCall({ id: 'b1' })));

    const card = screen.getByRole('dialog', { name: 'Call from 06 12345678' });
    const stack = screen.getByRole('region', { name: 'Calls' });
    expect(stack.contains(card)).toBe(true);
    await vi.waitFor(() => expect(stack.className).toContain('corner-top-left'));
    expect(screen.getByRole('heading', { name: 'Call history' })).toBeTruthy();
  });

  it('asks for notification permission on a click and notifies while the page is hidden', async () => {
    const user = userEvent.setup();
    FakeNotification.permission = 'default';
    FakeNotification.shown = [];
    vi.stubGlobal('Notification', FakeNotification);
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(false);
    const fake = createFakeApi();
    renderWithApi(fake, undefined, { browserMode: true });
    await flush();

    await user.click(screen.getByRole('button', { name: 'Enable desktop notifications' }));
    expect(FakeNotification.requestPermission).toHaveBeenCalled();
    await vi.waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Enable desktop notifications' })).toBeNull(),
    );

    act(() => fake.emit('popup.show', makeCall({ id: 'visible' })));
    expect(FakeNotification.shown).toHaveLength(0);

    hidden.mockReturnValue(true);
    act(() => fake.emit('popup.show', makeCall({ id: 'while-away' })));
    act(() => fake.emit('popup.show', makeCall({ id: 'while-away' })));
    expect(FakeNotification.shown).toHaveLength(1);
    expect(FakeNotification.shown[0]!.title).toBe('Incoming call');
    expect(FakeNotification.shown[0]!.options.body).toBe('06 12345678');
    vi.unstubAllGlobals();
  });

  it('shows a banner while the connection is lost and re-lists the cards after reconnecting', async () => {
    const connection = controllableConnection('open');
    const fake = createFakeApi();
    renderWithApi(fake, undefined, { browserMode: true, connection: connection.source });
    await flush();
    expect(fake.api.listPopups).toHaveBeenCalledTimes(1);

    connection.set('reconnecting');
    expect(screen.getByRole('alert').textContent).toBe('Connection to CallPop lost — reconnecting');

    fake.popups = [makeCall({ id: 'rang-while-offline' })];
    connection.set('open');
    await flush();
    expect(screen.queryByText('Connection to CallPop lost — reconnecting')).toBeNull();
    expect(fake.api.listPopups).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('dialog', { name: 'Call from 06 12345678' })).toBeTruthy();
  });

  it('explains a missing access token', () => {
    renderWithApi(createFakeApi(), undefined, {
      browserMode: true,
      connection: controllableConnection('no-token').source,
    });
    expect(screen.getByRole('alert').textContent).toContain('open-callpop.html');
  });
});
