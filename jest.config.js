// Tests are transformed by swc (ts-jest does not support TypeScript 7).
const transform = {
  '^.+\\.(t|j|mj)sx?$': [
    '@swc/jest',
    {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    },
  ],
};
const common = { transform, testTimeout: 60000 };

module.exports = {
  // Builds the api bundle and the emulator's worker so `npx jest` always runs the current code.
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  // testTimeout is a global option: inside `projects` jest ignores it and falls back to 5 s.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'emulator', testEnvironment: 'node', testMatch: ['<rootDir>/tests/emulator/**/*.test.ts'] },
    { ...common, displayName: 'cloud', testEnvironment: 'node', testMatch: ['<rootDir>/tests/cloud/**/*.test.ts'] },
    {
      ...common,
      displayName: 'miniprogram',
      // jsdom plus Node's timers and fetch, so the in-process emulator runs beside the rendered pages;
      // modules resolve as for Node (the emulator's dependencies are not browser code).
      testEnvironment: '<rootDir>/tests/support/miniprogram-environment.ts',
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      testMatch: ['<rootDir>/tests/miniprogram/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/miniprogram/setup.ts'],
      // tdesign-miniprogram ships ES modules; its packed copy lives outside node_modules so it is transformed
      transformIgnorePatterns: ['/node_modules/'],
    },
    // The operations CLI (ops/) and the deployment configuration, against the emulator.
    { ...common, displayName: 'ops', testEnvironment: 'node', testMatch: ['<rootDir>/tests/ops/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
    // Every page of app.json in Chromium through the emulator's /preview/ (emulator/preview).
    { ...common, displayName: 'browser', testEnvironment: 'node', testMatch: ['<rootDir>/tests/browser/**/*.test.ts'] },
  ],
};
