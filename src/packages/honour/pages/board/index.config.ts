export default definePageConfig({
  navigationBarTitleText: '光荣榜'
})
