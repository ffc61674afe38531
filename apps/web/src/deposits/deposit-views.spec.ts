import type { DepositView } from '@kk/payments';
import { defaultTenantsDir, loadTenants } from '@kk/tenancy';
import type { PageContext } from '../kit';
import { depositErrors, paragraphs, repeatPage, statusPage } from './deposit-views';

const tenants = loadTenants(defaultTenantsDir());

function pageAt(slug: string, locale: 'da' | 'en' = 'da'): PageContext {
  const tenant = tenants.require(slug);
  return {
    tenant,
    login: undefined,
    locale,
    csrfToken: 't',
    signedIn: true,
    ip: undefined,
    caller: { tenantId: tenant.slug },
    audit: { tenant: tenant.slug, ip: undefined },
  };
}

const deposit = (overrides: Partial<DepositView> = {}): DepositView => ({
  paymentId: 'c0ffee00-0000-4000-8000-000000000001',
  accountId: 'acc00000-0000-4000-8000-000000000001',
  method: 'nexi',
  amount: 30_000,
  status: 'pending',
  createdAt: new Date('2025-12-01T11:30:00Z'),
  ...overrides,
});

describe('the status page', () => {
  it('shows a payer who left the provider’s page "Afbrudt" throughout, with the Identisk Transaktion help', () => {
    const view = statusPage(pageAt('sctibs'), deposit(), true);
    expect(view).toMatchObject({ status: 'cancelled', state: 'Afbrudt', stateClass: 'cancelled', identicalHelp: true });
    expect(view.message).toBe('Du afbrød betalingen. Der er ikke trukket penge.');
    expect(view.pending).toBe(false);
  });

  it('never lets ?afbrudt hide a payment the provider completed', () => {
    const view = statusPage(pageAt('sctibs'), deposit({ status: 'completed' }), true);
    expect(view).toMatchObject({ status: 'completed', state: 'Gennemført', identicalHelp: false });
  });

  it('offers "Opdater" while the provider has not decided, and no Nets help for MobilePay', () => {
    expect(statusPage(pageAt('gladsaxe'), deposit(), false)).toMatchObject({ pending: true, state: 'Afventer' });
    expect(statusPage(pageAt('gladsaxe'), deposit({ method: 'mobilepay', status: 'cancelled' }), false)).toMatchObject({
      identicalHelp: false,
      method: 'MobilePay',
    });
  });
});

describe('the same amount again', () => {
  const request = (kroner: number) => ({ method: 'card' as const, amount: kroner * 100, receiptEmail: 'a@b.dk' });

  it('advises the amounts beside it (seeds: 300 → 299 or 301), within the tenant’s limits', () => {
    expect(repeatPage(pageAt('sctibs'), 'acc', request(300), true).advice).toBe(
      'Vent 10 minutter, eller indbetal et andet beløb, fx 299 eller 301 kr.',
    );
    expect(repeatPage(pageAt('sctibs'), 'acc', request(50), true).advice).toContain('fx 51 eller 52 kr.');
    expect(repeatPage(pageAt('sctibs'), 'acc', request(2000), true).advice).toContain('fx 1.998 eller 1.999 kr.');
  });

  it('keeps the form’s values for the confirmation', () => {
    expect(repeatPage(pageAt('sctibs'), 'acc', request(250), true).values).toEqual({
      method: 'card',
      amount: '250',
      receiptEmail: 'a@b.dk',
      termsAccepted: true,
    });
  });
});

describe('depositErrors', () => {
  it('gives one sentence per field, with the limits as a Dane writes them', () => {
    expect(
      depositErrors(
        [
          { field: 'amount', reason: 'aboveMaximum', kroner: 2000 },
          { field: 'receiptEmail', reason: 'invalid' },
          { field: 'terms', reason: 'notAccepted' },
        ],
        'da',
      ),
    ).toEqual({
      amount: 'Du kan indbetale højst 2.000 kr. ad gangen',
      receiptEmail: 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk',
      terms: 'Du skal acceptere betalingsbetingelserne',
    });
    expect(depositErrors([{ field: 'amount', reason: 'belowMinimum', kroner: 50 }], 'en')).toEqual({
      amount: 'You can deposit at least 50 kr.',
    });
  });
});

describe('paragraphs', () => {
  it('splits the terms at blank lines and joins the lines of each', () => {
    expect(paragraphs('Et\nto\n\n  Tre  \n\n\n')).toEqual(['Et to', 'Tre']);
  });
});
