import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../http/public.decorator';
import { POS_OPENAPI_DOCUMENT } from './openapi-document';

@Controller('pos/v1')
export class OpenApiController {
  @Get('openapi.json')
  @Public()
  @Header('cache-control', 'public, max-age=300')
  document(): typeof POS_OPENAPI_DOCUMENT {
    return POS_OPENAPI_DOCUMENT;
  }
}
