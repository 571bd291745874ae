import { NETWORK_FAILURE_MESSAGE, type Transport } from './transport-types'

/**
 * Fallback seen by tsc and jest only: the builds pick transport.weapp.ts or
 * transport.h5.ts. Page tests mock `@/services/call` instead of reaching this.
 */
export const send: Transport = async () => ({ ok: false, code: 'INTERNAL', message: NETWORK_FAILURE_MESSAGE })
