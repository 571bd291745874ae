import { ComingSoon } from '@/components/coming-soon'

export default function HonourPage() {
  return (
    <ComingSoon
      name='honour'
      title='光荣榜'
      description='看各村（居）的善行义举四德榜和好媳妇、好婆婆、五好家庭、最美志愿者等评选，参与推荐和投票。'
    />
  )
}
