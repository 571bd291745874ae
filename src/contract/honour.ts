/* 善行义举四德榜 honour boards and 评选 selections — filled in by the honour work. */
export const honourActions = {} as const
