import { isUuid } from '@kk/database';
import { Injectable, Logger } from '@nestjs/common';
import { CardsRepository } from '@kk/cardholders';
import { TenantTransactions } from '@kk/tenant-transactions';
import { MyAccountsService, type LoginCaller } from '@kk/identity';
import type { TenantConfig } from '@kk/tenancy';
import type { PaymentEntity } from '../entities';
import { ProviderRejectedError, ProviderUnavailableError, type ProviderName } from '../gateway/payment-gateway';
import { PaymentProviders } from '../gateway/payment-providers';
import type { PaymentPageUrls } from '../payment-page-urls';
import { PaymentsRepository } from '../payments.repository';
import { PaymentSettlement } from '../settlement/payment-settlement';
import { checkDepositForm, type DepositFieldError, type DepositForm, type DepositRequest } from './deposit-request';

/** Nets refuses the same card and amount again within 10 minutes ("Identisk Transaktion", both seeds). */
export const IDENTICAL_TRANSACTION_MINUTES = 10;

export type DepositStart =
  | { readonly kind: 'redirect'; readonly paymentId: string; readonly url: string }
  | { readonly kind: 'invalid'; readonly errors: readonly DepositFieldError[] }
  /** The same amount went to this account within the window: ask before sending the parent on. */
  | { readonly kind: 'confirmRepeat'; readonly request: DepositRequest }
  | { readonly kind: 'accountBlocked' }
  | { readonly kind: 'noSuchAccount' }
  | { readonly kind: 'notOffered' }
  | { readonly kind: 'providerUnavailable' };

export interface DepositView {
  readonly paymentId: string;
  readonly accountId: string;
  readonly method: ProviderName;
  readonly amount: number;
  readonly status: PaymentEntity['status'];
  readonly createdAt: Date;
}

/**
 * "Indbetal": checks the form, records the payment, and hands the parent to the provider's
 * page. What happened there is learnt only from the provider (PaymentSettlement), whichever
 * of the return page, a webhook or the reconciliation asks first.
 */
@Injectable()
export class DepositService {
  private readonly log = new Logger(DepositService.name);

  constructor(
    private readonly transactions: TenantTransactions,
    private readonly payments: PaymentsRepository,
    private readonly cards: CardsRepository,
    private readonly access: MyAccountsService,
    private readonly providers: PaymentProviders,
    private readonly settlement: PaymentSettlement,
  ) {}

  async start(
    caller: LoginCaller,
    tenant: TenantConfig,
    accountId: string,
    form: DepositForm & { readonly confirmRepeat: boolean },
    urls: PaymentPageUrls,
  ): Promise<DepositStart> {
    const settings = tenant.payments;
    if (!settings) return { kind: 'notOffered' };
    if (!(await this.access.canAccessAccount(caller, accountId))) return { kind: 'noSuchAccount' };
    const checked = checkDepositForm(settings, tenant.features.paymentMethods, form);
    if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
    const request = checked.request;

    const recorded = await this.record(caller, tenant, accountId, request, form.confirmRepeat);
    if (!('payment' in recorded)) return recorded;
    return this.sendToProvider(tenant, recorded.payment, urls);
  }

  /** The payment, if the login may see its account; asks the provider first while it is undecided. */
  async status(caller: LoginCaller, paymentId: string): Promise<DepositView | undefined> {
    if (!isUuid(paymentId)) return undefined;
    const found = await this.transactions.run(caller.tenantId, () => this.payments.findById(paymentId));
    if (!found || found.purpose !== 'deposit') return undefined;
    if (!(await this.access.canAccessAccount(caller, found.accountId))) return undefined;
    let payment = found;
    try {
      payment = (await this.settlement.settle(caller.tenantId, paymentId)) ?? found;
    } catch (error) {
      // The provider did not answer: show what we know; the webhook or the reconciliation decides later.
      if (!(error instanceof ProviderUnavailableError)) throw error;
    }
    return viewOf(payment);
  }

