import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, REDACTED } from '../../../../shared/settings-schema';
import {
  buildPatch,
  dialerMissing,
  fieldErrors,
  FIELDS,
} from '../../../../renderer/src/settings/fields';
import { isLocked } from '../../../../shared/settings-paths';
import { IpcFailure } from '../../../../shared/ipc';

describe('settings patch', () => {
  it('locks a path by itself or by any group above it', () => {
    expect(isLocked('dbn.baseUrl', ['dbn.baseUrl'])).toBe(true);
    expect(isLocked('dbn.baseUrl', ['dbn'])).toBe(true);
    expect(isLocked('dbn.baseUrlX', ['dbn.baseUrl'])).toBe(false);
    expect(isLocked('dbnx.baseUrl', ['dbn'])).toBe(false);
    expect(isLocked('language', [])).toBe(false);
  });

  it('sends only changed, unlocked values, typed as the schema wants', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      agent: { ...DEFAULT_SETTINGS.agent, extension: '1001' },
      dbn: { ...DEFAULT_SETTINGS.dbn, token: REDACTED },
    };
    const { patch, invalid } = buildPatch(
      settings,
      {
        'agent.extension': '1001', // typed back to what it was
        'agent.email': '  a@example.com ',
        'matching.suffixDigits': '10',
        'popup.paused': true,
        'app.openAtLogin': true, // unchanged
        'dbn.token': '', // untouched secret
        'dbn.timeoutMs': '9000',
        'egards.apiKey': 'key',
      },
      ['dbn.timeoutMs'],
    );
    expect(invalid).toEqual([]);
    expect(patch).toEqual({
      agent: { email: 'a@example.com' },
      matching: { suffixDigits: 10 },
      popup: { paused: true },
      egards: { apiKey: 'key' },
    });
  });

  it('reports number fields that are not whole numbers', () => {
    const { invalid } = buildPatch(
      DEFAULT_SETTINGS,
      { 'matching.suffixDigits': '', 'dbn.timeoutMs': '1.5' },
      [],
    );
    expect(invalid).toEqual(['matching.suffixDigits', 'dbn.timeoutMs']);
  });

  it("finds the fields in main's refusal", () => {
    const refusal = new IpcFailure({
      code: 'invalid-settings',
      message: 'dbn.timeoutMs: Too small: expected number to be >=100; agent.email: Invalid email',
      fields: {
        'dbn.timeoutMs': 'Too small: expected number to be >=100',
        'agent.email': 'Invalid email',
        'not.on.screen': 'ignored',
      },
    });
    expect(fieldErrors(refusal)).toEqual({
      'dbn.timeoutMs': 'Too small: expected number to be >=100',
      'agent.email': 'Invalid email',
    });
    const locked = new IpcFailure({
      code: 'locked',
      message: 'locked by your administrator: dbn.baseUrl',
    });
    expect(fieldErrors(locked)).toEqual({});
    expect(fieldErrors(new Error('dbn.timeoutMs: not from main'))).toEqual({});
  });
});

describe('settings coverage', () => {
  function leaves(obj: Record<string, unknown>, prefix = ''): string[] {
    return Object.entries(obj).flatMap(([k, v]) => {
      const p = prefix ? `${prefix}.${k}` : k;
      return typeof v === 'object' && v !== null && !Array.isArray(v)
        ? leaves(v as Record<string, unknown>, p)
        : [p];
    });
  }

  it('has a control for every setting in the schema, and one only', () => {
    const paths = FIELDS.map((f) => f.path);
    expect([...paths].sort()).toEqual(
      leaves(DEFAULT_SETTINGS as unknown as Record<string, unknown>).sort(),
    );
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('knows what each way of dialing needs', () => {
    const settings = structuredClone(DEFAULT_SETTINGS);
    expect(dialerMissing(settings, {})).toEqual({ via: 'assistant', missing: [] });
    expect(dialerMissing(settings, { 'dialer.via': 'call-control' }).missing).toEqual([
      'agent.extension',
      'pbx.callControl.baseUrl',
      'pbx.callControl.clientId',
      'pbx.callControl.clientSecret',
    ]);
    // A typed secret counts; so does a saved one (which the screen only sees as ***).
    settings.pbx.restApi = { enabled: true, baseUrl: 'https://pbx.test/webapi', key: '' };
    settings.agent.extension = '101';
    expect(dialerMissing(settings, { 'dialer.via': 'rest-api' }).missing).toEqual([
      'pbx.restApi.key',
    ]);
    expect(
      dialerMissing(settings, { 'dialer.via': 'rest-api', 'pbx.restApi.key': 'k-1' }).missing,
    ).toEqual([]);
    settings.pbx.restApi.key = REDACTED;
    expect(dialerMissing(settings, { 'dialer.via': 'rest-api' }).missing).toEqual([]);
    // The agent's edit wins over the saved value.
    expect(
      dialerMissing(settings, { 'dialer.via': 'rest-api', 'agent.extension': ' ' }).missing,
    ).toEqual(['agent.extension']);
  });
});
