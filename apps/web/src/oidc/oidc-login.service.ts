import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { CprCipher } from '@kk/cardholders';
import { inTenant } from '@kk/database';
import { findLoginByIdentity, linkIdentityWithCpr, type LinkIdentityResult, type OidcLogin } from '@kk/identity';

/** The OIDC pages' door to the identity domain: one tenant transaction per call. */
@Injectable()
export class OidcLoginService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: CprCipher,
  ) {}

  findLogin(tenantId: string, issuer: string, subject: string): Promise<OidcLogin | undefined> {
    return inTenant(this.dataSource, tenantId, (tx) => findLoginByIdentity(tx, issuer, subject));
  }

  /**
   * The stand-in broker, like Signaturgruppen for a private service provider, vouches for no
   * CPR number, so no `idpCpr` is passed and the typed CPR is taken on trust: someone with a
   * MitID who knows another person's CPR could link to that person's card. The controller
   * therefore links only the identity the broker just authenticated (held in the session),
   * bounds the tries, and a broker that sends a CPR claim should pass it here as `idpCpr`.
   */
  link(tenantId: string, identity: { issuer: string; subject: string }, cpr: string): Promise<LinkIdentityResult> {
    return inTenant(this.dataSource, tenantId, (tx) => linkIdentityWithCpr(tx, this.cipher, { ...identity, cpr }));
  }
}
