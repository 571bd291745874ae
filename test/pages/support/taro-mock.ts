/**
 * Stand-in for @tarojs/taro in page tests: APIs are jest.fn()s with sensible defaults.
 * Tests reach them through `import Taro from '@tarojs/taro'` and reset between tests.
 */
const storage = new Map<string, unknown>()

const Taro = {
  ENV_TYPE: { WEAPP: 'WEAPP', WEB: 'WEB' },
  getEnv: jest.fn(() => 'WEB'),
  showToast: jest.fn(async () => ({ errMsg: 'showToast:ok' })),
  showModal: jest.fn(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
  switchTab: jest.fn(async () => ({ errMsg: 'switchTab:ok' })),
  navigateTo: jest.fn(async () => ({ errMsg: 'navigateTo:ok' })),
  reLaunch: jest.fn(async () => ({ errMsg: 'reLaunch:ok' })),
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => {
    storage.set(key, value)
  }),
  removeStorageSync: jest.fn((key: string) => {
    storage.delete(key)
  }),
  getSystemInfoSync: jest.fn(() => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, platform: 'devtools' })),
  pxTransform: jest.fn((size: number) => `${size / 2}px`),
  nextTick: (fn: () => void) => setTimeout(fn, 0),
  /** Test helper: forget everything stored. */
  __resetStorage: () => storage.clear()
}

export default Taro
export const { ENV_TYPE, getEnv, showToast, showModal, switchTab, navigateTo, reLaunch, getStorageSync, setStorageSync, getSystemInfoSync, pxTransform, nextTick } = Taro
export const useLoad = jest.fn()
export const useDidShow = jest.fn()
export const useLaunch = jest.fn()
export const useReady = jest.fn()
