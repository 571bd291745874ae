/** The demo town's 督导巡查 (npm start): written through the function's own handlers and job, its counts agree with its patrols. */
import { localCloud } from '../../local-cloud'
import { seedDemoSupervision, seedDemoVisits } from '../../local-server/seed-supervision'
import { clockFrom } from '../helpers/clock'
import { freshTown, ok } from '../helpers/town'

afterEach(() => jest.useRealTimers())

test('three checklists, a month of roster with done and missed patrols, today’s patrols; counts match the patrols', async () => {
  clockFrom('2026-11-18T10:00:00+08:00')
  await freshTown()
  const seeded = await seedDemoSupervision(localCloud)
  expect(seeded.templates).toBe(3)
  expect(await seedDemoSupervision(localCloud)).toEqual({ templates: 0, patrols: 0 })
  const templates = await ok('town-admin', 'supervision.templates', {})
  expect(templates.map((t) => t.name).sort()).toEqual(['公共场所秩序', '社区环境督导', '集镇保洁'].sort())
  expect(templates.find((t) => t.name === '社区环境督导')).toMatchObject({ version: 2 })
  const patrols = localCloud.engine.all('patrols') as Array<{ status: string; late: boolean; villageId: string; findings: number | null; version: number; date: string }>
  expect(patrols).toHaveLength(seeded.patrols)
  expect(patrols.filter((p) => p.status === 'missed')).toHaveLength(2)
  expect(patrols.filter((p) => p.status === 'done')).toHaveLength(12)
  expect(patrols.some((p) => p.status === 'done' && p.version === 1)).toBe(true)
  expect(patrols.some((p) => p.version === 2)).toBe(true)
  const counts = localCloud.engine.all('supervision_counts') as Array<Record<string, number> & { villageId: string }>
  const sum = (f: string) => counts.reduce((s, c) => s + (c[f] ?? 0), 0)
  expect(sum('scheduled')).toBe(patrols.length)
  expect(sum('done')).toBe(12)
  expect(sum('missed')).toBe(2)
  expect(sum('findings')).toBe(patrols.reduce((s, p) => s + (p.findings ?? 0), 0))
  expect(sum('findings')).toBe(7)
  expect(sum('problemsCreated') + sum('problemsLinked')).toBe(7)
  const today = await ok('grid-dongshan-1', 'supervision.mine', { when: 'today' })
  expect(today.items).toHaveLength(1)
  expect((await ok('grid-xigang-1', 'supervision.mine', { when: 'today' })).items[0]).toMatchObject({ templateName: '公共场所秩序', gridName: '西岗第一网格' })
})

test('民情日记: visits in 东山村 and 西岗社区 this month and last, one problem solved on the spot and one filed as 代录', async () => {
  clockFrom('2026-11-18T10:00:00+08:00')
  await freshTown()
  expect(await seedDemoVisits(localCloud)).toBe(5)
  expect(await seedDemoVisits(localCloud)).toBe(0)
  const now = await ok('village-admin-dongshan', 'supervision.visitCoverage', { villageId: 'v_dongshan', year: 2026, month: 11 })
  expect(now).toMatchObject({ households: 4, visited: 2, visits: 2, solvedOnSite: 1, filed: 1 })
  expect(await ok('village-admin-xigang', 'supervision.visitCoverage', { villageId: 'v_xigang', year: 2026, month: 10 })).toMatchObject({ visited: 1, solvedOnSite: 1 })
  const list = await ok('village-admin-dongshan', 'supervision.visits', { villageId: 'v_dongshan', year: 2026, month: 11 })
  const filed = list.items.find((v) => v.filed === 1)
  const detail = await ok('village-admin-dongshan', 'supervision.visit', { visitId: filed?.id as string })
  const report = await ok('village-admin-dongshan', 'reports.get', { reportId: detail.problemList[0].report?.reportId as string })
  expect(report).toMatchObject({ onBehalf: true, visitId: detail.id, villageId: 'v_dongshan' })
})
