// The agent bar, the supervisor board and the card's call control in jsdom over the fake
// API: states shown as main reports them, refusals rolled back with the PBX's answer, and
// which call actions a call's state allows.
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AgentBar } from '../../../../renderer/src/agent/AgentBar';
import { SupervisorBoard } from '../../../../renderer/src/supervisor/SupervisorBoard';
import { allowedActions } from '../../../../renderer/src/popup/CallControls';
import type { AgentBarState, BoardState, CallControlState } from '../../../../shared/pbx-views';
import { DEFAULT_SETTINGS, type Settings } from '../../../../shared/settings-schema';
import { createFakeApi, makeCall, type FakeApi } from '../fake-api';
import { renderWithApi } from '../render-app';

const reach = { reachable: true, lastGoodAt: 1, lastError: null };

function agent(over: Partial<AgentBarState> = {}): AgentBarState {
  return {
    available: true,
    extension: '102',
    presence: 'avail',
    ready: true,
    queuesLoggedIn: true,
    queues: [{ queue: '800', name: 'Sales', loggedIn: true }],
    can: { presence: true, ready: true, queuesLogin: true, perQueue: true },
    fetchedAt: Date.UTC(2026, 0, 1, 9, 0, 0),
    stale: false,
    error: null,
    reachability: reach,
    ...over,
  };
}

function board(loggedIn: boolean, over: Partial<BoardState> = {}): BoardState {
  const member = {
    num: '102',
    name: 'Bram',
    registered: true,
    busy: false,
    presence: null,
    queuesGlobal: true,
    loggedIn,
    free: loggedIn,
    talking: false,
  };
  return {
    mode: 'rest',
    queues: [
      {
        num: '800',
        name: 'Sales',
        members: [member],
        counts: {
          members: 1,
          loggedIn: loggedIn ? 1 : 0,
          free: loggedIn ? 1 : 0,
          talking: 0,
          waiting: 2,
        },
      },
    ],
    members: [],
    waiting: 2,
    fetchedAt: Date.UTC(2026, 0, 1, 9, 0, 0),
    stale: false,
    error: null,
    reachability: reach,
    ...over,
  };
}

function withPbx(fake: FakeApi, patch: (s: Settings) => void) {
  const settings = structuredClone(DEFAULT_SETTINGS);
  settings.pbx.httpApi.enabled = true;
  settings.pbx.restApi.enabled = true;
  patch(settings);
  fake.settings = { settings, problems: [], locked: [] };
}

