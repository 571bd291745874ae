import { useRouter } from '@tarojs/taro'
import { LetterActions } from '@/components/letter-actions/letter-actions'
import { LetterView } from '@/components/letter-view'
import { StaffGuard } from '@/components/staff-guard'
import { ErrorState, Skeleton } from '@/components/state-view'
import { useRemote } from '@/hooks/use-remote'
import { call } from '@/services/call'
import './index.scss'

/** One letter (问题通知函 / 答复函 / 工作提示函), laid out for printing or saving as an image. */
export default function LetterPage() {
  return (
    <StaffGuard name='letter' title='函件' allow={(scope) => scope.canHandleReports} denied='函件只对处置问题的工作人员开放'>
      <LetterBody />
    </StaffGuard>
  )
}

function LetterBody() {
  const { params } = useRouter()
  const letterId = params.id
  const letter = useRemote(() => call('reports.letter', { letterId: letterId ?? '' }), `letter:${letterId ?? ''}`, Boolean(letterId))
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
