import { defaultTenantsDir, loadTenants, type TenantConfig } from '@kk/tenancy';
import { presentFrontPage } from './front-page.presenter';

describe('presentFrontPage', () => {
  const registry = loadTenants(defaultTenantsDir({}), {});
  const sctibs = registry.require('sctibs');
  const gladsaxe = registry.require('gladsaxe');

  it('describes only what the portal does today, promising nothing it does not', () => {
    const school = presentFrontPage(sctibs).services.join('\n');
    const city = presentFrontPage(gladsaxe).services.join('\n');

    expect(school).toContain('„Mine konti“');
    expect(school).toContain('„Tilføj konto“');
    expect(school).toContain('Nulstil din adgangskode');
    expect(city).toContain('„Godkend tilknytninger“');
    expect(city).not.toContain('adgangskode');
    for (const text of [school, city]) {
      expect(text).not.toMatch(/Indbetal|optankning|MobilePay|abonnement|webshop|Bestil|billede|udbetalt|snart/i);
    }
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

  it('explains the login and leads to it, and to the sign-up where parents sign up themselves', () => {
    expect(presentFrontPage(gladsaxe).login).toEqual({
      method: 'Du logger ind med MitID.',
      firstTime: expect.stringContaining('MitID bekræfter, at det er dit'),
      link: { href: '/auth/oidc', label: 'Log på med MitID' },
    });
    expect(presentFrontPage(sctibs).login).toMatchObject({
      method: 'Du logger ind med din e-mail og adgangskode.',
      link: { href: '/login', label: 'Log på med E-Mail' },
      signUp: { href: '/opret', label: 'Ny bruger? Opret dig her' },
    });
    const noSignUp: TenantConfig = { ...sctibs, login: { method: 'email', selfSignUp: false } };
    expect(presentFrontPage(noSignUp).login.signUp).toBeUndefined();
  });

  it("answers in English when English is chosen, leaving the tenant's own texts as written", () => {
    const city = presentFrontPage(gladsaxe, 'en');
    const school = presentFrontPage(sctibs, 'en');

    expect(city).toMatchObject({ lang: 'en', locale: 'en', title: 'Front page – Gladsaxekortet' });
    expect(city.login).toEqual({
      method: 'You log in with MitID.',
      firstTime: expect.stringContaining('MitID confirms that it is yours'),
      link: { href: '/auth/oidc', label: 'Log in with MitID' },
    });
    expect(school.login).toMatchObject({
      method: 'You log in with your email and password.',
      link: { href: '/login', label: 'Log in with email' },
      signUp: { href: '/opret', label: 'New user? Sign up here' },
    });
    expect(city.support.contacts.map((contact) => contact.label)).toEqual(['Phone', 'Email', 'Opening hours']);
    expect(school.services.join('\n')).toContain('“My accounts”');
    expect(school.services.join('\n')).toContain('Reset your password yourself');
    for (const view of [city, school]) expect(JSON.stringify(view.services)).not.toMatch(/[æøå]|Mine konti/);
    expect(city.support.text).toBe(presentFrontPage(gladsaxe).support.text);
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
