import { useMemo } from 'react'
import type { BulletinBoardEntry, OrgOverview, PublicBulletin } from '@/contract'
import { CanvasImage } from '@/components/canvas-image/canvas-image'
import { ErrorState, Skeleton } from '@/components/state-view'
import type { Remote } from '@/hooks/use-query'
import { drawBulletinImage, type BulletinImage as ImageData, type BulletinImageRow } from '@/services/bulletin-image'

export const IMAGE_FAILED = '生成通报图片没有成功，请稍后再试'

/**
 * Who signs the image and the printed copy: the town's 文明创建办公室 (org.overview's town). null
 * while org.overview has not answered: a document signed before then would read 「文明创建办公室」
 * without the town, and that is what a quick 保存图片 or 打印 would keep.
 */
export function issuerOf(org: OrgOverview | null): string | null {
  return org ? `${org.town?.name ?? ''}文明创建办公室` : null
}

/** Until the issuer is known: a skeleton, or org.overview's failure with 重试. */
export function IssuerPending({ org, rows = 6 }: { org: Remote<OrgOverview>; rows?: number }) {
  if (org.error && !org.data) return <ErrorState message={org.error} onRetry={() => void org.reload()} retrying={org.loading} />
  return <Skeleton rows={rows} />
}

const rowsOf = (entries: BulletinBoardEntry[]): BulletinImageRow[] => entries.map((e, k) => ({ place: k + 1, name: e.name, score: e.score }))

/** The public part of a published bulletin as the image draws it (no persons, no problems). */
export function imageDataOf(bulletin: PublicBulletin, issuer: string, flagThreshold: number | null = null): ImageData {
  return {
    title: bulletin.title,
    periodLabel: bulletin.periodLabel,
    flag: bulletin.flag ? { name: bulletin.flag.name, score: bulletin.flag.score } : null,
    flagThreshold,
    groups: bulletin.groups.filter((g) => g.red.length || g.black.length).map((g) => ({ label: g.label, red: rowsOf(g.red), black: rowsOf(g.black) })),
    issuer,
    publishedAt: bulletin.publishedAt
  }
}

/** A published bulletin as a picture to save, share or print (canvas-image picks the weapp or browser rendering). */
export function BulletinImage({ bulletin, issuer, flagThreshold }: { bulletin: PublicBulletin; issuer: string; flagThreshold?: number | null }) {
  const data = useMemo(() => imageDataOf(bulletin, issuer, flagThreshold ?? null), [bulletin, issuer, flagThreshold])
  return (
    <CanvasImage
      data={data}
      draw={drawBulletinImage}
      prefix='bulletin-image'
      rootClass='bulletin-image-box'
      failedText={IMAGE_FAILED}
      alt={`${bulletin.title} 图片`}
      fileName={`${bulletin.title}-${bulletin.periodLabel}.png`}
    />
  )
}
