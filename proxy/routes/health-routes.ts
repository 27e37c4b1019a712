import type { Context } from 'koa';

/** What readiness depends on: the database and finished plugin loading. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly database: 'connected' | 'unreachable';
  readonly plugins: { readonly loaded: number; readonly failed: number };
}

/** Dependencies of the health routes. */
export interface HealthRouteDependencies {
  readiness(): Promise<ReadinessReport>;
  isShuttingDown(): boolean;
}

/** `GET /health/liveness` and `GET /health/readiness` (503 when not ready or draining). */
export function createHealthRoutes(deps: HealthRouteDependencies) {
  return {
    liveness: async (ctx: Context): Promise<void> => {
      const draining = deps.isShuttingDown();
      ctx.status = draining ? 503 : 200;
      ctx.body = { status: draining ? 'shutting_down' : 'alive' };
    },
    readiness: async (ctx: Context): Promise<void> => {
      if (deps.isShuttingDown()) {
        ctx.status = 503;
        ctx.body = { status: 'shutting_down' };
        return;
      }
      const report = await deps.readiness();
      ctx.status = report.ready ? 200 : 503;
      ctx.body = { status: report.ready ? 'ready' : 'not_ready', database: report.database, plugins: report.plugins };
    },
  };
}
