import { Module } from '@nestjs/common';
import { ThemeAssetsController } from './theme-assets.controller';

/** The current tenant's theme files (/theme/logo.svg): outside sessions, cacheable. */
@Module({ controllers: [ThemeAssetsController] })
export class ThemeModule {}