describe('agent bar', () => {
  it('shows the PBX state and rolls a refused change back with the answer', async () => {
    const fake = createFakeApi();
    withPbx(fake, () => {});
    fake.handle('pbx.agent.get', () => ({ ok: true, value: agent() }));
    fake.handle('pbx.agent.change', () => ({
      ok: true,
      value: {
        ok: false,
        error: { kind: 'refused', raw: 'false', message: 'x' },
        state: agent(),
      },
    }));
    renderWithApi(fake, <AgentBar />);
    const queues = await screen.findByRole('switch', { name: 'Logged in to queues' });
    await waitFor(() => expect(queues.getAttribute('aria-checked')).toBe('true'));
    expect(screen.getByRole('combobox', { name: 'Status' }).textContent).toContain('Available');
    await userEvent.click(queues);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Queue login was refused: the PBX answered "false"',
    );
    expect(queues.getAttribute('aria-checked')).toBe('true');
    expect(fake.api.changeAgent).toHaveBeenCalledWith({ kind: 'queues', loggedIn: false });
  });

  it('says "not an agent of the queues" in the agent language', async () => {
    const fake = createFakeApi();
    withPbx(fake, () => {});
    fake.handle('pbx.agent.get', () => ({ ok: true, value: agent({ ready: false }) }));
    fake.handle('pbx.agent.change', () => ({
      ok: true,
      value: {
        ok: false,
        error: {
          kind: 'refused',
          code: 'not-an-agent',
          raw: 'is not an agent of the queues',
          message: 'x',
        },
        state: agent({ ready: false }),
      },
    }));
    renderWithApi(fake, <AgentBar />, { language: 'de' });
    await userEvent.click(await screen.findByRole('switch', { name: 'Bereit' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Bereit abgelehnt: Nebenstelle 102 ist kein Agent der Warteschlangen',
    );
  });

  it('marks a stale state with the time of the last good read', async () => {
    const fake = createFakeApi();
    withPbx(fake, () => {});
    fake.handle('pbx.agent.get', () => ({
      ok: true,
      value: agent({
        stale: true,
        error: { kind: 'unreachable', message: 'x' },
        reachability: {
          reachable: false,
          lastGoodAt: Date.UTC(2026, 0, 1, 9, 0, 0),
          lastError: 'x',
        },
      }),
    }));
    renderWithApi(fake, <AgentBar />);
    expect((await screen.findByRole('status')).textContent).toMatch(/^PBX unreachable since /);
  });

  it('is not shown when no PBX API is set up', async () => {
    const fake = createFakeApi();
    renderWithApi(fake, <AgentBar />);
    await waitFor(() => expect(fake.api.getSettings).toHaveBeenCalled());
    expect(screen.queryByRole('region', { name: 'Agent status' })).toBeNull();
    expect(fake.api.pbxAgent).not.toHaveBeenCalled();
  });
});

describe('supervisor board', () => {
  it('logs a member out of a queue and says so', async () => {
    const fake = createFakeApi();
    withPbx(fake, (s) => (s.supervisor.enabled = true));
    let current = board(true);
    fake.handle('pbx.board.get', () => ({ ok: true, value: current }));
    fake.handle('pbx.board.change', () => {
      current = board(false);
      return { ok: true, value: { ok: true, error: null, state: current } };
    });
    renderWithApi(fake, <SupervisorBoard />);
    const toggle = await screen.findByRole('switch', { name: '102 in queue 800' });
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
      'Sales (800): 1 logged in, 1 free, 0 talking, 2 waiting',
    );
    await userEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));
    expect(screen.getByText('102 in queue 800: Off')).toBeTruthy();
    expect(fake.api.changeBoard).toHaveBeenCalledWith({
      kind: 'queue',
      extension: '102',
      queue: '800',
      loggedIn: false,
    });
  });

  it('rolls a refused toggle back and shows {"result": false}', async () => {
    const fake = createFakeApi();
    withPbx(fake, (s) => (s.supervisor.enabled = true));
    fake.handle('pbx.board.get', () => ({ ok: true, value: board(true) }));
    fake.handle('pbx.board.change', () => ({
      ok: true,
      value: {
        ok: false,
        error: { kind: 'refused', raw: '{"result": false}', message: 'x' },
        state: board(true),
      },
    }));
    renderWithApi(fake, <SupervisorBoard />);
    const toggle = await screen.findByRole('switch', { name: '102 in queue 800' });
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    await userEvent.click(toggle);
    expect((await screen.findByRole('alert')).textContent).toContain('{"result": false}');
    expect(toggle.getAttribute('aria-checked')).toBe('true');
  });
});

describe('call control', () => {
  const c = (over: Partial<CallControlState> = {}): CallControlState => ({
    callId: 'x',
    available: true,
    parked: false,
    parkedSince: null,
    parkedMs: 0,
    recording: 'off',
    consulting: null,
    ...over,
  });
  it('allows only what the call state allows', () => {
    const ringing = allowedActions(makeCall({ state: 'ringing' }), c());
    expect(ringing).toMatchObject({
      answer: true,
      drop: true,
      park: false,
      transfer: false,
      start: false,
    });
    const outRinging = allowedActions(makeCall({ state: 'ringing', direction: 'outbound' }), c());
    expect(outRinging.answer).toBe(false);
    const talking = allowedActions(makeCall({ state: 'connected' }), c());
    expect(talking).toMatchObject({
      answer: false,
      park: true,
      unpark: false,
      transfer: true,
      start: true,
      stop: false,
    });
    const parked = allowedActions(makeCall({ state: 'connected' }), c({ parked: true }));
    expect(parked).toMatchObject({ park: false, unpark: true, transfer: false, drop: false });
    const rec = allowedActions(makeCall({ state: 'connected' }), c({ recording: 'on' }));
    expect(rec).toMatchObject({ start: false, pause: true, resume: false, stop: true });
    const paused = allowedActions(makeCall({ state: 'connected' }), c({ recording: 'paused' }));
    expect(paused).toMatchObject({ pause: false, resume: true, stop: true });
  });
});
