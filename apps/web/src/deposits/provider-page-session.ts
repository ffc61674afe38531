import type { Request } from 'express';

declare module 'express-session' {
  interface SessionData {
    /** The provider's page of the deposit just started, until the browser has been sent there. */
    providerPage?: { readonly paymentId: string; readonly url: string };
  }
}

/**
 * Why the provider's page goes through the session: the CSP's form-action 'self' also covers
 * the redirects after a form is posted, so "Næste" cannot answer with a redirect to Nexi or
 * MobilePay (Chromium refuses it). It redirects to our own page, which sends the browser on.
 */
export function rememberProviderPage(req: Request, paymentId: string, url: string): void {
  req.session.providerPage = { paymentId, url };
}

/** The provider's page of this payment, once: a later visit (Back, a reload) finds none. */
export function takeProviderPage(req: Request, paymentId: string): string | undefined {
  const remembered = req.session?.providerPage;
  if (!remembered || remembered.paymentId !== paymentId) return undefined;
  delete req.session.providerPage;
  return remembered.url;
}
