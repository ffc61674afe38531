import { Module } from '@nestjs/common';
import { CardTroubleModule as CardTroubleServices } from '@kk/card-trouble';
import { CardTroubleController } from './card-trouble.controller';

/** "Kortet virker ikke", linked from Mine konti for every account. */
@Module({ imports: [CardTroubleServices], controllers: [CardTroubleController] })
export class CardTroubleModule {}
