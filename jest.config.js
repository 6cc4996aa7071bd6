// ESM + ts-jest: run with `node --experimental-vm-modules` (see package.json "test").
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testTimeout: 60000,
  // Not under the system's temporary directory: `npm test` checks that tests leave it as found.
  cacheDirectory: 'node_modules/.cache/jest',
  verbose: false
}
