import { Injectable } from '@nestjs/common';

/** The parts of a provider's discovery document the portal uses. */
export interface OidcProviderMetadata {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly jwksUri: string;
  readonly userinfoEndpoint?: string;
}

const TIMEOUT_MS = 5_000;

/**
 * `<issuer>/.well-known/openid-configuration`, fetched once per issuer and kept for the
 * life of the process; a failed fetch is forgotten, so the next login tries again.
 */
@Injectable()
export class OidcDiscovery {
  private readonly cache = new Map<string, Promise<OidcProviderMetadata>>();

  metadata(issuer: string): Promise<OidcProviderMetadata> {
    let pending = this.cache.get(issuer);
    if (!pending) {
      pending = discover(issuer);
      pending.catch(() => this.cache.delete(issuer));
      this.cache.set(issuer, pending);
    }
    return pending;
  }
}

async function discover(issuer: string): Promise<OidcProviderMetadata> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`OIDC discovery at ${url} answered ${res.status}`);
  const body = (await res.json()) as Record<string, unknown>;
  const field = (name: string): string => {
    const value = body[name];
    if (typeof value !== 'string' || value === '') throw new Error(`OIDC discovery at ${url} has no ${name}`);
    return value;
  };
  // OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was fetched for,
  // or another provider could be answering for it.
  if (field('issuer') !== issuer) throw new Error(`OIDC discovery at ${url} names another issuer`);
  return {
    issuer,
    authorizationEndpoint: field('authorization_endpoint'),
    tokenEndpoint: field('token_endpoint'),
    jwksUri: field('jwks_uri'),
    ...(typeof body.userinfo_endpoint === 'string' ? { userinfoEndpoint: body.userinfo_endpoint } : {}),
  };
}
