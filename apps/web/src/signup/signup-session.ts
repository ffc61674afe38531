import type { Request } from 'express';

declare module 'express-session' {
  interface SessionData {
    /**
     * The sign-up in progress in this browser: kept server-side, never in a URL, so a
     * shared link or browser history does not carry it. `loginId` once the login exists.
     */
    signup?: { id: string; loginId?: string };
  }
}

export function signupInSession(req: Request): { id: string; loginId?: string } | undefined {
  return req.session?.signup;
}
