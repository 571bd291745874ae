import { deedActions } from '@/contract/deeds'
import { createFunction } from '../_shared/router'
import { handlers } from './handlers'

export const main = createFunction('deeds', deedActions, handlers)
