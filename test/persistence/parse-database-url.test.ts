import t from 'tap';
import { ConfigError, SwitchyardError } from '../../sdk/index.js';
import { parseDatabaseUrl } from '../../core/persistence/parse-database-url.js';

const cwd = '/srv/gateway';

t.test('accepted forms', async (t) => {
  const cases: [string | undefined, ReturnType<typeof parseDatabaseUrl>][] = [
    [undefined, { dialect: 'sqlite', path: '/srv/gateway/.switchyard/switchyard.db' }],
    [':memory:', { dialect: 'sqlite', path: ':memory:' }],
    ['data/logs.db', { dialect: 'sqlite', path: '/srv/gateway/data/logs.db' }],
    ['./logs.db', { dialect: 'sqlite', path: '/srv/gateway/logs.db' }],
    ['/var/lib/switchyard.db', { dialect: 'sqlite', path: '/var/lib/switchyard.db' }],
    ['sqlite:logs.db', { dialect: 'sqlite', path: '/srv/gateway/logs.db' }],
    ['sqlite:///var/lib/x.db', { dialect: 'sqlite', path: '/var/lib/x.db' }],
    ['sqlite://rel/x.db', { dialect: 'sqlite', path: '/srv/gateway/rel/x.db' }],
    ['sqlite::memory:', { dialect: 'sqlite', path: ':memory:' }],
    ['file:./x.db', { dialect: 'sqlite', path: '/srv/gateway/x.db' }],
    ['file:///var/lib/my%20x.db', { dialect: 'sqlite', path: '/var/lib/my x.db' }],
    ['postgres://u:p@db:5432/switchyard', { dialect: 'postgresql', url: 'postgres://u:p@db:5432/switchyard' }],
    ['PostgreSQL://db/switchyard', { dialect: 'postgresql', url: 'PostgreSQL://db/switchyard' }],
  ];
  for (const [url, expected] of cases) t.same(parseDatabaseUrl(url, cwd), expected, String(url));
});

t.test('unsupported scheme is a ConfigError naming the scheme, never the password', async (t) => {
  const error = t.throws(() => parseDatabaseUrl('mysql://root:hunter2@db/switchyard', cwd)) as unknown;
  t.ok(SwitchyardError.isInstance(error));
  t.ok(error instanceof ConfigError);
  const e = error as ConfigError;
  t.equal(e.code, 'CONFIG_INVALID');
  t.equal(e.problems[0]?.path, 'database_url');
  t.match(e.message, /'mysql:'/);
  t.match(e.message, /postgres:\/\//);
  t.match(e.message, /sqlite:/);
  t.notMatch(e.message, /hunter2/);
});

t.test('other rejected values', async (t) => {
  for (const url of ['', '   ', 'postgres:db', 'sqlite:', 'file://remote-host/x.db', 'redis://x']) {
    t.throws(() => parseDatabaseUrl(url, cwd), { code: 'CONFIG_INVALID' }, JSON.stringify(url));
  }
});
