import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { currentTenant } from '@kk/tenancy';
import { IS_PUBLIC_KEY } from './public.decorator';
import { SignInRequired } from './sign-in-required';

/**
 * Global: a route is @Public() or needs a signed-in session of this host's tenant. Whether
 * that session still stands (timeouts, resets, disabled logins) was settled before any
 * route by SessionValidityMiddleware.
 */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const req = context.switchToHttp().getRequest<Request>();
    const { loginId, tenantId } = req.session ?? {};
    if (!loginId || tenantId !== currentTenant(req).slug) throw new SignInRequired();
    return true;
  }
}
