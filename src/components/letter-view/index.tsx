import { View, Text } from '@tarojs/components'
import type { Letter } from '@/contract'
import { formatChineseDate, formatDate } from '@/services/format'
import { bodyParagraphs } from '@/services/letter-layout'
import './index.scss'

/** A letter in the formal layout of an official notice (问题通知函 / 答复函 / 工作提示函). */
export function LetterView({ letter }: { letter: Letter }) {
  return (
    <View className={`letter letter--${letter.kind}`}>
      <Text className='letter-title'>{letter.kindLabel}</Text>
      <Text className='letter-no'>{letter.no}</Text>
      <Text className='letter-to'>{letter.to}：</Text>
      <View className='letter-body'>
        {bodyParagraphs(letter).map((paragraph, index) => (
          <Text key={index} className='letter-paragraph'>
            {paragraph}
          </Text>
        ))}
      </View>
      {letter.dueAt ? <Text className='letter-due'>办理期限：{formatDate(letter.dueAt)}</Text> : null}
      <Text className='letter-ref'>关联问题编号：{letter.reportNo}</Text>
      <View className='letter-sign'>
        <Text className='letter-from'>{letter.from}</Text>
        <Text className='letter-date'>{formatChineseDate(letter.issuedAt)}</Text>
      </View>
    </View>
  )
}
