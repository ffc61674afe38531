import type { IncomingMessage, ServerResponse } from 'node:http';
import { CprMatchAttempts } from './cpr-match-attempts';
import type { OidcAccessTokenModel, OidcClientModel, OidcKoaContext } from './oidc-provider-types';
import { findTestCitizen } from './test-citizens';

/**
 * NEB's "MitID CPR Match API", relative to the issuer. Like NEB, the discovery document does
 * not mention it.
 */
export const CPR_MATCH_PATH = '/api/v1/mitid/matchCpr';

/** How long after the MitID login a CPR match is allowed; also the access token's lifetime. */
export const CPR_MATCH_WINDOW_SECONDS = 15 * 60;

const MAX_TRIES = 3;
const MAX_BODY_BYTES = 4 * 1024;
const CPR = /^(\d{6})-?(\d{4})$/;
const BEARER = /^bearer +([\w.~+/-]+=*)$/i;
// Where an access token keeps the time of its MitID login: in `extra`, which opaque tokens
// never show a client.
const LOGIN_TIME = 'auth_time';

// NEB's own sentences, word for word, so a client that shows or matches them meets them here.
const MISSING_CPR = 'Missing Cpr parameter';
const TRIES_EXCEEDED = 'Cpr Match exceeded. Only 3 tries is allowed within a session.';
const WINDOW_PASSED = 'Cpr Match is only allowed within 15 minutes of the MitID session.';

export interface CprMatchOptions {
  readonly accessTokens: OidcAccessTokenModel;
  readonly clients: OidcClientModel;
  readonly attempts?: CprMatchAttempts;
  /** Epoch seconds, like oidc-provider's times; a test moves it. */
  readonly now?: () => number;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The one MitID login an access token came from. */
interface MitIdLogin {
  /** The broker session: a new one per MitID login (see forgetBrokerSession). */
  readonly key: string;
  readonly accountId: string;
  readonly loginTime: number;
}

export function isCprMatchRequest(req: IncomingMessage): boolean {
  return new URL(req.url ?? '/', 'http://idp-sim').pathname === CPR_MATCH_PATH;
}

/**
 * Answers whether a CPR number is that of the citizen behind an access token this broker
 * issued at a code exchange. The code exchange authenticated the client, so the token binds
 * the call to that client and to that one MitID login, whose tries it counts.
 */
export function cprMatchHandler(options: CprMatchOptions): RequestHandler {
  const attempts = options.attempts ?? new CprMatchAttempts();
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  return async (req, res) => {
    if (req.method !== 'POST') return send(res, 405, undefined, { Allow: 'POST' });
    const login = await loginOfBearer(options, req.headers.authorization);
    if (!login) return send(res, 401, undefined, { 'WWW-Authenticate': 'Bearer' });
    const body = await readBody(req);
    if (body === undefined) return send(res, 413, undefined);
    const cpr = cprOf(body);
    if (cpr === undefined) return sendError(res, MISSING_CPR);
    const windowEnds = login.loginTime + CPR_MATCH_WINDOW_SECONDS;
    if (now() > windowEnds) return sendError(res, WINDOW_PASSED);
    if (attempts.count(login.key, windowEnds, now()) > MAX_TRIES) return sendError(res, TRIES_EXCEEDED);
    // A citizen without a CPR number matches none.
    const match = findTestCitizen(login.accountId)?.cpr === cpr;
    send(res, 200, JSON.stringify({ cprNumberMatch: match }));
  };
}

/**
 * oidc-provider's extraTokenClaims: an access token from a code exchange keeps the time of
 * its MitID login, which the 15 minutes count from (the token itself is issued later).
 */
export function loginTimeClaims(
  ctx: OidcKoaContext | undefined,
  token: { readonly kind?: string },
): Record<string, number> | undefined {
  const loginTime = ctx?.oidc.entities.AuthorizationCode?.authTime;
  if (token.kind !== 'AccessToken' || typeof loginTime !== 'number') return undefined;
  return { [LOGIN_TIME]: loginTime };
}

async function loginOfBearer(options: CprMatchOptions, header: string | undefined): Promise<MitIdLogin | undefined> {
  const value = BEARER.exec(header ?? '')?.[1];
  if (!value) return undefined;
  // The token may outlive its broker session by the code's lifetime; NEB then still knows the
  // token and answers with its 15-minute sentence, so the session does not decide here.
  const token = await options.accessTokens.find(value, { ignoreSessionBinding: true });
  if (!token || token.isExpired || token.gty !== 'authorization_code') return undefined;
  const { accountId, clientId, sessionUid } = token;
  const loginTime = token.extra?.[LOGIN_TIME];
  if (!accountId || !clientId || !sessionUid || typeof loginTime !== 'number') return undefined;
  if (!(await options.clients.find(clientId))) return undefined;
  return { key: sessionUid, accountId, loginTime };
}

/** The body as text, or undefined when it is larger than a CPR match call needs. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) return Promise.resolve(undefined);
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      // Keeps reading and discards the rest: destroying the request would take the socket,
      // and the 413 with it, before the client reads it.
      req.off('data', onData);
      req.resume();
      done(undefined);
    };
    req.on('data', onData);
    req.once('end', () => done(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.once('error', fail);
  });
}

/** The ten digits of the body's `cpr`, or undefined when it holds no well-formed CPR number. */
function cprOf(body: string): string | undefined {
  const value = parseJson(body);
  const cpr = typeof value === 'object' && value !== null && 'cpr' in value ? value.cpr : undefined;
  const parts = typeof cpr === 'string' ? CPR.exec(cpr) : null;
  return parts ? `${parts[1]}${parts[2]}` : undefined;
}

// JSON.parse's message quotes the text, which may hold a CPR number: it must not reach a log.
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sendError(res: ServerResponse, errorMessage: string): void {
  send(res, 400, JSON.stringify({ errorMessage }));
}

function send(
  res: ServerResponse,
  status: number,
  json: string | undefined,
  headers: Record<string, string> = {},
): void {
  res.statusCode = status;
  res.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (json !== undefined) res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(json);
}
