import type { Request } from 'express';

declare module 'express-session' {
  interface SessionData {
    /**
     * The sign-up in progress in this browser: kept server-side, never in a URL, so a
     * shared link or browser history does not carry it. Gone once the login exists (the
     * password step signs it in, in a fresh session).
     */
    signup?: { id: string };
  }
}

export function signupInSession(req: Request): { id: string } | undefined {
  return req.session?.signup;
}
