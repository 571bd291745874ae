import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { BulletinLetter } from '@/contract'
import { TextArea } from '@/components/form-field'
import { Button } from '@/components/ui'
import { useAction } from '@/hooks/use-action'
import { formatChineseDate, formatDateTime } from '@/services/format'
import { validateInput } from '@/services/validate'

/** The addressee's answer (整改措施). */
function Answer({ letter, onAnswered }: { letter: BulletinLetter; onAnswered: (next: BulletinLetter) => void }) {
  const answer = useAction('supervision.answerBulletinLetter')
  const [text, setText] = useState('')
  const run = async () => {
    const input = { letterId: letter.id, answer: text.trim() }
    const invalid = validateInput('supervision.answerBulletinLetter', input)
    if (invalid) return answer.fail(invalid.message, invalid.fields)
    const res = await answer.run(input)
    if (!res?.ok) return
    void Taro.showToast({ title: '已答复', icon: 'success' })
    onAnswered(res.data)
  }
  return (
    <View className='bulletin-letter-answer'>
      <TextArea value={text} onChange={setText} maxlength={1000} className='bulletin-letter-answer-input' placeholder='答复：写明整改措施和完成时间' />
      {answer.message ? <Text className='wm-error-text bulletin-letter-error'>{answer.fieldErrors.answer ?? answer.message}</Text> : null}
      <Button type='primary' size='small' className='bulletin-letter-answer-button' loading={answer.busy} disabled={answer.busy} onClick={() => void run()}>
        提交答复
      </Button>
    </View>
  )
}

/** One 工作提示函: number, addressee, why, the text and the answer (the addressee answers here). */
export function LetterCard({ letter, onAnswered }: { letter: BulletinLetter; onAnswered?: (next: BulletinLetter) => void }) {
  return (
    <View className={`bulletin-letter${letter.answer ? ' bulletin-letter--answered' : ''}`} data-letter-id={letter.id}>
      <View className='bulletin-letter-head'>
        <Text className='bulletin-letter-no'>{letter.no}</Text>
        <Text className={`bulletin-letter-state${letter.answer ? ' bulletin-letter-state--done' : ''}`}>{letter.answer ? '已答复' : '待答复'}</Text>
      </View>
      <Text className='bulletin-letter-to'>
        致：{letter.placeName}
        {letter.to}
      </Text>
      <Text className='wm-muted'>
        {formatChineseDate(letter.issuedAt)} · {letter.month.slice(0, 4)}年{Number(letter.month.slice(5))}月问效
      </Text>
      {letter.reasons.map((r, k) => (
        <Text key={k} className='bulletin-letter-reason'>
          · {r}
        </Text>
      ))}
      <Text className='bulletin-letter-body'>{letter.body}</Text>
      {letter.answer ? (
        <Text className='bulletin-letter-reply'>
          答复：{letter.answer}
          {letter.answeredByName ? `（${letter.answeredByName}，${formatDateTime(letter.answeredAt)}）` : ''}
        </Text>
      ) : letter.canAnswer && onAnswered ? (
        <Answer letter={letter} onAnswered={onAnswered} />
      ) : null}
    </View>
  )
}
