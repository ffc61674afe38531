import type { ProviderName } from './gateway/payment-gateway';

/** The portal's addresses a provider is given for one payment, on the tenant's own host. */
export interface PaymentPageUrls {
  /** Where the provider sends the payer back when done: the status page. */
  returnUrl(paymentId: string): string;
  /** Where "Annuller" on the provider's page leads. */
  cancelUrl(paymentId: string): string;
  /** "Handelsbetingelser og vilkår". */
  readonly termsUrl: string;
  /** Where the provider posts this payment's events. */
  webhookUrl(provider: ProviderName): string;
}
