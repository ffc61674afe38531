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
 * Links in emails point at the host the person is using (port included, as in the demo),
 * but only when that host is one of the tenant's: a forged Host header must never put an
 * attacker's address into a reset link (host header poisoning). Otherwise the first host.
 */
export function publicBaseUrl(req: Request, tenant: TenantConfig): string {
  const host = req.get('host') ?? '';
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  const protocol = req.protocol === 'https' ? 'https' : 'http';
  if (tenant.hosts.some((h) => h.toLowerCase() === hostname)) return `${protocol}://${host}`;
  return `${protocol}://${tenant.hosts[0]}`;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** One posted field as a string; a missing or repeated field is an empty answer. */
export function field(form: unknown, name: string): string {
  return typeof form === 'object' && form !== null ? text((form as Record<string, unknown>)[name]) : '';
}
