import { createParamDecorator, NotFoundException, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { currentTenant, type OidcLoginConfig } from '@kk/tenancy';

/** Handler parameter: the tenant's OIDC login; on a tenant with email login the OIDC routes do not exist (404). */
export const OidcLogin = createParamDecorator((_data: unknown, context: ExecutionContext): OidcLoginConfig => {
  const login = currentTenant(context.switchToHttp().getRequest<Request>()).login;
  if (login.method !== 'oidc') throw new NotFoundException();
  return login;
});
