import t from 'tap';
import { parseConfigText } from '../../core/config/index.js';

t.test('provider credential and placement keys in litellm_params reach the plugin as options', async (t) => {
  const config = parseConfigText(
    [
      'model_list:',
      '  - model_name: claude',
      '    litellm_params: {model: anthropic/claude-haiku-4-5, api_key: k, auth_header: bearer}',
      '  - model_name: nova',
      '    litellm_params: {model: bedrock/amazon.nova-pro-v1:0, aws_access_key_id: AKID, aws_secret_access_key: s, aws_region_name: eu-west-1}',
      '  - model_name: gemini',
      '    litellm_params: {model: vertex_ai/gemini-2.5-pro, vertex_project: p, vertex_location: europe-west4, vertex_credentials: {type: service_account}}',
    ].join('\n'),
    { file: 'switchyard.yaml', format: 'yaml', env: {}, baseDir: '/srv' },
  );
  t.same(config.warnings, []);
  t.same(config.modelList.map((deployment) => deployment.settings.options), [
    { auth_header: 'bearer' },
    { aws_access_key_id: 'AKID', aws_secret_access_key: 's', aws_region_name: 'eu-west-1' },
    { vertex_project: 'p', vertex_location: 'europe-west4', vertex_credentials: { type: 'service_account' } },
  ]);
});
