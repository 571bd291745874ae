import { useEffect, useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { BulletinCase, BulletinContest, BulletinDetail, BulletinGroup, BulletinOverdueUnit, ContestDecision } from '@/contract'
import { TextArea } from '@/components/form-field'
import { SectionCard } from '@/components/section-card'
import { EmptyState } from '@/components/state-view'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { formatDate, formatDateTime } from '@/services/format'
import { BoardLists, RowFigures, StatusTag } from './figures'
import { LetterCard } from './letter-card'
import { Published } from './published'

type Changed = (next: BulletinDetail) => void

function Head({ b }: { b: BulletinDetail }) {
  return (
    <SectionCard title={b.title} className='bulletin-head'>
      <StatusTag status={b.status} label={b.statusLabel} />
      <Text className='wm-muted'>
        {b.kindLabel} · {b.periodLabel}
      </Text>
      <Text className='wm-muted'>
        评分办法：{b.scheme.name}（第 {b.scheme.version} 版）· 问题少于 {b.minVolume} 件不排名次 · 流动红旗分数线 {b.flagThreshold} 分
      </Text>
      <Text className='wm-muted'>生成于 {formatDateTime(b.generatedAt)}</Text>
      {b.reviewUntil ? <Text className='bulletin-review-until'>申诉期至 {formatDateTime(b.reviewUntil)}</Text> : null}
      {b.publishedAt ? <Text className='wm-muted'>{formatDate(b.publishedAt)} 发布</Text> : null}
    </SectionCard>
  )
}

function Flag({ b }: { b: BulletinDetail }) {
  return (
    <SectionCard title='流动红旗' className='bulletin-flag'>
      {b.flag ? (
        <>
          <Text className='bulletin-flag-name'>
            {b.flag.name} · {Math.round(b.flag.score * 10) / 10} 分
          </Text>
          <Text className='wm-muted'>{b.flag.previousName ? `上期：${b.flag.previousName}` : '上期无人获得'}</Text>
        </>
      ) : (
        <Text className='wm-muted bulletin-flag-none'>{b.flagNote ?? '本期流动红旗空缺'}</Text>
      )}
    </SectionCard>
  )
}

/** The editable text (draft), 重新生成 and 发给村居和单位核对. */
function Draft({ b, onChanged }: { b: BulletinDetail; onChanged: Changed }) {
  const [text, setText] = useState(b.text)
  const edit = useAction('supervision.editBulletin')
  const regenerate = useAction('supervision.generateBulletin')
  const review = useAction('supervision.openBulletinReview')
  useEffect(() => setText(b.text), [b.text])
  const save = async () => {
    const res = await edit.run({ bulletinId: b.id, rev: b.rev, text: text.trim() })
    if (!res?.ok) return
    void Taro.showToast({ title: '已保存', icon: 'success' })
    onChanged(res.data)
  }
  const redo = async () => {
    const sure = await Taro.showModal({ title: '重新生成这期通报？', content: '按最新数据和评分办法重新计算排名和得分。' })
    if (!sure.confirm) return
    const res = await regenerate.run({ kind: b.kind, periodKey: b.periodKey })
    if (res?.ok) onChanged(res.data)
  }
  const open = async () => {
    const res = await review.run({ bulletinId: b.id, rev: b.rev })
    if (!res?.ok) return
    void Taro.showToast({ title: '已发给村居和单位核对', icon: 'none' })
    onChanged(res.data)
  }
  const busy = edit.busy || regenerate.busy || review.busy
  const message = edit.message ?? regenerate.message ?? review.message
  return (
    <SectionCard title='通报正文' className='bulletin-draft'>
      {b.canEdit ? (
        <>
          <TextArea value={text} onChange={setText} maxlength={5000} className='bulletin-text-input' placeholder='通报正文' />
          {edit.fieldErrors.text ? <Text className='wm-error-text'>{edit.fieldErrors.text}</Text> : null}
        </>
      ) : (
        <Text className='bulletin-text'>{b.text}</Text>
      )}
      <View className='bulletin-actions'>
        {b.canEdit ? (
          <Button type='primary' className='bulletin-save' loading={edit.busy} disabled={busy || text.trim() === b.text} onClick={() => void save()}>
            保存正文
          </Button>
        ) : null}
        {b.canRegenerate ? (
          <Button fill='outline' className='bulletin-regenerate' loading={regenerate.busy} disabled={busy} onClick={() => void redo()}>
            重新生成
          </Button>
        ) : null}
        {b.canOpenReview ? (
          <Button fill='outline' className='bulletin-open-review' loading={review.busy} disabled={busy} onClick={() => void open()}>
            发给村居和单位核对
          </Button>
        ) : null}
      </View>
      {message ? <Text className='wm-error-text bulletin-draft-error'>{message}</Text> : null}
    </SectionCard>
  )
}

function ContestAnswer({ b, contest, onChanged }: { b: BulletinDetail; contest: BulletinContest; onChanged: Changed }) {
  const answer = useAction('supervision.answerContest')
  const [note, setNote] = useState('')
  const run = async (decision: ContestDecision) => {
    const res = await answer.run({ bulletinId: b.id, contestId: contest.id, decision, note: note.trim() })
    if (!res?.ok) return
    void Taro.showToast({ title: decision === 'accept' ? '已采纳' : '已答复', icon: 'success' })
    onChanged(res.data)
  }
  return (
    <View className='bulletin-contest-answer'>
      <TextArea value={note} onChange={setNote} maxlength={500} className='bulletin-contest-note' placeholder='答复：采纳时写更正说明，不予采纳时写明理由' />
      {answer.fieldErrors.note ? <Text className='wm-error-text'>{answer.fieldErrors.note}</Text> : null}
      <View className='bulletin-actions'>
        <Button type='primary' size='small' className='bulletin-contest-accept' loading={answer.pending?.decision === 'accept'} disabled={answer.busy} onClick={() => void run('accept')}>
          采纳
        </Button>
        <Button fill='outline' size='small' className='bulletin-contest-reject' loading={answer.pending?.decision === 'reject'} disabled={answer.busy} onClick={() => void run('reject')}>
          不予采纳
        </Button>
      </View>
      {answer.message && !answer.fieldErrors.note ? <Text className='wm-error-text'>{answer.message}</Text> : null}
    </View>
  )
}

export function ContestItem({ contest, children }: { contest: BulletinContest; children?: JSX.Element | null }) {
  return (
    <View className={`bulletin-contest bulletin-contest--${contest.status}`} data-contest-id={contest.id}>
      <View className='bulletin-contest-head'>
        <Text className='bulletin-contest-title'>
          {contest.placeName} · {contest.figureLabel}
        </Text>
        <Text className={`bulletin-contest-status bulletin-contest-status--${contest.status}`}>{contest.statusLabel}</Text>
      </View>
      <Text className='bulletin-contest-reason'>理由：{contest.reason}</Text>
      <Text className='wm-muted'>
        {contest.byName} · {formatDateTime(contest.at)}
      </Text>
      {contest.answer ? (
        <Text className='bulletin-contest-reply'>
          答复：{contest.answer}
          {contest.answeredByName ? `（${contest.answeredByName}，${formatDateTime(contest.answeredAt)}）` : ''}
        </Text>
      ) : null}
      {children}
    </View>
  )
}

function Contests({ b, onChanged }: { b: BulletinDetail; onChanged: Changed }) {
  if (b.status === 'draft') return null
  return (
    <SectionCard title='申诉' className='bulletin-contests'>
      {b.contests.length ? (
        b.contests.map((c) => (
          <ContestItem key={c.id} contest={c}>
            {c.status === 'open' && b.status === 'review' ? <ContestAnswer b={b} contest={c} onChanged={onChanged} /> : null}
          </ContestItem>
        ))
      ) : (
        <EmptyState text='没有申诉' />
      )}
    </SectionCard>
  )
}

/** 发布: the reasons it is refused now, in Chinese, and the server's refusal when pressed. */
function Publish({ b, onChanged }: { b: BulletinDetail; onChanged: Changed }) {
  const publish = useAction('supervision.publishBulletin')
  if (b.status === 'published') return null
  const run = async () => {
    const sure = await Taro.showModal({ title: '发布这期通报？', content: '发布后不能再修改，居民可以看到红黑榜和流动红旗。' })
    if (!sure.confirm) return
    const res = await publish.run({ bulletinId: b.id, rev: b.rev })
    if (!res?.ok) return
    void Taro.showToast({ title: '已发布', icon: 'success' })
    onChanged(res.data)
  }
  return (
    <SectionCard title='发布' className='bulletin-publish'>
      {b.publishBlockers.length ? (
        <View className='bulletin-blockers'>
          <Text className='bulletin-blockers-title'>暂不能发布：</Text>
          {b.publishBlockers.map((reason, k) => (
            <Text key={k} className='wm-error-text bulletin-blocker'>
              · {reason}
            </Text>
          ))}
        </View>
      ) : (
        <Text className='wm-muted'>申诉期已结束，申诉都已答复，可以发布。</Text>
      )}
      <Button type='primary' block className='bulletin-publish-button' loading={publish.busy} disabled={publish.busy} onClick={() => void run()}>
        发布通报
      </Button>
      {publish.message ? <Text className='wm-error-text bulletin-publish-error'>{publish.message}</Text> : null}
    </SectionCard>
  )
}

function Group({ group }: { group: BulletinGroup }) {
  const [open, setOpen] = useState<string | null>(null)
  return (
    <SectionCard title={`${group.label}排名`} className={`bulletin-group bulletin-group--${group.peer}`}>
      <BoardLists red={group.red} black={group.black} />
      {group.rows.map((row) => (
        <View key={row.placeId} onClick={() => setOpen(open === row.placeId ? null : row.placeId)}>
          <RowFigures row={row} open={open === row.placeId} />
        </View>
      ))}
      <Text className='wm-muted bulletin-tap-hint'>点一行查看各项数据和得分依据</Text>
    </SectionCard>
  )
}

function OverdueUnits({ units }: { units: BulletinOverdueUnit[] }) {
  return (
    <SectionCard title='超期问题（按责任单位）' className='bulletin-overdue'>
      {units.length ? (
        units.map((u) => (
          <View key={u.unitId} className='bulletin-overdue-unit'>
            <Text className='bulletin-overdue-name'>
              {u.name}：超期 {u.overdue} 件 / 在办 {u.open} 件
            </Text>
            {u.items.map((i) => (
              <Text key={i.reportId} className='wm-muted bulletin-overdue-item'>
                {i.no} {i.categoryName}（{i.villageName}）{i.rectifyDeadline ? `期限 ${i.rectifyDeadline}，` : ''}超期 {i.workdaysOverdue} 个工作日
              </Text>
            ))}
          </View>
        ))
      ) : (
        <EmptyState text='没有超期问题' />
      )}
    </SectionCard>
  )
}

function Cases({ cases }: { cases: BulletinCase[] }) {
  if (!cases.length) return null
  return (
    <SectionCard title='典型案例' className='bulletin-cases'>
      {cases.map((c) => (
        <View key={c.reportId} className='bulletin-case'>
          <Text className='bulletin-case-title'>
            {c.no} {c.categoryName} · {c.villageName}
            {c.unitName ? ` · ${c.unitName}` : ''}
          </Text>
          <Text className='wm-muted'>
            {c.address} · {formatDate(c.closedAt)} 销号 · 用时 {c.handlingWorkdays} 个工作日
          </Text>
          <View className='bulletin-case-photos'>
            {c.before.slice(0, 1).map((p) => (
              <View key={p.fileId} className='bulletin-case-photo'>
                <Image src={p.url} mode='aspectFill' className='bulletin-case-img' />
                <Text className='wm-muted'>整改前</Text>
              </View>
            ))}
            {c.after.slice(0, 1).map((p) => (
              <View key={p.fileId} className='bulletin-case-photo'>
                <Image src={p.url} mode='aspectFill' className='bulletin-case-img' />
                <Text className='wm-muted'>整改后</Text>
              </View>
            ))}
          </View>
        </View>
      ))}
    </SectionCard>
  )
}

/** The whole bulletin as the town office works on it. */
export function TownBulletin({ b, onChanged }: { b: BulletinDetail; onChanged: Changed }) {
  return (
    <>
      <Head b={b} />
      {b.status === 'published' ? <Published bulletinId={b.id} flagThreshold={b.flagThreshold} canExport /> : null}
      <Publish b={b} onChanged={onChanged} />
      <Contests b={b} onChanged={onChanged} />
      <Draft b={b} onChanged={onChanged} />
      <Flag b={b} />
      {b.groups.length ? b.groups.map((g) => <Group key={g.peer} group={g} />) : <EmptyState text='本期没有可排名的村（居）和单位' />}
      <OverdueUnits units={b.overdueByUnit} />
      <Cases cases={b.cases} />
      {b.letters.length ? (
        <SectionCard title='工作提示函（月问效）'>
          {b.letters.map((l) => (
            <LetterCard key={l.id} letter={l} />
          ))}
        </SectionCard>
      ) : null}
    </>
  )
}
