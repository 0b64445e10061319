/**
 * The allowed arrows between folders (README, Architecture). A wrong import fails `npm run lint`.
 * lib/ is the pure domain; server/ the edges; app/ and components/ the dashboard; demo/ an application of its own;
 * testing/ holds what exists only to test or measure, and only tests, benchmarks and load runs may use it.
 */
const TEST = '(\\.test\\.tsx?|\\.spec\\.ts)$';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import circle makes load order matter and the domain words hard to find.', from: {}, to: { circular: true } },
    {
      name: 'lib-is-pure',
      severity: 'error',
      comment: 'lib/ imports only lib/ and its packages: never the edges, the UI or the demo (its tests may use testing/).',
      from: { path: '^lib/' },
      to: { path: '^(server|app|components|demo|bench|load|e2e|scripts)/' },
    },
    {
      name: 'lib-has-no-io',
      severity: 'error',
      comment: 'lib/ runs in the browser too: no Node built-ins, no Kafka or socket server.',
      from: { path: '^lib/', pathNot: TEST },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'lib-packages',
      severity: 'error',
      comment: 'The domain depends on zod alone.',
      from: { path: '^lib/', pathNot: TEST },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown'], pathNot: '^node_modules/zod/' },
    },
    {
      name: 'ui-not-server',
      severity: 'error',
      comment: 'Pages and components talk to the server over HTTP and the live feed, through lib/wire; they never import it.',
      from: { path: '^(app|components)/' },
      to: { path: '^(server|demo|scripts|bench|load)/' },
    },
    {
      name: 'components-not-app',
      severity: 'error',
      comment: 'Pages compose components, not the other way round.',
      from: { path: '^components/' },
      to: { path: '^app/' },
    },
    {
      name: 'server-not-ui',
      severity: 'error',
      comment: 'The server serves the pages through Next; it never imports them.',
      from: { path: '^server/' },
      to: { path: '^(app|components|bench|load|e2e)/' },
    },
    {
      name: 'server-not-demo',
      severity: 'error',
      comment: 'The monitor knows no saga system in particular; only its tests run the demo as traffic.',
      from: { path: '^server/', pathNot: TEST },
      to: { path: '^demo/' },
    },
    {
      name: 'demo-apart',
      severity: 'error',
      comment: "The demo is a saga system of its own: it speaks lib's vocabulary and knows nothing of the monitor's edges.",
      from: { path: '^demo/' },
      to: { path: '^(server|app|components|bench|load|e2e)/' },
    },
    {
      name: 'testing-only-from-tests',
      severity: 'error',
      comment: 'Test support is used by tests, benchmarks and load runs only; the product never imports it.',
      from: { path: '^(lib|server|app|components|demo|scripts)/', pathNot: TEST },
      to: { path: '^testing/' },
    },
    {
      name: 'no-test-imports',
      severity: 'error',
      comment: 'Nothing imports a test file.',
      from: {},
      to: { path: TEST },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next|\\.kafka|test-results)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.d.ts'] },
  },
};
