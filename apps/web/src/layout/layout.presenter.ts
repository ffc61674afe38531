import type { TenantConfig, TenantTheme } from '@kk/tenancy';

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
