import { defaultTenantsDir, loadTenants, type TenantConfig } from '@kk/tenancy';
import { presentFrontPage } from './front-page.presenter';

describe('presentFrontPage', () => {
  const registry = loadTenants(defaultTenantsDir({}), {});
  const sctibs = registry.require('sctibs');
  const gladsaxe = registry.require('gladsaxe');

  it('describes only the features the tenant offers', () => {
    const school = presentFrontPage(sctibs).services.join('\n');
    const city = presentFrontPage(gladsaxe).services.join('\n');

    expect(school).toContain('med betalingskort.');
    expect(school).toContain('pr. dag, uge eller måned');
    expect(school).toContain('udbetalt til din bankkonto');
    expect(school).not.toMatch(/MobilePay|abonnementer|webshop|Bestil et nyt kort/);
    expect(city).toContain('betalingskort eller MobilePay');
    expect(city).toContain('Bestil et nyt kort (25 kr. trækkes fra saldoen).');
    expect(city).toContain('under „Rapporter“');
    expect(city).not.toContain('bankkonto');
  });

  it('writes amounts in Danish kroner', () => {
    const tenant: TenantConfig = { ...sctibs, autoTopUp: { thresholdOre: 123456 } };

    expect(presentFrontPage(tenant).services).toContain(
      'Få kortet fyldt op automatisk, når saldoen kommer under 1.234,56 kr. ved et køb.',
    );
  });

  it('links support contacts and shows remote support and payout text only where configured', () => {
    const city = presentFrontPage(gladsaxe);

    expect(city.support.contacts).toEqual([
      { label: 'Telefon', text: '7199 5445', href: 'tel:+4571995445' },
      { label: 'E-mail', text: 'cpossupport@mss.dk', href: 'mailto:cpossupport@mss.dk' },
      { label: 'Åbningstid', text: 'Mandag–torsdag kl. 08.00–16.00, fredag kl. 08.00–15.00' },
    ]);
    expect(city.remoteSupportUrl).toMatch(/^https:\/\//);
    expect(city.payoutContactText).toContain('7199 5445');
    expect(presentFrontPage(sctibs)).toMatchObject({ support: { text: 'Kontakt skolen', contacts: [] } });
    expect(presentFrontPage(sctibs).remoteSupportUrl).toBeUndefined();
  });

  it('explains the login the tenant will use', () => {
    expect(presentFrontPage(gladsaxe).login.method).toBe('Du logger ind med MitID.');
    expect(presentFrontPage(sctibs).login.method).toBe('Du logger ind med din e-mail og adgangskode.');
  });

  it('themes the layout from the tenant', () => {
    expect(presentFrontPage(gladsaxe)).toMatchObject({
      lang: 'da',
      title: 'Forside – Gladsaxekortet',
      brand: { productName: 'Gladsaxekortet', logoUrl: '/theme/logo.svg' },
      theme: { primaryColor: gladsaxe.theme.primaryColor },
    });
  });
});
