import { View, Text } from '@tarojs/components'
import { ROLE_LABELS, type OrgOverview, type Role, type RoleGrant, type Unit } from '@/contract'
import { describeGrant } from '@/services/org-names'
import './index.scss'

interface Props {
  roles: readonly Role[]
  grants: readonly RoleGrant[]
  org: OrgOverview | null
  units: Unit[] | null
}

/** Each granted role with its place by name; roles without a grant (居民、志愿者) by label. */
export function RoleTags({ roles, grants, org, units }: Props) {
  const granted = new Set(grants.map((grant) => grant.role))
  const plain = roles.filter((role) => !granted.has(role as RoleGrant['role']))
  return (
    <View className='role-tags'>
      {plain.map((role) => (
        <Text key={role} className={`role-tag role-tag--${role}`}>
          {ROLE_LABELS[role]}
        </Text>
      ))}
      {grants.map((grant) => (
        <Text key={`${grant.role}:${grant.villageId ?? ''}:${grant.gridId ?? ''}:${grant.unitId ?? ''}`} className={`role-tag role-tag--${grant.role}`}>
          {describeGrant(grant, org, units)}
        </Text>
      ))}
    </View>
  )
}
