import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  PublicPostmortemInputSchema,
  PublicPreviewSchema,
  PublicStatusSchema,
  PublicTokenSchema,
  PublishedPostmortemSchema,
  type PublicPostmortemInput,
} from '@pm/contracts';
import type { Request, Response } from 'express';
import { ApiErrors } from '../../common/api-errors.js';
import { openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, Public, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { NOT_FOUND_PAGE, PUBLIC_CSP } from './public-page.js';
import { PublicPageRateLimit } from './public-rate-limit.js';
import { PublicPostmortemsService } from './public-postmortems.service.js';

/** Publishing a Completed postmortem as a public read-only page (Postmortems Publish + sight of the incident). */
@ApiTags('postmortems')
@ApiBearerAuth()
@Controller('postmortems/:id')
@RequirePermissions('postmortems_publish')
export class PublicPostmortemsController {
  constructor(private readonly svc: PublicPostmortemsService) {}

  /** The sections the author can choose from and the live publication (the link itself is shown only once). */
  @Get('public')
  @ApiOkResponse({ schema: openApiSchema(PublicStatusSchema) })
  @ApiErrors('POSTMORTEM_NOT_FOUND', 'DOCUMENT_NOT_FOUND')
  status(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.svc.status(user, id);
  }

  /** The page exactly as publishing now would make it (changes nothing). */
  @Post('public-preview')
  @HttpCode(200)
  @ApiBody({ schema: openApiInput(PublicPostmortemInputSchema) })
  @ApiOkResponse({ schema: openApiSchema(PublicPreviewSchema) })
  @ApiErrors('POSTMORTEM_NOT_FOUND', 'DOCUMENT_NOT_FOUND', 'PUBLIC_SECTION_UNKNOWN')
  preview(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(PublicPostmortemInputSchema)) body: PublicPostmortemInput,
  ) {
    return this.svc.preview(user, id, body);
  }

  /** Publishes the chosen sections under a new unguessable link; a previous link stops working. */
  @Post('public')
  @HttpCode(201)
  @ApiBody({ schema: openApiInput(PublicPostmortemInputSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(PublishedPostmortemSchema) })
  @ApiErrors(
    'POSTMORTEM_NOT_FOUND',
    'DOCUMENT_NOT_FOUND',
    'POSTMORTEM_NOT_COMPLETED',
    'PUBLIC_SECTION_UNKNOWN',
  )
  publish(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(PublicPostmortemInputSchema)) body: PublicPostmortemInput,
  ) {
    return this.svc.publish(user, id, body);
  }

  /** Takes the page down at once (the link answers 404). */
  @Delete('public')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors('POSTMORTEM_NOT_FOUND', 'DOCUMENT_NOT_FOUND')
  async unpublish(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    await this.svc.unpublish(user, id);
  }
}

/** Headers of every public page answer (found or not): nothing cached, nothing runs, nothing framed or indexed. */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': PUBLIC_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // no-store: unpublishing must take effect at once, also in shared caches and the back/forward cache.
  'cache-control': 'no-store',
  // Unlisted links: someone who holds one may read it, search engines should not spread it.
  'x-robots-tag': 'noindex, nofollow, noarchive',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};

/** The public page: no session, the token is the only key. */
@ApiTags('public')
@Controller('public/postmortems')
export class PublicPageController {
  constructor(
    private readonly svc: PublicPostmortemsService,
    private readonly rateLimit: PublicPageRateLimit,
  ) {}

  @Get(':token')
  @Public()
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The static page (no script, strict Content-Security-Policy).' })
  @ApiErrors('PUBLIC_POSTMORTEM_NOT_FOUND', 'RATE_LIMITED')
  async page(
    @Param('token', new ZodPipe(PublicTokenSchema)) token: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    res.set(PAGE_HEADERS);
    const wait = await this.rateLimit.check(req.ip ?? 'unknown');
    if (wait) {
      res.set('retry-after', String(Math.ceil(wait / 1000)));
      res.status(429).send(NOT_FOUND_PAGE.replace('not available', 'busy: try again in a minute'));
      return;
    }
    const html = await this.svc.page(String(token));
    res.status(html ? 200 : 404).send(html ?? NOT_FOUND_PAGE);
  }
}
