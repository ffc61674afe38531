import type { TenantConfig } from '@kk/tenancy';
import { presentLayout, type LayoutView } from '../layout/layout.presenter';

export interface FrontPageView extends LayoutView {
  productName: string;
  services: string[];
  login: {
    method: string;
    firstTime?: string;
    /** The way in: "Log på med E-Mail" (/login) or "Log på med MitID" (/auth/oidc). */
    link: { href: string; label: string };
    /** "Ny bruger? Opret dig her", where parents sign themselves up. */
    signUp?: { href: string; label: string };
  };
  support: {
    text: string;
    contacts: Array<{ label: string; text: string; href?: string }>;
  };
  payoutContactText?: string;
  remoteSupportUrl?: string;
}

export function presentFrontPage(tenant: TenantConfig): FrontPageView {
  const { support, features } = tenant;
  return {
    ...presentLayout(tenant, 'Forside'),
    productName: tenant.productName,
    services: services(tenant),
    login: loginText(tenant),
    support: { text: support.text, contacts: contacts(tenant) },
    payoutContactText: features.payouts.mode === 'contact' ? features.payouts.contactText : undefined,
    remoteSupportUrl: features.remoteSupport.enabled ? features.remoteSupport.url : undefined,
  };
}

/** Only what the portal does today; each feature adds its line as it is built. */
function services({ login }: TenantConfig): string[] {
  const list = [
    'Se dine kantinekort med kortnummer, status og saldo under „Mine konti“.',
    'Tilføj andre konti, du skal kunne se, fx dine børns, med CPR-nummer og kortnummer under „Tilføj konto“.',
    'Godkend eller afvis, når andre beder om at se dine konti, under „Godkend tilknytninger“.',
  ];
  if (login.method === 'email') list.push('Nulstil din adgangskode selv, hvis du har glemt den.');
  return list;
}

function contacts({ support }: TenantConfig): FrontPageView['support']['contacts'] {
  const list: FrontPageView['support']['contacts'] = [];
  if (support.phone) list.push({ label: 'Telefon', text: support.phone, href: telHref(support.phone) });
  if (support.email) list.push({ label: 'E-mail', text: support.email, href: `mailto:${support.email}` });
  if (support.hours) list.push({ label: 'Åbningstid', text: support.hours });
  return list;
}

function loginText({ login }: TenantConfig): FrontPageView['login'] {
  if (login.method === 'oidc') {
    return {
      method: `Du logger ind med ${login.providerName}.`,
      firstTime:
        login.cprLinking && login.cprVerification === 'match'
          ? `Første gang beder vi om dit CPR-nummer, og ${login.providerName} bekræfter, at det er dit. Så finder vi dine kantinekort.`
          : undefined,
      link: { href: '/auth/oidc', label: `Log på med ${login.providerName}` },
    };
  }
  return {
    method: 'Du logger ind med din e-mail og adgangskode.',
    firstTime: login.selfSignUp ? 'Første gang opretter du en bruger med elevens CPR-nummer og din e-mail.' : undefined,
    link: { href: '/login', label: 'Log på med E-Mail' },
    ...(login.selfSignUp ? { signUp: { href: '/opret', label: 'Ny bruger? Opret dig her' } } : {}),
  };
}

// Danish numbers without a country code are dialled as +45.
function telHref(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  return `tel:${digits.startsWith('+') ? digits : `+45${digits}`}`;
}
