import type { z } from 'zod';
import { ProviderRejectedError, ProviderUnavailableError, type ProviderName } from '../gateway/payment-gateway';

/** What an adapter needs from its surroundings; tests pass stand-ins, production the defaults. */
export interface ProviderHttpDependencies {
  readonly fetch?: typeof fetch;
  /** Milliseconds since the epoch. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_PROVIDER_TIMEOUT_MS = 10_000;

export interface ProviderRequest<T> {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Absolute. Shown in errors without its query, so it must hold no secret (none of ours do). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly timeoutMs: number;
  /** The 2xx body's shape; one that does not fit means the provider is not answering as promised. */
  readonly responseSchema: z.ZodType<T>;
}

const PROVIDER_TITLES: Record<ProviderName, string> = { nexi: 'Nexi', mobilepay: 'MobilePay' };
const MAX_PROVIDER_MESSAGE_LENGTH = 300;

/**
 * One JSON call to a provider. Network failures, timeouts, 5xx and unreadable bodies become
 * ProviderUnavailableError (try again later: the call may or may not have been carried out,
 * which is why every money-moving call carries an idempotency key); 4xx becomes
 * ProviderRejectedError with the provider's own words. Headers never reach an error message,
 * so keys and tokens cannot leak through one.
 */
export async function sendProviderRequest<T>(
  provider: ProviderName,
  request: ProviderRequest<T>,
  fetchImpl: typeof fetch = fetch,
): Promise<T> {
  const what = `${request.method} ${new URL(request.url).pathname}`;
  const title = PROVIDER_TITLES[provider];
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(request.url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      // An API that redirects is misconfigured; following it could carry our key elsewhere.
      redirect: 'error',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    // By name, not instanceof: AbortSignal's DOMException may come from another realm.
    const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    const reason = timedOut ? `no answer within ${request.timeoutMs} ms` : 'could not be reached';
    throw new ProviderUnavailableError(provider, `${title} ${what}: ${reason}`, { cause: error });
  }

  if (response.status >= 500) {
    throw new ProviderUnavailableError(provider, `${title} ${what} failed with ${response.status}`);
  }
  if (response.status >= 400) {
    const detail = providerMessageOf(text) ?? (response.status === 401 ? 'not authorised' : 'no reason given');
    throw new ProviderRejectedError(
      provider,
      response.status,
      `${title} refused ${what} (${response.status}): ${detail}`,
    );
  }
  if (response.status < 200 || response.status >= 300) {
    throw new ProviderUnavailableError(provider, `${title} ${what} answered an unexpected ${response.status}`);
  }

  const parsed = request.responseSchema.safeParse(parseJson(text));
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)').join(', ');
    throw new ProviderUnavailableError(provider, `${title} ${what} answered a body we cannot read (${fields})`);
  }
  return parsed.data;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Nexi answers `{message, code, source}` or `{errors: {field: [messages]}}`; MobilePay a
 * problem document `{title, detail, extraDetails: [{name, reason}]}`, its token endpoint
 * `{error, error_description}`. Take whichever is there.
 */
export function providerMessageOf(text: string): string | undefined {
  const body = parseJson(text);
  if (typeof body !== 'object' || body === null) {
    const plain = text.trim();
    return plain === '' ? undefined : truncate(plain);
  }
  const record = body as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['code', 'error', 'title', 'message', 'detail', 'error_description'] as const) {
    const value = record[key];
    if (typeof value === 'string' || typeof value === 'number') parts.push(String(value));
  }
  if (typeof record.errors === 'object' && record.errors !== null) {
    for (const [field, messages] of Object.entries(record.errors as Record<string, unknown>)) {
      const list = Array.isArray(messages) ? messages.filter((m) => typeof m === 'string') : [];
      parts.push(list.length > 0 ? `${field}: ${list.join(' ')}` : field);
    }
  }
  if (Array.isArray(record.extraDetails) && typeof record.detail !== 'string') {
    for (const extra of record.extraDetails as unknown[]) {
      const { name, reason } = (extra ?? {}) as { name?: unknown; reason?: unknown };
      if (typeof name === 'string' && typeof reason === 'string') parts.push(`${name}: ${reason}`);
    }
  }
  return parts.length > 0 ? truncate(parts.join(' – ')) : undefined;
}

function truncate(text: string): string {
  return text.length > MAX_PROVIDER_MESSAGE_LENGTH ? `${text.slice(0, MAX_PROVIDER_MESSAGE_LENGTH)}…` : text;
}

/** Refuses, at construction, a base URL that is not http(s): better than a failure at the first payment. */
export function assertBaseUrl(providerTitle: string, baseUrl: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(baseUrl).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'https:' && protocol !== 'http:')
    throw new Error(`${providerTitle}: the base URL is not an http(s) URL`);
}

/** A base URL from configuration, with or without a trailing slash, joined to an API path. */
export function providerUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
