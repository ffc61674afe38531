import { portalView, type PortalView } from './layout';
import type { PageContext } from './page-context';

/**
 * The login page: where the email login shows its form, and where the MitID login, the
 * second factor and a password reset end with a notice of what happened.
 */
export interface LoginPage {
  next: string;
  email?: string;
  error?: string;
  notice?: string;
  passwordLogin: boolean;
  /** Links to "Ny bruger? Opret dig her" (email tenants with self sign-up). */
  signUp?: boolean;
  /** The tenant's MitID/OIDC login (/auth/oidc). */
  oidc?: { providerName: string };
}

export function loginPage(page: PageContext, data: Omit<LoginPage, 'passwordLogin' | 'oidc'>): PortalView<LoginPage> {
  const login = page.tenant.login;
  return portalView(page, 'login.title', {
    ...data,
    passwordLogin: login.method === 'email',
    signUp: login.method === 'email' && login.selfSignUp,
    ...(login.method === 'oidc' ? { oidc: { providerName: login.providerName } } : {}),
  });
}
