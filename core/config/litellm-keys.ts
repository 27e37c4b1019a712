/**
 * The LiteLLM configuration keys Switchyard recognises, section by section. A key marked
 * `supported` is read and validated; `unsupported` means "a real LiteLLM setting that we do not
 * implement yet": the loader warns once per occurrence and ignores it instead of failing, so a
 * LiteLLM config loads unchanged. Later work flips entries to `supported` as features land.
 * Keys that appear in no table are typing mistakes and fail with a "did you mean" hint.
 *
 * A key ending in `*` matches every key with that prefix (provider extras such as `aws_*`).
 */
export type KeySupport = 'supported' | 'unsupported';

/** The parts of a LiteLLM config that have their own key table. */
export type LitellmSection = 'root' | 'general_settings' | 'router_settings' | 'litellm_settings' | 'litellm_params';

const S = 'supported' as const;
const U = 'unsupported' as const;

const unsupported = (...keys: string[]): Record<string, KeySupport> => Object.fromEntries(keys.map((key) => [key, U]));

/** Key tables, one per section. */
export const LITELLM_KEYS: Readonly<Record<LitellmSection, Readonly<Record<string, KeySupport>>>> = {
  root: {
    model_list: S,
    general_settings: S,
    litellm_settings: S,
    router_settings: S,
    environment_variables: S,
    ...unsupported(
      'callback_settings', 'mcp_servers', 'sandbox_tools', 'search_tools', 'credential_list', 'guardrails', 'include',
      'assistant_settings', 'finetune_settings', 'files_settings', 'default_vertex_config', 'prompts', 'vector_store_registry',
    ),
  },
  general_settings: {
    master_key: S,
    database_url: S,
    max_request_size_mb: S,
    background_health_checks: S,
    health_check_interval: S,
    ...unsupported(
      'completion_model', 'embedding_model', 'image_generation_model', 'moderation_model', 'store_prompts_in_spend_logs',
      'forward_client_headers_to_llm_api', 'forward_openai_org_id', 'disable_spend_logs', 'disable_spend_updates',
      'disable_error_logs', 'disable_master_key_return', 'disable_retry_on_max_parallel_request_limit_error',
      'disable_reset_budget', 'disable_adding_master_key_hash_to_db', 'disable_responses_id_security', 'enable_jwt_auth',
      'litellm_jwtauth', 'enforce_user_param', 'reject_clientside_metadata_tags', 'allowed_routes', 'admin_only_routes',
      'public_routes', 'allowed_ips', 'key_management_system', 'key_management_settings', 'use_azure_key_vault',
      'use_google_kms', 'maximum_spend_logs_retention_period', 'maximum_spend_logs_retention_interval',
      'user_mcp_management_mode', 'database_connection_pool_limit', 'database_connection_timeout',
      'allow_requests_on_db_unavailable', 'disable_prisma_schema_update', 'custom_auth', 'custom_sso', 'custom_key_generate',
      'max_parallel_requests', 'global_max_parallel_requests', 'infer_model_from_keys', 'health_check_details', 'alerting', 'alerting_threshold', 'alerting_args', 'alert_types',
      'alert_to_webhook_url', 'use_client_credentials_pass_through_routes', 'enforced_params', 'enable_oauth2_auth',
      'enable_oauth2_proxy_auth', 'oauth2_config_mappings', 'use_x_forwarded_for', 'service_account_settings',
      'store_model_in_db', 'supported_db_objects', 'max_response_size_mb', 'proxy_budget_rescheduler_min_time',
      'proxy_budget_rescheduler_max_time', 'proxy_batch_write_at', 'proxy_batch_polling_interval', 'default_team_disabled',
      'allow_user_auth', 'user_api_key_cache_ttl', 'litellm_key_header_name', 'allow_client_side_credentials',
      'spend_report_frequency', 'ui_access_mode', 'litellm_license', 'pass_through_endpoints',
    ),
  },
  router_settings: {
    routing_strategy: S,
    routing_strategy_args: S,
    enable_pre_call_checks: S,
    enable_pre_call_check: S,
    allowed_fails: S,
    allowed_fails_policy: S,
    cooldown_time: S,
    disable_cooldowns: S,
    retry_policy: S,
    retry_after: S,
    num_retries: S,
    timeout: S,
    stream_timeout: S,
    max_fallbacks: S,
    fallbacks: S,
    context_window_fallbacks: S,
    content_policy_fallbacks: S,
    default_fallbacks: S,
    default_max_parallel_requests: S,
    // Switchyard's own router keys (no LiteLLM equivalent); see "Routing and reliability" in README.md.
    stream_idle_timeout: S,
    retry_backoff_base: S,
    retry_backoff_max: S,
    max_retry_after: S,
    ...unsupported(
      'redis_host', 'redis_port', 'redis_password', 'redis_db', 'redis_url', 'optional_pre_call_checks', 'enable_tag_filtering',
      'tag_filtering_match_any', 'default_priority', 'polling_interval', 'default_litellm_params', 'debug_level', 'client_ttl',
      'cache_kwargs', 'cache_responses', 'caching_groups', 'model_group_alias', 'provider_budget_config', 'set_verbose',
      'deployment_affinity_ttl_seconds', 'ignore_invalid_deployments', 'search_tools', 'guardrail_list',
    ),
  },
  litellm_settings: {
    // Router keys LiteLLM also reads here; router_settings wins.
    num_retries: S,
    default_fallbacks: S,
    fallbacks: S,
    content_policy_fallbacks: S,
    context_window_fallbacks: S,
    allowed_fails: S,
    cooldown_time: S,
    request_timeout: S,
    ...unsupported(
      'success_callback', 'failure_callback', 'callbacks', 'service_callbacks', 'turn_off_message_logging',
      'redact_user_api_key_info', 'langfuse_default_tags', 'modify_params', 'drop_params', 'enable_preview_features',
      'set_verbose', 'json_logs', 'force_ipv4', 'mcp_aliases', 'cache', 'cache_params', 'key_generation_settings',
      'max_budget', 'budget_duration', 'default_team_settings', 'default_internal_user_params', 'upperbound_key_generate_params',
      'max_internal_user_budget', 'internal_user_budget_duration', 'disable_end_user_cost_tracking',
      'disable_end_user_cost_tracking_prometheus_only', 'disable_add_transform_inline_image_block',
      'use_chat_completions_url_for_anthropic_messages', 'disable_hf_tokenizer_download', 'enable_json_schema_validation',
      'enable_key_alias_format_validation', 'disable_copilot_system_to_assistant', 'max_parallel_requests', 'ssl_verify',
      'callback_settings', 'extra_spend_tag_headers',
    ),
  },
  litellm_params: {
    model: S,
    api_key: S,
    api_base: S,
    api_version: S,
    timeout: S,
    organization: S,
    extra_headers: S,
    // Provider credentials and placement, handed to the provider plugin as settings.options.
    aws_access_key_id: S,
    aws_secret_access_key: S,
    aws_session_token: S,
    aws_region_name: S,
    aws_profile_name: S,
    aws_bedrock_runtime_endpoint: S,
    vertex_project: S,
    vertex_location: S,
    vertex_credentials: S,
    auth_header: S,
    auth_token: S,
    // Routing keys, read by read-deployment-routing.ts (never handed to the provider plugin).
    rpm: S,
    tpm: S,
    weight: S,
    order: S,
    stream_timeout: S,
    stream_idle_timeout: S,
    max_parallel_requests: S,
    cooldown_time: S,
    num_retries: S,
    input_cost_per_token: S,
    output_cost_per_token: S,
    ...unsupported(
      'region_name', 'base_model', 'input_cost_per_second', 'output_cost_per_second', 'max_retries', 'tenant_id', 'client_id',
      'client_secret', 'azure_ad_token', 'azure_ad_token_provider',
      'azure_username', 'azure_password', 'drop_params', 'additional_drop_params', 'mock_response', 'tags', 'rust',
      'custom_llm_provider', 'litellm_credential_name', 'use_in_pass_through', 'use_litellm_proxy',
      'merge_reasoning_content_in_choices', 'configurable_clientside_auth_params', 'max_budget', 'budget_duration',
      'extra_body', 'temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'stop', 'seed', 'reasoning_effort',
      'thinking', 'response_format', 'api_type', 'litellm_trace_id', 'metadata', 'auto_router_config',
      'auto_router_config_path', 'auto_router_default_model', 'auto_router_embedding_model',
      'aws_*', 'vertex_*', 'watsonx_*', 'bedrock_*', 'sagemaker_*',
    ),
  },
};

/**
 * Near-misses that are not spelling mistakes: names from other tools (or Switchyard's own
 * `ProviderSettings`) that users reach for, mapped to the key the section expects.
 */
export const KEY_ALIASES: Readonly<Partial<Record<LitellmSection, Readonly<Record<string, string>>>>> = {
  litellm_params: { base_url: 'api_base', baseURL: 'api_base', apiKey: 'api_key', headers: 'extra_headers', api_url: 'api_base' },
};

/** Whether `key` is a known LiteLLM key of `section`, and if so whether Switchyard supports it. */
export function lookupLitellmKey(section: LitellmSection, key: string): KeySupport | undefined {
  const table = LITELLM_KEYS[section];
  if (Object.hasOwn(table, key)) return table[key];
  for (const [pattern, support] of Object.entries(table)) {
    if (pattern.endsWith('*') && key.startsWith(pattern.slice(0, -1))) return support;
  }
  return undefined;
}

/** The exact (non-wildcard) keys of a section, for "did you mean" suggestions. */
export function litellmKeyNames(section: LitellmSection): string[] {
  return Object.keys(LITELLM_KEYS[section]).filter((key) => !key.endsWith('*'));
}