  /**
   * The provider's cancel URL ("Annuller" on its page): the payment is ended at the provider, so
   * it cannot be paid later, and then read like the return page does. One already paid stays paid.
   */
  async abandon(caller: LoginCaller, tenant: TenantConfig, paymentId: string): Promise<DepositView | undefined> {
    if (!isUuid(paymentId)) return undefined;
    const found = await this.transactions.run(caller.tenantId, () => this.payments.findById(paymentId));
    if (!found || found.purpose !== 'deposit') return undefined;
    if (!(await this.access.canAccessAccount(caller, found.accountId))) return undefined;
    // Only the payer ends a payment: another login with access to the account merely reads it.
    if (found.loginId === caller.loginId) await this.settlement.endAtProvider(tenant, found);
    return this.status(caller, paymentId);
  }

  /** The account's latest deposits, for "Indbetal" (status of each). */
  async recent(caller: LoginCaller, accountId: string, limit = 10): Promise<DepositView[]> {
    if (!(await this.access.canAccessAccount(caller, accountId))) return [];
    const rows = await this.transactions.run(caller.tenantId, () => this.payments.listForAccount(accountId, limit));
    return rows.filter((p) => p.purpose === 'deposit').map(viewOf);
  }

  private record(
    caller: LoginCaller,
    tenant: TenantConfig,
    accountId: string,
    request: DepositRequest,
    confirmRepeat: boolean,
  ): Promise<{ payment: PaymentEntity } | DepositStart> {
    return this.transactions.run(caller.tenantId, async () => {
      const card = await this.cards.currentCardOfAccount(accountId);
      if (card?.status === 'blocked' && !tenant.features.depositsToBlockedAccount) return { kind: 'accountBlocked' };
      const since = new Date(Date.now() - IDENTICAL_TRANSACTION_MINUTES * 60_000);
      if (!confirmRepeat && (await this.payments.hasRecentDeposit(accountId, request.amount, since))) {
        return { kind: 'confirmRepeat', request };
      }
      const provider: ProviderName = request.method === 'mobilepay' ? 'mobilepay' : 'nexi';
      const payment = await this.payments.insert({
        purpose: 'deposit',
        provider,
        accountId,
        loginId: caller.loginId,
        amount: request.amount,
        receiptEmail: request.receiptEmail,
      });
      // MobilePay knows the payment by our reference, so a crash after its answer can still be read back.
      if (provider === 'mobilepay') await this.payments.change(payment.id, { providerPaymentId: payment.id });
      return { payment };
    });
  }

  private async sendToProvider(
    tenant: TenantConfig,
    payment: PaymentEntity,
    urls: PaymentPageUrls,
  ): Promise<DepositStart> {
    try {
      const hosted = await this.providers.provider(tenant, payment.provider).createHostedPayment({
        reference: payment.id,
        amount: payment.amount,
        description: `Indbetaling på ${tenant.productName}`,
        returnUrl: urls.returnUrl(payment.id),
        cancelUrl: urls.cancelUrl(payment.id),
        termsUrl: urls.termsUrl,
        storeCard: false,
        webhookUrl: urls.webhookUrl(payment.provider),
      });
      await this.transactions.run(tenant.slug, () =>
        this.payments.change(payment.id, { providerPaymentId: hosted.providerPaymentId, status: 'pending' }),
      );
      return { kind: 'redirect', paymentId: payment.id, url: hosted.redirectUrl };
    } catch (error) {
      if (!(error instanceof ProviderUnavailableError || error instanceof ProviderRejectedError)) throw error;
      this.log.warn(`deposit ${payment.id}: ${payment.provider} refused or did not answer: ${error.message}`);
      await this.transactions.run(tenant.slug, () =>
        this.payments.change(payment.id, { status: 'failed', failure: 'provider_unavailable', settledAt: new Date() }),
      );
      return { kind: 'providerUnavailable' };
    }
  }
}

function viewOf(payment: PaymentEntity): DepositView {
  return {
    paymentId: payment.id,
    accountId: payment.accountId,
    method: payment.provider,
    amount: payment.amount,
    status: payment.status,
    createdAt: payment.createdAt,
  };
}
