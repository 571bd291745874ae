export default definePageConfig({
  navigationBarTitleText: '通报打印版'
})
