import { View, Text } from '@tarojs/components'
import { CertificateImage } from '@/components/certificate-image/certificate-image'
import { PageShell } from '@/components/page-shell'
import { ErrorState, Skeleton } from '@/components/state-view'
import { useQuery } from '@/hooks/use-query'
import { hoursNumber } from '@/services/activity-time'
import { formatChineseDate } from '@/services/format'
import './index.scss'

/** 志愿服务证明: issued by the server (number, masked ID), drawn here as an image to save or share. */
export default function CertificatePage() {
  const certificate = useQuery('volunteers.certificate', {})
  let body: JSX.Element
  if (certificate.loading && !certificate.data) body = <Skeleton rows={8} />
  else if (certificate.error && !certificate.data) body = <ErrorState message={certificate.error} onRetry={() => void certificate.reload()} retrying={certificate.loading} />
  else if (!certificate.data) body = <ErrorState message='要找的内容不存在或已删除' />
  else {
    const cert = certificate.data
    body = (
      <>
        <View className='certificate-summary'>
          <Text className='certificate-summary-line'>
            {cert.realName} · 累计 {hoursNumber(cert.totalHours)} 小时 · {cert.activities.length} 次活动
          </Text>
          <Text className='wm-muted certificate-summary-line'>
            编号 {cert.no} · {cert.issuer} · {formatChineseDate(cert.issuedAt)}
          </Text>
        </View>
        <CertificateImage certificate={cert} />
      </>
    )
  }
  return <PageShell name='certificate'>{body}</PageShell>
}
