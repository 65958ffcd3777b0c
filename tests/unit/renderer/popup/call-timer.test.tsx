import { describe, expect, it, vi } from 'vitest';
import { act, screen } from '@testing-library/react';
import { CallTimer } from '../../../../renderer/src/popup/CallTimer';
import { createFakeApi, makeCall } from '../fake-api';
import { renderWithApi } from '../render-app';

const ANSWERED = Date.UTC(2025, 2, 14, 9, 31, 0);

describe('talk timer', () => {
  it('ticks every second from answeredAt while connected', () => {
    vi.useFakeTimers({ now: ANSWERED });
    renderWithApi(
      createFakeApi(),
      <CallTimer call={makeCall({ state: 'connected', answeredAt: ANSWERED })} />,
    );
    expect(screen.getByText('00:00')).toBeTruthy();
    act(() => vi.advanceTimersByTime(5000));
    expect(screen.getByText('00:05')).toBeTruthy();
  });

  it('freezes at endedAt', () => {
    vi.useFakeTimers({ now: ANSWERED + 600_000 });
    renderWithApi(
      createFakeApi(),
      <CallTimer
        call={makeCall({
          state: 'ended',
          outcome: 'answered',
          answeredAt: ANSWERED,
          endedAt: ANSWERED + 83_000,
        })}
      />,
    );
    act(() => vi.advanceTimersByTime(5000));
    expect(screen.getByText('01:23')).toBeTruthy();
  });

  it('shows nothing before the call is answered', () => {
    const { container } = renderWithApi(createFakeApi(), <CallTimer call={makeCall()} />);
    expect(container.textContent).toBe('');
  });
});
