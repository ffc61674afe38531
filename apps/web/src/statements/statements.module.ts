import { Module } from '@nestjs/common';
import { StatementsModule as StatementServices } from '@kk/statements';
import { StatementsController } from './statements.controller';

/** "Kontoudskrift" / "Rapporter", linked from Mine konti for every account, with its CSV and PDF. */
@Module({ imports: [StatementServices], controllers: [StatementsController] })
export class StatementsModule {}
