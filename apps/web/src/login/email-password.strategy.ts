import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { identityMessage, PasswordLoginService, type PasswordSignIn } from '@kk/identity';
import { currentTenant } from '@kk/tenancy';

/**
 * "Log på med E-Mail" through passport-local: the strategy reads the form's `email` and
 * `password` and asks the identity lib. Its answer is the outcome itself, refusals included,
 * so the login page can answer every case alike (the same text for a wrong password, an
 * unknown address and a locked login) instead of passport's bare 401.
 */
@Injectable()
export class EmailPasswordStrategy extends PassportStrategy(Strategy, 'email-password') {
  constructor(private readonly passwords: PasswordLoginService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  validate(req: Request, email: string, password: string): Promise<PasswordSignIn> {
    return this.passwords.signIn({ tenantId: currentTenant(req).slug }, email.trim(), password);
  }
}

/** Runs the strategy; a form without email or password is refused like any wrong password. */
@Injectable()
export class EmailPasswordGuard extends AuthGuard('email-password') {
  override handleRequest<T = PasswordSignIn>(error: unknown, outcome: T | false): T {
    if (error) throw error instanceof Error ? error : new Error('the email-password strategy failed');
    if (outcome) return outcome;
    const refused: PasswordSignIn = { kind: 'refused', message: identityMessage('loginFailed'), reason: 'invalid' };
    return refused as T;
  }

  override getRequest(context: ExecutionContext): Request {
    return context.switchToHttp().getRequest<Request>();
  }
}

/** The outcome the guard left on the request. */
export function passwordSignInOf(req: Request): PasswordSignIn {
  return req.user as PasswordSignIn;
}
