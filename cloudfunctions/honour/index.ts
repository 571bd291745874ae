import { honourActions } from '@/contract/honour'
import { createFunction } from '../_shared/router'
import { handlers } from './handlers'

/** 善行义举四德榜 and 评选: every call goes through the router. */
export const main = createFunction('honour', honourActions, handlers)
