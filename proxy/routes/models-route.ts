import type { Context } from 'koa';
import { ModelNotFoundError, SwitchyardError } from '../../sdk/index.js';
import type { ModelResolver } from '../../core/routing/model-resolver.js';

const CREATED = Math.floor(Date.now() / 1000);

const toModelObject = (id: string, ownedBy: string) => ({ id, object: 'model', created: CREATED, owned_by: ownedBy });

/** `GET /v1/models` and `GET /v1/models/{id}` (ids may contain slashes). */
export function createModelsRoutes(deps: { readonly modelResolver: ModelResolver }) {
  return {
    list: async (ctx: Context): Promise<void> => {
      ctx.body = { object: 'list', data: deps.modelResolver.listModels().map((model) => toModelObject(model.id, model.ownedBy)) };
    },
    retrieve: async (ctx: Context): Promise<void> => {
      const prefix = ctx.path.startsWith('/v1/') ? '/v1/models/' : '/models/';
      const id = decodeURIComponent(ctx.path.slice(prefix.length));
      const listed = deps.modelResolver.listModels().find((model) => model.id === id);
      if (listed) {
        ctx.body = toModelObject(listed.id, listed.ownedBy);
        return;
      }
      try {
        const resolved = deps.modelResolver.resolve(id);
        ctx.body = toModelObject(id, resolved.provider);
      } catch (error) {
        if (SwitchyardError.isInstance(error) && error.code === 'PROVIDER_NOT_CONFIGURED') throw new ModelNotFoundError({ model: id, reason: error.message });
        throw error;
      }
    },
  };
}
