import { z } from 'zod';
import { DEFAULT_PROVIDER_TIMEOUT_MS, providerUrl, sendProviderRequest } from '../provider-http';
import { MobilePayAccessTokens, type MobilePayCredentials } from './mobilepay-access-token';

/** The ePayment events a portal needs: each makes us read the payment again. */
export const MOBILEPAY_WEBHOOK_EVENTS = [
  'epayments.payment.authorized.v1',
  'epayments.payment.captured.v1',
  'epayments.payment.aborted.v1',
  'epayments.payment.expired.v1',
  'epayments.payment.cancelled.v1',
  'epayments.payment.terminated.v1',
] as const;

const registeredSchema = z.object({ id: z.string().min(1), secret: z.string().min(1) });

/**
 * Registers the portal's webhook URL for a sales unit (POST /webhooks/v1/webhooks) and answers
 * the secret MobilePay will sign its events with: once per sales unit, by an operator (or the
 * demo at start), whose answer goes into the variable the tenant's webhookSecretEnv names.
 */
export async function registerMobilePayWebhook(
  credentials: MobilePayCredentials,
  url: string,
  events: readonly string[] = MOBILEPAY_WEBHOOK_EVENTS,
  fetchImpl: typeof fetch = fetch,
): Promise<{ readonly id: string; readonly secret: string }> {
  const system = { 'Vipps-System-Name': 'kantinekort', 'Vipps-System-Version': '1' };
  const tokens = new MobilePayAccessTokens(credentials, system, DEFAULT_PROVIDER_TIMEOUT_MS, fetchImpl, Date.now);
  return tokens.withToken((token) =>
    sendProviderRequest(
      'mobilepay',
      {
        method: 'POST',
        url: providerUrl(credentials.baseUrl, '/webhooks/v1/webhooks'),
        headers: {
          ...system,
          authorization: `Bearer ${token}`,
          'Ocp-Apim-Subscription-Key': credentials.subscriptionKey,
          'Merchant-Serial-Number': credentials.merchantSerialNumber,
        },
        body: { url, events },
        timeoutMs: DEFAULT_PROVIDER_TIMEOUT_MS,
        responseSchema: registeredSchema,
      },
      fetchImpl,
    ),
  );
}
