import type { GeoPoint } from '@/contract'

/** H5 has no map component (and adds no map library): the place is shown in words only. */
export function PlaceMap(_props: { location: GeoPoint | null; className?: string }) {
  return null
}
