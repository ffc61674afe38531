import Handlebars from 'handlebars';
import { parseTenantSettings, type TenantSettings } from '@kk/tenancy';
import type { Locale } from '@kk/texts';
import { EMAIL_TEMPLATE_SOURCES } from './email-template-sources';
import { EMAIL_KINDS, renderEmail, type EmailData, type EmailKind } from './email-templates';

function tenant(overrides: Record<string, unknown> = {}): TenantSettings {
  const parsed = parseTenantSettings({
    displayName: 'Gladsaxe Kommune',
    productName: 'Gladsaxekortet',
    hosts: ['gladsaxekortet.localhost'],
    login: { method: 'email' },
    support: {
      text: 'Kontakt Økonomisk Sekretariat',
      phone: '7199 5445',
      email: 'cpossupport@mss.dk',
      hours: 'Mandag–torsdag kl. 08.00–16.00',
    },
    theme: { primaryColor: '#005a4e' },
    ...overrides,
  });
  if (!parsed.success) throw parsed.error;
  return parsed.data;
}

const BASE = 'https://gladsaxekortet.localhost:3000';

// Tokens without digit runs, so the CPR pattern below cannot match a link by accident.
const SAMPLE: { [K in EmailKind]: EmailData[K] } = {
  'activation-code': { code: '482913', continueUrl: `${BASE}/aktiver/fortsaet?t=abcDEF`, expiresInMinutes: 30 },
  'signup-attempted': { loginUrl: `${BASE}/login`, resetUrl: `${BASE}/glemt-adgangskode` },
  'password-reset': { resetUrl: `${BASE}/nulstil?t=ghiJKL`, expiresInMinutes: 60 },
  'password-changed': { changedAt: new Date(Date.UTC(2026, 0, 15, 12, 30)), resetUrl: `${BASE}/glemt-adgangskode` },
  'deposit-receipt': {
    amount: 30_000,
    paidAt: new Date(Date.UTC(2026, 6, 1, 8, 5)),
    method: 'card',
    maskedPan: '492500******0004',
    accountHolderName: 'Vera Ærø',
    reference: 'abcdef12-3abc-4def-8abc-abcdefabcdef',
  },
  'top-up-failed': {
    amount: 20_000,
    failedAt: new Date(Date.UTC(2026, 6, 1, 8, 5)),
    reason: 'no_funds',
    maskedPan: '492500******0004',
    accountHolderName: 'Vera Ærø',
  },
  'low-balance-alert': {
    accountHolderName: 'Vera Ærø',
    balance: 4_000,
    below: 5_000,
    purchasedAt: new Date(Date.UTC(2026, 6, 1, 8, 5)),
    place: 'Kasse to, Kantinen',
    depositUrl: `${BASE}/konti/konto-abc/indbetal`,
    settingsUrl: `${BASE}/konti/konto-abc/saldo-besked`,
  },
  'relation-request': {
    requesterName: 'Åse Ørsted',
    accountHolderName: 'Mikkel Ærø',
    reviewUrl: `${BASE}/tilknytninger`,
  },
};

/** The values each email must show, as they appear once formatted. */
const SHOWN: Record<EmailKind, Record<Locale, string[]>> = {
  'activation-code': {
    da: ['482913', SAMPLE['activation-code'].continueUrl, '30 minutter', 'Fortsæt aktiveringen'],
    en: ['482913', SAMPLE['activation-code'].continueUrl, '30 minutes', 'Continue activation'],
  },
  'signup-attempted': {
    da: [SAMPLE['signup-attempted'].loginUrl, SAMPLE['signup-attempted'].resetUrl, 'Der findes allerede en bruger'],
    en: [SAMPLE['signup-attempted'].loginUrl, SAMPLE['signup-attempted'].resetUrl, 'A user with it already exists'],
  },
  'password-reset': {
    da: [SAMPLE['password-reset'].resetUrl, '1 time'],
    en: [SAMPLE['password-reset'].resetUrl, '1 hour'],
  },
  'password-changed': {
    // 12:30 UTC is 13:30 in Copenhagen in January.
    da: ['15. januar 2026 kl. 13.30', SAMPLE['password-changed'].resetUrl],
    en: ['15 January 2026', '13:30', SAMPLE['password-changed'].resetUrl],
  },
  'deposit-receipt': {
    // 08:05 UTC is 10:05 in Copenhagen in July.
    da: ['300,00\u00a0kr.', '1. juli 2026 kl. 10.05', 'Betalingskort 492500******0004', 'Vera Ærø', 'abcdef12-3abc'],
    en: ['300,00\u00a0kr.', '1 July 2026', '10:05', 'Payment card 492500******0004', 'Vera Ærø'],
  },
  'top-up-failed': {
    da: [
      '200,00\u00a0kr.',
      '1. juli 2026 kl. 10.05',
      'Der er ikke dækning på betalingskortet',
      '492500******0004',
      'Vera Ærø',
    ],
    en: ['200,00\u00a0kr.', '1 July 2026', 'The payment card has no funds', 'Vera Ærø'],
  },
  'low-balance-alert': {
    da: [
      '40,00\u00a0kr.',
      '50,00\u00a0kr.',
      '1. juli 2026 kl. 10.05',
      'Kasse to, Kantinen',
      'Vera Ærø',
      SAMPLE['low-balance-alert'].depositUrl,
      SAMPLE['low-balance-alert'].settingsUrl,
      'højst én besked pr. 48 timer',
    ],
    en: ['40,00\u00a0kr.', '50,00\u00a0kr.', '1 July 2026', 'Vera Ærø', SAMPLE['low-balance-alert'].settingsUrl],
  },
  'relation-request': {
    da: ['Åse Ørsted', 'Mikkel Ærø', SAMPLE['relation-request'].reviewUrl, 'Godkend tilknytninger'],
    en: ['Åse Ørsted', 'Mikkel Ærø', SAMPLE['relation-request'].reviewUrl],
  },
};

