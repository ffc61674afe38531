import type { TenantConfig } from '@kk/tenancy';
import type { PaymentProvider, ProviderName, StoredCardCharger } from './payment-gateway';

export class PaymentsNotConfiguredError extends Error {}

/**
 * Each tenant's providers, built from its tenant.yaml (`payments.nexi`, `payments.mobilepay`)
 * and the keys its variables name. The rules ask here instead of holding an adapter, so a
 * tenant's own merchant account is always the one charged.
 */
export abstract class PaymentProviders {
  /** Throws PaymentsNotConfiguredError when the tenant has no such provider. */
  abstract provider(tenant: TenantConfig, name: ProviderName): PaymentProvider;
  /** The card-on-file charger (Nexi) for auto top-up. */
  abstract storedCards(tenant: TenantConfig): StoredCardCharger;
  /** What authenticates the provider's webhooks: Nexi's authorization value, MobilePay's signing secret. */
  abstract webhookSecret(tenant: TenantConfig, name: ProviderName): string;
}
