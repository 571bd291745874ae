import type { Handlers } from '../../_shared/router'
import { board, boards, manageBoards, publishBoard, saveBoard, withdrawBoard } from './boards'
import { candidates, closeSelection, nominate, publishWinners, reviewCandidate, saveSelection, selection, selections } from './selections'
import { vote } from './votes'

export const handlers: Handlers<'honour'> = {
  boards,
  manageBoards,
  board,
  saveBoard,
  publishBoard,
  withdrawBoard,
  selections,
  selection,
  saveSelection,
  nominate,
  candidates,
  reviewCandidate,
  vote,
  closeSelection,
  publishWinners
}
