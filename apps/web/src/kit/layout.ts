import type { TenantConfig, TenantTheme } from '@kk/tenancy';
import { t, type PlainTextKey } from '@kk/texts';
import type { PageContext } from './page-context';

/** What views/layout.hbs needs; every page view extends it. */
export interface LayoutView {
  lang: string;
  title: string;
  brand?: {
    productName: string;
    displayName: string;
    logoUrl: string;
  };
  theme?: Pick<TenantTheme, 'primaryColor' | 'accentColor' | 'textColor' | 'backgroundColor'>;
}

export function presentLayout(tenant: TenantConfig | undefined, title: string): LayoutView {
  if (!tenant) {
    return { lang: 'da', title };
  }
  const { primaryColor, accentColor, textColor, backgroundColor, logo } = tenant.theme;
  return {
    lang: tenant.locale.default,
    title: `${title} – ${tenant.productName}`,
    brand: {
      productName: tenant.productName,
      displayName: tenant.displayName,
      logoUrl: `/theme/${encodeURIComponent(logo)}`,
    },
    theme: { primaryColor, accentColor, textColor, backgroundColor },
  };
}

/** Every portal view: the layout's data plus the page's own, with the locale for {{t}}. */
export type PortalView<T> = LayoutView & T & { locale: string; csrfToken: string; signedIn: boolean };

export function portalView<T extends object>(page: PageContext, titleKey: PlainTextKey, data: T): PortalView<T> {
  return {
    ...presentLayout(page.tenant, t(page.locale, titleKey)),
    lang: page.locale,
    locale: page.locale,
    csrfToken: page.csrfToken,
    signedIn: page.signedIn,
    ...data,
  };
}
