import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

const root = path.resolve(__dirname, '..')

/** NutUI is drawn at 375 px; our own styles at 750 px. */
function designWidth(input?: unknown): number {
  const file = typeof input === 'object' && input !== null && 'file' in input ? String((input as { file?: unknown }).file ?? '') : ''
  return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
}

export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5'
  const tsconfigPaths = (chain: { resolve: { plugin: (name: string) => { use: (p: unknown, args?: unknown[]) => unknown } } }) => {
    chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin, [{ configFile: path.join(root, 'tsconfig.json') }])
  }

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'wenming-chuangjian',
    date: '2026-11-21',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2
    },
    sourceRoot: 'src',
    // The design tokens ($wm-brand, $wm-space-4 …) and the mixins (wm-card, wm-tone …) in front of every .scss file
    // (weapp and H5): no file imports them.
    sass: { resource: [path.join(root, 'src/styles/tokens.scss'), path.join(root, 'src/styles/mixins.scss')], projectDirectory: root },
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {},
    // Taro reads TARO_APP_* only from .env files; also take the cloud env id from the shell.
    env: process.env.TARO_APP_CLOUD_ENV ? { TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV) } : {},
    alias: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // Page styles are independent; the order warnings of the shared chunk are noise.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        tsconfigPaths(chain)
      }
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css'
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      },
      webpackChain(chain) {
        tsconfigPaths(chain)
      }
    }
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
