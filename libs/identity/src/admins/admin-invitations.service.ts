import { Injectable } from '@nestjs/common';
import { TenantTransactions } from '@kk/tenant-transactions';
import { generateToken, hashToken } from '../one-time-token';
import { AdminsRepository } from './admins.repository';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const ADMIN_INVITATION_DAYS = 7;

export type AdminInvitation =
  | { readonly ok: true; readonly email: string; readonly token: string }
  | { readonly ok: false; readonly reason: 'invalidEmail' | 'alreadyActive'; readonly email: string };

/**
 * A tenant admin and a one-time token to choose a password with. Only the token's SHA-256
 * is stored (a 256-bit random token needs no slow hash). Inviting again an admin who has not
 * set a password yet issues a fresh token, and the old one stops working.
 */
@Injectable()
export class AdminInvitationsService {
  constructor(
    private readonly transactions: TenantTransactions,
    private readonly admins: AdminsRepository,
  ) {}

  invite(caller: { tenantId: string }, rawEmail: string): Promise<AdminInvitation> {
    const email = rawEmail.trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 254) return Promise.resolve({ ok: false, reason: 'invalidEmail', email });
    const token = generateToken();
    return this.transactions.run(caller.tenantId, async () => {
      const existing = await this.admins.lockByEmail(email);
      if (existing?.hasPassword) return { ok: false, reason: 'alreadyActive', email };
      await this.admins.invite(email, hashToken(token), ADMIN_INVITATION_DAYS);
      return { ok: true, email, token };
    });
  }
}
