import { render, screen, waitFor } from '@testing-library/react'
import { AppStoreProvider } from '@/store/app-store'
import CertificatePage from '@/packages/volunteers/pages/certificate/index'
import { CERTIFICATE_ROWS, drawCertificate, layoutCertificate } from '@/services/certificate-drawing'
import { certificate, org, profile } from './support/fixtures'
import { fakeCanvas, textWidth } from './support/fake-canvas'
import { callMock, serve } from './support/serve'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

describe('certificate drawing (one module for WeChat and the browser)', () => {
  test('draws the title, number, name with the masked ID, total hours, activities, issuer and date in Chinese', () => {
    const { canvas, calls, texts } = fakeCanvas()
    const layout = drawCertificate(canvas, certificate(), 2)
    // Sized for the content at twice the pixels, scaled once before drawing.
    expect(canvas.width).toBe(1500)
    expect(canvas.height).toBe(layout.height * 2)
    expect(calls[0]).toMatchObject({ name: 'scale', args: [2, 2] })
    // Paper first, then the red frame.
    expect(calls[1]).toMatchObject({ name: 'fillRect', args: [0, 0, 750, layout.height] })
    expect(calls.filter((call) => call.name === 'strokeRect').length).toBeGreaterThanOrEqual(2)

    const drawn = texts()
    expect(drawn[0]).toBe('志 愿 服 务 证 明')
    expect(drawn).toContain('编号：ZYFW-2026-0007')
    const body = drawn.join('')
    expect(body).toContain('兹证明 张秀兰（身份证号：110105********002X）')
    expect(drawn).toContain('主要服务记录（时长单位：小时）')
    expect(body).toContain('累计志愿服务时长 12.5 小时')
    expect(body).toContain('3 次')
    // A name wider than its column takes two lines.
    for (const title of ['清洁家园·村道垃圾清理', '文明交通劝导', '敬老院陪护']) expect(body).toContain(title)
    expect(drawn).toEqual(expect.arrayContaining(['2026.11.08', '3.5', '7', '序号', '活动名称', '日期', '时长']))
    expect(drawn).toContain('特此证明。')
    expect(drawn).toContain('西岗镇文明创建办公室')
    expect(drawn).toContain('2026年11月21日')
    // The issuer and the date sit at the right margin, right-aligned.
    const issuer = calls.find((call) => call.name === 'fillText' && call.args[0] === '西岗镇文明创建办公室')
    expect(issuer).toMatchObject({ textAlign: 'right', args: ['西岗镇文明创建办公室', 674, expect.any(Number)] })
    // Every line of the body fits inside the frame.
    for (const call of calls.filter((item) => item.name === 'fillText' && item.textAlign === 'left')) {
      expect((call.args[1] as number) + textWidth(call.args[0] as string, call.font ?? '')).toBeLessThanOrEqual(750 - 76 + 1)
    }
    // The ID number is never broken across lines.
    expect(drawn.some((line) => line.includes('110105********002X'))).toBe(true)
  })

  test(`lists the first ${CERTIFICATE_ROWS} activities, sums the rest, and shortens long names`, () => {
    const many = Array.from({ length: CERTIFICATE_ROWS + 2 }, (_, index) => ({ title: `活动${index + 1}`, date: `2026-10-${String(index + 10)}`, hours: 1.5 }))
    many[0] = { title: '非常非常非常非常非常非常非常非常长的一个志愿服务活动名称，两行也放不下，第二行末尾会被截断', date: '2026-10-01', hours: 2 }
    const { canvas, texts } = fakeCanvas()
    drawCertificate(canvas, certificate({ activities: many, totalHours: 15.5 }), 2)
    const drawn = texts()
    expect(drawn).toContain(`活动${CERTIFICATE_ROWS}`)
    expect(drawn).not.toContain(`活动${CERTIFICATE_ROWS + 1}`)
    expect(drawn).toContain('另有 2 次活动，共 3 小时，详见服务时长记录。')
    // A long name takes two lines, the second cut with ….
    const first = drawn.findIndex((text) => text.startsWith('非常'))
    expect(first).toBeGreaterThan(0)
    expect(drawn[first + 1]).toMatch(/…$/)
    expect((drawn[first] + drawn[first + 1]).length).toBeLessThan(many[0].title.length + 1)
  })

  test('a certificate without activities still reads as one sentence and grows no table', () => {
    const measure = (text: string) => Array.from(text).length * 30
    const layout = layoutCertificate(certificate({ activities: [], totalHours: 0 }), measure)
    const drawn = layout.ops.flatMap((op) => (op.kind === 'text' ? [op.text] : []))
    expect(drawn).not.toContain('序号')
    expect(drawn.join('')).toContain('累计志愿服务时长 0 小时')
  })
})

describe('certificate page (browser build)', () => {
  const original = { getContext: HTMLCanvasElement.prototype.getContext, toDataURL: HTMLCanvasElement.prototype.toDataURL }
  afterEach(() => {
    HTMLCanvasElement.prototype.getContext = original.getContext
    HTMLCanvasElement.prototype.toDataURL = original.toDataURL
  })

  test('draws on an HTML canvas and shows it as an image with 保存图片', async () => {
    const fake = fakeCanvas()
    HTMLCanvasElement.prototype.getContext = jest.fn(() => fake.canvas.getContext('2d')) as unknown as typeof HTMLCanvasElement.prototype.getContext
    HTMLCanvasElement.prototype.toDataURL = jest.fn(() => 'data:image/png;base64,AAAA')
    serve({
      'users.me': () => ({ ok: true, data: profile({ roles: ['resident', 'volunteer'], grants: [] }) }),
      'org.overview': () => ({ ok: true, data: org }),
      'volunteers.certificate': () => ({ ok: true, data: certificate() })
    })
    const { container } = render(
      <AppStoreProvider>
        <CertificatePage />
      </AppStoreProvider>
    )
    await waitFor(() => expect(container.querySelector('.page-certificate img.certificate-image')).toBeTruthy())
    const img = container.querySelector('img.certificate-image') as HTMLImageElement
    expect(img.getAttribute('src')).toBe('data:image/png;base64,AAAA')
    const save = screen.getByText('保存图片') as HTMLAnchorElement
    expect(save.getAttribute('href')).toBe('data:image/png;base64,AAAA')
    expect(save.getAttribute('download')).toBe('志愿服务证明-ZYFW-2026-0007.png')
    expect(fake.texts()).toContain('西岗镇文明创建办公室')
    expect(screen.getByText(/张秀兰 · 累计 12.5 小时 · 3 次活动/)).toBeTruthy()
    expect(callMock.mock.calls.filter(([name]) => name === 'volunteers.certificate')).toHaveLength(1)
  })

  test('the server refusing (no hours yet) is shown with 重试', async () => {
    serve({
      'users.me': () => ({ ok: true, data: profile({ roles: ['resident', 'volunteer'], grants: [] }) }),
      'volunteers.certificate': () => ({ ok: false, code: 'CONFLICT', message: '还没有计入的服务时长，暂不能开具证明' })
    })
    render(
      <AppStoreProvider>
        <CertificatePage />
      </AppStoreProvider>
    )
    expect(await screen.findByText('还没有计入的服务时长，暂不能开具证明')).toBeTruthy()
    expect(screen.getByText('重试')).toBeTruthy()
  })
})
