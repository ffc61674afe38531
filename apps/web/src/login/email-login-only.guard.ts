import { Injectable, NotFoundException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { currentTenant } from '@kk/tenancy';

/** The password login exists only on tenants whose parents log in with email. */
@Injectable()
export class EmailLoginOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (currentTenant(context.switchToHttp().getRequest<Request>()).login.method !== 'email') {
      throw new NotFoundException();
    }
    return true;
  }
}
