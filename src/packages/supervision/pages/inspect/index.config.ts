export default definePageConfig({
  navigationBarTitleText: '检查保洁区域'
})
