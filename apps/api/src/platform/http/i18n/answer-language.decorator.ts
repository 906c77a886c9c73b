import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Language, preferredLanguage } from './accept-language';

/**
 * The language a success answer's free text (a refusal's reason inside a 201)
 * is written in: what the request's `Accept-Language` prefers, as for error
 * bodies. Machines keep the rule id; people read the reason.
 */
export const AnswerLanguage = createParamDecorator((_: unknown, ctx: ExecutionContext): Language =>
  preferredLanguage(ctx.switchToHttp().getRequest().headers['accept-language']),
);
