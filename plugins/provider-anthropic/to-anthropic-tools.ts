import type Anthropic from '@anthropic-ai/sdk';
import type { FunctionTool, ToolChoice } from '../../sdk/index.js';
import { toStrictJsonSchema, toToolInputSchema } from './clean-json-schema.js';
import type { UnsupportedParameters } from './create-unsupported-parameters.js';

/** `tools` and `tool_choice` in Messages API shape. */
export interface AnthropicTools {
  readonly tools?: Anthropic.Tool[];
  readonly toolChoice?: Anthropic.ToolChoice;
}

/**
 * Translates function tools and the tool choice. Parameters are cleaned into an object
 * `input_schema`; `strict` tools get the structured-output subset of JSON Schema where the model
 * has it (removed keywords are reported); `required` becomes `any`; `parallel_tool_calls: false`
 * becomes `disable_parallel_tool_use`.
 */
export function toAnthropicTools(
  tools: readonly FunctionTool[] | undefined,
  choice: ToolChoice | undefined,
  parallelToolCalls: boolean | undefined,
  structuredOutputs: boolean,
  unsupported: UnsupportedParameters,
): AnthropicTools {
  if (tools === undefined || tools.length === 0) {
    if (choice !== undefined && choice.type !== 'none' && choice.type !== 'auto') unsupported.drop('tool_choice', 'No tools were given; tool_choice was ignored.');
    return {};
  }
  const translated = tools.map((tool, index) => toAnthropicTool(tool, `tools[${index}].function`, structuredOutputs, unsupported));
  const serial = parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  let toolChoice: Anthropic.ToolChoice | undefined;
  switch (choice?.type) {
    case undefined:
      toolChoice = parallelToolCalls === false ? { type: 'auto', ...serial } : undefined;
      break;
    case 'none':
      toolChoice = { type: 'none' };
      break;
    case 'auto':
      toolChoice = { type: 'auto', ...serial };
      break;
    case 'required':
      toolChoice = { type: 'any', ...serial };
      break;
    case 'tool':
      toolChoice = { type: 'tool', name: choice.name, ...serial };
      break;
  }
  return { tools: translated, ...(toolChoice !== undefined ? { toolChoice } : {}) };
}

function toAnthropicTool(tool: FunctionTool, param: string, structuredOutputs: boolean, unsupported: UnsupportedParameters): Anthropic.Tool {
  const base = toToolInputSchema(tool.parameters);
  report(base.dropped, `${param}.parameters`, 'Anthropic tool input schemas must be a plain object schema', unsupported);
  let inputSchema = base.schema;
  let strict: { strict?: boolean } = {};
  if (tool.strict === true) {
    if (structuredOutputs) {
      const cleaned = toStrictJsonSchema(inputSchema);
      report(cleaned.dropped, `${param}.parameters`, 'Anthropic strict tools accept a subset of JSON Schema', unsupported);
      inputSchema = cleaned.schema;
      strict = { strict: true };
    } else {
      unsupported.drop(`${param}.strict`, 'This Claude model has no strict tool use; the tool was sent without strict.');
    }
  }
  return {
    name: tool.name,
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    input_schema: inputSchema as Anthropic.Tool.InputSchema,
    ...strict,
  };
}

/** Turns removed schema keywords into one warning for the schema. */
export function report(dropped: readonly string[], param: string, reason: string, unsupported: UnsupportedParameters): void {
  if (dropped.length > 0) unsupported.drop(param, `${reason}; removed: ${dropped.join(', ')}.`);
}
