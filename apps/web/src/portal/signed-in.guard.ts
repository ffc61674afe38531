import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { currentTenant } from '@kk/tenancy';
import { IS_PUBLIC_KEY } from '../auth/public.decorator';
import { PortalIdentityService } from './portal-identity.service';
import { SignInRequired } from './sign-in-required';

/**
 * Global: a route is @Public() or needs a signed-in session of this host's tenant whose
 * login still accepts it (a password reset or a disabled login ends older sessions).
 */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identity: PortalIdentityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const req = context.switchToHttp().getRequest<Request>();
    const tenant = currentTenant(req);
    const { loginId, tenantId, startedAt } = req.session ?? {};
    if (!loginId || tenantId !== tenant.slug || startedAt === undefined) throw new SignInRequired();
    if (!(await this.identity.sessionIsValid(tenant.slug, loginId, new Date(startedAt)))) {
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      throw new SignInRequired();
    }
    return true;
  }
}
