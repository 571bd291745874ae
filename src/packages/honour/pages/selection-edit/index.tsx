import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { HONOUR_CATEGORIES, HONOUR_CATEGORY_LABELS, type HonourCategory, type InputOf } from '@/contract'
import { ChoiceChips } from '@/components/choice-chips'
import { DateTimeField } from '@/components/datetime-field'
import { FormField, TextArea, TextInput } from '@/components/form-field'
import { PageShell } from '@/components/page-shell'
import { Button } from '@/components/ui'
import { useAdminScope } from '@/hooks/use-admin-scope'
import { useOrgOverview } from '@/hooks/use-org'
import { call } from '@/services/call'
import { HONOUR_ROUTES } from '@/services/honour-routes'
import { withId } from '@/services/routes'
import { validateInput } from '@/services/validate'
import '../honour.scss'

const TOWN = 'town'
const DAY = 24 * 3600 * 1000
const CATEGORIES = HONOUR_CATEGORIES.map((value) => ({ value, label: HONOUR_CATEGORY_LABELS[value] }))

function at(days: number): string {
  const d = new Date(Date.now() + days * DAY)
  d.setMinutes(0, 0, 0)
  return d.toISOString()
}

/** 新建评选: scope, rules, category, nomination and voting windows, votes per person, notice days, places. */
export default function SelectionEditPage() {
  const scope = useAdminScope()
  const org = useOrgOverview()
  const villages = (org.data?.villages ?? []).filter((village) => scope.isTownAdmin || scope.villageIds.includes(village.id))
  const options = [...(scope.isTownAdmin ? [{ value: TOWN, label: '镇级' }] : []), ...villages.map((village) => ({ value: village.id, label: village.name }))]
  const [picked, setPicked] = useState<string | null>(null)
  const where = picked ?? options[0]?.value ?? null
  const [title, setTitle] = useState('')
  const [rules, setRules] = useState('')
  const [category, setCategory] = useState<HonourCategory | null>(null)
  const [nominateFrom, setNominateFrom] = useState(at(0))
  const [nominateTo, setNominateTo] = useState(at(7))
  const [voteFrom, setVoteFrom] = useState(at(7))
  const [voteTo, setVoteTo] = useState(at(14))
  const [votesPerDay, setVotesPerDay] = useState('3')
  const [votesTotal, setVotesTotal] = useState('10')
  const [noticeDays, setNoticeDays] = useState('5')
  const [winners, setWinners] = useState('5')
  const [fields, setFields] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const save = async () => {
    setMessage(null)
    const input: InputOf<'honour.saveSelection'> = {
      villageId: where && where !== TOWN ? where : null,
      title: title.trim(),
      rules: rules.trim(),
      category: category as HonourCategory,
      nominateFrom,
      nominateTo,
      voteFrom,
      voteTo,
      votesPerDay: Number(votesPerDay),
      votesTotal: Number(votesTotal),
      noticeDays: Number(noticeDays),
      winners: Number(winners)
    }
    const invalid = validateInput('honour.saveSelection', input)
    if (invalid) {
      setFields({ ...(invalid.fields ?? {}), ...(category ? {} : { category: '请选择类别' }) })
      setMessage(invalid.message)
      return
    }
    setBusy(true)
    const res = await call('honour.saveSelection', input)
    setBusy(false)
    if (!res.ok) {
      setFields(res.fields ?? {})
      setMessage(res.message)
      return
    }
    void Taro.showToast({ title: '已创建', icon: 'success' })
    void Taro.redirectTo({ url: withId(HONOUR_ROUTES.selection, res.data.id) })
  }

  const numberField = (label: string, key: string, value: string, set: (v: string) => void) => (
    <FormField label={label} error={fields[key]}>
      <TextInput className={`selection-${key}`} type='number' value={value} onChange={set} maxlength={4} />
    </FormField>
  )

  return (
    <PageShell name='selection-edit'>
      <View className='board-editor'>
        {options.length > 1 ? <ChoiceChips options={options} value={where} onChange={setPicked} label='村（居）或镇级' /> : null}
        <FormField label='评选名称' error={fields.title}>
          <TextInput className='selection-title' value={title} onChange={setTitle} placeholder='如：2026 年度“好媳妇”评选' maxlength={40} />
        </FormField>
        <FormField label='类别' error={fields.category}>
          <ChoiceChips options={CATEGORIES} value={category} onChange={setCategory} label='类别' />
        </FormField>
        <FormField label='评选规则' error={fields.rules}>
          <TextArea className='selection-rules-input' value={rules} onChange={setRules} maxlength={2000} />
        </FormField>
        <FormField label='提名开始' error={fields.nominateFrom}>
          <DateTimeField value={nominateFrom} onChange={setNominateFrom} />
        </FormField>
        <FormField label='提名截止' error={fields.nominateTo}>
          <DateTimeField value={nominateTo} onChange={setNominateTo} />
        </FormField>
        <FormField label='投票开始' error={fields.voteFrom}>
          <DateTimeField value={voteFrom} onChange={setVoteFrom} />
        </FormField>
        <FormField label='投票截止' error={fields.voteTo}>
          <DateTimeField value={voteTo} onChange={setVoteTo} />
        </FormField>
        {numberField('每人每天票数', 'votesPerDay', votesPerDay, setVotesPerDay)}
        {numberField('每人总票数', 'votesTotal', votesTotal, setVotesTotal)}
        {numberField('公示天数', 'noticeDays', noticeDays, setNoticeDays)}
        {numberField('评选名额', 'winners', winners, setWinners)}
        {message ? <Text className='wm-error-text selection-edit-message'>{message}</Text> : null}
        <Button className='selection-save' type='primary' block loading={busy} disabled={busy || !where} onClick={() => void save()}>
          创建评选
        </Button>
      </View>
    </PageShell>
  )
}
