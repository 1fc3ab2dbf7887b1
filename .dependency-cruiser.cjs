// The layer rules of docs/ARCHITECTURE.md ("What may import what"), checked in npm test
// (test/infra/layers.test.ts) and by `npm run lint:layers`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain imports nothing of ours but the domain, and no library that does I/O.',
      severity: 'error',
      from: { path: '^shared/domain/' },
      to: { pathNot: ['^shared/domain/', '^node_modules/zod/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'domain-no-node',
      comment: 'The domain does no I/O: no Node built-in.',
      severity: 'error',
      from: { path: '^shared/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'app-no-adapters',
      comment: 'A use case reaches the world through its ports, never an adapter, the SDK, HTTP or a handler.',
      severity: 'error',
      from: { path: '^shared/app/' },
      to: {
        path: [
          '^shared/adapters/',
          '^shared/http/',
          '^shared/workflow/',
          '^functions/',
          '^infra/',
          '^node_modules/@aws-sdk/',
          '^node_modules/@aws-lambda-powertools/',
        ],
      },
    },
    {
      name: 'app-observes-through-a-port',
      comment: 'Logs and metrics reach a use case through its Telemetry port, not by import.',
      severity: 'error',
      from: { path: '^shared/app/' },
      to: { path: '^shared/observability[.]ts$' },
    },
    {
      name: 'plumbing-no-adapters',
      comment: 'The HTTP and step plumbing never import an adapter: a handler passes in what they need.',
      severity: 'error',
      from: { path: ['^shared/http/', '^shared/workflow/'] },
      to: { path: ['^shared/adapters/', '^functions/'] },
    },
    {
      name: 'adapters-only-port-types',
      comment: 'Adapters implement ports over the domain: from the app they take the port types only.',
      severity: 'error',
      from: { path: '^shared/adapters/' },
      to: { path: '^shared/app/', pathNot: '^shared/app/ports/' },
    },
    {
      name: 'adapters-not-up',
      comment: 'Adapters never import the plumbing, a handler or the stack.',
      severity: 'error',
      from: { path: '^shared/adapters/' },
      to: { path: ['^shared/http/', '^shared/workflow/', '^functions/', '^infra/'] },
    },
    {
      name: 'only-functions-wire',
      comment: 'Only functions/ (and the local stack, tests and benchmarks) put adapters together with use cases.',
      severity: 'error',
      from: { path: '^shared/', pathNot: '^shared/adapters/' },
      to: { path: '^shared/adapters/' },
    },
    {
      name: 'deploy-code-not-handler-insides',
      comment: 'The CDK code imports the catalogs and the route table, never a handler.',
      severity: 'error',
      from: { path: '^infra/' },
      to: { path: '^functions/' },
    },
    {
      name: 'product-not-tests',
      comment: 'Nothing shipped imports a test, a benchmark or the local stack.',
      severity: 'error',
      from: { path: ['^shared/', '^functions/', '^workflows/'] },
      to: { path: ['^test/', '^bench/', '^local/'] },
    },
    {
      name: 'no-circular',
      comment: 'No module needs itself at run time (a cycle of type imports alone is erased by tsc and harmless).',
      severity: 'error',
      from: { path: '^(shared|functions)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
