import type { CallWarning, Usage } from '../../sdk/index.js';
import { createRouteTrace } from '../../core/routing/route-types.js';
import type { ChatService, ServedBy } from '../../core/services/chat-service.js';
import { overheadMsOf, type RequestContext } from '../middleware/request-context.js';
import { readJsonBody } from '../middleware/read-json-body.js';
import { ChatChunkEncoder } from '../openai/chat-chunk-encoder.js';
import { parseChatRequest } from '../openai/parse-chat-request.js';
import { toChatCompletion } from '../openai/to-chat-completion.js';
import { writeSseStream } from '../openai/write-sse-stream.js';
import type { ModelRoute } from './model-route.js';
import { readRoutingHeaders } from './read-routing-headers.js';
import { recordRouting, routingHeaders, setRoutingHeaders } from './record-routing.js';

/** Dependencies of the chat completions route. */
export interface ChatCompletionsRouteDependencies {
  readonly chatService: ChatService;
  readonly maxBodyBytes: number;
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
export function createChatCompletionsRoute(deps: ChatCompletionsRouteDependencies): ModelRoute {
  return async (req, res, context) => {
    context.logged = true;
    const request = parseChatRequest(await readJsonBody(req, deps.maxBodyBytes));
    context.log.requestedModel = request.model;
    context.log.stream = request.stream;
    const trace = createRouteTrace();
    // The live array: a row written early (the client went away mid-request) still lists the attempts so far.
    context.log.attempts = trace.attempts;
    const call = { model: request.model, options: request.options, signal: context.clientSignal, mockResponse: request.mockResponse, overrides: readRoutingHeaders(req.headers, request.routing), trace };
    let served: ServedBy | undefined;

    if (!request.stream) {
      try {
        const answer = await deps.chatService.generate(call);
        served = answer.served;
        recordOutcome(context, answer.result.choices[0]?.finishReason, answer.result.choices[0]?.rawFinishReason, answer.result.usage);
        const warnings = warningsHeader(answer.result.warnings);
        if (warnings) res.setHeader('x-switchyard-warnings', warnings);
        return JSON.stringify(toChatCompletion(answer.result, request.model));
      } finally {
        recordRouting(context, trace, served);
        setRoutingHeaders(res, trace, served);
      }
    }

    let started: Awaited<ReturnType<ChatService['stream']>>;
    try {
      started = await deps.chatService.stream(call);
      served = started.served;
    } finally {
      // Before the first SSE byte a failure is an ordinary JSON error, with the attempts so far.
      recordRouting(context, trace, served);
      if (!served) setRoutingHeaders(res, trace, served);
    }
    // From here on the stream holds the deployment (in flight, timers): it must be consumed or cancelled.
    context.log.overheadMs = overheadMsOf(context);
    const headers: Record<string, string> = {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-request-id': context.requestId,
      'x-switchyard-overhead-ms': String(context.log.overheadMs),
      ...routingHeaders(trace, served),
    };
    const warnings = warningsHeader(started.warnings);
    if (warnings) headers['x-switchyard-warnings'] = warnings;
    try {
      res.writeHead(200, headers);
    } catch (error) {
      await started.stream.cancel(error);
      throw error;
    }
    const encoder = new ChatChunkEncoder(request.model, request.includeUsage);
    const outcome = await writeSseStream(res, started.stream, encoder, context.requestId, context.clientSignal);
    recordOutcome(context, encoder.summary.finishReason, encoder.summary.rawFinishReason, encoder.summary.usage);
    if (outcome.errorCode) context.log.errorCode = outcome.errorCode;
    if (outcome.clientGone) context.log.status = 499;
    return undefined;
  };
}
