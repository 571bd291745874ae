import { userActions } from '@/contract/users'
import { createFunction } from '../_shared/router'
import { handlers } from './handlers'

export const main = createFunction('users', userActions, handlers)
