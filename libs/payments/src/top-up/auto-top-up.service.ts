import { isUuid } from '@kk/database';
import { Injectable, Logger } from '@nestjs/common';
import { MyAccountsService, type LoginCaller } from '@kk/identity';
import type { TenantConfig } from '@kk/tenancy';
import { TenantTransactions } from '@kk/tenant-transactions';
import type { PaymentEntity, TopUpAgreementEntity } from '../entities';
import { ProviderRejectedError, ProviderUnavailableError } from '../gateway/payment-gateway';
import { PaymentProviders } from '../gateway/payment-providers';
import type { PaymentPageUrls } from '../payment-page-urls';
import { PaymentsRepository } from '../payments.repository';
import { PaymentSettlement } from '../settlement/payment-settlement';
import { TopUpAgreementsRepository } from './top-up-agreements.repository';
import { checkTopUpForm, type TopUpFieldError, type TopUpForm } from './top-up-request';

export type TopUpStart =
  | { readonly kind: 'redirect'; readonly paymentId: string; readonly url: string }
  | { readonly kind: 'invalid'; readonly errors: readonly TopUpFieldError[] }
  | { readonly kind: 'noSuchAccount' }
  | { readonly kind: 'notOffered' }
  | { readonly kind: 'providerUnavailable' };

export interface TopUpAgreementView {
  readonly amount: number;
  readonly cardMaskedPan: string | null;
  readonly cardExpiry: string | null;
  readonly cardBrand: string | null;
  readonly activatedAt: Date | null;
}

export interface TopUpAttemptView {
  readonly paymentId: string;
  readonly amount: number;
  readonly status: PaymentEntity['status'];
  /** A StoredCardFailure or 'canteen_card_blocked'; null unless it failed. */
  readonly failure: string | null;
  readonly createdAt: Date;
}

export interface TopUpTab {
  readonly agreement: TopUpAgreementView | null;
  readonly attempts: readonly TopUpAttemptView[];
}

/** What the card registration's return page learns. */
export type RegistrationOutcome = 'activated' | 'pending' | 'notStored';

/**
 * "Automatisk Optankning" for the portal: the agreement is made by storing a card on the
 * provider's page (amount 0, the card kept on file, as Nexi requires), and it is active only
 * once the provider's own answer says the card was stored (PaymentSettlement).
 */
@Injectable()
export class AutoTopUpService {
  private readonly log = new Logger(AutoTopUpService.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly agreements: TopUpAgreementsRepository,
    private readonly payments: PaymentsRepository,
    private readonly access: MyAccountsService,
    private readonly providers: PaymentProviders,
    private readonly settlement: PaymentSettlement,
  ) {}

  async start(
    caller: LoginCaller,
    tenant: TenantConfig,
    accountId: string,
    form: TopUpForm,
    urls: PaymentPageUrls,
  ): Promise<TopUpStart> {
    const settings = tenant.payments;
    if (!settings?.nexi || !tenant.features.paymentMethods.includes('card')) return { kind: 'notOffered' };
    if (!(await this.access.canAccessAccount(caller, accountId))) return { kind: 'noSuchAccount' };
    const checked = checkTopUpForm(settings, form);
    if (!checked.ok) return { kind: 'invalid', errors: checked.errors };

    const registration = await this.transactions.run(caller.tenantId, async () => {
      const agreement = await this.agreements.createAwaitingCard(accountId, caller.loginId, checked.amount);
      return this.payments.insert({
        purpose: 'card_registration',
        provider: 'nexi',
        accountId,
        loginId: caller.loginId,
        agreementId: agreement.id,
        amount: 0,
      });
    });
    try {
      const hosted = await this.providers.provider(tenant, 'nexi').createHostedPayment({
        reference: registration.id,
        amount: 0,
        description: `Automatisk optankning på ${tenant.productName}`,
        returnUrl: urls.returnUrl(registration.id),
        cancelUrl: urls.cancelUrl(registration.id),
        termsUrl: urls.termsUrl,
        storeCard: true,
        webhookUrl: urls.webhookUrl('nexi'),
      });
      await this.transactions.run(caller.tenantId, () =>
        this.payments.change(registration.id, { providerPaymentId: hosted.providerPaymentId, status: 'pending' }),
      );
      return { kind: 'redirect', paymentId: registration.id, url: hosted.redirectUrl };
    } catch (error) {
      if (!(error instanceof ProviderUnavailableError || error instanceof ProviderRejectedError)) throw error;
      this.log.warn(`card registration ${registration.id}: ${error.message}`);
      await this.settlement.apply(caller.tenantId, registration.id, {
        status: 'failed',
        detail: 'provider_unavailable',
      });
      return { kind: 'providerUnavailable' };
    }
  }

  /** The registration's return page (and, with `left`, its cancel URL): asks the provider whether the card was stored. */
  async registrationOutcome(
    caller: LoginCaller,
    paymentId: string,
    left?: { readonly tenant: TenantConfig },
  ): Promise<RegistrationOutcome | undefined> {
    // An id from a URL: a malformed one is no such registration, not a SQL error.
    if (!isUuid(paymentId)) return undefined;
    const found = await this.transactions.run(caller.tenantId, () => this.payments.findById(paymentId));
    if (!found || found.purpose !== 'card_registration' || found.loginId !== caller.loginId) return undefined;
    // The provider's cancel URL: the card is not to be stored, whatever happens on that page later.
    if (left) await this.settlement.endAtProvider(left.tenant, found);
    let payment = found;
    try {
      payment = (await this.settlement.settle(caller.tenantId, paymentId)) ?? found;
    } catch (error) {
      if (!(error instanceof ProviderUnavailableError)) throw error;
    }
    if (payment.status === 'completed') return 'activated';
    return payment.status === 'pending' || payment.status === 'created' ? 'pending' : 'notStored';
  }

  async tab(caller: LoginCaller, accountId: string): Promise<TopUpTab | undefined> {
    if (!(await this.access.canAccessAccount(caller, accountId))) return undefined;
    return this.transactions.run(caller.tenantId, async () => {
      const agreement = await this.agreements.findActive(accountId);
      const attempts = (await this.payments.listForAccount(accountId, 30)).filter((p) => p.purpose === 'top_up');
      return { agreement: agreement && agreementView(agreement), attempts: attempts.slice(0, 5).map(attemptView) };
    });
  }

  /** "Annuller Automatisk optankning": false when there was none (or not this login's to see). */
  async cancel(caller: LoginCaller, accountId: string): Promise<boolean> {
    if (!(await this.access.canAccessAccount(caller, accountId))) return false;
    return this.transactions.run(caller.tenantId, async () => {
      const active = await this.agreements.lockActive(accountId);
      if (!active) return false;
      await this.agreements.end(active.id, 'cancelled');
      return true;
    });
  }
}

function agreementView(agreement: TopUpAgreementEntity): TopUpAgreementView {
  return {
    amount: agreement.amount,
    cardMaskedPan: agreement.cardMaskedPan,
    cardExpiry: agreement.cardExpiry,
    cardBrand: agreement.cardBrand,
    activatedAt: agreement.activatedAt,
  };
}

function attemptView(payment: PaymentEntity): TopUpAttemptView {
  return {
    paymentId: payment.id,
    amount: payment.amount,
    status: payment.status,
    failure: payment.status === 'failed' ? payment.failure : null,
    createdAt: payment.createdAt,
  };
}
