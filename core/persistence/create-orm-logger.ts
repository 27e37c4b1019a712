import { DefaultLogger, type LogContext, type LoggerNamespace, type LoggerOptions } from '@mikro-orm/core';
import type { Logger } from '../../sdk/index.js';

/**
 * Routes MikroORM's own log lines into the gateway's JSON logger: errors and warnings
 * (deprecations included) at their level, everything else at debug. Query logging stays off
 * unless MikroORM's `debug` is switched on, so parameters never reach the log by default.
 */
export function createOrmLogger(logger: Logger): (options: LoggerOptions) => DefaultLogger {
  const orm = logger.child({ component: 'mikro-orm' });
  return (options) => new OrmLogger(options, orm);
}

class OrmLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly target: Logger,
  ) {
    super(options);
  }

  override log(namespace: LoggerNamespace, message: string, context?: LogContext): void {
    if (!this.isEnabled(namespace, context)) return;
    const text = message.replace(/\n/g, ' ').replace(/ +/g, ' ').trim();
    const fields = { namespace, ...(context?.label ? { label: context.label } : {}) };
    if (context?.level === 'error') this.target.error(text, fields);
    else if (context?.level === 'warning' || namespace === 'deprecated') this.target.warn(text, fields);
    else this.target.debug(text, fields);
  }
}
