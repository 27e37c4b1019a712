import type { OutputConfig, Tool, ToolChoice as ConverseToolChoice, ToolConfiguration, ToolInputSchema } from '@aws-sdk/client-bedrock-runtime';
import type { CallOptions, FunctionTool } from '../../sdk/index.js';
import type { CallWarningCollector } from './call-warning-collector.js';

/** The tool that carries a `response_format` answer when it is sent as a forced tool call. */
export interface ResponseTool {
  readonly name: string;
  /** True when a non-object schema was wrapped as `{ value: … }` (tool input must be an object). */
  readonly wrapped: boolean;
}

/** What {@link toConverseToolConfig} decides. */
export interface ConverseToolPlan {
  readonly toolConfig?: ToolConfiguration;
  readonly outputConfig?: OutputConfig;
  readonly responseTool?: ResponseTool;
  /** True when the model is made to call a tool (`any` or a named tool). */
  readonly forcesToolUse: boolean;
}

/** What the tool translation needs to know besides the call options. */
export interface ToolPlanContext {
  readonly historyToolNames: ReadonlySet<string>;
  readonly hasToolBlocks: boolean;
  /** Whether the model takes `outputConfig.textFormat` and `strict` tool schemas. */
  readonly nativeStructuredOutput: boolean;
  readonly warnings: CallWarningCollector;
}

/** A JSON Schema as the SDK's document type. */
const schemaOf = (schema: Record<string, unknown>): ToolInputSchema => ({ json: schema as ToolInputSchema.JsonMember['json'] });

const RESPONSE_TOOL_DESCRIPTION = 'Give your final answer by calling this tool; its input is the answer, as JSON matching the schema.';

/**
 * Translates `tools`, `tool_choice`, `parallel_tool_calls` and `response_format`. Converse has
 * no `none` tool choice, so `none` withholds the tools; but a history with tool blocks must
 * still carry a toolConfig, so then the tools (or stand-ins for the ones the history names)
 * stay and `none` cannot be enforced. `json_schema` uses native structured output where the
 * model has it; otherwise, like `json_object`, the answer comes through a forced tool call that
 * the response translation turns back into text.
 */
export function toConverseToolPlan(options: CallOptions, context: ToolPlanContext): ConverseToolPlan {
  const { warnings } = context;
  const declared = options.tools ?? [];
  let choice = options.toolChoice;
  let tools: Tool[] = [];
  if (choice?.type === 'none') {
    if (context.hasToolBlocks) {
      warnings.unsupported('tool_choice', "Bedrock has no tool_choice 'none' and needs the tools when the conversation holds tool calls; the tools were sent and the model may still call one.");
      tools = toolsFor(declared, context);
    }
    choice = undefined;
  } else {
    tools = declared.map((tool) => toToolSpec(tool, context));
  }
  if (options.parallelToolCalls === false && tools.length > 0) {
    warnings.unsupported('parallel_tool_calls', 'Bedrock Converse cannot turn off parallel tool calls; the model may call several tools at once.');
  }

  let outputConfig: OutputConfig | undefined;
  let responseTool: ResponseTool | undefined;
  let toolChoice: ConverseToolChoice | undefined =
    choice === undefined ? undefined : choice.type === 'auto' ? { auto: {} } : choice.type === 'required' ? { any: {} } : choice.type === 'tool' ? { tool: { name: choice.name } } : undefined;
  const format = options.responseFormat;
  if (format?.type === 'json_schema' && context.nativeStructuredOutput) {
    const schema = JSON.stringify(format.schema ?? { type: 'object' });
    outputConfig = { textFormat: { type: 'json_schema', structure: { jsonSchema: { schema, name: format.name, ...(format.description !== undefined ? { description: format.description } : {}) } } } };
  } else if (format?.type === 'json_schema' || format?.type === 'json_object') {
    const schema = format.type === 'json_schema' ? (format.schema ?? { type: 'object' }) : { type: 'object' };
    // Tool input must be an object: any other schema is wrapped as { value: … } and unwrapped in the answer.
    const wrapped = schema['type'] !== undefined ? schema['type'] !== 'object' : schema['properties'] === undefined;
    const preferred = format.type === 'json_schema' && /^[a-zA-Z0-9_-]{1,64}$/.test(format.name) ? format.name : 'json_response';
    responseTool = { name: uniqueName(preferred, tools), wrapped };
    const inputSchema = wrapped ? { type: 'object', properties: { value: schema }, required: ['value'] } : schema;
    const description = format.type === 'json_schema' && format.description !== undefined ? `${RESPONSE_TOOL_DESCRIPTION} ${format.description}` : RESPONSE_TOOL_DESCRIPTION;
    tools = [...tools, { toolSpec: { name: responseTool.name, description, inputSchema: schemaOf(inputSchema) } }];
    // With other tools on offer the model must still call one of them or answer through ours.
    if (toolChoice === undefined || 'auto' in toolChoice || 'any' in toolChoice) toolChoice = tools.length > 1 ? { any: {} } : { tool: { name: responseTool.name } };
  }

  if (tools.length === 0 && context.hasToolBlocks) tools = toolsFor([], context);
  const forcesToolUse = toolChoice !== undefined && !('auto' in toolChoice);
  if (tools.length === 0) return { ...(outputConfig !== undefined ? { outputConfig } : {}), forcesToolUse: false };
  return {
    toolConfig: { tools, ...(toolChoice !== undefined ? { toolChoice } : {}) },
    ...(outputConfig !== undefined ? { outputConfig } : {}),
    ...(responseTool !== undefined ? { responseTool } : {}),
    forcesToolUse,
  };
}

function toToolSpec(tool: FunctionTool, context: ToolPlanContext): Tool {
  if (tool.strict === true && !context.nativeStructuredOutput) {
    context.warnings.unsupported('tools', `This Bedrock model does not take strict tool schemas; '${tool.name}' was sent without strict.`);
  }
  return {
    toolSpec: {
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      // Converse requires a schema; a tool without parameters takes an empty object.
      inputSchema: schemaOf(tool.parameters ?? { type: 'object', properties: {} }),
      ...(tool.strict === true && context.nativeStructuredOutput ? { strict: true } : {}),
    },
  };
}

/** The declared tools plus a stand-in for every tool the history calls that is not declared. */
function toolsFor(declared: readonly FunctionTool[], context: ToolPlanContext): Tool[] {
  const tools = declared.map((tool) => toToolSpec(tool, context));
  for (const name of context.historyToolNames) {
    if (declared.some((tool) => tool.name === name)) continue;
    tools.push({ toolSpec: { name, description: 'A tool called earlier in this conversation.', inputSchema: schemaOf({ type: 'object' }) } });
  }
  // A history of tool results alone still needs one tool declared.
  if (tools.length === 0) tools.push({ toolSpec: { name: 'no_tool', description: 'Placeholder; do not call.', inputSchema: schemaOf({ type: 'object' }) } });
  return tools;
}

function uniqueName(base: string, tools: readonly Tool[]): string {
  const taken = new Set(tools.map((tool) => tool.toolSpec?.name));
  let name = base;
  for (let suffix = 1; taken.has(name); suffix++) name = `${base}_${suffix}`;
  return name;
}
