import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { CrmLookup } from '../../../../shared/ipc';
import { CrmBadge } from '../../../../renderer/src/popup/CrmBadge';
import { createFakeApi } from '../fake-api';
import { renderWithApi } from '../render-app';

describe('CRM badge', () => {
  it.each<[CrmLookup, string]>([
    [{ state: 'pending' }, 'Looking up in CRM…'],
    [{ state: 'known' }, 'Known customer'],
    [{ state: 'unknown' }, 'Not in CRM'],
    [{ state: 'timeout' }, 'CRM did not answer'],
    [{ state: 'error', message: 'HTTP 500' }, 'CRM error: HTTP 500'],
  ])('%o reads "%s"', (crm, text) => {
    renderWithApi(createFakeApi(), <CrmBadge crm={crm} />);
    expect(screen.getByRole('status').textContent).toBe(text);
  });

  it('shows nothing when the lookup is off', () => {
    const { container } = renderWithApi(createFakeApi(), <CrmBadge crm={{ state: 'off' }} />);
    expect(container.textContent).toBe('');
  });

  it('speaks the UI language', () => {
    renderWithApi(createFakeApi(), <CrmBadge crm={{ state: 'known' }} />, { language: 'nl' });
    expect(screen.getByRole('status').textContent).toBe('Bekende klant');
  });
});
