import { Module } from '@nestjs/common';
import { LanguageController } from './language.controller';

/** "English" / "Dansk": the visitor's language, in a cookie of its own. */
@Module({ controllers: [LanguageController] })
export class LanguageModule {}
