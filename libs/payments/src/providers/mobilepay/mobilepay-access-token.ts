import { ProviderRejectedError } from '../../gateway/payment-gateway';
import { providerUrl, sendProviderRequest } from '../provider-http';
import { mobilePayAccessTokenResponseSchema } from './mobilepay-api';

export interface MobilePayCredentials {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly subscriptionKey: string;
  readonly merchantSerialNumber: string;
}

// Renew this long before the token runs out, so a call never sets off with one that expires
// on the way (at most half the lifetime, for very short test tokens).
const RENEW_MARGIN_MS = 2 * 60_000;

/**
 * The access token (a JWT, valid 1 h in test and 24 h in production) is fetched once and kept
 * until shortly before it runs out; callers waiting at the same moment share one fetch.
 */
export class MobilePayAccessTokens {
  private cached: { readonly token: string; readonly renewAt: number } | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly credentials: MobilePayCredentials,
    private readonly headers: Readonly<Record<string, string>>,
    private readonly timeoutMs: number,
    private readonly fetchImpl: typeof fetch,
    private readonly now: () => number,
  ) {}

  async get(): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return this.cached.token;
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** The provider refused the token (401): it was revoked or its lifetime was shorter than said. */
  forget(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  /**
   * Calls `send` with a token; on a 401 fetches a new token and tries once more. A 401 means
   * the provider did nothing, so sending the same request again is safe.
   */
  async withToken<T>(send: (token: string) => Promise<T>): Promise<T> {
    const token = await this.get();
    try {
      return await send(token);
    } catch (error) {
      if (!(error instanceof ProviderRejectedError && error.status === 401)) throw error;
      this.forget(token);
      return send(await this.get());
    }
  }

  private async fetchToken(): Promise<string> {
    const requestedAt = this.now();
    const answer = await sendProviderRequest(
      'mobilepay',
      {
        method: 'POST',
        url: providerUrl(this.credentials.baseUrl, '/accesstoken/get'),
        headers: {
          ...this.headers,
          client_id: this.credentials.clientId,
          client_secret: this.credentials.clientSecret,
          'Ocp-Apim-Subscription-Key': this.credentials.subscriptionKey,
          'Merchant-Serial-Number': this.credentials.merchantSerialNumber,
        },
        timeoutMs: this.timeoutMs,
        responseSchema: mobilePayAccessTokenResponseSchema,
      },
      this.fetchImpl,
    );
    const lifetimeMs = answer.expires_in * 1000;
    const renewAt = requestedAt + lifetimeMs - Math.min(RENEW_MARGIN_MS, lifetimeMs / 2);
    this.cached = { token: answer.access_token, renewAt };
    return answer.access_token;
  }
}
