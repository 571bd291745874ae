export default definePageConfig({
  navigationBarTitleText: '保洁区域'
})
