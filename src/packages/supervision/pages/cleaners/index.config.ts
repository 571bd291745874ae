export default definePageConfig({
  navigationBarTitleText: '保洁员与月度考核'
})
