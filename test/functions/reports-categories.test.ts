/**
 * 问题类别: reports.categories gives the list with its revision; reports.saveCategories replaces the
 * whole list only over the revision it was edited from, so two town office staff editing at once do
 * not silently overwrite each other (the later save is refused with CONFLICT and writes nothing).
 */
import { DEFAULT_REPORT_CATEGORIES, type CategoryItem } from '../../src/contract'
import { localCloud } from '../../local-cloud'
import { callAs, dumpAll, freshTown, ok } from '../helpers/town'

const CONFLICT = { ok: false, code: 'CONFLICT', message: '类别刚被他人修改，请刷新后再改' }

const mine: CategoryItem[] = [
  { code: 'litter', name: '乱扔垃圾', enabled: true },
  { code: 'spitting', name: '随地吐痰', enabled: false },
  { code: 'other', name: '其他', enabled: true }
]
const theirs: CategoryItem[] = [
  { code: 'litter', name: '乱扔垃圾/暴露垃圾', enabled: true },
  { code: 'other', name: '其他问题', enabled: true }
]

const stored = () => localCloud.engine.get('report_settings', 'categories') as { items: CategoryItem[]; rev?: number } | null
const audits = () => localCloud.engine.all('audit_log').filter((a) => a.action === 'saveCategories')

describe('reports.categories / reports.saveCategories', () => {
  beforeEach(() => freshTown())

  test('never saved: the defaults at revision 0; each save replaces the whole list and adds 1', async () => {
    expect(stored()).toBeNull()
    expect(await ok('resident-1', 'reports.categories', {})).toEqual({ items: DEFAULT_REPORT_CATEGORIES.map((c) => ({ ...c, enabled: true })), rev: 0 })

    expect(await ok('town-admin', 'reports.saveCategories', { items: mine, rev: 0 })).toEqual({ items: mine, rev: 1 })
    expect(await ok('resident-1', 'reports.categories', {})).toEqual({ items: mine, rev: 1 })
    expect(await ok('town-admin-2', 'reports.saveCategories', { items: theirs, rev: 1 })).toEqual({ items: theirs, rev: 2 })
    // a shorter list replaces the longer one (no item of the old one left behind)
    expect(await ok('grid-dongshan-1', 'reports.categories', {})).toEqual({ items: theirs, rev: 2 })
    expect(stored()).toMatchObject({ items: theirs, rev: 2 })
    expect(audits()).toHaveLength(2)
  })

  test('a save over a revision someone else already saved over is refused and writes nothing', async () => {
    await ok('town-admin', 'reports.saveCategories', { items: mine, rev: 0 })
    // both office staff open the editor at revision 1; the first saves
    const loaded = await ok('town-admin', 'reports.categories', {})
    const alsoLoaded = await ok('town-admin-2', 'reports.categories', {})
    expect([loaded.rev, alsoLoaded.rev]).toEqual([1, 1])
    await ok('town-admin-2', 'reports.saveCategories', { items: theirs, rev: alsoLoaded.rev })

    const before = dumpAll()
    expect((await callAs('town-admin', 'reports.saveCategories', { items: mine, rev: loaded.rev })).res).toEqual(CONFLICT)
    // a revision from the future is as stale as one from the past
    expect((await callAs('town-admin', 'reports.saveCategories', { items: mine, rev: 9 })).res).toEqual(CONFLICT)
    expect(dumpAll()).toEqual(before)
    expect(await ok('resident-1', 'reports.categories', {})).toEqual({ items: theirs, rev: 2 })
  })

  test('the first save ever: of two from revision 0, the insert of the second fails on the id and it is refused', async () => {
    await ok('town-admin', 'reports.saveCategories', { items: mine, rev: 0 })
    const before = dumpAll()
    expect((await callAs('town-admin-2', 'reports.saveCategories', { items: theirs, rev: 0 })).res).toEqual(CONFLICT)
    expect(dumpAll()).toEqual(before)
    expect(stored()).toMatchObject({ items: mine, rev: 1 })
  })

  test.each([
    ['the first save', 0],
    ['a later save', 1]
  ])('%s, sent twice at once from the same revision: exactly one wins, the stored list is the winner’s', async (_case, rev) => {
    if (rev > 0) await ok('town-admin', 'reports.saveCategories', { items: DEFAULT_REPORT_CATEGORIES.map((c) => ({ ...c, enabled: true })), rev: 0 })
    const results = await Promise.all([callAs('town-admin', 'reports.saveCategories', { items: mine, rev }), callAs('town-admin-2', 'reports.saveCategories', { items: theirs, rev })])
    const won = results.filter((r) => r.res.ok)
    expect(won).toHaveLength(1)
    expect(results.filter((r) => !r.res.ok).map((r) => r.res)).toEqual([CONFLICT])
    const winner = won[0].res.ok ? won[0].res.data : null
    expect(winner?.rev).toBe(rev + 1)
    expect(stored()).toMatchObject({ items: winner?.items, rev: rev + 1 })
    expect(audits()).toHaveLength(rev + 1)
  })

  test('a list saved before revisions were kept reads as revision 0 and is saved over once', async () => {
    localCloud.engine.insert('report_settings', { _id: 'categories', items: theirs, updatedAt: new Date('2026-10-01T00:00:00Z'), updatedBy: 'u_old' })
    expect(await ok('resident-1', 'reports.categories', {})).toEqual({ items: theirs, rev: 0 })
    expect(await ok('town-admin', 'reports.saveCategories', { items: mine, rev: 0 })).toEqual({ items: mine, rev: 1 })
    const before = dumpAll()
    expect((await callAs('town-admin-2', 'reports.saveCategories', { items: theirs, rev: 0 })).res).toEqual(CONFLICT)
    expect(dumpAll()).toEqual(before)
  })

  test('the revision is required, a whole number from 0', async () => {
    const before = dumpAll()
    for (const rev of [undefined, -1, 1.5, '1']) {
      expect((await callAs('town-admin', 'reports.saveCategories', { items: mine, rev })).res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    }
    expect(dumpAll()).toEqual(before)
  })
})
