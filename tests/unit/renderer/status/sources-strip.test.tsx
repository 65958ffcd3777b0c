import { describe, expect, it } from 'vitest';
import { act, screen } from '@testing-library/react';
import type { SourceStatus } from '../../../../shared/ipc';
import { createFakeApi } from '../fake-api';
import { renderWithApi } from '../render-app';

const cc = (state: SourceStatus['state'], message: string): SourceStatus => ({
  source: 'call-control',
  state,
  message,
  since: 0,
});

describe('call sources in the status strip', () => {
  it('shows nothing while only the 3CX Assistant is used', async () => {
    const fake = createFakeApi();
    renderWithApi(fake); // the whole app: it subscribes to the pushes
    await screen.findByRole('heading', { name: 'CallPop', level: 1 });
    expect(screen.queryByRole('list', { name: 'Call sources' })).toBeNull();
  });

  it('says which source stopped working and why, and follows sources.changed pushes', async () => {
    const fake = createFakeApi();
    fake.sources = [cc('ok', 'following extension 1001')];
    renderWithApi(fake); // the whole app: it subscribes to the pushes
    expect(await screen.findByText('3CX Call Control: working')).toBeTruthy();
    act(() =>
      fake.emit('sources.changed', [
        cc('down', 'the Call Control WebSocket closed (code 1006); next try in 2 s'),
        { source: 'rest-poll', state: 'ok', message: 'polling every 1000 ms', since: 0 },
      ]),
    );
    expect(
      await screen.findByText(
        '3CX Call Control is not working: the Call Control WebSocket closed (code 1006); next try in 2 s',
      ),
    ).toBeTruthy();
    expect(screen.getByText('REST API live calls: working')).toBeTruthy();
  });

  it('says "PBX unreachable since" with the last good time, as the agent bar does', async () => {
    const fake = createFakeApi();
    const at = new Date(2026, 0, 1, 9, 15, 30).getTime();
    fake.sources = [
      {
        source: 'rest-poll',
        state: 'down',
        message: 'PBX unreachable (fetch failed); next try in 2 s',
        since: at,
        unreachableSince: at,
      },
    ];
    renderWithApi(fake);
    expect(
      await screen.findByText(
        /^REST API live calls is not working: PBX unreachable since 0?9:15:30/,
      ),
    ).toBeTruthy();
  });
});
