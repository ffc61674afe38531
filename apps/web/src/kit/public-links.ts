import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { IdentityMail } from '@kk/identity';
import { PUBLIC_ORIGIN } from './kit-tokens';
import type { PageContext } from './page-context';

/**
 * Links in e-mails point at the tenant host the person is using, at its configured public
 * origin (PUBLIC_BASE_URL_TEMPLATE): never built from the Host or X-Forwarded-* headers, so
 * a forged header cannot put an attacker's address into a reset link.
 */
@Injectable()
export class PublicLinks {
  constructor(@Inject(PUBLIC_ORIGIN) private readonly publicOrigin: (host: string) => string) {}

  baseUrl(req: Request, page: PageContext): string {
    const hosts = page.tenant.hosts;
    return this.publicOrigin(hosts.find((h) => h === req.hostname) ?? hosts[0]);
  }

  /** What an identity flow's e-mail needs from this request. */
  mail(req: Request, page: PageContext): IdentityMail {
    return { tenant: page.tenant, baseUrl: this.baseUrl(req, page), locale: page.locale };
  }
}
