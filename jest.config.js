// Three tiers: pure unit specs beside the code, integration specs against the real
// PostgreSQL/Redis that scripts/test-env starts, and whole-app e2e specs under test/.
const shared = {
  rootDir: __dirname,
  // jose 6 and @nestjs/terminus 12 are ESM-only and jest's CommonJS runtime cannot require
  // them: @swc/jest compiles them to CommonJS like our own code. Every other package in
  // node_modules is left as it is.
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/(?!(jose|@nestjs/terminus)/)'],
  moduleNameMapper: {
    '^@kk/testing$': '<rootDir>/test/support',
    '^@kk/(.*)$': '<rootDir>/libs/$1/src',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...shared, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
