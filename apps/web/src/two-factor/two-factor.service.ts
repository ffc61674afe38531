import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { inTenant, type TenantTx } from '@kk/database';
import {
  confirmTotpEnrolment,
  disableTwoFactor,
  pendingTotpEnrolment,
  stampSession,
  startTotpEnrolment,
  twoFactorState,
  verifyTwoFactorCode,
  type SessionStamp,
  type TotpCheck,
  type TotpEnrolment,
  type TotpSecretBox,
  type TwoFactorState,
} from '@kk/identity';
import type { TenantConfig } from '@kk/tenancy';

/** The two-factor pages' door to the identity domain: one tenant transaction per call. */
@Injectable()
export class TwoFactorService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly box: TotpSecretBox,
  ) {}

  state(tenantId: string, loginId: string): Promise<TwoFactorState> {
    return inTenant(this.dataSource, tenantId, (tx) => twoFactorState(tx, loginId));
  }

  /** A fresh secret, not in force until confirmed. Undefined when the factor is already on. */
  start(tenant: TenantConfig, loginId: string): Promise<TotpEnrolment | undefined> {
    return inTenant(this.dataSource, tenant.slug, async (tx) =>
      startTotpEnrolment(tx, this.box, loginId, await label(tx, tenant, loginId)),
    );
  }

  /** The enrolment started, for showing it again (QR code and secret). */
  pending(tenant: TenantConfig, loginId: string): Promise<TotpEnrolment | undefined> {
    return inTenant(this.dataSource, tenant.slug, async (tx) =>
      pendingTotpEnrolment(tx, this.box, loginId, await label(tx, tenant, loginId)),
    );
  }

  confirm(tenantId: string, loginId: string, code: string): Promise<TotpCheck> {
    return inTenant(this.dataSource, tenantId, (tx) => confirmTotpEnrolment(tx, this.box, loginId, code));
  }

  disable(tenantId: string, loginId: string, code: string): Promise<TotpCheck> {
    return inTenant(this.dataSource, tenantId, (tx) => disableTwoFactor(tx, this.box, loginId, code));
  }

  /** The code after the password: on success, the stamp of the session that signs the login in. */
  signIn(
    tenantId: string,
    loginId: string,
    code: string,
  ): Promise<({ ok: true } & { stamp: SessionStamp }) | TotpCheck> {
    return inTenant(this.dataSource, tenantId, async (tx) => {
      const checked = await verifyTwoFactorCode(tx, this.box, loginId, code);
      if (!checked.ok) return checked;
      return { ok: true, stamp: await stampSession(tx, loginId) };
    });
  }
}

// The authenticator app shows the product above the code and the login's email below it.
async function label(tx: TenantTx, tenant: TenantConfig, loginId: string): Promise<{ issuer: string; email: string }> {
  const rows = await tx.query<{ email: string | null }>('SELECT email FROM logins WHERE tenant_id = $1 AND id = $2', [
    tx.tenantId,
    loginId,
  ]);
  return { issuer: tenant.productName, email: rows[0]?.email ?? '' };
}
