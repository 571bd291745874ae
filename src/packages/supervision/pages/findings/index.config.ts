export default definePageConfig({
  navigationBarTitleText: '扣款与申诉'
})
