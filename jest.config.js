// Jest projects mirror the packages. TZ is pinned by scripts/test.mjs (UTC; zone tests set their own zone).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];
const node = {
  testEnvironment: 'node',
  transform: { '^.+\\.m?[tj]sx?$': swc },
  // msw's dependencies ship only as ES modules; compile them for Jest's CommonJS runtime.
  transformIgnorePatterns: ['/node_modules/(?!(until-async|rettime|@open-draft)/|.*\\.mjs$)'],
  // Resolve @hospital/shared to its TypeScript source, never a stale dist.
  testEnvironmentOptions: { customExportConditions: ['@hospital/source', 'node', 'require', 'default'] },
  moduleNameMapper: { '^@hospital/shared$': '<rootDir>/shared/src/index.ts' },
};

module.exports = {
  projects: [
    {
      ...node,
      displayName: 'shared',
      rootDir: __dirname,
      testMatch: ['<rootDir>/tests/shared/**/*.test.ts'],
    },
    {
      ...node,
      displayName: 'server',
      rootDir: __dirname,
      testMatch: ['<rootDir>/tests/server/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      slowTestThreshold: 20,
    },
  ],
};
