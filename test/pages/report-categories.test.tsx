import { screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { CategoryItem, InputOf, MyProfile } from '@/contract'
import { AdminEntries } from '@/components/me-sections'
import CategoriesPage from '@/packages/reports/pages/categories/index'
import { MAX_CATEGORIES, newCategoryCode } from '@/packages/reports/category-editor'
import { ROUTES } from '@/services/routes'
import { org, profile } from './support/fixtures'
import { callMock, callsOf, serve, typeInto, type Replies } from './support/serve'
import { inStore, click } from './support/render'

jest.mock('@/services/call', () => ({ call: jest.fn() }))

const taro = Taro as unknown as { navigateTo: jest.Mock; showToast: jest.Mock }

const townAdmin = profile({ id: 'user-town', name: '王主任', roles: ['resident', 'town_admin'], grants: [{ role: 'town_admin', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }] })
const villageAdmin = profile({
  id: 'user-va',
  name: '赵书记',
  roles: ['resident', 'village_admin'],
  grants: [{ role: 'village_admin', villageId: 'v-dongshan', grantedAt: '2026-10-01T00:00:00.000Z', grantedBy: 'seed' }]
})

const current: CategoryItem[] = [
  { code: 'litter', name: '乱扔垃圾/暴露垃圾', enabled: true },
  { code: 'spitting', name: '随地吐痰', enabled: true },
  { code: 'toilet', name: '公厕不洁', enabled: false }
]

/** The contract's categoryCode pattern. */
const CODE = /^[a-z][a-z0-9_]{0,31}$/

/** The revision the page loads the list at. */
const REV = 7

function as(person: MyProfile, replies: Replies = {}, items: CategoryItem[] = current) {
  serve({
    'users.me': () => ({ ok: true, data: person }),
    'org.overview': () => ({ ok: true, data: org }),
    'reports.categories': () => ({ ok: true, data: { items, rev: REV } }),
    'reports.saveCategories': (input) => {
      const { items: saved, rev } = input as InputOf<'reports.saveCategories'>
      return { ok: true, data: { items: saved, rev: rev + 1 } }
    },
    ...replies
  })
}

const cards = (container: HTMLElement) => Array.from(container.querySelectorAll('.category-card')) as HTMLElement[]
const card = (container: HTMLElement, code: string) => container.querySelector(`.category-card[data-code="${code}"]`) as HTMLElement
const codesOnScreen = (container: HTMLElement) => cards(container).map((node) => node.getAttribute('data-code'))

async function namesOnScreen(container: HTMLElement): Promise<string[]> {
  return waitFor(() =>
    cards(container).map((node) => {
      const input = node.querySelector('.category-name input') as HTMLInputElement | null
      if (!input) throw new Error('inputs not there yet')
      return input.value
    })
  )
}

const saveButton = () => screen.getByText('保存全部类别')

beforeEach(() => {
  callMock.mockReset()
  jest.clearAllMocks()
})

describe('问题类别 (town office)', () => {
  test('lists the categories in order with their names, switches and what 停用 means', async () => {
    as(townAdmin)
    const { container } = inStore(<CategoriesPage />)
    await screen.findByText('保存全部类别')
    expect(container.querySelector('.page-report-categories')).toBeTruthy()
    expect(codesOnScreen(container)).toEqual(['litter', 'spitting', 'toilet'])
    expect(await namesOnScreen(container)).toEqual(['乱扔垃圾/暴露垃圾', '随地吐痰', '公厕不洁'])
    expect(within(card(container, 'litter')).getByText('启用')).toBeTruthy()
    expect(within(card(container, 'toilet')).getByText('已停用')).toBeTruthy()
    expect(screen.getByText(/随手拍和督导上报里不再出现这个类别/)).toBeTruthy()
    expect(screen.getByText(/已经上报的问题保留原来的类别/)).toBeTruthy()
    // Saved categories cannot be removed (old reports keep their codes); the first cannot move up.
    expect(container.querySelector('.category-remove')).toBeNull()
    await click(within(card(container, 'litter')).getByText('上移'))
    await click(within(card(container, 'toilet')).getByText('下移'))
    expect(codesOnScreen(container)).toEqual(['litter', 'spitting', 'toilet'])
  })

  test('an empty name, a repeated name or nothing enabled is refused before sending', async () => {
    as(townAdmin)
    const { container } = inStore(<CategoriesPage />)
    await screen.findByText('保存全部类别')
    await typeInto(container, '[data-code="litter"] .category-name', '  ')
    await typeInto(container, '[data-code="toilet"] .category-name', '随地吐痰')
    await click(saveButton())
    expect(within(card(container, 'litter')).getByText('请填写类别名称')).toBeTruthy()
    expect(within(card(container, 'toilet')).getByText('类别名称不能重复')).toBeTruthy()
    expect(within(card(container, 'spitting')).queryByText('类别名称不能重复')).toBeNull()
    expect(screen.getByText('请按提示修改后再保存')).toBeTruthy()

    await typeInto(container, '[data-code="litter"] .category-name', '乱扔垃圾')
    await typeInto(container, '[data-code="toilet"] .category-name', '公厕不洁')
    await click(card(container, 'litter').querySelector('.category-enabled'))
    await click(card(container, 'spitting').querySelector('.category-enabled'))
    await click(saveButton())
    expect(await screen.findByText('至少启用一个类别')).toBeTruthy()
    expect(callsOf('reports.saveCategories')).toHaveLength(0)
  })

  test('rename, disable, reorder and add: the whole list is saved in the new order', async () => {
    as(townAdmin)
    const { container } = inStore(<CategoriesPage />)
    await screen.findByText('保存全部类别')
    await typeInto(container, '[data-code="litter"] .category-name', ' 乱扔垃圾 ')
    await click(card(container, 'spitting').querySelector('.category-enabled'))
    await click(card(container, 'toilet').querySelector('.category-enabled'))
    await click(within(card(container, 'toilet')).getByText('上移'))
    expect(codesOnScreen(container)).toEqual(['litter', 'toilet', 'spitting'])

    await click(screen.getByText('添加类别'))
    const added = codesOnScreen(container)[3] as string
    expect(added).toMatch(CODE)
    expect(['litter', 'spitting', 'toilet']).not.toContain(added)
    expect(within(card(container, added)).getByText('新增，未保存')).toBeTruthy()
    // A new one with no name is refused like any other.
    await click(saveButton())
    expect(within(card(container, added)).getByText('请填写类别名称')).toBeTruthy()
    expect(callsOf('reports.saveCategories')).toHaveLength(0)

    await typeInto(container, `[data-code="${added}"] .category-name`, '高空抛物')
    await click(within(card(container, added)).getByText('上移'))
    await click(saveButton())
    await waitFor(() => expect(callsOf('reports.saveCategories')).toHaveLength(1))
    expect(callsOf('reports.saveCategories')[0]).toEqual([
      'reports.saveCategories',
      {
        items: [
          { code: 'litter', name: '乱扔垃圾', enabled: true },
          { code: 'toilet', name: '公厕不洁', enabled: true },
          { code: added, name: '高空抛物', enabled: true },
          { code: 'spitting', name: '随地吐痰', enabled: false }
        ],
        rev: REV
      }
    ])
    expect(await screen.findByText(/^已保存。随手拍和督导上报的类别选择已/)).toBeTruthy()
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }))
    // Saved: the new one is an ordinary category now, no longer removable.
    expect(within(card(container, added)).queryByText('新增，未保存')).toBeNull()
    expect(container.querySelector('.category-remove')).toBeNull()

    // the next save is over the revision this one made
    await typeInto(container, '[data-code="litter"] .category-name', '乱扔垃圾杂物')
    await click(saveButton())
    await waitFor(() => expect(callsOf('reports.saveCategories')).toHaveLength(2))
    expect(callsOf('reports.saveCategories')[1][1]).toMatchObject({ rev: REV + 1 })
  })

  test('someone else saved meanwhile: told the edits were not saved, kept on screen until they reload', async () => {
    const theirs: CategoryItem[] = [
      { code: 'litter', name: '乱扔垃圾', enabled: true },
      { code: 'spitting', name: '随地吐痰', enabled: false },
      { code: 'toilet', name: '公厕不洁', enabled: true },
      { code: 'custom_x1', name: '高空抛物', enabled: true }
    ]
    let loads = 0
    as(townAdmin, {
      'reports.categories': () => (++loads === 1 ? { ok: true, data: { items: current, rev: REV } } : { ok: true, data: { items: theirs, rev: REV + 1 } }),
      'reports.saveCategories': (input) => {
        const { items, rev } = input as InputOf<'reports.saveCategories'>
        return rev === REV + 1 ? { ok: true, data: { items, rev: rev + 1 } } : { ok: false, code: 'CONFLICT', message: '类别刚被他人修改，请刷新后再改' }
      }
    })
    const { container } = inStore(<CategoriesPage />)
    await screen.findByText('保存全部类别')
    await typeInto(container, '[data-code="spitting"] .category-name', '随地吐痰、便溺')
    await click(within(card(container, 'toilet')).getByText('上移'))
    await click(saveButton())

    expect(await screen.findByText(/^类别刚被他人修改，请刷新后再改。您这次的修改没有保存/)).toBeTruthy()
    expect(callsOf('reports.saveCategories')).toEqual([['reports.saveCategories', expect.objectContaining({ rev: REV })]])
    // nothing silently replaced: the edits are still there, not marked saved, and saving again is not offered
    expect(codesOnScreen(container)).toEqual(['litter', 'toilet', 'spitting'])
    expect(await namesOnScreen(container)).toEqual(['乱扔垃圾/暴露垃圾', '公厕不洁', '随地吐痰、便溺'])
    expect(container.querySelector('.categories-saved')).toBeNull()
    expect(taro.showToast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }))
    expect(screen.queryByText('保存全部类别')).toBeNull()
    expect(loads).toBe(1)

    // reloading, when asked, shows the list as the other person saved it, at its new revision
    await click(screen.getByText('放弃我的修改，载入最新类别'))
    await waitFor(() => expect(codesOnScreen(container)).toEqual(['litter', 'spitting', 'toilet', 'custom_x1']))
    expect(await namesOnScreen(container)).toEqual(['乱扔垃圾', '随地吐痰', '公厕不洁', '高空抛物'])
    expect(screen.queryByText(/您这次的修改没有保存/)).toBeNull()

    await typeInto(container, '[data-code="spitting"] .category-name', '随地吐痰、便溺')
    await click(saveButton())
    expect(await screen.findByText(/^已保存。/)).toBeTruthy()
    expect(callsOf('reports.saveCategories')[1][1]).toMatchObject({ rev: REV + 1 })
  })

  test('a failed reload after a conflict keeps the edits and says why', async () => {
    let loads = 0
    as(townAdmin, {
      'reports.categories': () => (++loads === 1 ? { ok: true, data: { items: current, rev: REV } } : { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' }),
      'reports.saveCategories': () => ({ ok: false, code: 'CONFLICT', message: '类别刚被他人修改，请刷新后再改' })
    })
    const { container } = inStore(<CategoriesPage />)
    await screen.findByText('保存全部类别')
    await typeInto(container, '[data-code="litter"] .category-name', '乱扔垃圾')
    await click(saveButton())
    await click(await screen.findByText('放弃我的修改，载入最新类别'))
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
    expect(screen.getByText(/您这次的修改没有保存/)).toBeTruthy()
    expect((await namesOnScreen(container))[0]).toBe('乱扔垃圾')
  })

  test('an unsaved new category can be removed again', async () => {
    as(townAdmin)
    const { container } = inStore(<CategoriesPage />)
    await screen.findByText('保存全部类别')
    await click(screen.getByText('添加类别'))
    expect(cards(container)).toHaveLength(4)
    await click(within(cards(container)[3]).getByText('删除'))
    expect(codesOnScreen(container)).toEqual(['litter', 'spitting', 'toilet'])
  })

  test("the server's refusal is shown and the edits are kept", async () => {
    as(townAdmin, { 'reports.saveCategories': () => ({ ok: false, code: 'INVALID_INPUT', message: '类别代码不能重复' }) })
    const { container } = inStore(<CategoriesPage />)
    await screen.findByText('保存全部类别')
    await typeInto(container, '[data-code="spitting"] .category-name', '随地吐痰、便溺')
    await click(within(card(container, 'spitting')).getByText('下移'))
    await click(saveButton())
    expect(await screen.findByText('类别代码不能重复')).toBeTruthy()
    expect(callsOf('reports.saveCategories')).toHaveLength(1)
    expect(codesOnScreen(container)).toEqual(['litter', 'toilet', 'spitting'])
    expect(await namesOnScreen(container)).toEqual(['乱扔垃圾/暴露垃圾', '公厕不洁', '随地吐痰、便溺'])
    expect(container.querySelector('.categories-saved')).toBeNull()
  })

  test(`no more than ${MAX_CATEGORIES}: 添加类别 is disabled at the limit`, async () => {
    const many = Array.from({ length: MAX_CATEGORIES }, (_, index) => ({ code: `c${index}`, name: `类别${index}`, enabled: true }))
    as(townAdmin, {}, many)
    const { container } = inStore(<CategoriesPage />)
    const full = await screen.findByText(`最多 ${MAX_CATEGORIES} 个类别`)
    await click(full)
    expect(cards(container)).toHaveLength(MAX_CATEGORIES)
  })

  test('new codes fit the contract and never repeat one in use', () => {
    const taken = new Set<string>()
    for (let i = 0; i < 50; i++) {
      const code = newCategoryCode(taken, 1_800_000_000_000)
      expect(code).toMatch(CODE)
      expect(taken.has(code)).toBe(false)
      taken.add(code)
    }
  })
})

