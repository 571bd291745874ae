/**
 * Wires the REAL wx-server-sdk to the local cloud. Load it before any cloud function
 * (jest `setupFiles`; `import '../local-cloud/preload'` first in the local server).
 *
 * - Sets TENCENTCLOUD_RUNENV=SCF, TENCENTCLOUD_REGION, SCF_NAMESPACE (if unset) so
 *   `cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })` needs no network.
 * - Installs a getter on `@cloudbase/database`'s `Db.reqClass` (resolved from wx-server-sdk's own
 *   folder, the copy it loads) returning the local requester; @cloudbase/node-sdk assigns
 *   `Db.reqClass` on every `cloud.database()`, so the setter ignores writes.
 * - Replaces `CloudBase.prototype` (@cloudbase/node-sdk) uploadFile / getTempFileURL / downloadFile /
 *   deleteFile / callCompatibleWxOpenApi / callFunction with local handlers, and makes the other
 *   network-bound calls fail fast instead of reaching the internet.
 * - Wraps `fetch` so a function's HEAD or GET of a temporary URL the local storage signed is answered
 *   from the local storage (LocalStorage.fetchTempUrl), observed as a 'fetch' cloud call.
 * - Replaces `process.env` by a Proxy so `getWXContext()` reads the identity of the current call
 *   (AsyncLocalStorage; see context.ts).
 * The database itself opens lazily on first use (or explicitly with localCloud.open()).
 */
import path from 'node:path'
import { currentStore, installEnvProxy } from './context'
import { localCloud } from './index'
import * as openapi from './openapi'

const env = process.env
env.TENCENTCLOUD_RUNENV ??= 'SCF'
env.TENCENTCLOUD_REGION ??= 'ap-shanghai'
env.SCF_NAMESPACE ??= 'local-env'

const sdkDir = path.dirname(require.resolve('wx-server-sdk'))
const nodeSdkMain = require.resolve('@cloudbase/node-sdk', { paths: [sdkDir] })
const databaseMain = require.resolve('@cloudbase/database', { paths: [path.dirname(nodeSdkMain)] })

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Db } = require(databaseMain) as { Db: { reqClass?: unknown } }
Object.defineProperty(Db, 'reqClass', {
  configurable: true,
  get: () => localCloud.requester,
  set: () => {
    /* node-sdk re-assigns its HTTP requester on every cloud.database(): ignored */
  }
})

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { CloudBase } = require(path.join(path.dirname(nodeSdkMain), 'cloudbase.js')) as { CloudBase: { prototype: Record<string, unknown> } }
const proto = CloudBase.prototype

type Opts = Record<string, unknown>
const offline = (what: string) => async () => ({ code: 'SYS_ERR', message: `${what} is not available in the local cloud` })

const observed =
  <A extends unknown[], R>(method: string, fn: (...args: A) => R) =>
  (...args: A): R => {
    localCloud.notifyCloudCall(method, args[0])
    return fn(...args)
  }

Object.assign(proto, {
  uploadFile: observed('uploadFile', async (opts: Opts, reqOpts?: { onResponseReceived?: (resp: { statusCode: number }) => void }) => {
    const res = await localCloud.storage.uploadFile(opts)
    if (!res.code) reqOpts?.onResponseReceived?.({ statusCode: 200 })
    return res
  }),
  getTempFileURL: observed('getTempFileURL', async (opts: Opts) => localCloud.storage.getTempFileURL(opts)),
  downloadFile: observed('downloadFile', async (opts: Opts) => localCloud.storage.downloadFile(opts)),
  deleteFile: observed('deleteFile', async (opts: Opts) => localCloud.storage.deleteFile(opts)),
  callCompatibleWxOpenApi: observed('callCompatibleWxOpenApi', async (opts: Opts) => openapi.callCompatibleWxOpenApi(opts)),
  callFunction: observed('callFunction', async (opts: Opts) => localCloud.callFunctionHandler(opts)),
  callWxOpenApi: offline('callWxOpenApi (deprecated cloud.callOpenAPI)'),
  callWxPayApi: offline('cloudPay'),
  wxCallContainerApi: offline('wxCallContainerApi'),
  callContainer: offline('callContainer'),
  callApis: offline('callApis'),
  copyFile: offline('copyFile'),
  getFileInfo: offline('getFileInfo'),
  getUploadMetadata: offline('getUploadMetadata'),
  getFileAuthority: offline('getFileAuthority')
})

// A function fetching one of the local cloud's temporary URLs (a HEAD for a photo's size, a GET for its
// bytes) is answered by the local storage, as the CDN answers in the cloud; everything else, and every
// request made outside a function call (tests of the local server's own /files), goes to the network.
const networkFetch = globalThis.fetch
globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
  const store = currentStore()
  if (store && !store.inheritEnv && (typeof input === 'string' || input instanceof URL)) {
    const method = (init?.method ?? 'GET').toUpperCase()
    const local = localCloud.storage.fetchTempUrl(String(input), method)
    if (local) {
      localCloud.notifyCloudCall('fetch', { method, url: String(input) })
      return local
    }
  }
  return networkFetch(input, init)
}

installEnvProxy()
