/** Layer rules from docs/ARCHITECTURE.md: imports point down only. */
const layer = (name) => `^src/${name}/`
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports nothing from other layers and no I/O modules',
      severity: 'error',
      from: { path: layer('domain') },
      to: {
        path: [
          '^src/(store|gateways|app|http|cli|config)',
          '^(node:)?(fs|net|http|https|child_process|dgram|dns|tls)$',
        ],
      },
    },
    {
      name: 'config-is-low',
      comment: 'configuration is read by the edges and app; it knows only the domain',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: '^src/(store|gateways|app|http|cli)/' },
    },
    {
      name: 'adapters-below-app',
      severity: 'error',
      from: { path: ['^src/(store|gateways)/'] },
      to: { path: '^src/(app|http|cli)/' },
    },
    {
      name: 'store-and-gateways-independent',
      severity: 'error',
      from: { path: layer('store') },
      to: { path: layer('gateways') },
    },
    {
      name: 'gateways-and-store-independent',
      severity: 'error',
      from: { path: layer('gateways') },
      to: { path: layer('store') },
    },
    {
      name: 'app-below-edges',
      severity: 'error',
      from: { path: layer('app') },
      to: { path: '^src/(http|cli)/' },
    },
    {
      name: 'http-not-cli',
      severity: 'error',
      from: { path: layer('http') },
      to: { path: layer('cli') },
    },
    {
      name: 'edges-do-not-touch-adapters-directly',
      comment: 'http/ and cli/ reach store and gateways only through app/ (types excepted)',
      severity: 'error',
      from: { path: '^src/(http)/' },
      to: { path: '^src/(store|gateways)/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
}
