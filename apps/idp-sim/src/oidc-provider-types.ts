import type { IncomingMessage, ServerResponse } from 'node:http';

// oidc-provider ships no TypeScript types and the ESM-only package is loaded with a native
// import(), so these are the few parts of its API this stand-in uses, checked by hand
// against oidc-provider 9.

export interface InteractionDetails {
  readonly uid: string;
  readonly prompt: { readonly name: string };
  readonly params: Readonly<Record<string, unknown>>;
}

export type InteractionResult =
  | { login: { accountId: string; acr?: string } }
  | { consent: Record<string, never> }
  | { error: string; error_description?: string };

export interface OidcGrant {
  readonly accountId?: string;
  readonly clientId?: string;
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
}

export interface OidcGrantModel {
  new (properties: { clientId: string; accountId: string }): OidcGrant;
  find(id: string): Promise<OidcGrant | undefined>;
}

/** An access token as oidc-provider keeps it (opaque format: the value is only a lookup key). */
export interface OidcAccessToken {
  readonly accountId?: string;
  readonly clientId?: string;
  /** The broker session of the login the token came from; a new one for every MitID login. */
  readonly sessionUid?: string;
  /** The grant type that issued it, e.g. authorization_code. */
  readonly gty?: string;
  /** What extraTokenClaims returned when the token was issued. */
  readonly extra?: Readonly<Record<string, unknown>>;
  readonly isExpired: boolean;
}

export interface OidcAccessTokenModel {
  /** Undefined for an unknown, expired or tampered value. */
  find(value: string, options?: { ignoreSessionBinding?: boolean }): Promise<OidcAccessToken | undefined>;
}

export interface OidcClientModel {
  find(clientId: string): Promise<{ readonly clientId: string } | undefined>;
}

export interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: InteractionResult,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  readonly Grant: OidcGrantModel;
  readonly AccessToken: OidcAccessTokenModel;
  readonly Client: OidcClientModel;
}

/** The koa context oidc-provider hands to configuration callbacks, as far as they read it. */
export interface OidcKoaContext {
  type: string;
  body: unknown;
  readonly oidc: {
    readonly provider: OidcProvider;
    readonly client?: { readonly clientId: string };
    readonly account?: { readonly accountId: string };
    readonly session?: { readonly accountId?: string; grantIdFor(clientId: string): string | undefined };
    readonly result?: { readonly consent?: { readonly grantId?: string } };
    readonly requestParamOIDCScopes: ReadonlySet<string>;
    readonly requestParamClaims: ReadonlySet<string>;
    readonly entities: { readonly AuthorizationCode?: { readonly authTime?: number } };
  };
}

export interface OidcProviderModule {
  readonly default: new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;
}
