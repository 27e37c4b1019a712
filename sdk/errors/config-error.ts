import { SwitchyardError } from './switchyard-error.js';

/** One problem found in a configuration file, with the JSON path of the field at fault. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

/** A configuration file or argument that cannot be used; lists every problem found. */
export class ConfigError extends SwitchyardError {
  readonly file: string | undefined;
  readonly problems: readonly ConfigProblem[];

  constructor(options: { file?: string; problems: readonly ConfigProblem[]; code?: 'CONFIG_INVALID' | 'CONFIG_UNREADABLE' | 'CONFIG_ENV_MISSING'; cause?: unknown }) {
    const where = options.file ? `${options.file}: ` : '';
    const lines = options.problems.map((p) => `${where}${p.path || '(root)'}: ${p.message}`);
    super(options.code ?? 'CONFIG_INVALID', { message: lines.join('\n'), cause: options.cause, details: { file: options.file, problems: options.problems } });
    this.name = 'ConfigError';
    this.file = options.file;
    this.problems = options.problems;
  }
}
