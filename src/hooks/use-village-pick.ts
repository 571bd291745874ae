import { useState } from 'react'
import { useAdminScope } from './use-admin-scope'
import { useOrgOverview } from './use-org'

/**
 * The village a staff page works on: the town office may pick any, others one of theirs
 * (`mine`: village admins only, or village admins and grid workers). The first is picked until
 * someone picks another; `villageId` is null while there is none.
 */
export function useVillagePick(mine: 'villageIds' | 'staffVillageIds') {
  const scope = useAdminScope()
  const org = useOrgOverview()
  const villages = (org.data?.villages ?? []).filter((v) => scope.isTownAdmin || scope[mine].includes(v.id))
  const [picked, setPicked] = useState<string | null>(null)
  const villageId = picked ?? villages[0]?.id ?? null
  return { org, villages, villageId, setPicked }
}
