import { createHash, createHmac } from 'node:crypto';

/**
 * Vipps MobilePay's webhook request authentication: the body's SHA-256 in x-ms-content-sha256,
 * and an HMAC-SHA256 under the registration's secret over the method, path and query, date,
 * host and content hash, all base64.
 */
export function signedWebhookHeaders(secret: string, url: string, body: string, at: Date): Record<string, string> {
  const { host, pathname, search } = new URL(url);
  const date = at.toUTCString();
  const contentHash = createHash('sha256').update(body, 'utf8').digest('base64');
  const signed = `POST\n${pathname}${search}\n${date};${host};${contentHash}`;
  const signature = createHmac('sha256', secret).update(signed, 'utf8').digest('base64');
  return {
    'content-type': 'application/json; charset=utf-8',
    'x-ms-date': date,
    'x-ms-content-sha256': contentHash,
    authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
  };
}
