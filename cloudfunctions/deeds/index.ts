import { createFunction } from '../_shared/router'
import { handlers } from './handlers'

export const main = createFunction('deeds', handlers)
