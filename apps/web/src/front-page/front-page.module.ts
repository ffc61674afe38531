import { Module } from '@nestjs/common';
import { FrontPageController } from './front-page.controller';

/** The tenant's front page: the way in, in the visitor's language. */
@Module({ controllers: [FrontPageController] })
export class FrontPageModule {}
