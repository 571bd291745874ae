/** The 订阅消息 request: WeChat's dialog (subscribe.weapp.ts) and the browser build, which never asks. */
import Taro from '@tarojs/taro'
import { SUBSCRIBE_TEMPLATE_IDS, isTemplateConfigured, type SubscribeTemplate } from '@/contract/subscribe-templates'
import { askToSubscribe, canAskToSubscribe } from '@/services/subscribe.weapp'
import { askToSubscribe as askInBrowser, canAskToSubscribe as canAskInBrowser } from '@/services/subscribe'

const request = jest.fn()
const taro = Taro as unknown as { requestSubscribeMessage?: jest.Mock }

const ids = SUBSCRIBE_TEMPLATE_IDS as Record<SubscribeTemplate, string>
const fromConfig = { ...ids }
/** What a deployer puts into config/subscribe-templates.json (real ids look like this). */
const configured: Record<SubscribeTemplate, string> = {
  reportStatus: 'zun-LzcQyW-edafCVvzPkK4de2Rllr1fFpw2A_x0oXE',
  reportResult: 'Rr5t6Yu7-report-Result-8iOp9Aa0Ss1Dd2Ff3Gg4',
  activityChange: 'Bq8m2k1U0cW-actChange-9fTz0aPq3LrX7vYtNw5s',
  waitlistPromoted: 'Hh4d7Kq2-waitlist-Promoted-0gXb1cVn8mZr3eT',
  activityReminder: 'p0Lk9Jh8-reminder-Gf7Ds6Aq5Wz4Xs3Ed2Rc1Vf',
  teamDecision: 'Tm3n5Qw8-team-Decision-6yHu7Ji8Ko9Lp0Az1Sx',
  bulletinPublished: 'Bp2w4Er6-bulletin-Published-8tYu0Io2Pa4Sd'
}
/** As fromConfig, before the deployer fills the file in. */
const placeholders: Record<SubscribeTemplate, string> = {
  reportStatus: 'REPORT_STATUS_TEMPLATE_ID',
  reportResult: 'REPORT_RESULT_TEMPLATE_ID',
  activityChange: 'ACTIVITY_CHANGE_TEMPLATE_ID',
  waitlistPromoted: 'WAITLIST_PROMOTED_TEMPLATE_ID',
  activityReminder: 'ACTIVITY_REMINDER_TEMPLATE_ID',
  teamDecision: 'TEAM_DECISION_TEMPLATE_ID',
  bulletinPublished: 'BULLETIN_PUBLISHED_TEMPLATE_ID'
}
const ACTIVITY: SubscribeTemplate[] = ['activityChange', 'waitlistPromoted', 'activityReminder']

beforeEach(() => {
  request.mockReset()
  request.mockImplementation(async ({ tmplIds }: { tmplIds: string[] }) => ({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(tmplIds.map((id) => [id, 'accept'])) }))
  taro.requestSubscribeMessage = request
  Object.assign(ids, configured)
})

afterAll(() => {
  Object.assign(ids, fromConfig)
  delete taro.requestSubscribeMessage
})

test('one id per template from the config; placeholders are recognised as not configured', () => {
  expect(Object.keys(fromConfig).sort()).toEqual(['activityChange', 'activityReminder', 'bulletinPublished', 'reportResult', 'reportStatus', 'teamDecision', 'waitlistPromoted'])
  for (const id of Object.values(fromConfig)) expect(typeof id).toBe('string')
  for (const id of Object.values(placeholders)) expect(isTemplateConfigured(id)).toBe(false)
  for (const id of Object.values(configured)) expect(isTemplateConfigured(id)).toBe(true)
  expect(isTemplateConfigured('')).toBe(false)
})

test('opens the dialog at once (still inside the tap) with the ids of the templates asked for', async () => {
  const asked = askToSubscribe(ACTIVITY)
  // called synchronously: an await before it would lose the tap gesture
  expect(request).toHaveBeenCalledWith({ tmplIds: [configured.activityChange, configured.waitlistPromoted, configured.activityReminder] })
  await expect(asked).resolves.toBe(true)

  await askToSubscribe(['reportStatus'])
  expect(request).toHaveBeenLastCalledWith({ tmplIds: [configured.reportStatus] })
})

test('at most 3 ids per dialog, each once', async () => {
  await askToSubscribe(['reportStatus', ...ACTIVITY, 'reportStatus'])
  expect(request).toHaveBeenCalledTimes(1)
  expect(request.mock.calls[0][0].tmplIds).toEqual([configured.reportStatus, configured.activityChange, configured.waitlistPromoted])
})

test('placeholder ids are not asked for; nothing configured means no dialog at all', async () => {
  ids.waitlistPromoted = placeholders.waitlistPromoted
  await askToSubscribe(ACTIVITY)
  expect(request).toHaveBeenLastCalledWith({ tmplIds: [configured.activityChange, configured.activityReminder] })

  request.mockClear()
  Object.assign(ids, placeholders)
  await askToSubscribe(ACTIVITY)
  await askToSubscribe(['reportStatus'])
  expect(request).not.toHaveBeenCalled()
})

test('a refusal, a failure, a throw or an old WeChat without the API: resolves false, never throws', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
  request.mockResolvedValueOnce({ errMsg: 'requestSubscribeMessage:ok', [configured.reportStatus]: 'reject' })
  await expect(askToSubscribe(['reportStatus'])).resolves.toBe(false)

  request.mockRejectedValueOnce({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 10004 })
  await expect(askToSubscribe(['reportStatus'])).resolves.toBe(false)
  expect(warn).toHaveBeenLastCalledWith('[subscribe] not subscribed', 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.')

  request.mockImplementationOnce(() => {
    throw new Error('boom')
  })
  await expect(askToSubscribe(ACTIVITY)).resolves.toBe(false)

  delete taro.requestSubscribeMessage
  await expect(askToSubscribe(ACTIVITY)).resolves.toBe(false)
  expect(request).toHaveBeenCalledTimes(3)
  warn.mockRestore()
})

test('the browser build never asks', async () => {
  await expect(askInBrowser(['reportStatus', ...ACTIVITY])).resolves.toBe(false)
  expect(canAskInBrowser(['reportStatus'])).toBe(false)
  expect(request).not.toHaveBeenCalled()
})

test('asking can show something only when one of the templates is configured', () => {
  expect(canAskToSubscribe(['reportStatus'])).toBe(true)
  Object.assign(ids, placeholders)
  expect(canAskToSubscribe(['reportStatus'])).toBe(false)
  expect(canAskToSubscribe(ACTIVITY)).toBe(false)
  ids.activityReminder = configured.activityReminder
  expect(canAskToSubscribe(ACTIVITY)).toBe(true)
})
