/**
 * Stand-in for @tarojs/taro in page tests: APIs are jest.fn()s with sensible defaults.
 * Tests reach them through `import Taro from '@tarojs/taro'` and reset between tests.
 */
import { useEffect, useRef } from 'react'

const storage = new Map<string, unknown>()
/** Page onShow listeners registered by useDidShow (it also fires once on mount, like the first show). */
const showListeners = new Set<() => void>()
let routerParams: Record<string, string> = {}
/** Taro.eventCenter's listeners by event name. */
const events = new Map<string, Set<(...args: unknown[]) => void>>()

const Taro = {
  ENV_TYPE: { WEAPP: 'WEAPP', WEB: 'WEB' },
  getEnv: jest.fn(() => 'WEB'),
  showToast: jest.fn(async () => ({ errMsg: 'showToast:ok' })),
  showModal: jest.fn(async () => ({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
  switchTab: jest.fn(async () => ({ errMsg: 'switchTab:ok' })),
  navigateTo: jest.fn(async () => ({ errMsg: 'navigateTo:ok' })),
  reLaunch: jest.fn(async () => ({ errMsg: 'reLaunch:ok' })),
  redirectTo: jest.fn(async () => ({ errMsg: 'redirectTo:ok' })),
  navigateBack: jest.fn(async () => ({ errMsg: 'navigateBack:ok' })),
  /** The page stack (route of each page, oldest first); a test sets what it needs. */
  getCurrentPages: jest.fn((): Array<{ route: string }> => []),
  previewImage: jest.fn(async () => ({ errMsg: 'previewImage:ok' })),
  chooseMedia: jest.fn(async () => ({ tempFiles: [], type: 'image', errMsg: 'chooseMedia:ok' })),
  getLocation: jest.fn(async () => ({ longitude: 113.2644, latitude: 23.1291, errMsg: 'getLocation:ok' })),
  chooseLocation: jest.fn(async () => ({ longitude: 113.2644, latitude: 23.1291, name: '村委会', address: '东山村', errMsg: 'chooseLocation:ok' })),
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
  eventCenter: {
    on: (name: string, listener: (...args: unknown[]) => void) => {
      if (!events.has(name)) events.set(name, new Set())
      events.get(name)?.add(listener)
    },
    off: (name: string, listener: (...args: unknown[]) => void) => {
      events.get(name)?.delete(listener)
    },
    trigger: (name: string, ...args: unknown[]) => {
      events.get(name)?.forEach((listener) => listener(...args))
    }
  },
  /** Test helper: forget everything stored. */
  __resetStorage: () => storage.clear(),
  /** Test helper: the page shows again (onShow). */
  __show: () => showListeners.forEach((listener) => listener()),
  /** Test helper: the query of the page being rendered (useRouter().params). */
  __setRouterParams: (params: Record<string, string>) => {
    routerParams = params
  }
}

export default Taro
export const { ENV_TYPE, getEnv, showToast, showModal, switchTab, navigateTo, reLaunch, getStorageSync, setStorageSync, getSystemInfoSync, pxTransform, nextTick } = Taro
export const useLoad = jest.fn()
function useDidShowMock(callback: () => void): void {
  const latest = useRef(callback)
  latest.current = callback
  useEffect(() => {
    const listener = () => latest.current()
    showListeners.add(listener)
    listener()
    return () => {
      showListeners.delete(listener)
    }
  }, [])
}
export const useDidShow = jest.fn(useDidShowMock)
export const useRouter = jest.fn(() => ({ params: routerParams, path: '' }))
export const useLaunch = jest.fn()
export const useReady = jest.fn()
