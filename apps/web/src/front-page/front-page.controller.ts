import { Controller, Get, Render } from '@nestjs/common';
import { CurrentTenant, type TenantConfig } from '@kk/tenancy';
import { Public } from '../auth/public.decorator';
import { presentFrontPage, type FrontPageView } from './front-page.presenter';

@Controller()
export class FrontPageController {
  @Public()
  @Get()
  @Render('front-page')
  show(@CurrentTenant() tenant: TenantConfig): FrontPageView {
    return presentFrontPage(tenant);
  }
}
