/** The other steps of the loop: reject, duplicate, category, 退单 and re-dispatch, rework; their input rules. */
import { localCloud } from '../../local-cloud'
import { demoPng, seedReportId } from '../../local-server/seed-reports'
import { callAs, dumpAll, freshTown, givenReports, ok, upload } from '../helpers/town'
import { chinaDay, photo } from '../helpers/reports'

const id = seedReportId

async function refused(who: string, action: Parameters<typeof callAs>[1], input: unknown, code: string, message?: string) {
  const before = dumpAll()
  const { res } = await callAs(who, action, input)
  expect(res).toMatchObject({ ok: false, code, ...(message ? { message } : {}) })
  expect(dumpAll()).toEqual(before)
}

describe('steps', () => {
  beforeEach(() => freshTown())

  test('reject, mark duplicate and change category', async () => {
    const rejected = await ok('grid-dongshan-1', 'reports.reject', { reportId: id('ds-submitted'), reason: '不属于文明创建范围' })
    expect(rejected).toMatchObject({ status: 'rejected', dueAt: null })
    expect(rejected.timeline.at(-1)).toMatchObject({ action: 'reject', note: '不属于文明创建范围', actor: '王海涛', actorRole: 'grid_worker' })

    await refused('grid-dongshan-1', 'reports.markDuplicate', { reportId: id('ds-submitted-2'), originalId: id('ds-submitted-2') }, 'INVALID_INPUT')
    await refused('grid-dongshan-1', 'reports.markDuplicate', { reportId: id('ds-submitted-2'), originalId: id('ds-submitted') }, 'INVALID_INPUT') // rejected original
    const dup = await ok('grid-dongshan-1', 'reports.markDuplicate', { reportId: id('ds-submitted-2'), originalId: id('ds-accepted') })
    expect(dup).toMatchObject({ status: 'duplicate', duplicateOf: id('ds-accepted') })

    await refused('village-admin-xigang', 'reports.changeCategory', { reportId: id('xg-submitted'), category: 'parking' }, 'INVALID_INPUT', '问题类别没有变化')
    const changed = await ok('village-admin-xigang', 'reports.changeCategory', { reportId: id('xg-submitted'), category: 'fire_lane' })
    expect(changed).toMatchObject({ status: 'submitted', category: 'fire_lane', categoryName: '占用消防通道/无障碍设施' })
    expect(changed.timeline.at(-1)?.note).toBe('车辆乱停乱放 → 占用消防通道/无障碍设施')
    expect((await ok('village-admin-xigang', 'reports.queue', { category: 'fire_lane' })).items.map((r) => r.id)).toEqual([id('xg-submitted')])
  })

  test('退单 goes back to the dispatcher; a re-dispatch moves the problem to the new unit', async () => {
    const returned = await ok('unit-zhifa', 'reports.return', { reportId: id('ds-dispatched'), reason: '消防通道堆物应由镇城管办处理' })
    expect(returned.status).toBe('returned')
    expect(returned.allowed).toEqual([])
    const again = await ok('village-admin-dongshan', 'reports.dispatch', { reportId: id('ds-dispatched'), unitId: 'unit_2', rectifyDeadline: chinaDay(5) })
    expect(again).toMatchObject({ status: 'dispatched', unitName: '镇城管办' })
    expect(again.letters.filter((l) => l.kind === 'notice').map((l) => l.to)).toEqual(['镇综合行政执法中队', '镇城管办'])
    await refused('unit-zhifa', 'reports.get', { reportId: id('ds-dispatched') }, 'FORBIDDEN')
    expect((await ok('unit-chengguan', 'reports.sign', { reportId: id('ds-dispatched') })).status).toBe('signed')
  })

  test('input rules of dispatch, answer, rectify and verify', async () => {
    await refused('village-admin-dongshan', 'reports.dispatch', { reportId: id('ds-accepted'), unitId: 'unit_1', rectifyDeadline: chinaDay(-1) }, 'INVALID_INPUT', '整改期限不能早于今天')
    await refused('village-admin-dongshan', 'reports.dispatch', { reportId: id('ds-accepted'), unitId: 'unit_nope', rectifyDeadline: chinaDay(3) }, 'INVALID_INPUT')
    const deadline = (localCloud.engine.get('reports', id('ds-signed')) as { rectifyDeadline: string }).rectifyDeadline
    const late = new Date(Date.parse(`${deadline}T00:00:00+08:00`) + 2 * 86400e3 + 8 * 3600e3).toISOString().slice(0, 10)
    await refused('unit-zhifa', 'reports.answer', { reportId: id('ds-signed'), measures: '安排队员劝离摊贩', plannedDate: late }, 'INVALID_INPUT')
    await refused('unit-zhifa', 'reports.answer', { reportId: id('ds-signed'), measures: '安排队员劝离摊贩，顺便赌博', plannedDate: chinaDay(1) }, 'INVALID_INPUT', '内容含有不当信息，请修改后再提交')
    const risky = await upload('uploads/after-risky.png', Buffer.concat([demoPng([5, 5, 5]), Buffer.from('risky')]))
    await refused('unit-zhifa', 'reports.rectify', { reportId: id('ds-answered'), photos: [risky], note: '已拆除' }, 'INVALID_INPUT', '图片含有不当内容，请更换后再提交')
    await refused('grid-dongshan-1', 'reports.verify', { reportId: id('ds-rectified'), pass: false }, 'INVALID_INPUT', '请填写不通过的理由')
    const rework = await ok('grid-dongshan-1', 'reports.verify', { reportId: id('ds-rectified'), pass: false, reason: '河边仍有垃圾' })
    expect(rework).toMatchObject({ status: 'answered', closedAt: null })
    expect(rework.timeline.at(-1)).toMatchObject({ action: 'verifyFail', from: 'rectified', to: 'answered', note: '河边仍有垃圾' })
    const done = await ok('unit-zhifa', 'reports.rectify', { reportId: id('ds-rectified'), photos: [await photo()], note: '已彻底清理' })
    expect(done.status).toBe('rectified')
  })

  test('reopen only within 30 days of closing', async () => {
    const [old] = await givenReports([
      {
        key: 'closed-long-ago',
        reporter: 'resident-1',
        village: 0,
        grid: 0,
        category: 'litter',
        description: '垃圾桶满了',
        address: '东山村一组',
        hoursAgo: 24 * 45,
        steps: [
          { after: 1, by: 'grid-dongshan-1', action: 'accept' },
          { after: 1, by: 'town-admin', action: 'dispatch', unit: 0, deadlineDays: 3 },
          { after: 1, by: 'unit-zhifa', action: 'sign' },
          { after: 1, by: 'unit-zhifa', action: 'answer', measures: '当天清运', plannedInDays: 1 },
          { after: 5, by: 'unit-zhifa', action: 'rectify', note: '已清运' },
          { after: 5, by: 'grid-dongshan-1', action: 'verifyPass' }
        ]
      }
    ])
    await refused('resident-1', 'reports.reopen', { reportId: old, reason: '又满了，请再处理' }, 'CONFLICT', '销号已超过 30 天，不能再申请重新处理')
    await refused('resident-2', 'reports.reopen', { reportId: id('ds-closed'), reason: '又坏了，请再处理' }, 'FORBIDDEN')
    expect((await ok('resident-1', 'reports.reopen', { reportId: id('ds-closed'), reason: '又坏了，请再处理' })).status).toBe('accepted')
  })
})
