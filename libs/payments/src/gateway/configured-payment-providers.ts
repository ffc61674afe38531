import { DEMO_PAYMENT_KEYS, isDemoSecret } from '@kk/config';
import type { TenantConfig } from '@kk/tenancy';
import { MobilePayProvider, NexiProvider } from '../providers';
import type { PaymentProvider, ProviderName, StoredCardCharger } from './payment-gateway';
import { PaymentProviders, PaymentsNotConfiguredError } from './payment-providers';

export class PaymentSecretsConfigError extends Error {}

interface TenantProviders {
  readonly nexi?: NexiProvider;
  readonly mobilepay?: MobilePayProvider;
  readonly webhookSecrets: Partial<Record<ProviderName, string>>;
}

/**
 * The providers of every tenant that takes payments, built once at start-up from tenant.yaml
 * and the variables it names. A variable that is missing stops start-up, naming tenant and
 * variable; outside demo and test mode the repository's public demo keys are refused.
 */
export class ConfiguredPaymentProviders extends PaymentProviders {
  private readonly byTenant = new Map<string, TenantProviders>();

  constructor(tenants: readonly TenantConfig[], env: NodeJS.ProcessEnv, relaxed: boolean) {
    super();
    const problems: string[] = [];
    const secret = (tenant: TenantConfig, name: string, what: string, demo: string): string => {
      // `npm run demo` and `npm test` need no configuration: the gateway stand-in's demo keys.
      const value = env[name] || (relaxed ? demo : undefined);
      if (!value) problems.push(`  tenant ${tenant.slug}: ${name} is not set (${what})`);
      else if (!relaxed && isDemoSecret(value))
        problems.push(`  tenant ${tenant.slug}: ${name} is the public demo value`);
      return value ?? '';
    };
    for (const tenant of tenants) {
      const payments = tenant.payments;
      if (!payments) continue;
      const { nexi, mobilepay } = payments;
      const nexiKeys = nexi && {
        secretKey: secret(tenant, nexi.secretKeyEnv, 'the Nexi secret key', DEMO_PAYMENT_KEYS.nexiSecretKey),
        webhookAuthorization: secret(
          tenant,
          nexi.webhookAuthorizationEnv,
          'the Nexi webhook authorization',
          DEMO_PAYMENT_KEYS.nexiWebhookAuthorization,
        ),
      };
      const mobilePayKeys = mobilepay && {
        clientSecret: secret(
          tenant,
          mobilepay.clientSecretEnv,
          'the MobilePay client secret',
          DEMO_PAYMENT_KEYS.mobilePayClientSecret,
        ),
        subscriptionKey: secret(
          tenant,
          mobilepay.subscriptionKeyEnv,
          'the MobilePay subscription key',
          DEMO_PAYMENT_KEYS.mobilePaySubscriptionKey,
        ),
        webhookSecret: secret(
          tenant,
          mobilepay.webhookSecretEnv,
          'the MobilePay webhook secret',
          DEMO_PAYMENT_KEYS.mobilePayWebhookSecret,
        ),
      };
      if (problems.length > 0) continue;
      this.byTenant.set(tenant.slug, {
        nexi: nexi && nexiKeys ? new NexiProvider({ baseUrl: nexi.baseUrl, ...nexiKeys }) : undefined,
        mobilepay:
          mobilepay && mobilePayKeys
            ? new MobilePayProvider({
                baseUrl: mobilepay.baseUrl,
                clientId: mobilepay.clientId,
                merchantSerialNumber: mobilepay.merchantSerialNumber,
                ...mobilePayKeys,
              })
            : undefined,
        webhookSecrets: { nexi: nexiKeys?.webhookAuthorization, mobilepay: mobilePayKeys?.webhookSecret },
      });
    }
    if (problems.length > 0)
      throw new PaymentSecretsConfigError(`Invalid payment configuration:\n${problems.join('\n')}`);
  }

  provider(tenant: TenantConfig, name: ProviderName): PaymentProvider {
    const provider = this.byTenant.get(tenant.slug)?.[name];
    if (!provider) throw new PaymentsNotConfiguredError(`tenant ${tenant.slug} takes no ${name} payments`);
    return provider;
  }

  storedCards(tenant: TenantConfig): StoredCardCharger {
    const nexi = this.byTenant.get(tenant.slug)?.nexi;
    if (!nexi) throw new PaymentsNotConfiguredError(`tenant ${tenant.slug} stores no cards (no Nexi)`);
    return nexi;
  }

  webhookSecret(tenant: TenantConfig, name: ProviderName): string {
    const value = this.byTenant.get(tenant.slug)?.webhookSecrets[name];
    if (!value) throw new PaymentsNotConfiguredError(`tenant ${tenant.slug} takes no ${name} webhooks`);
    return value;
  }
}
