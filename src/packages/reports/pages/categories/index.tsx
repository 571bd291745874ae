import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CategoryItem, CategoryList } from '@/contract'
import { FormField, TextInput } from '@/components/form-field'
import { SectionCard } from '@/components/section-card'
import { guardedPage } from '@/components/guard'
import { EmptyState, ErrorState, Skeleton } from '@/components/state-view'
import { Button, Switch } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useCategoryList } from '@/hooks/use-reports'
import { MAX_CATEGORIES, byCode, checkCategories, inputOf, moved, newCategoryCode, rowsOf, type CategoryCheck, type CategoryRow } from '../../category-editor'
import './index.scss'

const NO_ERRORS: CategoryCheck = { fields: {}, message: null }

/** 问题类别: the choices of the 随手拍 and 督导 forms. Everyone signed in may read them; the town office edits them. */
export default guardedPage('report-categories', Categories)

function Categories() {
  const scope = useAdminScope()
  const categories = useCategoryList()
  if (categories.loading && !categories.data) return <Skeleton rows={6} />
  if (categories.error && !categories.data) return <ErrorState message={categories.error} onRetry={() => void categories.reload()} retrying={categories.loading} />
  if (!categories.data) return null
  return (
    <View className='categories'>
      <Text className='wm-muted categories-intro'>居民随手拍、网格员督导上报时，从启用的类别中选一个，按下面的顺序显示。</Text>
      {scope.isTownAdmin ? <CategoriesEditor list={categories.data} onLoaded={(list) => categories.setData(() => list)} /> : <CategoriesList items={categories.data.items} />}
    </View>
  )
}

function CategoriesList({ items }: { items: CategoryItem[] }) {
  if (!items.length) return <EmptyState text='还没有问题类别' />
  return (
    <SectionCard className='categories-list'>
      {items.map((item, index) => (
        <View key={item.code} className={`category-line${item.enabled ? '' : ' category-line--off'}`} data-code={item.code}>
          <Text className='category-order'>{index + 1}</Text>
          <Text className='category-line-name'>{item.name}</Text>
          {item.enabled ? null : <Text className='category-off'>已停用</Text>}
        </View>
      ))}
    </SectionCard>
  )
}

function Rules() {
  return (
    <SectionCard title='说明' className='categories-rules'>
      <Text className='categories-rule'>停用：随手拍和督导上报里不再出现这个类别，处置时也不能把问题改成这个类别。已经上报的问题保留原来的类别，问题处置和台账里仍可按它筛选；以后可以再启用。</Text>
      <Text className='categories-rule'>改名：只用于以后上报的问题；已经上报的问题和已发出的函件仍显示上报时的名称。</Text>
      <Text className='categories-rule'>已保存的类别不能删除，不再使用的请停用。至少要启用一个类别，最多 {MAX_CATEGORIES} 个。</Text>
    </SectionCard>
  )
}

