import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderErrorPage, renderLoginPage } from './login-page';
import type { OidcProvider } from './oidc-provider-types';
import { findTestCitizen, TEST_CITIZENS } from './test-citizens';

/** What MitID brokers report as the level of assurance of a MitID login (Idura's acr). */
export const MITID_SUBSTANTIAL_ACR = 'urn:grn:authn:dk:mitid:substantial';

const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|abort))?$/;
const MAX_FORM_BYTES = 8 * 1024;

/**
 * Serves the login page and its two forms (citizen chosen, cancelled); returns false when the
 * request is not an interaction and belongs to oidc-provider. The interaction cookie that
 * oidc-provider set binds each form to the browser that started the login.
 */
export async function handleInteraction(
  provider: OidcProvider,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const match = INTERACTION_PATH.exec(new URL(req.url ?? '/', 'http://idp-sim').pathname);
  if (!match) return false;
  const action = match[2];
  try {
    if (action === undefined && req.method === 'GET') await showLoginPage(provider, req, res);
    else if (action === 'login' && req.method === 'POST') await finishLogin(provider, req, res);
    else if (action === 'abort' && req.method === 'POST') await abortLogin(provider, req, res);
    else sendHtml(res, 405, renderErrorPage('Metoden er ikke tilladt', 'Gå tilbage og prøv igen.'));
  } catch (error) {
    if (statusOf(error) === 500)
      process.stderr.write(`idp-sim: ${error instanceof Error ? error.stack : String(error)}\n`);
    if (res.headersSent) res.end();
    else sendHtml(res, statusOf(error), renderErrorPage('Login kunne ikke fortsætte', messageOf(error)));
  }
  return true;
}

async function showLoginPage(provider: OidcProvider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'consent') {
    // Only reached when a client sends prompt=consent: a broker asks no consent, and
    // loadExistingGrant grants what was requested.
    await provider.interactionFinished(req, res, { consent: {} }, { mergeWithLastSubmission: true });
    return;
  }
  const clientId = typeof details.params.client_id === 'string' ? details.params.client_id : '';
  sendHtml(res, 200, renderLoginPage({ uid: details.uid, clientId, citizens: TEST_CITIZENS }));
}

async function finishLogin(provider: OidcProvider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readForm(req);
  // Looked up before the interaction so a bad form leaves the login open for another try.
  const citizen = findTestCitizen(form.get('citizen') ?? '');
  if (!citizen) {
    sendHtml(res, 400, renderErrorPage('Ukendt testborger', 'Gå tilbage og vælg en af testborgerne.'));
    return;
  }
  await provider.interactionDetails(req, res);
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: citizen.sub, acr: MITID_SUBSTANTIAL_ACR } },
    { mergeWithLastSubmission: false },
  );
}

async function abortLogin(provider: OidcProvider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await readForm(req);
  await provider.interactionDetails(req, res);
  await provider.interactionFinished(
    req,
    res,
    { error: 'access_denied', error_description: 'End-User aborted the MitID login' },
    { mergeWithLastSubmission: false },
  );
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > MAX_FORM_BYTES) throw Object.assign(new Error('form too large'), { statusCode: 413 });
  }
  return new URLSearchParams(body);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(html);
}

// oidc-provider's errors (e.g. SessionNotFound for an expired or foreign interaction) carry
// a statusCode and an error_description; anything else is our fault.
function statusOf(error: unknown): number {
  const status = typeof error === 'object' && error !== null && 'statusCode' in error ? error.statusCode : undefined;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

function messageOf(error: unknown): string {
  const status = statusOf(error);
  if (status === 500) return 'Der opstod en fejl i testudbyderen. Prøv igen.';
  if (status === 413) return 'Formularen er for stor.';
  return 'Login-forløbet er udløbet eller blev startet i en anden browser. Gå tilbage til tjenesten og prøv igen.';
}
