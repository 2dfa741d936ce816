// The layers of src/ (docs/architecture.md) and the arrows that must never exist, checked on every
// import, type-only imports included. Part of `npm run lint`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle, anywhere in src/.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain knows no framework, database or configuration source.',
      from: { path: '^src/domain/' },
      to: { path: '^src/(modules|infra|config|migrations)/|^src/app\\.' },
    },
    {
      name: 'infra-knows-no-feature',
      severity: 'error',
      comment: 'Infrastructure (src/infra) imports nothing from src/modules.',
      from: { path: '^src/infra/' },
      to: { path: '^src/modules/|^src/app\\.' },
    },
    {
      name: 'config-reads-only-itself',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: '^src/(modules|infra|migrations)/' },
    },
    {
      name: 'nothing-imports-commands',
      severity: 'error',
      comment: 'The commands module is the top floor: only the composition root imports it.',
      from: {
        path: '^src/',
        pathNot: ['^src/modules/commands/', '^src/app\\.module\\.ts$'],
      },
      to: { path: '^src/modules/commands/' },
    },
    {
      name: 'entities-stay-home',
      severity: 'error',
      comment:
        "A module reads and writes its own tables only: another module's entity is never imported (use what that module exports).",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/.+\\.entity\\.ts$', pathNot: '^src/modules/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
