export default definePageConfig({
  navigationBarTitleText: '我的巡查'
})
