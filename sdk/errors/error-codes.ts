/**
 * The error catalogue: every Switchyard error code, the HTTP status the proxy answers with,
 * and the OpenAI error `type` written in the wire body.
 */
export interface ErrorCodeEntry {
  /** HTTP status the proxy uses when this error reaches a client. */
  readonly status: number;
  /** OpenAI-style error `type`. */
  readonly type: string;
  /** OpenAI-style error `code` string shown to clients. */
  readonly wireCode: string;
}

const entry = (status: number, type: string, wireCode: string): ErrorCodeEntry => ({ status, type, wireCode });

/** Code → HTTP status → OpenAI error type. */
export const ERROR_CODES = {
  // Client requests
  REQUEST_INVALID: entry(400, 'invalid_request_error', 'invalid_request'),
  REQUEST_BODY_MALFORMED: entry(400, 'invalid_request_error', 'invalid_json'),
  REQUEST_PARAMETER_UNSUPPORTED: entry(400, 'invalid_request_error', 'unsupported_parameter'),
  REQUEST_TOO_LARGE: entry(413, 'invalid_request_error', 'request_too_large'),
  REQUEST_ROUTE_NOT_FOUND: entry(404, 'invalid_request_error', 'unknown_url'),
  REQUEST_METHOD_NOT_ALLOWED: entry(405, 'invalid_request_error', 'method_not_allowed'),
  REQUEST_CLIENT_DISCONNECTED: entry(499, 'invalid_request_error', 'client_disconnected'),
  AUTH_KEY_MISSING: entry(401, 'authentication_error', 'missing_api_key'),
  AUTH_KEY_INVALID: entry(401, 'authentication_error', 'invalid_api_key'),
  MODEL_NOT_FOUND: entry(404, 'invalid_request_error', 'model_not_found'),
  MODEL_CAPABILITY_MISSING: entry(400, 'invalid_request_error', 'unsupported_model_capability'),
  // Upstream providers
  PROVIDER_BAD_REQUEST: entry(400, 'invalid_request_error', 'invalid_request'),
  PROVIDER_CONTEXT_LENGTH_EXCEEDED: entry(400, 'invalid_request_error', 'context_length_exceeded'),
  PROVIDER_CONTENT_POLICY: entry(400, 'invalid_request_error', 'content_policy_violation'),
  PROVIDER_AUTHENTICATION: entry(401, 'authentication_error', 'invalid_api_key'),
  PROVIDER_PERMISSION_DENIED: entry(403, 'permission_error', 'permission_denied'),
  PROVIDER_NOT_FOUND: entry(404, 'invalid_request_error', 'model_not_found'),
  PROVIDER_RATE_LIMITED: entry(429, 'rate_limit_error', 'rate_limit_exceeded'),
  PROVIDER_OVERLOADED: entry(503, 'server_error', 'overloaded'),
  PROVIDER_SERVER_ERROR: entry(502, 'server_error', 'upstream_error'),
  PROVIDER_TIMEOUT: entry(504, 'timeout_error', 'timeout'),
  PROVIDER_CONNECTION_FAILED: entry(502, 'server_error', 'upstream_connection_error'),
  PROVIDER_RESPONSE_INVALID: entry(502, 'server_error', 'upstream_invalid_response'),
  PROVIDER_NOT_CONFIGURED: entry(400, 'invalid_request_error', 'provider_not_configured'),
  // Router: every deployment of a model group is cooling down, busy or over its rpm/tpm.
  ROUTER_NO_DEPLOYMENT_AVAILABLE: entry(429, 'rate_limit_error', 'no_deployment_available'),
  // Gateway
  GATEWAY_INTERNAL: entry(500, 'server_error', 'internal_error'),
  GATEWAY_SHUTTING_DOWN: entry(503, 'server_error', 'shutting_down'),
  GATEWAY_NOT_READY: entry(503, 'server_error', 'not_ready'),
  // Configuration (CLI and start-up)
  CONFIG_UNREADABLE: entry(500, 'server_error', 'config_unreadable'),
  CONFIG_INVALID: entry(500, 'server_error', 'config_invalid'),
  CONFIG_ENV_MISSING: entry(500, 'server_error', 'config_env_missing'),
  // Plugins
  PLUGIN_MANIFEST_UNREADABLE: entry(500, 'server_error', 'plugin_manifest_unreadable'),
  PLUGIN_MANIFEST_INVALID: entry(500, 'server_error', 'plugin_manifest_invalid'),
  PLUGIN_ID_DUPLICATE: entry(500, 'server_error', 'plugin_id_duplicate'),
  PLUGIN_ENGINE_MISMATCH: entry(500, 'server_error', 'plugin_engine_mismatch'),
  PLUGIN_DEPENDENCY_MISSING: entry(500, 'server_error', 'plugin_dependency_missing'),
  PLUGIN_DEPENDENCY_CYCLE: entry(500, 'server_error', 'plugin_dependency_cycle'),
  PLUGIN_DEPENDENCY_FAILED: entry(500, 'server_error', 'plugin_dependency_failed'),
  PLUGIN_ENTRY_INVALID: entry(500, 'server_error', 'plugin_entry_invalid'),
  PLUGIN_KIND_MISMATCH: entry(500, 'server_error', 'plugin_kind_mismatch'),
  PLUGIN_CONFIG_INVALID: entry(500, 'server_error', 'plugin_config_invalid'),
  PLUGIN_INIT_FAILED: entry(500, 'server_error', 'plugin_init_failed'),
  PLUGIN_INIT_TIMEOUT: entry(500, 'server_error', 'plugin_init_timeout'),
  PLUGIN_NOT_FOUND: entry(500, 'server_error', 'plugin_not_found'),
  // Sandboxes and MCP transports
  SANDBOX_FAILED: entry(502, 'server_error', 'sandbox_failed'),
  SANDBOX_TIMEOUT: entry(504, 'timeout_error', 'sandbox_timeout'),
  MCP_TRANSPORT_CLOSED: entry(502, 'server_error', 'mcp_transport_closed'),
  MCP_TRANSPORT_FAILED: entry(502, 'server_error', 'mcp_transport_failed'),
} as const satisfies Record<string, ErrorCodeEntry>;

/** Every known error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Looks up a code's catalogue entry; unknown codes fall back to an internal error. */
export function describeErrorCode(code: string): ErrorCodeEntry {
  return (ERROR_CODES as Record<string, ErrorCodeEntry>)[code] ?? ERROR_CODES.GATEWAY_INTERNAL;
}
