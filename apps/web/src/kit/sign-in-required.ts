import { ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';

/** Thrown by the guard; answered with a redirect to the login page that comes back here. */
export class SignInRequired extends Error {}

/** Only same-site paths may be returned to after login (no open redirect). */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(value) ? value : '/konti';
}

@Catch(SignInRequired)
export class SignInRequiredFilter implements ExceptionFilter {
  catch(_error: SignInRequired, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const next = req.method === 'GET' ? safeNext(req.originalUrl) : '/konti';
    res.redirect(303, `/login?next=${encodeURIComponent(next)}`);
  }
}