/** The rows being edited and the revision they came from: a save over an older revision is refused (CONFLICT). */
function CategoriesEditor({ list, onLoaded }: { list: CategoryList; onLoaded: (list: CategoryList) => void }) {
  const [rows, setRows] = useState<CategoryRow[]>(() => rowsOf(list.items))
  const [rev, setRev] = useState(list.rev)
  const [errors, setErrors] = useState<CategoryCheck>(NO_ERRORS)
  const [saved, setSaved] = useState(false)
  const saveCategories = useAction('reports.saveCategories')
  const latest = useAction('reports.categories')
  const busy = saveCategories.busy || latest.busy
  /** Someone else saved since this list was loaded: the server's message; the edits stay on screen, unsaved. */
  const [conflict, setConflict] = useState<string | null>(null)

  const loaded = (next: CategoryList) => {
    setRows(rowsOf(next.items))
    setRev(next.rev)
    onLoaded(next)
  }

  const edit = (next: CategoryRow[]) => {
    setSaved(false)
    setRows(next)
  }
  const patch = (code: string, change: Partial<CategoryRow>) => edit(rows.map((row) => (row.code === code ? { ...row, ...change } : row)))
  const full = rows.length >= MAX_CATEGORIES
  const add = () => {
    if (!full) edit([...rows, { code: newCategoryCode(new Set(rows.map((row) => row.code))), name: '', enabled: true, isNew: true }])
  }

  const save = async () => {
    setSaved(false)
    const found = checkCategories(rows)
    setErrors(Object.keys(found.fields).length && !found.message ? { ...found, message: '请按提示修改后再保存' } : found)
    if (found.message || Object.keys(found.fields).length) return
    const res = await saveCategories.run(inputOf(rows, rev))
    if (!res) return
    if (!res.ok && res.code === 'CONFLICT') {
      setErrors(NO_ERRORS)
      return setConflict(res.message)
    }
    if (!res.ok) return setErrors({ ...byCode(rows, res.fields ?? {}, null), message: res.message })
    loaded(res.data)
    setSaved(true)
    void Taro.showToast({ title: '已保存', icon: 'success' })
  }

  /** After a conflict, and only when asked: the list as it now is replaces the unsaved edits. */
  const reload = async () => {
    const res = await latest.run({})
    if (!res) return
    if (!res.ok) return setErrors({ fields: {}, message: res.message })
    loaded(res.data)
    setConflict(null)
    setErrors(NO_ERRORS)
    void Taro.showToast({ title: '已载入最新类别', icon: 'none' })
  }

  return (
    <View className='categories-editor'>
      <Rules />
      {rows.map((row, index) => (
        <CategoryCard
          key={row.code}
          row={row}
          index={index}
          last={index === rows.length - 1}
          error={errors.fields[row.code]}
          disabled={busy}
          onChange={(change) => patch(row.code, change)}
          onMove={(delta) => edit(moved(rows, index, delta))}
          onRemove={() => edit(rows.filter((item) => item.code !== row.code))}
        />
      ))}
      <Button className='categories-add' fill='outline' block disabled={busy || full} onClick={add}>
        {full ? `最多 ${MAX_CATEGORIES} 个类别` : '添加类别'}
      </Button>
      {errors.message ? <Text className='wm-error-text categories-message'>{errors.message}</Text> : null}
      {saved ? <Text className='categories-saved'>已保存。随手拍和督导上报的类别选择已按新的名称、顺序和启用情况更新。</Text> : null}
      {conflict ? (
        <View className='categories-conflict'>
          <Text className='wm-error-text categories-conflict-text'>{conflict}。您这次的修改没有保存：上面仍是您改过的内容，可以先记下来；载入最新类别后，您的修改会被放弃，需要再改一次。</Text>
          <Button className='categories-reload' type='primary' block loading={busy} disabled={busy} onClick={() => void reload()}>
            放弃我的修改，载入最新类别
          </Button>
        </View>
      ) : (
        <Button className='categories-save' type='primary' block loading={busy} disabled={busy} onClick={() => void save()}>
          保存全部类别
        </Button>
      )}
    </View>
  )
}

interface CardProps {
  row: CategoryRow
  index: number
  last: boolean
  error?: string
  disabled: boolean
  onChange: (change: Partial<CategoryRow>) => void
  onMove: (delta: -1 | 1) => void
  onRemove: () => void
}

function CategoryCard({ row, index, last, error, disabled, onChange, onMove, onRemove }: CardProps) {
  return (
    <View className={`category-card${row.enabled ? '' : ' category-card--off'}`} data-code={row.code}>
      <View className='category-card-head'>
        <Text className='category-order'>{index + 1}</Text>
        {row.isNew ? <Text className='category-new'>新增，未保存</Text> : null}
        <View className='category-switch'>
          <Text className='category-state'>{row.enabled ? '启用' : '已停用'}</Text>
          <Switch className='category-enabled' checked={row.enabled} disabled={disabled} ariaLabel={`启用${row.name}`} onChange={(enabled) => onChange({ enabled })} />
        </View>
      </View>
      <FormField label='类别名称' error={error}>
        <TextInput className='category-name' value={row.name} maxlength={30} placeholder='如：乱扔垃圾' disabled={disabled} onChange={(name) => onChange({ name })} />
      </FormField>
      <View className='category-actions'>
        <Button className='category-up' size='small' fill='outline' disabled={disabled || index === 0} onClick={() => onMove(-1)}>
          上移
        </Button>
        <Button className='category-down' size='small' fill='outline' disabled={disabled || last} onClick={() => onMove(1)}>
          下移
        </Button>
        {row.isNew ? (
          <Button className='category-remove' size='small' fill='outline' disabled={disabled} onClick={onRemove}>
            删除
          </Button>
        ) : null}
      </View>
    </View>
  )
}
