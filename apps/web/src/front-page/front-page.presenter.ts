import type { TenantConfig } from '@kk/tenancy';
import { t, type Locale } from '@kk/texts';
import { presentLayout, type LayoutView } from '../kit';

export interface FrontPageView extends LayoutView {
  /** For {{t}} and the layout's language link. */
  locale: Locale;
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

/** The front page in the visitor's language; the tenant's own texts (support, payouts) stay as written. */
export function presentFrontPage(tenant: TenantConfig, locale: Locale = tenant.locale.default): FrontPageView {
  const { support, features } = tenant;
  return {
    ...presentLayout(tenant, t(locale, 'front.title')),
    lang: locale,
    locale,
    productName: tenant.productName,
    services: services(tenant, locale),
    login: loginText(tenant, locale),
    support: { text: support.text, contacts: contacts(tenant, locale) },
    payoutContactText: features.payouts.mode === 'contact' ? features.payouts.contactText : undefined,
    remoteSupportUrl: features.remoteSupport.enabled ? features.remoteSupport.url : undefined,
  };
}

/** Only what the portal does today; each feature adds its line as it is built. */
function services({ login }: TenantConfig, locale: Locale): string[] {
  const list = [
    t(locale, 'front.services.accounts'),
    t(locale, 'front.services.addAccount'),
    t(locale, 'front.services.approve'),
  ];
  if (login.method === 'email') list.push(t(locale, 'front.services.resetPassword'));
  return list;
}

function contacts({ support }: TenantConfig, locale: Locale): FrontPageView['support']['contacts'] {
  const list: FrontPageView['support']['contacts'] = [];
  if (support.phone)
    list.push({ label: t(locale, 'contact.phone'), text: support.phone, href: telHref(support.phone) });
  if (support.email)
    list.push({ label: t(locale, 'contact.email'), text: support.email, href: `mailto:${support.email}` });
  if (support.hours) list.push({ label: t(locale, 'front.support.openingHours'), text: support.hours });
  return list;
}

// The link labels are the login page's own, so both pages name the way in alike.
function loginText({ login }: TenantConfig, locale: Locale): FrontPageView['login'] {
  if (login.method === 'oidc') {
    const provider = { provider: login.providerName };
    return {
      method: t(locale, 'front.login.oidc', provider),
      firstTime:
        login.cprLinking && login.cprVerification === 'match'
          ? t(locale, 'front.login.oidcFirstTime', provider)
          : undefined,
      link: { href: '/auth/oidc', label: t(locale, 'login.oidc', provider) },
    };
  }
  return {
    method: t(locale, 'front.login.email'),
    firstTime: login.selfSignUp ? t(locale, 'front.login.emailFirstTime') : undefined,
    link: { href: '/login', label: t(locale, 'login.submit') },
    ...(login.selfSignUp ? { signUp: { href: '/opret', label: t(locale, 'login.signup') } } : {}),
  };
}

// Danish numbers without a country code are dialled as +45.
function telHref(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  return `tel:${digits.startsWith('+') ? digits : `+45${digits}`}`;
}
