export default definePageConfig({
  navigationBarTitleText: '家庭管理'
})
