import { Module, type DynamicModule } from '@nestjs/common';
import { CPR_GUESS_LIMIT_SETTINGS, CprGuessLimits, type CprGuessLimitSettings } from './cpr-guess-limits';
import { IdTokenVerifier } from './id-token-verifier';
import { OidcCallbackService } from './oidc-callback.service';
import { OidcController } from './oidc.controller';
import { OidcDiscovery } from './oidc-discovery';
import { OIDC_CLIENT_SECRETS, OidcStrategies } from './oidc-strategies';

export interface OidcModuleOptions {
  /** Each OIDC tenant's client secret, resolved and checked at boot (resolveOidcClientSecrets). */
  readonly clientSecrets: ReadonlyMap<string, string>;
  /** Production uses the defaults; tests lower or raise single numbers. */
  readonly cprGuessLimits?: CprGuessLimitSettings;
}

/** "Log på med MitID" through each OIDC tenant's broker, with the CPR step and its guess limits. */
@Module({})
export class OidcModule {
  static forRoot(options: OidcModuleOptions): DynamicModule {
    return {
      module: OidcModule,
      controllers: [OidcController],
      providers: [
        { provide: OIDC_CLIENT_SECRETS, useValue: options.clientSecrets },
        ...(options.cprGuessLimits ? [{ provide: CPR_GUESS_LIMIT_SETTINGS, useValue: options.cprGuessLimits }] : []),
        OidcDiscovery,
        IdTokenVerifier,
        OidcStrategies,
        CprGuessLimits,
        OidcCallbackService,
      ],
    };
  }
}
