import { Catch, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { findCurrentTenant } from '@kk/tenancy';
import { t } from '@kk/texts';
import type { Request, Response } from 'express';
import { localeOf, presentLayout } from '../kit';

/**
 * A 404 page in the tenant's theme and the visitor's language when the host is known; plain and
 * Danish on an unknown host, which offers no language to choose.
 */
@Catch(NotFoundException)
export class NotFoundFilter implements ExceptionFilter<NotFoundException> {
  catch(_exception: NotFoundException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const tenant = findCurrentTenant(request);
    const locale = localeOf(request, tenant);
    const layout = presentLayout(tenant, t(locale, 'notFound.title'));
    // `locale` drives {{t}} and the layout's language link, which only a tenant's host can follow.
    response.status(404).render('errors/not-found', tenant ? { ...layout, lang: locale, locale } : layout);
  }
}
