/** Rendering pages as the app does (inside the app store) and tapping with React's updates flushed. */
import { act, fireEvent, render } from '@testing-library/react'
import { AppStoreProvider } from '@/store/app-store'

export function inStore(node: JSX.Element) {
  return render(<AppStoreProvider>{node}</AppStoreProvider>)
}

/** Taps an element and waits for the state updates it starts. */
export async function click(element: Element | null): Promise<void> {
  if (!element) throw new Error('nothing to click')
  await act(async () => {
    fireEvent.click(element)
  })
}
