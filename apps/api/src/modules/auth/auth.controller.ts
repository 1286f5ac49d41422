import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { LoginInputSchema, LoginResultSchema, MeSchema, type LoginInput, type Me } from '@pm/contracts';
import type { Response } from 'express';
import { ApiErrors } from '../../common/api-errors.js';
import { openApiInput, openApiSchema, ZodPipe } from '../../common/zod.js';
import { CurrentUser, Public, type AuthUser } from './auth.decorators.js';
import { SESSION_COOKIE } from './auth.guard.js';
import { AuthService, toMe } from './auth.service.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Email + password → bearer token (also set as an HttpOnly SameSite=Strict cookie for the job dashboard). */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiBody({ schema: openApiInput(LoginInputSchema) })
  @ApiOkResponse({ schema: openApiSchema(LoginResultSchema) })
  @ApiErrors('INVALID_CREDENTIALS')
  async login(
    @Body(new ZodPipe(LoginInputSchema)) body: LoginInput,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.auth.login(body.email, body.password);
    res.cookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'strict',
      expires: new Date(result.expiresAt),
      path: '/',
    });
    return result;
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(user.sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ schema: openApiSchema(MeSchema) })
  me(@CurrentUser() user: AuthUser): Me {
    return toMe(user);
  }
}
