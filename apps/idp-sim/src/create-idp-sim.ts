import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { CPR_MATCH_WINDOW_SECONDS, cprMatchHandler, isCprMatchRequest, loginTimeClaims } from './cpr-match';
import { handleInteraction, MITID_SUBSTANTIAL_ACR } from './interaction-routes';
import { renderErrorPage } from './login-page';
import type { OidcGrant, OidcKoaContext, OidcProvider, OidcProviderModule } from './oidc-provider-types';
import { loadSigningKey, type SigningJwk } from './signing-key';
import { findTestCitizen } from './test-citizens';

// oidc-provider's default authorization route; its session cookie is `_session` (+ `.sig`).
const AUTHORIZATION_PATH = '/auth';
const SESSION_COOKIE = /^\s*_session(\.sig)?=/;

export interface IdpSimClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: readonly string[];
}

export interface StartIdpSimOptions {
  readonly port: number;
  /** The public origin, e.g. http://localhost:3003 (the default, from the port); no path. */
  readonly issuer?: string;
  readonly clients: readonly IdpSimClient[];
  /** Keeps the ID-token signing key in this JSON file across restarts; omitted, a fresh key per start. */
  readonly signingKeyFile?: string;
}

export interface RunningIdpSim {
  readonly issuer: string;
  stop(): Promise<void>;
}

/**
 * Starts the MitID broker stand-in: oidc-provider (certified OpenID Connect) behind a plain
 * HTTP server, plus the test-citizen login page and NEB's CPR Match API. For demo and tests only.
 */
export async function startIdpSim(options: StartIdpSimOptions): Promise<RunningIdpSim> {
  const issuer = normaliseIssuer(options.issuer ?? `http://localhost:${options.port}`);
  const oidc = await loadOidcProvider();
  const signingKey = await loadSigningKey(options.signingKeyFile);
  const provider = new oidc.default(issuer, providerConfiguration(options.clients, signingKey));
  const handle = requestHandler(provider);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(`idp-sim: ${error instanceof Error ? error.stack : String(error)}\n`);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  await listen(server, options.port);
  return { issuer, stop: () => close(server) };
}

function requestHandler(provider: OidcProvider): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const handleOidc = provider.callback();
  const matchCpr = cprMatchHandler({ accessTokens: provider.AccessToken, clients: provider.Client });
  return async (req, res) => {
    if (isCprMatchRequest(req)) return matchCpr(req, res);
    if (await handleInteraction(provider, req, res)) return;
    forgetBrokerSession(req, res);
    handleOidc(req, res);
  };
}

async function loadOidcProvider(): Promise<OidcProviderModule> {
  // The package is ESM-only and untyped; swc keeps this import() native (module.ignoreDynamic),
  // and a variable specifier keeps TypeScript from looking for its types.
  const specifier = 'oidc-provider';
  return (await import(specifier)) as OidcProviderModule;
}

function providerConfiguration(clients: readonly IdpSimClient[], signingKey: SigningJwk): Record<string, unknown> {
  return {
    clients: clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: [...client.redirectUris],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // The registered method; oidc-provider accepts client_secret_post for it too.
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    responseTypes: ['code'],
    // As Signaturgruppen: `mitid` gives the MitID uuid and whether the person has a CPR number,
    // `ssn` the CPR number itself, as for a public-sector service provider. A private one leaves
    // out `ssn` and asks the CPR Match API about the number the citizen typed.
    scopes: ['openid', 'profile', 'mitid', 'ssn'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name'],
      mitid: ['mitid.uuid', 'mitid.has_cpr'],
      ssn: ['dk.cpr'],
      acr: null,
      auth_time: null,
    },
    acrValues: [MITID_SUBSTANTIAL_ACR],
    // Brokers put the person's claims in the ID token, not only behind /userinfo.
    conformIdTokenClaims: false,
    // passport-openidconnect 0.1.2 sends no PKCE; a client that sends it is still checked.
    pkce: { required: () => false },
    jwks: { keys: [signingKey] },
    // Fresh per start: a restart ends logins in progress, which is fine for a stand-in.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // The access token is what a CPR match call presents, so it lasts the match window.
    ttl: {
      IdToken: 300,
      AccessToken: CPR_MATCH_WINDOW_SECONDS,
      AuthorizationCode: 60,
      Interaction: 900,
      Session: 900,
      Grant: 900,
    },
    extraTokenClaims: loginTimeClaims,
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // No single sign-on (see forgetBrokerSession), so there is nothing to log out of here.
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: false } },
    findAccount: (_ctx: unknown, sub: string) => findAccount(sub),
    loadExistingGrant: grantWhatWasRequested,
    renderError: (ctx: OidcKoaContext, out: Record<string, unknown>) => {
      ctx.type = 'html';
      const description = typeof out.error_description === 'string' ? out.error_description : String(out.error);
      ctx.body = renderErrorPage('Der opstod en fejl', description);
    },
  };
}

function findAccount(sub: string) {
  const citizen = findTestCitizen(sub);
  if (!citizen) return undefined;
  return {
    accountId: citizen.sub,
    // oidc-provider filters these by the granted scopes and claims.
    claims: async () => ({
      sub: citizen.sub,
      name: citizen.name,
      given_name: citizen.givenName,
      family_name: citizen.familyName,
      'mitid.uuid': citizen.mitidUuid,
      'mitid.has_cpr': citizen.cpr !== undefined,
      ...(citizen.cpr === undefined ? {} : { 'dk.cpr': citizen.cpr }),
    }),
  };
}

// A broker asks the citizen no consent: whatever the registered client requests is granted,
// so oidc-provider's consent prompt never needs to be shown.
async function grantWhatWasRequested(ctx: OidcKoaContext): Promise<OidcGrant | undefined> {
  const { client, account, session, result, provider } = ctx.oidc;
  if (!client || !account) return undefined;
  const grantId = result?.consent?.grantId ?? session?.grantIdFor(client.clientId);
  const existing = grantId ? await provider.Grant.find(grantId) : undefined;
  const grant =
    existing?.accountId === account.accountId
      ? existing
      : new provider.Grant({ clientId: client.clientId, accountId: account.accountId });
  grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
  grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
  await grant.save();
  return grant;
}

// MitID has no single sign-on: every authorization request starts without a broker session,
// so the citizen is asked again and a demo can switch citizens without logging out here. The
// browser drops the old session cookie too: oidc-provider would otherwise meet it again on
// the resume route and, for another citizen, ask (with JavaScript) to log that one out first.
function forgetBrokerSession(req: IncomingMessage, res: ServerResponse): void {
  const { cookie } = req.headers;
  if (!cookie || new URL(req.url ?? '/', 'http://idp-sim').pathname !== AUTHORIZATION_PATH) return;
  const kept = cookie.split(';').filter((pair) => !SESSION_COOKIE.test(pair));
  if (kept.length === cookie.split(';').length) return;
  req.headers.cookie = kept.join(';');
  res.setHeader(
    'Set-Cookie',
    ['_session', '_session.sig'].map((name) => `${name}=; path=/; expires=${new Date(0).toUTCString()}; httponly`),
  );
}

function normaliseIssuer(value: string): string {
  const url = new URL(value);
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`idp-sim: the issuer must be an origin without a path, got ${value}`);
  }
  return url.origin;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // No host: both IPv4 and IPv6 loopback, since "localhost" may resolve to either.
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive connections of browsers and fetch would otherwise hold close() open.
    server.closeAllConnections();
  });
}