describe('问题类别 (others)', () => {
  test('a village admin reads the list, disabled ones marked, without an editor', async () => {
    as(villageAdmin)
    const { container } = inStore(<CategoriesPage />)
    expect(await screen.findByText('随地吐痰')).toBeTruthy()
    const lines = Array.from(container.querySelectorAll('.category-line')).map((node) => node.textContent)
    expect(lines).toEqual(['1乱扔垃圾/暴露垃圾', '2随地吐痰', '3公厕不洁已停用'])
    expect(screen.queryByText('保存全部类别')).toBeNull()
    expect(container.querySelector('.category-name')).toBeNull()
  })

  test('a failed load offers 重试', async () => {
    let loads = 0
    as(townAdmin, { 'reports.categories': () => (++loads === 1 ? { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } : { ok: true, data: { items: current, rev: REV } }) })
    const { container } = inStore(<CategoriesPage />)
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
    await click(screen.getByText('重试'))
    await screen.findByText('保存全部类别')
    expect(codesOnScreen(container)).toEqual(['litter', 'spitting', 'toilet'])
  })
})

describe('我的 → 管理 → 问题类别', () => {
  test('the town office has the entry and it opens the page', async () => {
    as(townAdmin)
    inStore(<AdminEntries />)
    await click(await screen.findByText('问题类别'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.categories })
  })

  test('a village admin has no such entry', async () => {
    as(villageAdmin)
    inStore(<AdminEntries />)
    expect(await screen.findByText('问题台账')).toBeTruthy()
    expect(screen.queryByText('问题类别')).toBeNull()
  })
})
