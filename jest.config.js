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

// The patient mini-program: jsdom (with Node's fetch, so msw intercepts requests), Taro's APIs and components as
// small test doubles, NutUI's ES modules compiled for Jest, styles and images stubbed.
const miniapp = {
  displayName: 'miniapp',
  rootDir: __dirname,
  testMatch: ['<rootDir>/tests/miniapp/**/*.test.ts?(x)'],
  testEnvironment: 'jest-fixed-jsdom',
  transform: { '^.+\\.m?[tj]sx?$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(until-async|rettime|@open-draft|@nutui)/|.*\\.mjs$)'],
  setupFiles: ['<rootDir>/tests/miniapp/setup.ts'],
  testEnvironmentOptions: { customExportConditions: ['@hospital/source', 'node', 'require', 'default'] },
  moduleNameMapper: {
    '^@hospital/shared$': '<rootDir>/shared/src/index.ts',
    '^@tarojs/taro$': '<rootDir>/tests/miniapp/doubles/taro.ts',
    '^@tarojs/components$': '<rootDir>/tests/miniapp/doubles/components.tsx',
    '^@nutui/nutui-react-taro$': '<rootDir>/tests/miniapp/doubles/nutui.ts',
    '\\.(css|scss)$': '<rootDir>/tests/miniapp/doubles/style.ts',
    '\\.(png|jpe?g|svg)$': '<rootDir>/tests/miniapp/doubles/image.ts',
    // NutUI and React from the miniapp's own node_modules, as webpack resolves them.
    '^react$': '<rootDir>/node_modules/react',
    '^react-dom$': '<rootDir>/node_modules/react-dom',
  },
  modulePaths: ['<rootDir>/miniapp/node_modules'],
};

// End-to-end: the H5 build in headless Chromium against the real server (started by the test itself).
const e2e = {
  ...node,
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/tests/support/e2e-timeout.ts'],
  slowTestThreshold: 120,
};

module.exports = {
  // A test app starts from a database template and signs people in: a second on an idle machine, many on a
  // loaded CI runner. Not a speed check (those are benchmarks): a hang still fails, a slow start does not.
  // (A global option: Jest ignores it inside a project.)
  testTimeout: 30_000,
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
    miniapp,
    // The staff console's own logic (its pages are driven in the browser by tests/e2e/console.e2e.test.ts).
    {
      ...node,
      displayName: 'console',
      rootDir: __dirname,
      testMatch: ['<rootDir>/tests/console/**/*.test.ts'],
    },
    e2e,
  ],
};
