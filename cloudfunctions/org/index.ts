import { orgActions } from '@/contract/org'
import { createFunction } from '../_shared/router'
import { handlers } from './handlers'

export const main = createFunction('org', orgActions, handlers)
