import { createParamDecorator, NotFoundException, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { signedInPageOf, type SignedInPageContext } from '../kit';

/** The signed-in page of an email login's tenant: a MitID login has its second factor in MitID, so there it is a 404. */
export const TwoFactorPage = createParamDecorator((_data: unknown, context: ExecutionContext): SignedInPageContext => {
  const page = signedInPageOf(context.switchToHttp().getRequest<Request>());
  if (page.tenant.login.method !== 'email') throw new NotFoundException();
  return page;
});
