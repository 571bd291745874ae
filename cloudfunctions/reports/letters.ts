/** The text of the three letters (三函): 问题通知函, 答复函, 工作提示函. Never names the reporter. */
import { chinaDay } from '@/domain/china-time'
import type { DueDoc, EscalationLevel, LetterDoc, LetterDraft, ReportDoc } from './docs'
import { chineseDate, chineseDateOf, DUE_LABELS, ANSWER_WORKDAYS } from './model'

export const TOWN_OFFICE = '镇创建办'

export const officeOf = (level: EscalationLevel, r: Pick<ReportDoc, 'villageName'>) => (level === 'town' ? TOWN_OFFICE : r.villageName)

const place = (r: ReportDoc) => `${r.villageName}${r.gridName ? `${r.gridName}` : ''}`

function facts(r: ReportDoc): string[] {
  return [`问题编号：${r.no}`, `问题类别：${r.categoryName}`, `问题地点：${place(r)} ${r.address}`, `问题描述：${r.description}`]
}

export function noticeLetter(r: ReportDoc, opts: { unitName: string; from: string; rectifyDeadline: string; note: string | null; dueAt: Date; now: Date }): LetterDraft {
  const body = [
    `${opts.unitName}：`,
    `现将${place(r)}反映的问题交你单位办理，有关情况如下：`,
    ...facts(r),
    ...(opts.note ? [`办理要求：${opts.note}`] : []),
    `请于签收后 ${ANSWER_WORKDAYS} 个工作日内书面答复（答复函），并于${chineseDate(opts.rectifyDeadline)}前整改到位，整改结果附整改后照片。`,
    opts.from,
    chineseDateOf(opts.now)
  ].join('\n')
  return { kind: 'notice', to: opts.unitName, from: opts.from, body, dueAt: opts.dueAt }
}

export function replyLetter(r: ReportDoc, letters: LetterDoc[], opts: { measures: string; plannedDate: string; dueAt: Date; now: Date }): LetterDraft {
  const notice = [...letters].filter((l) => l.kind === 'notice').sort((a, b) => +new Date(b.issuedAt) - +new Date(a.issuedAt))[0]
  const to = r.dispatcher?.office ?? TOWN_OFFICE
  const from = r.unitName ?? '责任单位'
  const body = [
    `${to}：`,
    `${notice ? `《问题通知函》（${notice.no}）` : '你方'}交办的 ${r.no} 号问题（${r.categoryName}，${r.address}）已收悉，现答复如下：`,
    `整改措施：${opts.measures}`,
    `计划完成时间：${chineseDate(opts.plannedDate)}`,
    from,
    chineseDateOf(opts.now)
  ].join('\n')
  return { kind: 'reply', to, from, body, dueAt: opts.dueAt }
}

/** Who was supposed to act when a due passes. */
function responsible(r: ReportDoc, due: DueDoc): string {
  switch (due.kind) {
    case 'accept':
      return `${r.gridName ?? r.villageName}网格员`
    case 'dispatch':
      return `${r.villageName}`
    case 'verify':
      return r.dispatcher?.office ?? r.villageName
    default:
      return r.unitName ?? '责任单位'
  }
}

export function reminderLetter(r: ReportDoc, due: DueDoc, now: Date): LetterDraft {
  const to = due.escalateTo === 'town' ? `${TOWN_OFFICE}（分管负责同志）` : `${r.villageName}（村居负责同志）`
  const who = responsible(r, due)
  const at = new Date(due.at)
  const body = [
    `${to}：`,
    `${place(r)}${r.address}的「${r.categoryName}」问题（编号 ${r.no}），${who}应于${chineseDate(chinaDay(at))}前完成${DUE_LABELS[due.kind]}，截至${chineseDateOf(now)}仍未完成，已逾期。`,
    `请督促${who}立即办理，并将办理情况报${TOWN_OFFICE}。`,
    TOWN_OFFICE,
    chineseDateOf(now)
  ].join('\n')
  return { kind: 'reminder', to, from: TOWN_OFFICE, body, dueAt: null }
}
