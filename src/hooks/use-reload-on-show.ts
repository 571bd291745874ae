import { useDidShow } from '@tarojs/taro'

/**
 * Reloads a query each time the page shows again (e.g. back from a page that changed it), unless
 * it is loading already or `when` is false (nothing to reload yet).
 */
export function useReloadOnShow(query: { loading: boolean; reload: () => Promise<void> }, when = true): void {
  useDidShow(() => {
    if (when && !query.loading) void query.reload()
  })
}
