import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { loginIdOf, type LoginCaller, type LoginId, type TenantCaller } from '@kk/identity';
import { currentTenant, type TenantConfig } from '@kk/tenancy';
import type { Locale } from '@kk/texts';
import { localeOf } from './locale-cookie';
import { SignInRequired } from './sign-in-required';

/**
 * The one request context of the portal's handlers: the host's tenant (its `slug` is the
 * branded TenantId), the signed-in login, the page's language, and what every page shows.
 */
export interface PageContext {
  readonly tenant: TenantConfig;
  /** The login this session signed in on this tenant's host; undefined for a visitor. */
  readonly login: LoginId | undefined;
  readonly locale: Locale;
  /**
   * The form token. Made on first read: making one sets the CSRF cookie, which a page
   * without a form (the front page) must not.
   */
  readonly csrfToken: string;
  readonly signedIn: boolean;
  /** The client's address (behind TRUST_PROXY, the proxy's word): for the security log. */
  readonly ip: string | undefined;
  /** Who calls the identity lib: this host's tenant. */
  readonly caller: TenantCaller;
  /** The fields every security event of this request carries. */
  readonly audit: { readonly tenant: string; readonly ip: string | undefined };
}

/** A signed-in page's context: a login by construction, and a caller that names it. */
export interface SignedInPageContext extends PageContext {
  readonly login: LoginId;
  readonly signedIn: true;
  readonly caller: LoginCaller;
  readonly audit: PageContext['audit'] & { readonly login: LoginId };
}

const contexts = new WeakMap<Request, PageContext>();

/** The context of a request that went through the tenant middleware (and, in the portal, the session's). */
export function pageContextOf(req: Request): PageContext {
  let page = contexts.get(req);
  if (!page) {
    page = buildPageContext(req);
    contexts.set(req, page);
  }
  return page;
}

/** As pageContextOf, or SignInRequired (the login page) when no login of this tenant is signed in. */
export function signedInPageOf(req: Request): SignedInPageContext {
  const page = pageContextOf(req);
  const login = page.login;
  if (!login) throw new SignInRequired();
  // Not a spread: that would read csrfToken, and so make a token, on every signed-in request.
  return {
    tenant: page.tenant,
    login,
    locale: page.locale,
    get csrfToken() {
      return page.csrfToken;
    },
    signedIn: true,
    ip: page.ip,
    caller: { tenantId: page.tenant.slug, loginId: login },
    audit: { ...page.audit, login },
  };
}

/** Handler parameter: the request's PageContext. */
export const Page = createParamDecorator((_data: unknown, context: ExecutionContext): PageContext =>
  pageContextOf(context.switchToHttp().getRequest<Request>()),
);

/**
 * Handler parameter of a route behind the sign-in guard: its SignedInPageContext. Should the
 * guard ever be bypassed (a @Public() route), it answers as the guard does: to the login page.
 */
export const SignedInPage = createParamDecorator((_data: unknown, context: ExecutionContext): SignedInPageContext =>
  signedInPageOf(context.switchToHttp().getRequest<Request>()),
);

function buildPageContext(req: Request): PageContext {
  const tenant = currentTenant(req);
  const session = req.session;
  // SessionValidityMiddleware has ended any session of another tenant; the check keeps that true here too.
  const login = session?.loginId && session.tenantId === tenant.slug ? loginIdOf(session.loginId) : undefined;
  let csrfToken: string | undefined;
  return {
    tenant,
    login,
    locale: localeOf(req, tenant),
    get csrfToken() {
      // Set by the CSRF middleware (csrf.ts); pages served without the portal carry no forms.
      csrfToken ??= req.csrfToken?.() ?? '';
      return csrfToken;
    },
    signedIn: Boolean(session?.loginId),
    ip: req.ip,
    caller: { tenantId: tenant.slug },
    audit: { tenant: tenant.slug, ip: req.ip },
  };
}
