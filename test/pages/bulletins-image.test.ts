import { BULLETIN_IMAGE_ROWS, BULLETIN_IMAGE_WIDTH, drawBulletinImage, layoutBulletinImage, scoreText, type BulletinImage } from '@/services/bulletin-image'
import { fakeCanvas, textWidth } from './support/fake-canvas'

const image = (over: Partial<BulletinImage> = {}): BulletinImage => ({
  title: '西岗镇第48周通报',
  periodLabel: '2026年11月23日—11月29日',
  flag: { name: '东山村', score: 93.4 },
  flagThreshold: 90,
  groups: [
    {
      label: '村',
      red: [
        { place: 1, name: '东山村', score: 93.4 },
        { place: 2, name: '北岭村', score: 88 },
        { place: 3, name: '南湾村', score: 81.25 }
      ],
      black: [
        { place: 1, name: '西坡村', score: 52 },
        { place: 2, name: '桥头村', score: 60.5 }
      ]
    },
    { label: '责任单位', red: [{ place: 1, name: '镇综合执法队', score: 95 }], black: [] }
  ],
  issuer: '西岗镇文明创建办公室',
  publishedAt: '2026-12-01T02:00:00.000Z',
  ...over
})

describe('bulletin share image (one module for WeChat and the browser)', () => {
  test('draws the title, period, 流动红旗, 红榜 and 黑榜 with scores per group, issuer and China date', () => {
    const { canvas, calls, texts } = fakeCanvas()
    const layout = drawBulletinImage(canvas, image(), 2)
    expect(canvas.width).toBe(BULLETIN_IMAGE_WIDTH * 2)
    expect(canvas.height).toBe(layout.height * 2)
    expect(calls[0]).toMatchObject({ name: 'scale', args: [2, 2] })
    expect(calls[1]).toMatchObject({ name: 'fillRect', args: [0, 0, 750, layout.height] })

    const drawn = texts()
    expect(drawn[0]).toBe('西岗镇第48周通报')
    expect(drawn).toContain('2026年11月23日—11月29日')
    expect(drawn).toContain('流动红旗')
    expect(drawn).toEqual(expect.arrayContaining(['东山村', '93.4 分', '北岭村', '88 分', '南湾村', '81.3 分', '西坡村', '52 分', '桥头村', '60.5 分']))
    expect(drawn.filter((t) => t === '红榜')).toHaveLength(2)
    expect(drawn.filter((t) => t === '黑榜')).toHaveLength(2)
    expect(drawn).toContain('村')
    expect(drawn).toContain('责任单位')
    expect(drawn).toContain('暂无（数据不足或无符合条件者）')
    expect(drawn).toContain('西岗镇文明创建办公室')
    // 02:00 UTC is 10:00 in China on the 1st.
    expect(drawn).toContain('2026年12月1日')
    // The 红榜 comes before the 黑榜 in each group, and the first group before the second.
    expect(drawn.indexOf('红榜')).toBeLessThan(drawn.indexOf('黑榜'))
    expect(drawn.indexOf('西坡村')).toBeLessThan(drawn.indexOf('镇综合执法队'))
    // Scores sit right-aligned at the margin; every left-aligned line fits inside the frame.
    const score = calls.find((c) => c.name === 'fillText' && c.args[0] === '52 分')
    expect(score).toMatchObject({ textAlign: 'right', args: ['52 分', 750 - 64 - 8, expect.any(Number)] })
    for (const c of calls.filter((item) => item.name === 'fillText' && item.textAlign === 'left')) {
      expect((c.args[1] as number) + textWidth(c.args[0] as string, c.font)).toBeLessThanOrEqual(750 - 40)
    }
  })

  test('no holder: the flag is said to be vacant with the threshold; no groups: no ranking', () => {
    const measure = (text: string) => Array.from(text).length * 20
    const drawn = layoutBulletinImage(image({ flag: null, flagThreshold: 92, groups: [] }), measure).ops.flatMap((op) => (op.kind === 'text' ? [op.text] : []))
    expect(drawn).toContain('本期无村（居）达到 92 分，流动红旗空缺')
    expect(drawn).toContain('本期各单位数据不足，不排名次')
    expect(drawn).not.toContain('红榜')
    const unknown = layoutBulletinImage(image({ flag: null, flagThreshold: null }), measure).ops.flatMap((op) => (op.kind === 'text' ? [op.text] : []))
    expect(unknown).toContain('本期无村（居）达到分数线，流动红旗空缺')
  })

  test(`draws at most ${BULLETIN_IMAGE_ROWS} rows per list and shortens a long name; the height follows the content`, () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ place: i + 1, name: `村${i + 1}`, score: 90 - i }))
    many[0] = { place: 1, name: '一个名字非常非常非常非常非常非常非常非常非常长的社区居民委员会', score: 90 }
    const measure = (text: string, f: string) => textWidth(text, f)
    const small = layoutBulletinImage(image({ groups: [{ label: '社区', red: many.slice(0, 1), black: [] }] }), measure)
    const big = layoutBulletinImage(image({ groups: [{ label: '社区', red: many, black: many }] }), measure)
    const drawn = big.ops.flatMap((op) => (op.kind === 'text' ? [op.text] : []))
    expect(drawn).toContain('村3')
    expect(drawn).not.toContain('村4')
    expect(drawn.some((t) => t.startsWith('一个名字') && t.endsWith('…'))).toBe(true)
    expect(big.height).toBeGreaterThan(small.height)
  })

  test('a long title takes two lines, the second cut with … if need be; nothing runs past the frame', () => {
    const measure = (text: string, f: string) => textWidth(text, f)
    const title = '11月23日至11月29日城乡环境综合整治周通报'
    const layout = layoutBulletinImage(image({ title }), measure)
    const titles = layout.ops.flatMap((op) => (op.kind === 'text' && op.color === '#f6d58e' && op.font.includes('44px') ? [op.text] : []))
    expect(titles).toHaveLength(2)
    expect(titles.join('')).toBe(title)
    const longer = layoutBulletinImage(image({ title: title.repeat(3) }), measure)
    const cut = longer.ops.flatMap((op) => (op.kind === 'text' && op.font.includes('44px') ? [op.text] : []))
    expect(cut).toHaveLength(2)
    expect(cut[1]).toMatch(/…$/)
    for (const op of longer.ops) if (op.kind === 'text' && op.align === 'center') expect(textWidth(op.text, op.font)).toBeLessThanOrEqual(750 - 64 * 2)
  })

  test('scores print with at most one decimal', () => {
    expect(scoreText(90)).toBe('90 分')
    expect(scoreText(81.25)).toBe('81.3 分')
  })
})
