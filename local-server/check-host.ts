// `npm start` runs this before building, so a refused HOST stops at once rather than after the builds.
import { bindRefusal } from './bind'

const refusal = bindRefusal(process.env.HOST || '127.0.0.1')
if (refusal) {
  console.error(refusal)
  process.exit(1)
}
