import { Button } from '@/components/ui'

interface Choice {
  label: string
  className: string
}

interface Props {
  busy: boolean
  /** The reason for a rejection is being written: confirm it or cancel, instead of approve or reject. */
  rejecting: boolean
  setRejecting: (rejecting: boolean) => void
  approve: Choice & { onClick: () => void }
  /** Opens the rejection step. */
  reject: Choice
  confirmReject: Choice & { onClick: () => void }
}

/** A reviewer's two-step decision: approve, or reject and then confirm the rejection (with its reason) or cancel. */
export function DecideButtons({ busy, rejecting, setRejecting, approve, reject, confirmReject }: Props) {
  if (rejecting)
    return (
      <>
        <Button className={confirmReject.className} type='primary' loading={busy} disabled={busy} onClick={confirmReject.onClick}>
          {confirmReject.label}
        </Button>
        <Button fill='outline' disabled={busy} onClick={() => setRejecting(false)}>
          取消
        </Button>
      </>
    )
  return (
    <>
      <Button className={approve.className} type='primary' loading={busy} disabled={busy} onClick={approve.onClick}>
        {approve.label}
      </Button>
      <Button className={reject.className} fill='outline' disabled={busy} onClick={() => setRejecting(true)}>
        {reject.label}
      </Button>
    </>
  )
}
