import { View } from '@tarojs/components'
import type { Letter } from '@/contract'
import { Button } from '@/components/ui'
import { CAN_PRINT, printPage } from '@/services/documents'
import './index.scss'

/** Browser build: print the letter (the page's print stylesheet shows only the letter). */
export function LetterActions(_props: { letter: Letter }) {
  if (!CAN_PRINT) return null
  return (
    <View className='letter-actions no-print'>
      <Button className='letter-print' type='primary' block onClick={printPage}>
        打印
      </Button>
    </View>
  )
}
