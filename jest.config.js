/** Three projects: node (contract, local cloud, cloud functions), pages (real Taro H5 components on jsdom), browser (Playwright + chromium against the local server). */
const tsJest = [
  'ts-jest',
  { tsconfig: { isolatedModules: true, module: 'commonjs', moduleResolution: 'node', jsx: 'react-jsx', esModuleInterop: true, allowJs: true } }
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
      displayName: 'pages',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/pages/**/*.test.{ts,tsx}'],
      setupFiles: ['<rootDir>/test/pages/support/globals.js'],
      setupFilesAfterEnv: ['<rootDir>/test/pages/support/quiet-console.js'],
      transform: {
        '^.+\\.(mjs|cjs|jsx?|tsx?)$': [
          'babel-jest',
          {
            configFile: false,
            babelrc: false,
            presets: [['@babel/preset-env', { targets: { node: 'current' } }], ['@babel/preset-react', { runtime: 'automatic' }], '@babel/preset-typescript']
          }
        ]
      },
      // The real Taro H5 components and NutUI ship ES modules: transform them, skip only tooling.
      transformIgnorePatterns: ['/node_modules/(?:@babel|core-js|regenerator-runtime|react|react-dom|scheduler|jest[^/]*|@jest|@testing-library|jsdom|typescript)/'],
      moduleNameMapper: {
        '\\.(css|scss|sass|less)$': '<rootDir>/test/pages/support/style-stub.js',
        '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react/index.js',
        '^@tarojs/taro$': '<rootDir>/test/pages/support/taro-mock.ts',
        ...alias
      }
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
