/** Check-in in the browser build: the phone's camera reads the organiser's QR code; without a camera, the six digits. */
import { act, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { MyProfile, ScanResult } from '@/contract'
import ActivityDetailPage from '@/packages/volunteers/pages/detail/index'
import { cameraProblem } from '@/packages/volunteers/components/camera-scan/camera-scan'
import { activityDetail, mySignup, org, profile } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'
import { inStore, click } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))
const decoded: { text: string | null } = { text: null }
jest.mock('jsqr', () => ({ __esModule: true, default: jest.fn(() => (decoded.text ? { data: decoded.text } : null)) }))

const taro = Taro as unknown as { __resetStorage: () => void; __setRouterParams: (params: Record<string, string>) => void }
const volunteer = profile({ roles: ['resident', 'volunteer'], grants: [] })
const HERE = { lng: 113.2644, lat: 23.1291 }

function as(person: MyProfile, replies: Replies) {
  serve({ 'users.me': () => ({ ok: true, data: person }), 'org.overview': () => ({ ok: true, data: org }), ...replies })
}

const onNow = () => activityDetail({ mine: mySignup(), signupDeadline: new Date(Date.now() - 3600 * 1000).toISOString() }, -0.2)
const checkedIn: ScanResult = { kind: 'checkin', at: new Date().toISOString(), hours: null, activityTitle: '清洁家园·村道垃圾清理' }

/** A camera the page can open: a stream with one track, a video that plays at 640×480, a canvas that hands out pixels. */
function givenCamera(getUserMedia: jest.Mock) {
  const stop = jest.fn()
  getUserMedia.mockResolvedValue({ getTracks: () => [{ stop }] })
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true })
  jest.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
  jest.spyOn(HTMLVideoElement.prototype, 'videoWidth', 'get').mockReturnValue(640)
  jest.spyOn(HTMLVideoElement.prototype, 'videoHeight', 'get').mockReturnValue(480)
  const context = { drawImage: jest.fn(), getImageData: (_x: number, _y: number, w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4) }) }
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(context as unknown as CanvasRenderingContext2D)
  return { stop }
}

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
  jest.restoreAllMocks()
  taro.__resetStorage()
  taro.__setRouterParams({ id: 'a-1' })
  decoded.text = null
  Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true })
})

describe('扫码签到 in the browser', () => {
  test('the camera reads the QR code: it is sent with the activity and my position, the camera is released', async () => {
    as(volunteer, { 'volunteers.activity': () => ({ ok: true, data: onNow() }), 'volunteers.scan': () => ({ ok: true, data: checkedIn }) })
    const getUserMedia = jest.fn()
    const { stop } = givenCamera(getUserMedia)
    const { container } = inStore(<ActivityDetailPage />)
    await screen.findByText('到现场后签到')
    await click(container.querySelector('.checkin-camera'))
    expect(getUserMedia).toHaveBeenCalledWith({ video: { facingMode: 'environment' }, audio: false })
    await waitFor(() => expect(container.querySelector('.camera-scan-video')).toBeTruthy())
    expect(screen.getByText('请对准组织者手机上的签到二维码')).toBeTruthy()
    expect(callsOf('volunteers.scan')).toHaveLength(0)
    await act(async () => {
      decoded.text = 'ZY1.a-1.29373020.abcdefghijklmnop'
      await new Promise((r) => setTimeout(r, 400))
    })
    await waitFor(() => expect(callsOf('volunteers.scan')).toEqual([['volunteers.scan', { code: 'ZY1.a-1.29373020.abcdefghijklmnop', location: HERE, activityId: 'a-1' }]]))
    expect(stop).toHaveBeenCalled()
    expect(container.querySelector('.camera-scan')).toBeNull()
  })

  test('camera permission refused: a Chinese message, and the six digits still check in', async () => {
    as(volunteer, { 'volunteers.activity': () => ({ ok: true, data: onNow() }), 'volunteers.scan': () => ({ ok: true, data: checkedIn }) })
    const getUserMedia = jest.fn().mockRejectedValue(Object.assign(new Error('denied'), { name: 'NotAllowedError' }))
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true })
    const { container } = inStore(<ActivityDetailPage />)
    await screen.findByText('到现场后签到')
    await click(container.querySelector('.checkin-camera'))
    expect(await screen.findByText('没有获得摄像头权限。请在浏览器设置中允许本网页使用摄像头后再扫码，请在下面输入二维码下方的 6 位数字签到码')).toBeTruthy()
    expect(callsOf('volunteers.scan')).toHaveLength(0)
    await typeInto(container, '.input-checkin-code', '407251')
    await click(container.querySelector('.checkin-submit'))
    await waitFor(() => expect(callsOf('volunteers.scan')).toEqual([['volunteers.scan', { code: '407251', location: HERE, activityId: 'a-1' }]]))
  })

  test('a browser without a camera API says so at once; the reasons for other failures', async () => {
    as(volunteer, { 'volunteers.activity': () => ({ ok: true, data: onNow() }) })
    const { container } = inStore(<ActivityDetailPage />)
    await screen.findByText('到现场后签到')
    expect(screen.getByText('不能扫码时，输入组织者手机上二维码下方的 6 位数字（或整串字符）')).toBeTruthy()
    await click(container.querySelector('.checkin-camera'))
    expect(await screen.findByText('这个浏览器不能用摄像头扫码，请在下面输入二维码下方的 6 位数字签到码')).toBeTruthy()
    await click(screen.getByText('知道了'))
    expect(container.querySelector('.camera-scan')).toBeNull()
    expect(cameraProblem({ name: 'NotFoundError' }, '请输入数字')).toBe('没有找到可用的摄像头，请输入数字')
    expect(cameraProblem({ name: 'NotReadableError' }, '请输入数字')).toBe('摄像头正被其他应用占用，请关闭其他应用后再试，请输入数字')
    expect(cameraProblem(new Error('x'), '请输入数字')).toBe('没能打开摄像头，请输入数字')
  })
})
