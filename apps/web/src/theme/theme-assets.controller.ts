import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { CurrentTenant, resolveThemeFile, type TenantConfig } from '@kk/tenancy';
import type { Response } from 'express';
import { Public } from '../kit';

/** Serves files from the current tenant's theme/ folder, e.g. /theme/logo.svg. */
@Controller('theme')
export class ThemeAssetsController {
  @Public()
  @Get(':file')
  serve(@CurrentTenant() tenant: TenantConfig, @Param('file') file: string, @Res() response: Response): void {
    const path = resolveThemeFile(tenant, file);
    if (!path) {
      throw new NotFoundException();
    }
    // sendFile keeps a Cache-Control already set: drop the pages' no-store so the max-age applies.
    response.removeHeader('Cache-Control');
    response.sendFile(path, { maxAge: '1h', dotfiles: 'deny' });
  }
}
