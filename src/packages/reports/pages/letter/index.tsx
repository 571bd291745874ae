import { useRouter } from '@tarojs/taro'
import { LetterActions } from '@/components/letter-actions/letter-actions'
import { LetterView } from '@/components/letter-view'
import { guardedPage } from '@/components/guard'
import { ErrorState, Skeleton } from '@/components/state-view'
import { useQuery } from '@/hooks/use-query'
import './index.scss'

/** One letter (问题通知函 / 答复函 / 工作提示函), laid out for printing or saving as an image. */
export default guardedPage('letter', LetterBody)

function LetterBody() {
  const { params } = useRouter()
  const letterId = params.id
  const letter = useQuery('reports.letter', letterId ? { letterId } : null)
  if (!letterId) return <ErrorState message='没有指定要查看的函件' />
  if (letter.loading && !letter.data) return <Skeleton rows={8} />
  if (letter.error && !letter.data) return <ErrorState message={letter.error} onRetry={() => void letter.reload()} retrying={letter.loading} />
  if (!letter.data) return <ErrorState message='要找的内容不存在或已删除' />
  return (
    <>
      <LetterView letter={letter.data} />
      <LetterActions letter={letter.data} />
    </>
  )
}
