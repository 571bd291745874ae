/** Three projects: node (contract, local cloud, cloud functions), pages (real Taro H5 components on jsdom), browser (Playwright + chromium against the local server). */
const tsJest = [
  'ts-jest',
  { isolatedModules: true, tsconfig: { module: 'commonjs', moduleResolution: 'node', jsx: 'react-jsx', esModuleInterop: true, allowJs: true } }
]
const alias = { '^@/(.*)$': '<rootDir>/src/$1' }

module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/', '<rootDir>/test/pages/'],
      transform: { '^.+\\.tsx?$': tsJest },
      moduleNameMapper: alias,
      setupFiles: ['<rootDir>/local-cloud/preload.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/local-cloud.ts']
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
      moduleNameMapper: alias
    }
  ]
}