const CASES = EMAIL_KINDS.flatMap((kind) => (['da', 'en'] as const).map((locale) => [kind, locale] as const));

describe('renderEmail', () => {
  it.each(CASES)('%s (%s) shows the product name, the data and the tenant footer in both parts', (kind, locale) => {
    const email = renderEmail(kind, locale, tenant(), SAMPLE[kind]);

    expect(email.subject).not.toBe('');
    expect(email.subject).not.toMatch(/[\r\n]/);
    for (const value of SHOWN[kind][locale]) {
      expect(email.text).toContain(value);
      expect(email.html).toContain(Handlebars.escapeExpression(value));
    }
    for (const part of [email.text, email.html]) {
      expect(part).toContain('Gladsaxekortet');
      expect(part).toContain('Kontakt Økonomisk Sekretariat');
      expect(part).toContain('7199 5445');
      expect(part).toContain('cpossupport@mss.dk');
    }
    expect(email.html).toContain(`<html lang="${locale}">`);
    expect(email.html).toContain('#005a4e');
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  it('titles the reset email exactly "Nulstil adgangskode" in Danish and "Reset password" in English', () => {
    expect(renderEmail('password-reset', 'da', tenant(), SAMPLE['password-reset']).subject).toBe('Nulstil adgangskode');
    expect(renderEmail('password-reset', 'en', tenant(), SAMPLE['password-reset']).subject).toBe('Reset password');
  });

  it('names the product in the activation subject', () => {
    const email = renderEmail('activation-code', 'da', tenant(), SAMPLE['activation-code']);
    expect(email.subject).toBe('Din aktiveringskode til Gladsaxekortet');
  });

  it('escapes HTML in names and tenant texts in the HTML part, and leaves the text part literal', () => {
    const hostile = '<script>alert("x")</script>';
    const email = renderEmail('relation-request', 'da', tenant({ productName: 'Kort <b>&</b> Co' }), {
      ...SAMPLE['relation-request'],
      requesterName: hostile,
    });

    expect(email.html).not.toContain('<script');
    expect(email.html).not.toContain('<b>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(email.html).toContain('Kort &lt;b&gt;&amp;&lt;/b&gt; Co');
    expect(email.text).toContain(hostile);
  });

  it('never renders a CPR number, even one passed along in the data', () => {
    for (const [kind, locale] of CASES) {
      const withCpr = { ...SAMPLE[kind], cpr: '010203-1234', cprNumber: '0102031234', name: '0102031234' };
      const email = renderEmail(kind, locale, tenant(), withCpr);
      for (const part of [email.subject, email.text, email.html]) expect(part).not.toMatch(/\d{6}-?\d{4}/);
    }
  });

  it('has no template that refers to a CPR field', () => {
    for (const kind of EMAIL_KINDS) {
      for (const source of Object.values(EMAIL_TEMPLATE_SOURCES[kind])) {
        expect(`${source.subject}${source.text}${source.html}`).not.toMatch(/cpr|personnummer/i);
      }
    }
  });

  it('leaves out support lines the tenant has not configured', () => {
    const email = renderEmail('password-reset', 'da', tenant({ support: { text: 'Kontakt skolen' } }), {
      ...SAMPLE['password-reset'],
    });
    expect(email.text).toContain('Kontakt skolen');
    expect(email.text).not.toContain('Telefon:');
    expect(email.html).not.toContain('tel:');
    expect(email.html).not.toContain('mailto:');
  });

  it('dials the phone number without spaces', () => {
    expect(renderEmail('password-reset', 'da', tenant(), SAMPLE['password-reset']).html).toContain(
      'href="tel:71995445"',
    );
  });

  it.each([
    [1, 'da', '1 minut'],
    [15, 'da', '15 minutter'],
    [120, 'da', '2 timer'],
    [90, 'en', '90 minutes'],
    [1440, 'en', '24 hours'],
  ] as const)('writes an expiry of %d minutes in %s as "%s"', (minutes, locale, expected) => {
    const email = renderEmail('password-reset', locale, tenant(), {
      ...SAMPLE['password-reset'],
      expiresInMinutes: minutes,
    });
    expect(email.text).toContain(`${expected}.`);
  });

  it('refuses links a mail client cannot follow', () => {
    for (const resetUrl of ['/nulstil?t=abc', 'javascript:alert(1)', '']) {
      expect(() => renderEmail('password-reset', 'da', tenant(), { resetUrl, expiresInMinutes: 30 })).toThrow(
        /resetUrl must be an absolute http\(s\) URL/,
      );
    }
  });

  it('refuses an empty code or name and a zero expiry', () => {
    const activation = SAMPLE['activation-code'];
    expect(() => renderEmail('activation-code', 'da', tenant(), { ...activation, code: ' ' })).toThrow(/code/);
    expect(() => renderEmail('activation-code', 'da', tenant(), { ...activation, expiresInMinutes: 0 })).toThrow(
      /expiresInMinutes/,
    );
    const relation = { ...SAMPLE['relation-request'], requesterName: '' };
    expect(() => renderEmail('relation-request', 'en', tenant(), relation)).toThrow(/requesterName/);
  });
});
