import { call } from '@/services/call'
import { onConsentRequired } from '@/services/consent-events'
import { send } from '@/services/transport'

jest.mock('@/services/transport', () => ({ send: jest.fn() }))
const sendMock = send as jest.MockedFunction<typeof send>

test('a CONSENT_REQUIRED answer is passed on to whoever listens; other answers are not', async () => {
  const heard = jest.fn()
  const stop = onConsentRequired(heard)
  sendMock.mockResolvedValueOnce({ ok: false, code: 'CONSENT_REQUIRED', message: '请先阅读并同意《用户隐私保护指引》，再使用这项功能' })
  expect(await call('reports.mine', {})).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' })
  expect(heard).toHaveBeenCalledTimes(1)
  sendMock.mockResolvedValueOnce({ ok: false, code: 'FORBIDDEN', message: '您没有权限进行此操作' })
  await call('reports.mine', {})
  sendMock.mockResolvedValueOnce({ ok: true, data: { items: [], next: null } })
  await call('reports.mine', {})
  expect(heard).toHaveBeenCalledTimes(1)
  stop()
  sendMock.mockResolvedValueOnce({ ok: false, code: 'CONSENT_REQUIRED', message: '…' })
  await call('reports.mine', {})
  expect(heard).toHaveBeenCalledTimes(1)
})
