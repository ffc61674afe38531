import { ProviderRejectedError, ProviderUnavailableError, registerMobilePayWebhook } from '@kk/payments';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';

export interface MobilePayWebhookOutput {
  tenant: string;
  url: string;
  webhookId: string;
  /** Shown only here: put it in the variable `variable` names, then restart the portal. */
  secret: string;
  variable: string;
}

const WEBHOOK_PATH = '/betaling/webhooks/mobilepay';

/**
 * What an operator does once per MobilePay sales unit (and again when the portal's address
 * changes): registers the portal's webhook URL at Vipps MobilePay and prints the signing
 * secret, which exists only in this answer. The client secret and subscription key come from
 * the variables the tenant's tenant.yaml names, as the portal reads them.
 */
export async function registerMobilePayWebhookCommand(
  ctx: CliContext,
  tenantSlug: string,
  options: { portalUrl: string },
): Promise<MobilePayWebhookOutput> {
  const tenant = ctx.tenant(tenantSlug);
  const mobilepay = tenant.payments?.mobilepay;
  if (!mobilepay) throw new CliError(`Tenant "${tenant.slug}" has no payments.mobilepay in its tenant.yaml`);
  const url = webhookUrl(options.portalUrl);
  const variable = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new CliError(`${name} is not set (tenant "${tenant.slug}" names it in payments.mobilepay)`);
    return value;
  };
  const credentials = {
    baseUrl: mobilepay.baseUrl,
    clientId: mobilepay.clientId,
    merchantSerialNumber: mobilepay.merchantSerialNumber,
    clientSecret: variable(mobilepay.clientSecretEnv),
    subscriptionKey: variable(mobilepay.subscriptionKeyEnv),
  };
  try {
    const { id, secret } = await registerMobilePayWebhook(credentials, url);
    return { tenant: tenant.slug, url, webhookId: id, secret, variable: mobilepay.webhookSecretEnv };
  } catch (error) {
    if (error instanceof ProviderRejectedError || error instanceof ProviderUnavailableError) {
      throw new CliError(`MobilePay did not register ${url}: ${error.message}`);
    }
    throw error;
  }
}

/** The portal's public origin (https in production; http only for a local host). */
function webhookUrl(portalUrl: string): string {
  let origin: URL;
  try {
    origin = new URL(portalUrl);
  } catch {
    throw new CliError(`--portal-url must be the portal's address, e.g. https://kantinekort.example.dk`);
  }
  const local =
    origin.hostname === 'localhost' || origin.hostname.endsWith('.localhost') || origin.hostname === '127.0.0.1';
  if (origin.protocol !== 'https:' && !(origin.protocol === 'http:' && local)) {
    throw new CliError(`--portal-url must use https (MobilePay delivers webhooks only there)`);
  }
  if (origin.pathname !== '/' || origin.search || origin.hash) {
    throw new CliError(`--portal-url is the portal's origin only, without a path (got ${portalUrl})`);
  }
  return `${origin.origin}${WEBHOOK_PATH}`;
}
