import { NotFoundException } from '@nestjs/common';
import type { Request } from 'express';
import type { TenantConfig } from '@kk/tenancy';
import { pageContext, type PageContext } from '../portal/page-context';

/** Sign-up exists only where parents log in with email and may sign themselves up. */
export function signupContext(req: Request): PageContext {
  const ctx = pageContext(req);
  const login = ctx.tenant.login;
  if (login.method !== 'email' || !login.selfSignUp) throw new NotFoundException();
  return ctx;
}

/** "Glemt adgangskode" exists wherever there are passwords, with or without self sign-up. */
export function passwordContext(req: Request): PageContext {
  const ctx = pageContext(req);
  if (ctx.tenant.login.method !== 'email') throw new NotFoundException();
  return ctx;
}

/**
 * Links in emails point at the tenant host the person is using, at its configured public
 * origin (PUBLIC_BASE_URL_TEMPLATE): never built from the Host or X-Forwarded-* headers, so
 * a forged header cannot put an attacker's address into a reset link.
 */
export function publicBaseUrl(req: Request, tenant: TenantConfig, publicOrigin: (host: string) => string): string {
  const host = tenant.hosts.find((h) => h === req.hostname) ?? tenant.hosts[0];
  return publicOrigin(host);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** One posted field as a string; a missing or repeated field is an empty answer. */
export function field(form: unknown, name: string): string {
  return typeof form === 'object' && form !== null ? text((form as Record<string, unknown>)[name]) : '';
}
