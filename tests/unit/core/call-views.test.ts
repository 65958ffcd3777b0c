// @vitest-environment node
// The views a card and the history show: the number's country and place, read again when the
// agent's default country changes (the parsed numbers are remembered per country).
import { describe, expect, it } from 'vitest';
import { createCallViews } from '../../../electron/core/call-views';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings-schema';
import { reduceCall } from '../../../shared/call-tracker';
import { MemoryLogger } from '../../fixtures/crm-harness';

describe('call views', () => {
  it('shows a national number in the agent’s default country, also after it changes', () => {
    const settings: Settings = structuredClone(DEFAULT_SETTINGS);
    settings.agent.defaultCountry = 'NL';
    const view = createCallViews({
      journal: { latestWrapUp: () => null },
      settings: () => settings,
      logger: new MemoryLogger(),
      decorate: (v) => v,
    });
    const call = reduceCall(undefined, {
      type: 'S',
      callId: 'v1',
      direction: 'inbound',
      number: '0201234567',
      at: 1,
    });
    expect(view(call).phone).toMatchObject({ e164: '+31201234567', country: 'NL' });
    expect(view(call).phone).toMatchObject({ e164: '+31201234567', country: 'NL' });
    settings.agent.defaultCountry = 'DE';
    expect(view(call).phone).toMatchObject({ e164: '+49201234567', country: 'DE' });
  });
});
