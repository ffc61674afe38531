import type { DataSource } from 'typeorm';
import { IdentityModule } from '@kk/identity';
import type { EmailOutbox } from '@kk/notifications';
import { ConfiguredPaymentProviders, DepositsModule, PaymentsModule } from '@kk/payments';
import { TenancyModule, TenantRegistry, type TenantConfig } from '@kk/tenancy';
import { TEST_EMAIL_OUTBOX, TEST_PASSWORD_HASHER, TEST_TOTP_BOX } from './identity-context';
import { startLibTestContext, type LibTestContext } from './lib-context';
import { TEST_CPR_CIPHER } from './people';
import { testPaymentEnv } from './payments';

/**
 * The payments lib's services (settlement, webhooks, reconciliation, top-up charger, the
 * portal's deposit and top-up services) over the test's DataSource, for tenants already
 * pointed at a gateway stand-in (withGateway) and synced.
 */
export function startPaymentsTestContext(
  ds: DataSource,
  tenants: readonly TenantConfig[],
  // A spec beside a worker seals its e-mails under the worker's SESSION_SECRET, so it can open them.
  emailOutbox: EmailOutbox = TEST_EMAIL_OUTBOX,
): Promise<LibTestContext> {
  const providers = new ConfiguredPaymentProviders(tenants, testPaymentEnv(tenants), true);
  return startLibTestContext(ds, TEST_CPR_CIPHER, [
    TenancyModule.forRoot({ registry: new TenantRegistry(tenants) }),
    IdentityModule.forRoot({
      passwordHasher: TEST_PASSWORD_HASHER,
      totpSecretBox: TEST_TOTP_BOX,
      emailOutbox,
    }),
    PaymentsModule.forRoot({ providers, emailOutbox }),
    DepositsModule,
  ]);
}
