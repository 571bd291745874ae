import { Map } from '@tarojs/components'
import type { GeoPoint } from '@/contract'
import './index.scss'

/** WeChat: a small fixed map with a marker at the place (GCJ-02, what WeChat maps use). */
export function PlaceMap({ location, className }: { location: GeoPoint | null; className?: string }) {
  if (!location) return null
  return (
    <Map
      className={`place-map${className ? ` ${className}` : ''}`}
      longitude={location.lng}
      latitude={location.lat}
      scale={16}
      enableScroll={false}
      enableZoom={false}
      markers={[{ id: 1, longitude: location.lng, latitude: location.lat, width: 24, height: 32, iconPath: '' }]}
      onError={() => undefined}
    />
  )
}
