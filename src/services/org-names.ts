import { ROLE_LABELS, type OrgOverview, type RoleGrant, type Unit, type Village, type Grid } from '@/contract'

export function findVillage(org: OrgOverview | null | undefined, villageId: string | null | undefined): Village | undefined {
  if (!org || !villageId) return undefined
  return org.villages.find((village) => village.id === villageId)
}

export function findGrid(org: OrgOverview | null | undefined, gridId: string | null | undefined): (Grid & { villageName: string }) | undefined {
  if (!org || !gridId) return undefined
  for (const village of org.villages) {
    const grid = village.grids.find((item) => item.id === gridId)
    if (grid) return { ...grid, villageName: village.name }
  }
  return undefined
}

/** "网格员 · 东山村 第一网格", with ids left as they are when the names are not loaded. */
export function describeGrant(grant: RoleGrant, org: OrgOverview | null | undefined, units: Unit[] | null | undefined): string {
  const label = ROLE_LABELS[grant.role]
  let place = ''
  if (grant.role === 'town_admin') place = org?.town?.name ?? ''
  else if (grant.gridId) {
    const grid = findGrid(org, grant.gridId)
    place = grid ? `${grid.villageName} ${grid.name}` : '（网格已删除或未加载）'
  } else if (grant.unitId) {
    const unit = units?.find((item) => item.id === grant.unitId)
    place = unit ? unit.name : '（单位未加载）'
  } else if (grant.villageId) {
    place = findVillage(org, grant.villageId)?.name ?? '（村居未加载）'
  }
  return place ? `${label} · ${place}` : label
}

/** 138****1234; keeps other shapes (already masked by the server, empty) as they are. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return ''
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone
}
