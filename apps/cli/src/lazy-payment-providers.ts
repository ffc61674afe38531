import { PaymentProviders, type PaymentProvider, type ProviderName, type StoredCardCharger } from '@kk/payments';
import type { TenantConfig } from '@kk/tenancy';

/**
 * The CLI's payment providers, built on first use: `tills:create` must not need the tenants'
 * payment keys, while a refund needs them (and their absence is its one-line error then).
 */
export class LazyPaymentProviders extends PaymentProviders {
  #built?: PaymentProviders;

  constructor(private readonly build: () => PaymentProviders) {
    super();
  }

  provider(tenant: TenantConfig, name: ProviderName): PaymentProvider {
    return this.#providers().provider(tenant, name);
  }

  storedCards(tenant: TenantConfig): StoredCardCharger {
    return this.#providers().storedCards(tenant);
  }

  webhookSecret(tenant: TenantConfig, name: ProviderName): string {
    return this.#providers().webhookSecret(tenant, name);
  }

  #providers(): PaymentProviders {
    this.#built ??= this.build();
    return this.#built;
  }
}
