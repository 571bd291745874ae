import { useMemo, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { guardedPage } from '@/components/guard'
import { ErrorState, Skeleton } from '@/components/state-view'
import { useAdminScope, type AdminScope } from '@/hooks/use-admin-scope'
import { useOrgOverview } from '@/hooks/use-org'
import { useQuery } from '@/hooks/use-query'
import { useReloadOnShow } from '@/hooks/use-reload-on-show'
import { PlaceChips, PlaceFigures, type Place } from '../../components/place-figures'
import { TownBulletin } from '../../components/town-bulletin'
import '../bulletins.scss'

/** One bulletin: the town office works on all of it; a village or unit sees its own figures and may contest one. */
export default guardedPage('bulletin', Bulletin)

function Bulletin() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const scope = useAdminScope()
  if (!id) return <ErrorState message='没有指定要查看的通报' />
  return scope.isTownAdmin ? <TownView id={id} /> : <PlaceView id={id} scope={scope} />
}

function TownView({ id }: { id: string }) {
  const bulletin = useQuery('supervision.bulletin', id ? { bulletinId: id } : null)
  useReloadOnShow(bulletin, Boolean(id))
  if (bulletin.error && !bulletin.data) return <ErrorState message={bulletin.error} onRetry={() => void bulletin.reload()} retrying={bulletin.loading} />
  if (!bulletin.data) return <Skeleton rows={6} />
  return <TownBulletin b={bulletin.data} onChanged={(next) => bulletin.setData(() => next)} />
}

function usePlaces(scope: AdminScope): Place[] {
  const org = useOrgOverview(scope.villageIds.length > 1 || (scope.villageIds.length > 0 && scope.unitIds.length > 0))
  return useMemo(() => {
    const villageName = (vid: string) => org.data?.villages.find((v) => v.id === vid)?.name ?? '本村（居）'
    return [
      ...scope.villageIds.map((placeId) => ({ placeKind: 'village' as const, placeId, label: villageName(placeId) })),
      ...scope.unitIds.map((placeId, k) => ({ placeKind: 'unit' as const, placeId, label: scope.unitIds.length > 1 ? `本单位 ${k + 1}` : '本单位' }))
    ]
  }, [scope.villageIds, scope.unitIds, org.data])
}

function PlaceView({ id, scope }: { id: string; scope: AdminScope }) {
  const places = usePlaces(scope)
  const [chosen, setChosen] = useState<Place | null>(null)
  const place = chosen ?? places[0] ?? null
  const figures = useQuery('supervision.bulletinFigures', id && place ? { bulletinId: id, placeKind: place.placeKind, placeId: place.placeId } : null)
  useReloadOnShow(figures, Boolean(id && place))
  if (!place) return <ErrorState message='您还没有负责的村（居）或单位' />
  let body: JSX.Element
  if (figures.error && !figures.data) body = <ErrorState message={figures.error} onRetry={() => void figures.reload()} retrying={figures.loading} />
  else if (!figures.data) body = <Skeleton rows={5} />
  else body = <PlaceFigures own={figures.data} onChanged={(next) => figures.setData(() => next)} />
  return (
    <>
      <PlaceChips places={places} value={place} onChange={setChosen} />
      {body}
    </>
  )
}
