import { Module, type DynamicModule } from '@nestjs/common';
import { CardholdersRepository, CardsRepository } from './cardholders.repository';
import { CprCipher } from './cpr-cipher';

export interface CardholdersModuleOptions {
  /** The CPR keys (CPR_ENCRYPTION_KEY, CPR_HMAC_KEY), outside the database. */
  readonly cprCipher: CprCipher;
}

/** Cardholders, accounts and cards: their repositories and the CPR cipher, for every feature module. */
@Module({})
export class CardholdersModule {
  static forRoot(options: CardholdersModuleOptions): DynamicModule {
    return {
      module: CardholdersModule,
      global: true,
      providers: [{ provide: CprCipher, useValue: options.cprCipher }, CardholdersRepository, CardsRepository],
      exports: [CprCipher, CardholdersRepository, CardsRepository],
    };
  }
}
