import { createParamDecorator, NotFoundException, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { pageContextOf, type PageContext } from '../kit';

/** "Glemt adgangskode" exists wherever there are passwords, with or without self sign-up; elsewhere it is a 404. */
export const PasswordPage = createParamDecorator((_data: unknown, context: ExecutionContext): PageContext => {
  const page = pageContextOf(context.switchToHttp().getRequest<Request>());
  if (page.tenant.login.method !== 'email') throw new NotFoundException();
  return page;
});
