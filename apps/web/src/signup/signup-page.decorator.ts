import { createParamDecorator, NotFoundException, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { pageContextOf, type PageContext } from '../kit';

/** The page of a tenant whose parents log in with email and may sign themselves up; elsewhere sign-up is a 404. */
export const SignupPage = createParamDecorator((_data: unknown, context: ExecutionContext): PageContext => {
  const page = pageContextOf(context.switchToHttp().getRequest<Request>());
  const login = page.tenant.login;
  if (login.method !== 'email' || !login.selfSignUp) throw new NotFoundException();
  return page;
});
