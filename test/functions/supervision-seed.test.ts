/** The demo town's 督导巡查 (npm start): written through the function's own handlers and job, its counts agree with its patrols. */
import { localCloud } from '../../local-cloud'
import { seedDemoSupervision } from '../../local-server/seed-supervision'
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
