import { defaultTenantsDir, loadTenants } from '@kk/tenancy';
import { accountActions } from './account-actions';

describe('accountActions', () => {
  const tenants = loadTenants(defaultTenantsDir());

  it('names the statement tab as each tenant does (seed 000: Kontoudskrift, seed 004: Rapporter)', () => {
    const labels = (slug: string) => accountActions(tenants.require(slug), 'da', 'a1').map((a) => a.label);
    expect(labels('sctibs')).toEqual([
      'Indbetal',
      'Udbetal',
      'Brugeroplysninger',
      'Kontoudskrift',
      'Kortet virker ikke',
      'Besked ved lav saldo',
    ]);
    expect(labels('gladsaxe')).toEqual([
      'Indbetal',
      'Udbetal',
      'Brugeroplysninger',
      'Rapporter',
      'Kortet virker ikke',
      'Besked ved lav saldo',
    ]);
  });

  it('links each action under the account and speaks English when asked', () => {
    const actions = accountActions(tenants.require('sctibs'), 'en', 'acc-1');
    expect(actions.map((a) => a.href)).toEqual([
      '/konti/acc-1/indbetal',
      '/konti/acc-1/udbetal',
      '/konti/acc-1/oplysninger',
      '/konti/acc-1/kontoudskrift',
      '/konti/acc-1/kortet-virker-ikke',
      '/konti/acc-1/saldo-besked',
    ]);
    expect(actions[0].label).toBe('Deposit');
  });
});
