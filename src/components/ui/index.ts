// NutUI on demand: each component's module and its own stylesheet, never the whole library.
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'

export { Button } from '@nutui/nutui-react-taro/dist/es/packages/button/button'
export { Switch } from '@nutui/nutui-react-taro/dist/es/packages/switch/switch'
