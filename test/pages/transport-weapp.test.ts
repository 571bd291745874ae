import Taro from '@tarojs/taro'
import { send } from '@/services/transport.weapp'

type CloudMock = { init: jest.Mock; callFunction: jest.Mock; DYNAMIC_CURRENT_ENV: string }
const cloud: CloudMock = { init: jest.fn(), callFunction: jest.fn(), DYNAMIC_CURRENT_ENV: 'dynamic-env' }
;(Taro as unknown as { cloud: CloudMock }).cloud = cloud

beforeEach(() => {
  cloud.callFunction.mockReset()
})

test('calls the cloud function once initialised, and returns res.result', async () => {
  cloud.callFunction.mockResolvedValueOnce({ result: { ok: true, data: { id: 'me' } } })
  const res = await send('users', { action: 'users.me', data: {} })
  expect(res).toEqual({ ok: true, data: { id: 'me' } })
  expect(cloud.init).toHaveBeenCalledWith({ env: 'dynamic-env', traceUser: true })
  expect(cloud.callFunction).toHaveBeenCalledWith({ name: 'users', data: { action: 'users.me', data: {} } })

  cloud.callFunction.mockResolvedValueOnce({ result: { ok: false, code: 'NOT_FOUND', message: '没有找到这个人' } })
  expect(await send('users', { action: 'users.assignRole', data: {} })).toEqual({ ok: false, code: 'NOT_FOUND', message: '没有找到这个人' })
  expect(cloud.init).toHaveBeenCalledTimes(1)
})

test('platform failures become INTERNAL with the network message; never throws', async () => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  cloud.callFunction.mockRejectedValueOnce({ errMsg: 'cloud.callFunction:fail -404011 function not found' })
  expect(await send('users', { action: 'users.me', data: {} })).toEqual({ ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' })
  cloud.callFunction.mockResolvedValueOnce({ result: null })
  expect(await send('users', { action: 'users.me', data: {} })).toEqual({ ok: false, code: 'INTERNAL', message: '网络不给力，请检查网络后重试' })
})
