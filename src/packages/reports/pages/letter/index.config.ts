export default definePageConfig({
  navigationBarTitleText: '函件'
})
