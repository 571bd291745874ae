import type { PropsWithChildren } from 'react'
import { AppStoreProvider } from '@/store/app-store'
import { boot } from './services/boot'
import { watchPageNotFound } from './services/not-found'
import './app.scss'

boot()
watchPageNotFound()

/** The app-level store wraps every page: the signed-in profile and 长辈模式. */
function App({ children }: PropsWithChildren) {
  return <AppStoreProvider>{children}</AppStoreProvider>
}

export default App
