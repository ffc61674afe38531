import type { TenantConfig } from '@kk/tenancy';
import { presentLayout, type LayoutView } from '../layout/layout.presenter';

export interface FrontPageView extends LayoutView {
  productName: string;
  services: string[];
  login: { method: string; firstTime?: string };
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

function services({ features, autoTopUp }: TenantConfig): string[] {
  const paidWith = features.paymentMethods.includes('mobilepay') ? 'betalingskort eller MobilePay' : 'betalingskort';
  const list = [
    `Indbetal penge på kantinekortet med ${paidWith}.`,
    `Få kortet fyldt op automatisk, når saldoen kommer under ${formatKroner(autoTopUp.thresholdOre)} ved et køb.`,
    `Se, hvad kortet er brugt til, under „${features.statementTabName}“.`,
    'Spær kortet, hvis det er blevet væk, og åbn det igen, hvis det dukker op.',
  ];
  if (features.spendingLimits) list.push('Sæt en grænse for forbruget pr. dag, uge eller måned.');
  if (features.deviceRestrictions) list.push('Vælg, hvor kortet må bruges.');
  if (features.cardNumberChange) list.push('Skift kortnummer, når du har fået et nyt kort.');
  if (features.cardOrdering.enabled) {
    const fee = features.cardOrdering.feeOre;
    list.push(fee > 0 ? `Bestil et nyt kort (${formatKroner(fee)} trækkes fra saldoen).` : 'Bestil et nyt kort.');
  }
  if (features.photo) list.push('Læg et billede på kortet.');
  if (features.payouts.mode === 'self_service') list.push('Få et restbeløb udbetalt til din bankkonto.');
  if (features.subscriptions) list.push('Tilmeld og afmeld abonnementer.');
  if (features.webshop) list.push('Bestil mad og varer i webshoppen.');
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
      firstTime: login.cprLinking
        ? 'Første gang beder vi om dit CPR-nummer, så vi kan finde dine kantinekort.'
        : undefined,
    };
  }
  return {
    method: 'Du logger ind med din e-mail og adgangskode.',
    firstTime: login.selfSignUp ? 'Første gang opretter du en bruger med elevens CPR-nummer og din e-mail.' : undefined,
  };
}

// Danish numbers without a country code are dialled as +45.
function telHref(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  return `tel:${digits.startsWith('+') ? digits : `+45${digits}`}`;
}

function formatKroner(ore: number): string {
  const kroner = new Intl.NumberFormat('da-DK', {
    minimumFractionDigits: ore % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(ore / 100);
  return `${kroner} kr.`;
}
