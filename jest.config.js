// Three tiers, named by file suffix (as in Emmett): unit tests are pure and fast,
// integration tests touch a real SQLite file or a real redis-server, e2e tests
// drive built API processes over real HTTP.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
// NestJS 12 ships as ES modules only. Node 20's require(esm) serves the built
// API, but jest's own module loader cannot load ES modules on Node < 24.9, so
// those packages are compiled to CommonJS like our sources (swc rewrites
// import.meta.url and dynamic import() for CommonJS).
const esmPackages = [
  '@nestjs/',
  'file-type/',
  'js-yaml/',
  'jose/',
  '@fastify/static/',
  'content-disposition/',
];
const swcEsm = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@ledger/(domain|event-store|projections|application|audit)$': '<rootDir>/libs/$1/src',
  '^@ledger/(domain|event-store|projections|application|audit)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const base = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, '/node_modules/.+\\.js$': swcEsm },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')}))`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testEnvironment: 'node',
  // Inside the project (git-ignored), not in the shared temporary folder.
  cacheDirectory: '<rootDir>/.jest/cache',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.jest/'],
};
module.exports = {
  projects: [
    {
      ...base,
      displayName: 'unit',
      // The fuzz tier (fast-check, bounded in time) runs with the unit tests.
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.{unit,fuzz}.spec.ts'],
    },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int.spec.ts'],
    },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'] },
  ],
};
