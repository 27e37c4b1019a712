import type { Context } from 'koa';
import type { CallWarning, Usage } from '../../sdk/index.js';
import type { ChatService, ChatTarget } from '../../core/services/chat-service.js';
import { overheadMsOf, type RequestContext } from '../middleware/request-context.js';
import { readJsonBody } from '../middleware/read-json-body.js';
import { ChatChunkEncoder } from '../openai/chat-chunk-encoder.js';
import { parseChatRequest } from '../openai/parse-chat-request.js';
import { toChatCompletion } from '../openai/to-chat-completion.js';
import { writeSseStream } from '../openai/write-sse-stream.js';

/** Dependencies of the chat completions route. */
export interface ChatCompletionsRouteDependencies {
  readonly chatService: ChatService;
  readonly maxBodyBytes: number;
}

function recordTarget(context: RequestContext, target: ChatTarget): void {
  context.log.provider = target.resolved?.provider ?? 'mock';
  context.log.upstreamModel = target.resolved?.modelId ?? target.languageModel.modelId;
  context.log.deployment = target.resolved?.deploymentId ?? null;
}

function recordOutcome(context: RequestContext, finishReason: string | undefined, rawFinishReason: string | undefined, usage: Usage | undefined): void {
  context.log.finishReason = finishReason ?? null;
  context.log.rawFinishReason = rawFinishReason ?? null;
  if (!usage) return;
  context.log.promptTokens = usage.promptTokens;
  context.log.completionTokens = usage.completionTokens;
  context.log.totalTokens = usage.totalTokens;
  context.log.cachedTokens = usage.cachedPromptTokens ?? null;
  context.log.reasoningTokens = usage.reasoningTokens ?? null;
}

/** Header value listing parameters a provider dropped (values are kept header-safe). */
export function warningsHeader(warnings: readonly CallWarning[] | undefined): string | undefined {
  if (!warnings || warnings.length === 0) return undefined;
  return warnings.map((warning) => `${warning.parameter}: ${warning.message}`.replace(/[^\x20-\x7e]/g, '?')).join('; ');
}

/** `POST /v1/chat/completions`: JSON and SSE. */
export function createChatCompletionsRoute(deps: ChatCompletionsRouteDependencies) {
  return async (ctx: Context): Promise<void> => {
    const context = ctx.state['request'] as RequestContext;
    context.logged = true;
    const request = parseChatRequest(await readJsonBody(ctx.req, deps.maxBodyBytes));
    context.log.requestedModel = request.model;
    context.log.stream = request.stream;
    const target = deps.chatService.target({ model: request.model, options: request.options, mockResponse: request.mockResponse });
    recordTarget(context, target);
    const options = { ...request.options, signal: context.signal };

    if (!request.stream) {
      const { result, upstreamMs } = await deps.chatService.generate(target, options);
      context.upstreamMs += upstreamMs;
      recordOutcome(context, result.choices[0]?.finishReason, result.choices[0]?.rawFinishReason, result.usage);
      const warnings = warningsHeader(result.warnings);
      if (warnings) ctx.set('x-switchyard-warnings', warnings);
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(toChatCompletion(result, request.model));
      return;
    }

    const started = await deps.chatService.stream(target, options);
    context.upstreamMs += started.upstreamMs;
    const headers: Record<string, string> = {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-request-id': context.requestId,
      'x-switchyard-overhead-ms': String(overheadMsOf(context)),
    };
    const warnings = warningsHeader(started.warnings);
    if (warnings) headers['x-switchyard-warnings'] = warnings;
    context.log.overheadMs = overheadMsOf(context);
    ctx.respond = false;
    ctx.status = 200;
    ctx.res.writeHead(200, headers);
    const encoder = new ChatChunkEncoder(request.model, request.includeUsage);
    const outcome = await writeSseStream(ctx.res, started.stream, encoder, context.requestId, context.signal);
    recordOutcome(context, encoder.summary.finishReason, encoder.summary.rawFinishReason, encoder.summary.usage);
    if (outcome.errorCode) context.log.errorCode = outcome.errorCode;
    if (outcome.clientGone) context.log.status = 499;
  };
}
